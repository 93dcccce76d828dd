// StoredRows: the rows a replay leaves in its SQLite store, table by table, and writing them
// again into an empty store. Timing the write gives the store's own floor for a replay: what
// SQLite costs to insert those final rows (with the schema's indexes, checks and foreign keys)
// when no engine runs at all. It is a lower bound of the store's share: a replay also updates
// rows (signal statuses, results, the account after every close) and reads some back.
// Threading: single-threaded; the database is borrowed for the call.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "adapters/storage/sql_database.h"
#include "core/status.h"

namespace pulse::bench {

// One table's rows in the order a scan gives them (rowid, or the primary key of a table
// without rowid), every column in declared order.
struct StoredTable {
  std::string name;
  storage::SqlRows rows;
};

struct StoredRows {
  // Referenced tables before the tables that reference them; tables without rows left out
  // (and schema_migrations, which the migrations write).
  std::vector<StoredTable> tables;
  std::int64_t rows = 0;
  std::int64_t text_bytes = 0;  // the bytes of every text value
};

// Reads every row of every table of a SQLite database.
Result<StoredRows> ReadStoredRows(storage::SqlDatabase& db);

// What WriteStoredRows did: rows inserted, and the thread CPU seconds of each table's inserts
// (the order of StoredRows::tables; the commit is in none of them).
struct WrittenRows {
  std::int64_t rows = 0;
  std::vector<double> table_cpu_s;
};

// Inserts `stored` into `db` (migrated, the tables empty) in one transaction, table by table,
// `rows_per_insert` rows per INSERT (a VALUES list, as the signal store writes the rejected
// candidates; 1: one prepared INSERT per row). InvalidArgument for rows_per_insert < 1.
Result<WrittenRows> WriteStoredRows(storage::SqlDatabase& db, const StoredRows& stored,
                                    int rows_per_insert);

}  // namespace pulse::bench
