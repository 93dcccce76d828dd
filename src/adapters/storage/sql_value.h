// SqlValue and SqlRow: the values that cross the SQL port (parameters and result cells).
// A value is NULL, a 64-bit integer, a double or text; booleans travel as 0/1 integers and
// timestamps as UnixNanos integers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "core/status.h"

namespace pulse::storage {

// One SQL value. std::monostate is NULL.
using SqlValue = std::variant<std::monostate, std::int64_t, double, std::string>;

// Short type name of a value for error messages: "null", "integer", "real", "text".
const char* SqlValueTypeName(const SqlValue& value);
// Human-readable rendering for messages and tests: NULL, 42, 1.5, 'abc'.
std::string SqlValueToString(const SqlValue& value);

// Parameter helpers: a disengaged optional binds NULL.
inline SqlValue SqlNullable(const std::optional<double>& v) {
  return v ? SqlValue(*v) : SqlValue();
}
inline SqlValue SqlNullable(const std::optional<std::int64_t>& v) {
  return v ? SqlValue(*v) : SqlValue();
}
inline SqlValue SqlNullable(const std::optional<std::string>& v) {
  return v ? SqlValue(*v) : SqlValue();
}
inline SqlValue SqlNullable(const std::optional<bool>& v) {
  return v ? SqlValue(std::int64_t{*v ? 1 : 0}) : SqlValue();
}

// One result row. Typed getters return InvalidArgument on a type mismatch or NULL where a
// value is required, and OutOfRange for a bad column index; GetDouble also accepts integers.
// Value type; thread-compatible.
class SqlRow {
 public:
  SqlRow() = default;
  explicit SqlRow(std::vector<SqlValue> values) : values_(std::move(values)) {}

  std::size_t size() const { return values_.size(); }
  const std::vector<SqlValue>& values() const { return values_; }
  std::vector<SqlValue>& values() { return values_; }

  bool IsNull(std::size_t column) const;
  Result<std::int64_t> GetInt64(std::size_t column) const;
  Result<double> GetDouble(std::size_t column) const;
  Result<std::string> GetString(std::size_t column) const;
  // 0 or 1 stored as an integer.
  Result<bool> GetBool(std::size_t column) const;
  Result<std::optional<std::int64_t>> GetOptionalInt64(std::size_t column) const;
  Result<std::optional<double>> GetOptionalDouble(std::size_t column) const;
  Result<std::optional<std::string>> GetOptionalString(std::size_t column) const;
  Result<std::optional<bool>> GetOptionalBool(std::size_t column) const;

  bool operator==(const SqlRow&) const = default;

 private:
  Result<const SqlValue*> Cell(std::size_t column) const;

  std::vector<SqlValue> values_;
};

using SqlRows = std::vector<SqlRow>;

}  // namespace pulse::storage
