#include "bench/pipeline/bench_store.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <system_error>

#include <fmt/format.h>

#include "adapters/storage/migrator.h"
#include "adapters/storage/open_database.h"

namespace pulse::bench {

std::string_view StoreKindName(StoreKind kind) {
  switch (kind) {
    case StoreKind::kNone:
      return "none";
    case StoreKind::kSqliteMemory:
      return "sqlite-memory";
    case StoreKind::kSqliteFile:
      return "sqlite-file";
  }
  return "?";
}

Result<std::unique_ptr<BenchStore>> BenchStore::Open(StoreKind kind, SimulatedClock& clock) {
  std::unique_ptr<BenchStore> store(new BenchStore());
  if (kind == StoreKind::kNone) return store;
  std::string url = "sqlite::memory:";
  const char* keep = std::getenv("PULSE_BENCH_PIPELINE_KEEP_DB");
  if (kind == StoreKind::kSqliteFile && keep != nullptr && *keep != '\0') {
    if (std::filesystem::exists(keep)) {
      return FailedPreconditionError("PULSE_BENCH_PIPELINE_KEEP_DB: {} exists already", keep);
    }
    url = std::string("sqlite://") + keep;
  } else if (kind == StoreKind::kSqliteFile) {
    static std::atomic<int> counter{0};
    std::error_code ec;
    const std::filesystem::path dir = std::filesystem::temp_directory_path(ec);
    if (ec) return UnavailableError("no temporary directory: {}", ec.message());
    store->path_ =
        (dir / fmt::format("pulse-pipeline-bench-{}-{}.db", ::getpid(), counter++)).string();
    url = "sqlite://" + store->path_;
  }
  ASSIGN_OR_RETURN(store->db_, storage::OpenDatabase(url));
  storage::Migrator migrator(*store->db_, clock);
  RETURN_IF_ERROR(migrator.Migrate());
  store->signals_ = std::make_unique<storage::SqlSignalStore>(
      *store->db_, storage::SqlSignalStoreOptions{.defer_shadows = true});
  store->portfolio_ = std::make_unique<storage::SqlPortfolioStore>(*store->db_);
  store->controller_ = std::make_unique<storage::SqlControllerStore>(*store->db_);
  store->snapshots_ = std::make_unique<storage::SqlPerformanceSnapshotStore>(*store->db_);
  return store;
}

BenchStore::~BenchStore() {
  snapshots_.reset();
  controller_.reset();
  portfolio_.reset();
  signals_.reset();
  db_.reset();
  if (path_.empty()) return;
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    std::filesystem::remove(path_ + suffix, ec);
  }
}

app::PipelineStores BenchStore::stores() {
  return {signals_.get(), portfolio_.get(), controller_.get(), snapshots_.get()};
}

Result<std::int64_t> BenchStore::Rows(std::string_view table) {
  if (db_ == nullptr) return std::int64_t{0};
  ASSIGN_OR_RETURN(storage::SqlRows rows,
                   db_->Query(fmt::format("SELECT COUNT(*) FROM {}", table)));
  return rows.at(0).GetInt64(0);
}

}  // namespace pulse::bench
