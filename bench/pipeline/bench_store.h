// BenchStore: the pipeline's stores for one benchmark run (signals, portfolio, controller and
// performance snapshots, as `pulse run` gives them): none, SQLite in memory (as `pulse
// backtest` uses), or SQLite in a temporary file with WAL and synchronous=NORMAL (as a live
// `pulse run` store, sqlite://<path>), migrated and empty. The file and its -wal / -shm
// companions are deleted when the BenchStore goes, unless PULSE_BENCH_PIPELINE_KEEP_DB names
// the file to use instead (kept for inspection; it must not exist yet).
// Lifecycle: Open, use stores() for one pipeline, destroy. Threading: single-threaded.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "adapters/storage/sql_controller_store.h"
#include "adapters/storage/sql_database.h"
#include "adapters/storage/sql_performance_snapshot_store.h"
#include "adapters/storage/sql_portfolio_store.h"
#include "adapters/storage/sql_signal_store.h"
#include "app/pipeline.h"
#include "core/clock.h"
#include "core/status.h"

namespace pulse::bench {

enum class StoreKind { kNone, kSqliteMemory, kSqliteFile };
std::string_view StoreKindName(StoreKind kind);

class BenchStore {
 public:
  static Result<std::unique_ptr<BenchStore>> Open(StoreKind kind, SimulatedClock& clock);
  ~BenchStore();

  app::PipelineStores stores();
  // The database behind the stores (null for kNone).
  storage::SqlDatabase* db() { return db_.get(); }
  // Rows in `table` (signals, theory_performance, signal_results, ...; 0 without a store).
  Result<std::int64_t> Rows(std::string_view table);

 private:
  BenchStore() = default;

  std::string path_;  // the database file to delete at the end, if any
  std::unique_ptr<storage::SqlDatabase> db_;
  std::unique_ptr<storage::SqlSignalStore> signals_;
  std::unique_ptr<storage::SqlPortfolioStore> portfolio_;
  std::unique_ptr<storage::SqlControllerStore> controller_;
  std::unique_ptr<storage::SqlPerformanceSnapshotStore> snapshots_;
};

}  // namespace pulse::bench
