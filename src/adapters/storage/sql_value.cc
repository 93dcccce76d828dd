#include "adapters/storage/sql_value.h"

#include <fmt/format.h>

namespace pulse::storage {

const char* SqlValueTypeName(const SqlValue& value) {
  switch (value.index()) {
    case 0:
      return "null";
    case 1:
      return "integer";
    case 2:
      return "real";
    default:
      return "text";
  }
}

std::string SqlValueToString(const SqlValue& value) {
  if (std::holds_alternative<std::monostate>(value)) return "NULL";
  if (const auto* i = std::get_if<std::int64_t>(&value)) return fmt::format("{}", *i);
  if (const auto* d = std::get_if<double>(&value)) return fmt::format("{}", *d);
  return fmt::format("'{}'", std::get<std::string>(value));
}

Result<const SqlValue*> SqlRow::Cell(std::size_t column) const {
  if (column >= values_.size()) {
    return OutOfRangeError("column {} out of range (row has {} columns)", column, values_.size());
  }
  return &values_[column];
}

bool SqlRow::IsNull(std::size_t column) const {
  return column >= values_.size() || std::holds_alternative<std::monostate>(values_[column]);
}

Result<std::int64_t> SqlRow::GetInt64(std::size_t column) const {
  ASSIGN_OR_RETURN(const SqlValue* v, Cell(column));
  if (const auto* i = std::get_if<std::int64_t>(v)) return *i;
  return InvalidArgumentError("column {}: expected integer, got {}", column, SqlValueTypeName(*v));
}

Result<double> SqlRow::GetDouble(std::size_t column) const {
  ASSIGN_OR_RETURN(const SqlValue* v, Cell(column));
  if (const auto* d = std::get_if<double>(v)) return *d;
  if (const auto* i = std::get_if<std::int64_t>(v)) return static_cast<double>(*i);
  return InvalidArgumentError("column {}: expected real, got {}", column, SqlValueTypeName(*v));
}

Result<std::string> SqlRow::GetString(std::size_t column) const {
  ASSIGN_OR_RETURN(const SqlValue* v, Cell(column));
  if (const auto* s = std::get_if<std::string>(v)) return *s;
  return InvalidArgumentError("column {}: expected text, got {}", column, SqlValueTypeName(*v));
}

Result<bool> SqlRow::GetBool(std::size_t column) const {
  ASSIGN_OR_RETURN(std::int64_t i, GetInt64(column));
  if (i != 0 && i != 1)
    return InvalidArgumentError("column {}: expected 0 or 1, got {}", column, i);
  return i == 1;
}

Result<std::optional<std::int64_t>> SqlRow::GetOptionalInt64(std::size_t column) const {
  ASSIGN_OR_RETURN(const SqlValue* v, Cell(column));
  if (std::holds_alternative<std::monostate>(*v)) return std::optional<std::int64_t>();
  ASSIGN_OR_RETURN(std::int64_t i, GetInt64(column));
  return std::optional<std::int64_t>(i);
}

Result<std::optional<double>> SqlRow::GetOptionalDouble(std::size_t column) const {
  ASSIGN_OR_RETURN(const SqlValue* v, Cell(column));
  if (std::holds_alternative<std::monostate>(*v)) return std::optional<double>();
  ASSIGN_OR_RETURN(double d, GetDouble(column));
  return std::optional<double>(d);
}

Result<std::optional<std::string>> SqlRow::GetOptionalString(std::size_t column) const {
  ASSIGN_OR_RETURN(const SqlValue* v, Cell(column));
  if (std::holds_alternative<std::monostate>(*v)) return std::optional<std::string>();
  ASSIGN_OR_RETURN(std::string s, GetString(column));
  return std::optional<std::string>(std::move(s));
}

Result<std::optional<bool>> SqlRow::GetOptionalBool(std::size_t column) const {
  ASSIGN_OR_RETURN(const SqlValue* v, Cell(column));
  if (std::holds_alternative<std::monostate>(*v)) return std::optional<bool>();
  ASSIGN_OR_RETURN(bool b, GetBool(column));
  return std::optional<bool>(b);
}

}  // namespace pulse::storage
