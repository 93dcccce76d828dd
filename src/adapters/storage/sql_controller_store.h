// SqlControllerStore: the ControllerStore port on any SqlDatabase (table controller_status).
#pragma once

#include <optional>
#include <vector>

#include "adapters/storage/sql_database.h"
#include "ports/controller_store.h"

namespace pulse::storage {

// Controller state history. Semantics as documented in ports/controller_store.h. Reasons are
// stored as a JSON array of {"rule", "value", "threshold", "text"} in the reasons column;
// a non-finite value or threshold is written as null. Reading a row whose reasons are not such
// an array, or whose state is unknown, is DataLoss naming the row.
// Lifecycle: borrows `db`, which must outlive it; cheap to construct per use.
// Threading: thread-compatible, like the database it uses.
class SqlControllerStore final : public ControllerStore {
 public:
  explicit SqlControllerStore(SqlDatabase& db) : db_(db) {}

  Result<std::int64_t> AppendStatus(const ControllerStatusRow& row) override;
  Result<std::vector<ControllerStatusRow>> ListStatus(
      const ControllerStatusFilter& filter) override;
  Result<std::optional<ControllerStatusRow>> Latest() override;

 private:
  SqlDatabase& db_;
};

}  // namespace pulse::storage
