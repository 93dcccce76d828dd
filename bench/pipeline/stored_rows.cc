#include "bench/pipeline/stored_rows.h"

#include <algorithm>
#include <map>
#include <set>
#include <variant>

#include <fmt/format.h>

#include "bench/pipeline/cpu_time.h"

namespace pulse::bench {
namespace {

// Table names with the tables each references (by foreign key).
Result<std::map<std::string, std::set<std::string>>> TablesAndReferences(storage::SqlDatabase& db) {
  ASSIGN_OR_RETURN(storage::SqlRows names,
                   db.Query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT "
                            "LIKE 'sqlite_%' AND name <> 'schema_migrations' ORDER BY name"));
  std::map<std::string, std::set<std::string>> tables;
  for (const storage::SqlRow& row : names) {
    ASSIGN_OR_RETURN(std::string name, row.GetString(0));
    ASSIGN_OR_RETURN(storage::SqlRows keys,
                     db.Query(fmt::format("PRAGMA foreign_key_list(\"{}\")", name)));
    std::set<std::string>& references = tables[name];
    for (const storage::SqlRow& key : keys) {
      ASSIGN_OR_RETURN(std::string parent, key.GetString(2));
      if (parent != name) references.insert(parent);
    }
  }
  return tables;
}

}  // namespace

Result<StoredRows> ReadStoredRows(storage::SqlDatabase& db) {
  ASSIGN_OR_RETURN(auto tables, TablesAndReferences(db));
  StoredRows stored;
  std::set<std::string> placed;
  while (placed.size() < tables.size()) {
    const std::size_t before = placed.size();
    for (const auto& [name, references] : tables) {
      if (placed.contains(name)) continue;
      const bool ready = std::all_of(references.begin(), references.end(), [&](const auto& p) {
        return placed.contains(p) || !tables.contains(p);
      });
      if (!ready) continue;
      placed.insert(name);
      ASSIGN_OR_RETURN(storage::SqlRows rows, db.Query(fmt::format("SELECT * FROM \"{}\"", name)));
      if (rows.empty()) continue;
      for (const storage::SqlRow& row : rows) {
        for (const storage::SqlValue& v : row.values()) {
          if (const auto* text = std::get_if<std::string>(&v)) {
            stored.text_bytes += static_cast<std::int64_t>(text->size());
          }
        }
      }
      stored.rows += static_cast<std::int64_t>(rows.size());
      stored.tables.push_back({name, std::move(rows)});
    }
    if (placed.size() == before) {
      return FailedPreconditionError("the tables' foreign keys form a cycle");
    }
  }
  return stored;
}

Result<WrittenRows> WriteStoredRows(storage::SqlDatabase& db, const StoredRows& stored,
                                    int rows_per_insert) {
  if (rows_per_insert < 1) {
    return InvalidArgumentError("rows_per_insert must be at least 1, got {}", rows_per_insert);
  }
  WrittenRows written;
  std::vector<storage::SqlValue> params;
  RETURN_IF_ERROR(db.InTransaction([&](storage::SqlDatabase& tx) -> Status {
    for (const StoredTable& table : stored.tables) {
      const double t0 = ThreadCpuSeconds();
      const std::size_t columns = table.rows.front().size();
      std::string tuple = "(?";
      for (std::size_t i = 1; i < columns; ++i) tuple += ", ?";
      tuple += ")";
      for (std::size_t first = 0; first < table.rows.size();) {
        const std::size_t count =
            std::min(table.rows.size() - first, static_cast<std::size_t>(rows_per_insert));
        std::string sql = fmt::format("INSERT INTO \"{}\" VALUES {}", table.name, tuple);
        for (std::size_t i = 1; i < count; ++i) sql += ", " + tuple;
        params.clear();
        for (std::size_t r = first; r < first + count; ++r) {
          const std::vector<storage::SqlValue>& values = table.rows[r].values();
          params.insert(params.end(), values.begin(), values.end());
        }
        ASSIGN_OR_RETURN(std::int64_t n, tx.Execute(sql, params));
        written.rows += n;
        first += count;
      }
      written.table_cpu_s.push_back(ThreadCpuSeconds() - t0);
    }
    return Status::Ok();
  }));
  return written;
}

}  // namespace pulse::bench
