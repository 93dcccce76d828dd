// SqlPerformanceSnapshotStore: the PerformanceSnapshotStore port on any SqlDatabase (table
// performance_snapshots).
#pragma once

#include <span>
#include <vector>

#include "adapters/storage/sql_database.h"
#include "ports/performance_snapshot_store.h"

namespace pulse::storage {

// Performance snapshots. Semantics as documented in ports/performance_snapshot_store.h; the
// metrics text is checked to parse as a JSON object and stored unchanged. Latest picks the
// newest row per (scope, window) in SQL (ROW_NUMBER, both dialects) and orders the pairs in
// C++, so the order is the same whatever the database's collation.
// Lifecycle: borrows `db`, which must outlive it; cheap to construct per use.
// Threading: thread-compatible, like the database it uses.
class SqlPerformanceSnapshotStore final : public PerformanceSnapshotStore {
 public:
  explicit SqlPerformanceSnapshotStore(SqlDatabase& db) : db_(db) {}

  Result<std::vector<std::int64_t>> Append(std::span<const PerformanceSnapshot> snapshots) override;
  Result<std::vector<PerformanceSnapshot>> List(const PerformanceSnapshotFilter& filter) override;
  Result<std::vector<PerformanceSnapshot>> Latest(const PerformanceSnapshotFilter& filter) override;

 private:
  SqlDatabase& db_;
};

}  // namespace pulse::storage
