// `pulse run` (app::RunPipeline) on both backends: three weeks of the bundled candles of three
// symbols store the same rows on PostgreSQL as on SQLite, table by table, ids and times
// included; and a run stopped after a commit and started again on PostgreSQL ends with the rows
// of the uninterrupted run. The controller's light forecast rebuilt from each store
// (app::LightForecastAt, as `pulse stats` and `pulse control status` show it) equals the one the
// run's live controller ended with.
#include <atomic>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "adapters/storage/sql_controller_store.h"
#include "adapters/storage/sql_signal_store.h"
#include "app/light_forecast_view.h"
#include "app/pipeline_run.h"
#include "storage_backends.h"

namespace pulse::testing {
namespace {

using Table = std::vector<std::vector<std::string>>;

// The tables a run writes, each with the columns that order its rows.
const std::map<std::string, std::string> kTables = {{"signals", "id"},
                                                    {"theory_performance", "id"},
                                                    {"signal_results", "signal_id"},
                                                    {"trades", "id"},
                                                    {"positions", "id"},
                                                    {"trading_accounts", "name"},
                                                    {"performance_snapshots", "id"},
                                                    {"controller_status", "id"},
                                                    {"pipeline_runs", "name"}};

// One cell as text, the same for both backends: integers in full, doubles in their shortest
// round-trip form (so equal text is equal bits, but for -0, which SQLite stores as the integer
// 0 and PostgreSQL keeps), NULL.
std::string CellText(const storage::SqlValue& value) {
  if (std::holds_alternative<std::monostate>(value)) return "NULL";
  if (const auto* i = std::get_if<std::int64_t>(&value)) return std::to_string(*i);
  if (const auto* d = std::get_if<double>(&value)) return fmt::format("{}", *d == 0 ? 0.0 : *d);
  return std::get<std::string>(value);
}

Table Rows(storage::SqlDatabase& db, const std::string& table, const std::string& order) {
  auto rows = db.Query(fmt::format("SELECT * FROM {} ORDER BY {}", table, order));
  EXPECT_TRUE(rows.ok()) << table << ": " << rows.status();
  Table out;
  if (!rows.ok()) return out;
  for (const storage::SqlRow& row : *rows) {
    std::vector<std::string> cells;
    for (const storage::SqlValue& value : row.values()) cells.push_back(CellText(value));
    out.push_back(std::move(cells));
  }
  return out;
}

// The forecast rebuilt from `db` as at the run's last close equals the live one, bit for bit.
void ExpectForecastFromTheStore(storage::SqlDatabase& db, const app::Config& config,
                                const app::RunSummary& run, const std::string& label) {
  storage::SqlSignalStore signals(db);
  storage::SqlControllerStore controller(db);
  const Result<app::LightForecastView> rebuilt =
      app::LightForecastAt(signals, controller, config.risk, run.last_close);
  ASSERT_TRUE(rebuilt.ok()) << label << ": " << rebuilt.status();
  EXPECT_EQ(rebuilt->resolved, run.forecast.resolved) << label;
  EXPECT_EQ(rebuilt->losing_streak, run.forecast.losing_streak) << label;
  EXPECT_EQ(rebuilt->forecast.horizon, run.forecast.forecast.horizon) << label;
  EXPECT_EQ(rebuilt->forecast.alpha, run.forecast.forecast.alpha) << label;
  EXPECT_EQ(rebuilt->forecast.beta, run.forecast.forecast.beta) << label;
  EXPECT_EQ(rebuilt->forecast.p_red, run.forecast.forecast.p_red) << label;
  EXPECT_EQ(rebuilt->forecast.p_yellow_or_worse, run.forecast.forecast.p_yellow_or_worse) << label;
}

app::Config RunConfig() {
  const char* root = std::getenv("PULSE_SOURCE_DIR");
  EXPECT_NE(root, nullptr) << "PULSE_SOURCE_DIR is set by CTest";
  const std::string sample = std::string(root ? root : ".") + "/data/sample/";
  app::Config config;
  config.run.data =
      sample + "BTCUSDT-5m.csv.gz," + sample + "ETHUSDT-5m.csv.gz," + sample + "SOLUSDT-5m.csv.gz";
  config.run.from = "2021-03-01";
  config.run.to = "2021-03-22";
  config.run.commit_every = 600;
  // Looser gates than the default, so that real signals, paper fills and trades are stored too.
  config.signal.engine.gates.min_confidence = 0.55;
  config.signal.engine.gates.volume_enabled = false;
  return config;
}

TEST(PipelineRunContractTest, PostgresStoresTheRowsSqliteStoresAndResumesToThem) {
  const app::Config config = RunConfig();
  SimulatedClock wall(0);
  app::RunOptions to_the_end;
  to_the_end.exit_at_end = true;

  Result<OpenedDatabase> sqlite = OpenFreshDatabase<SqliteBackend>();
  ASSERT_TRUE(sqlite.ok()) << sqlite.status();
  const Result<app::RunSummary> on_sqlite = app::RunPipeline(config, *sqlite->db, wall, to_the_end);
  ASSERT_TRUE(on_sqlite.ok()) << on_sqlite.status();
  ASSERT_TRUE(on_sqlite->finished);
  EXPECT_GT(on_sqlite->counts.fills, 0);
  EXPECT_GT(on_sqlite->counts.rejected, 0);

  Result<OpenedDatabase> postgres = OpenFreshDatabase<PostgresBackend>();
  ASSERT_TRUE(postgres.ok()) << postgres.status();
  const Result<app::RunSummary> on_postgres =
      app::RunPipeline(config, *postgres->db, wall, to_the_end);
  ASSERT_TRUE(on_postgres.ok()) << on_postgres.status();

  // Stopped at its second commit, then started again with the same settings.
  Result<OpenedDatabase> resumed = OpenFreshDatabase<PostgresBackend>();
  ASSERT_TRUE(resumed.ok()) << resumed.status();
  std::atomic<bool> stop{false};
  int commits = 0;
  app::RunOptions stopping = to_the_end;
  stopping.stop = &stop;
  stopping.progress = [&](std::int64_t, std::int64_t) {
    if (++commits == 2) stop = true;
  };
  const Result<app::RunSummary> first_part = app::RunPipeline(config, *resumed->db, wall, stopping);
  ASSERT_TRUE(first_part.ok()) << first_part.status();
  ASSERT_TRUE(first_part->stopped);
  ASSERT_FALSE(first_part->finished);
  const Result<app::RunSummary> rest = app::RunPipeline(config, *resumed->db, wall, to_the_end);
  ASSERT_TRUE(rest.ok()) << rest.status();
  EXPECT_TRUE(rest->resumed);
  EXPECT_TRUE(rest->finished);

  // Enough trades resolved for the forecast to say something.
  EXPECT_GT(on_sqlite->forecast.resolved, 5);
  ExpectForecastFromTheStore(*sqlite->db, config, *on_sqlite, "sqlite");
  ExpectForecastFromTheStore(*postgres->db, config, *on_postgres, "postgres");
  ExpectForecastFromTheStore(*resumed->db, config, *rest, "resumed");
  EXPECT_EQ(rest->forecast.forecast.p_red, on_sqlite->forecast.forecast.p_red);

  for (const auto& [table, order] : kTables) {
    const Table expected = Rows(*sqlite->db, table, order);
    EXPECT_FALSE(expected.empty()) << table;
    EXPECT_EQ(Rows(*postgres->db, table, order), expected) << table;
    EXPECT_EQ(Rows(*resumed->db, table, order), expected) << table << " (resumed)";
  }
}

}  // namespace
}  // namespace pulse::testing
