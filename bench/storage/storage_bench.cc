// Candle import throughput (rows/s) through SqlCandleStore, next to a plain baseline measured in
// the same run: a sqlite3 prepared-insert loop in 1000-row transactions, and libpqxx COPY
// (stream_to) in 1000-row transactions. `vs_baseline` is the ratio to that baseline.
//
//   pulse_storage_bench --benchmark_format=json
#include <sqlite3.h>
#include <stdlib.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "adapters/storage/migrator.h"
#include "adapters/storage/open_database.h"
#include "adapters/storage/sql_candle_store.h"
#include "postgres_test_server.h"

namespace pulse::storage {
namespace {

constexpr int kBaselineBatch = 1000;
constexpr UnixNanos kT0 = FromSeconds(1'700'000'000);

// Rows per second of each baseline, filled when the baseline benchmark runs (first).
double g_sqlite_baseline_rps = 0;
double g_postgres_baseline_rps = 0;

std::vector<Bar> MakeBars(std::int64_t first, int n) {
  std::vector<Bar> bars(n);
  for (int i = 0; i < n; ++i) {
    const double p = 30000 + ((first + i) % 1000) * 0.5;
    bars[i] = Bar{kT0 + (first + i) * kNanosPerMinute, p, p + 10, p - 10, p + 2.5, 12.345 + i};
  }
  return bars;
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string TempDir() {
  std::string templ = (std::filesystem::temp_directory_path() / "pulse-bench-XXXXXX").string();
  if (::mkdtemp(templ.data()) == nullptr) std::abort();
  return templ;
}

// items_per_second, and vs_baseline = (rows/s here) / (rows/s of the baseline).
void SetRatio(benchmark::State& state, std::int64_t rows, double seconds, double baseline_rps) {
  state.SetItemsProcessed(rows);
  if (baseline_rps > 0 && seconds > 0) {
    state.counters["vs_baseline"] = static_cast<double>(rows) / seconds / baseline_rps;
  }
}

void BM_SqliteBaseline_PreparedInsert(benchmark::State& state) {
  const std::string dir = TempDir();
  sqlite3* db = nullptr;
  sqlite3_open((dir + "/baseline.db").c_str(), &db);
  sqlite3_exec(db,
               "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
               "CREATE TABLE ohlcv (exchange TEXT NOT NULL, symbol TEXT NOT NULL, timeframe TEXT "
               "NOT NULL, open_time INTEGER NOT NULL, open REAL NOT NULL, high REAL NOT NULL, low "
               "REAL NOT NULL, close REAL NOT NULL, volume REAL NOT NULL, PRIMARY KEY (exchange, "
               "symbol, timeframe, open_time)) WITHOUT ROWID;",
               nullptr, nullptr, nullptr);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO ohlcv VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", -1, &stmt,
                     nullptr);
  std::int64_t next = 0;
  const auto start = std::chrono::steady_clock::now();
  for (auto _ : state) {
    const std::vector<Bar> bars = MakeBars(next, kBaselineBatch);
    next += kBaselineBatch;
    sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
    for (const Bar& b : bars) {
      sqlite3_bind_text(stmt, 1, "binance", -1, SQLITE_STATIC);
      sqlite3_bind_text(stmt, 2, "BTCUSDT", -1, SQLITE_STATIC);
      sqlite3_bind_text(stmt, 3, "1m", -1, SQLITE_STATIC);
      sqlite3_bind_int64(stmt, 4, b.open_time);
      sqlite3_bind_double(stmt, 5, b.open);
      sqlite3_bind_double(stmt, 6, b.high);
      sqlite3_bind_double(stmt, 7, b.low);
      sqlite3_bind_double(stmt, 8, b.close);
      sqlite3_bind_double(stmt, 9, b.volume);
      if (sqlite3_step(stmt) != SQLITE_DONE) state.SkipWithError(sqlite3_errmsg(db));
      sqlite3_reset(stmt);
    }
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
  }
  const std::int64_t rows = state.iterations() * kBaselineBatch;
  state.SetItemsProcessed(rows);
  g_sqlite_baseline_rps = rows / SecondsSince(start);
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  std::filesystem::remove_all(dir);
}

// Candle import through OpenDatabase + Migrator + SqlCandleStore at `batch` bars per call.
void RunCandleImport(benchmark::State& state, const std::string& url, double baseline_rps) {
  const int batch = static_cast<int>(state.range(0));
  auto db = OpenDatabase(url);
  if (!db.ok()) {
    state.SkipWithError(db.status().ToString().c_str());
    return;
  }
  if (Status st = Migrator(**db).Migrate(); !st.ok()) {
    state.SkipWithError(st.ToString().c_str());
    return;
  }
  (void)(*db)->Execute("DELETE FROM ohlcv");
  SqlCandleStore store(**db);
  const BarKey key{"binance", "BTCUSDT", Timeframe::Minutes(1)};
  std::int64_t next = 0;
  const auto start = std::chrono::steady_clock::now();
  for (auto _ : state) {
    const std::vector<Bar> bars = MakeBars(next, batch);  // generated inside, as in the baselines
    next += batch;
    auto added = store.UpsertBars(key, bars);
    if (!added.ok() || *added != batch) {
      state.SkipWithError(added.ok() ? "wrong count" : added.status().ToString().c_str());
      break;
    }
  }
  SetRatio(state, state.iterations() * batch, SecondsSince(start), baseline_rps);
}

void BM_SqliteCandleImport(benchmark::State& state) {
  const std::string dir = TempDir();
  RunCandleImport(state, "sqlite://" + dir + "/pulse.db", g_sqlite_baseline_rps);
  std::filesystem::remove_all(dir);
}

// One PostgreSQL server (default durability settings) for the whole run.
testing::PostgresTestServer* Postgres(benchmark::State& state) {
  static std::unique_ptr<testing::PostgresTestServer> server;
  static Status error;
  if (!server && error.ok()) {
    testing::PostgresTestServer::Options options;
    options.fast_unsafe = false;
    auto started = testing::PostgresTestServer::Start(options);
    if (started.ok()) {
      server = std::move(started).value();
      error = server->CreateDatabase("bench");
    } else {
      error = started.status();
    }
    std::atexit([] { server.reset(); });
  }
  if (!error.ok()) {
    state.SkipWithError(error.ToString().c_str());
    return nullptr;
  }
  return server.get();
}

void BM_PostgresBaseline_Copy(benchmark::State& state) {
  testing::PostgresTestServer* server = Postgres(state);
  if (server == nullptr) return;
  try {
    pqxx::connection conn(server->UrlFor("bench"));
    {
      pqxx::work setup(conn);
      setup.exec(
          "DROP TABLE IF EXISTS ohlcv_baseline; CREATE TABLE ohlcv_baseline (exchange TEXT NOT "
          "NULL, symbol TEXT NOT NULL, timeframe TEXT NOT NULL, open_time BIGINT NOT NULL, open "
          "DOUBLE PRECISION NOT NULL, high DOUBLE PRECISION NOT NULL, low DOUBLE PRECISION NOT "
          "NULL, close DOUBLE PRECISION NOT NULL, volume DOUBLE PRECISION NOT NULL, PRIMARY KEY "
          "(exchange, symbol, timeframe, open_time))");
      setup.commit();
    }
    std::int64_t next = 0;
    const auto start = std::chrono::steady_clock::now();
    const std::string exchange = "binance", symbol = "BTCUSDT", timeframe = "1m";
    for (auto _ : state) {
      const std::vector<Bar> bars = MakeBars(next, kBaselineBatch);
      next += kBaselineBatch;
      pqxx::work txn(conn);
      pqxx::stream_to copy(txn, "ohlcv_baseline");
      for (const Bar& b : bars) {
        copy << std::make_tuple(exchange, symbol, timeframe, b.open_time, b.open, b.high, b.low,
                                b.close, b.volume);
      }
      copy.complete();
      txn.commit();
    }
    g_postgres_baseline_rps = state.iterations() * kBaselineBatch / SecondsSince(start);
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
    return;
  }
  state.SetItemsProcessed(state.iterations() * kBaselineBatch);
}

void BM_PostgresCandleImport(benchmark::State& state) {
  testing::PostgresTestServer* server = Postgres(state);
  if (server == nullptr) return;
  RunCandleImport(state, server->UrlFor("bench"), g_postgres_baseline_rps);
}

// Registration order is run order: each baseline runs before the benchmarks compared to it.
BENCHMARK(BM_SqliteBaseline_PreparedInsert)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SqliteCandleImport)->Arg(1)->Arg(1000)->UseRealTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_PostgresBaseline_Copy)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_PostgresCandleImport)->Arg(1)->Arg(1000)->UseRealTime()->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace pulse::storage

BENCHMARK_MAIN();
