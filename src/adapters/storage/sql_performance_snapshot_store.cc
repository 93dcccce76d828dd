#include "adapters/storage/sql_performance_snapshot_store.h"

#include <algorithm>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "adapters/storage/sql_text.h"

namespace pulse::storage {

namespace {

constexpr std::string_view kColumns = R"(id, taken_at, scope, "window", metrics)";

Status CheckSnapshot(const PerformanceSnapshot& s, std::size_t index) {
  if (s.scope.empty()) return InvalidArgumentError("performance snapshot {} has no scope", index);
  if (s.window.empty()) {
    return InvalidArgumentError("performance snapshot {} ({}) has no window", index, s.scope);
  }
  // An object's text: '{' first and '}' last, blanks aside. Its producer (the snapshotter)
  // writes it with a JSON library; parsing every row again here cost more than computing it.
  const std::size_t first = s.metrics.find_first_not_of(" \t\r\n");
  const std::size_t last = s.metrics.find_last_not_of(" \t\r\n");
  if (first == std::string::npos || s.metrics[first] != '{' || s.metrics[last] != '}') {
    return InvalidArgumentError("performance snapshot {} ({} {}): metrics are not a JSON object",
                                index, s.scope, s.window);
  }
  return Status::Ok();
}

// " WHERE ..." for the filter's scope, window and time range (empty when nothing filters).
std::string Conditions(const PerformanceSnapshotFilter& filter, std::vector<SqlValue>& params) {
  std::vector<std::string> conditions;
  if (filter.scope) {
    conditions.emplace_back("scope = ?");
    params.emplace_back(*filter.scope);
  }
  if (filter.window) {
    conditions.emplace_back(R"("window" = ?)");
    params.emplace_back(*filter.window);
  }
  if (filter.since) {
    conditions.emplace_back("taken_at >= ?");
    params.emplace_back(*filter.since);
  }
  if (filter.until) {
    conditions.emplace_back("taken_at < ?");
    params.emplace_back(*filter.until);
  }
  if (conditions.empty()) return "";
  return fmt::format(" WHERE {}", fmt::join(conditions, " AND "));
}

Result<std::vector<PerformanceSnapshot>> FromRows(const SqlRows& rows) {
  std::vector<PerformanceSnapshot> out;
  out.reserve(rows.size());
  for (const SqlRow& row : rows) {
    PerformanceSnapshot s;
    ASSIGN_OR_RETURN(s.id, row.GetInt64(0));
    ASSIGN_OR_RETURN(s.taken_at, row.GetInt64(1));
    ASSIGN_OR_RETURN(s.scope, row.GetString(2));
    ASSIGN_OR_RETURN(s.window, row.GetString(3));
    ASSIGN_OR_RETURN(s.metrics, row.GetString(4));
    out.push_back(std::move(s));
  }
  return out;
}

// A round of snapshots (one row per scope and window) goes in multi-row INSERTs of up to 16
// rows: the statement's fixed cost is paid once per chunk.
const InsertValuesTexts& SnapshotInserts() {
  static const InsertValuesTexts texts(
      R"(INSERT INTO performance_snapshots (taken_at, scope, "window", metrics))", 4, 16);
  return texts;
}

}  // namespace

Result<std::vector<std::int64_t>> SqlPerformanceSnapshotStore::Append(
    std::span<const PerformanceSnapshot> snapshots) {
  for (std::size_t i = 0; i < snapshots.size(); ++i) {
    RETURN_IF_ERROR(CheckSnapshot(snapshots[i], i));
  }
  std::vector<std::int64_t> ids;
  ids.reserve(snapshots.size());
  if (snapshots.empty()) return ids;
  ids.resize(snapshots.size());
  RETURN_IF_ERROR(db_.Atomically([&](SqlDatabase& db) -> Status {
    return InsertRowsInChunks(
        db, SnapshotInserts(), snapshots.size(),
        [&](std::size_t i, std::vector<SqlValue>& params) {
          const PerformanceSnapshot& s = snapshots[i];
          params.emplace_back(s.taken_at);
          params.emplace_back(s.scope);
          params.emplace_back(s.window);
          params.emplace_back(s.metrics);
        },
        ids.data());
  }));
  return ids;
}

Result<std::vector<PerformanceSnapshot>> SqlPerformanceSnapshotStore::List(
    const PerformanceSnapshotFilter& filter) {
  if (filter.limit < 0) return InvalidArgumentError("negative limit {}", filter.limit);
  std::vector<SqlValue> params;
  std::string sql =
      fmt::format("SELECT {} FROM performance_snapshots{}", kColumns, Conditions(filter, params));
  if (filter.limit > 0) {
    sql += " ORDER BY taken_at DESC, id DESC LIMIT ?";
    params.emplace_back(std::int64_t{filter.limit});
  } else {
    sql += " ORDER BY taken_at, id";
  }
  ASSIGN_OR_RETURN(SqlRows rows, db_.Query(sql, params));
  ASSIGN_OR_RETURN(std::vector<PerformanceSnapshot> out, FromRows(rows));
  if (filter.limit > 0) std::reverse(out.begin(), out.end());
  return out;
}

Result<std::vector<PerformanceSnapshot>> SqlPerformanceSnapshotStore::Latest(
    const PerformanceSnapshotFilter& filter) {
  if (filter.limit != 0) return InvalidArgumentError("Latest takes no limit");
  std::vector<SqlValue> params;
  const std::string sql = fmt::format(
      R"(SELECT {} FROM (SELECT {}, ROW_NUMBER() OVER (PARTITION BY scope, "window" )"
      R"(ORDER BY taken_at DESC, id DESC) AS newest FROM performance_snapshots{}) ranked )"
      R"(WHERE newest = 1)",
      kColumns, kColumns, Conditions(filter, params));
  ASSIGN_OR_RETURN(SqlRows rows, db_.Query(sql, params));
  ASSIGN_OR_RETURN(std::vector<PerformanceSnapshot> out, FromRows(rows));
  std::sort(out.begin(), out.end(), [](const PerformanceSnapshot& a, const PerformanceSnapshot& b) {
    return a.scope != b.scope ? a.scope < b.scope : a.window < b.window;
  });
  return out;
}

}  // namespace pulse::storage
