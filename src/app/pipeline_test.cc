#include "app/pipeline.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <numeric>
#include <tuple>

#include "app/bar_close_cursor.h"
#include "app/config/features_config.h"
#include "app/feature_input.h"
#include "app/sample_series_for_tests.h"

namespace pulse::app {
namespace {

// Runs `config` over `series` without stores; returns the status of the first failure.
struct Ran {
  Status status;
  PipelineCounts counts;
  std::vector<CircuitBreakerTripped> trips;
  std::vector<SignalId> outcome_ids;
};

Ran RunOver(const Config& config, const std::vector<SymbolSeries>& series,
            PipelineOptions options = {}) {
  Ran ran;
  BarCloseCursor cursor(series, Timeframe::Minutes(5));
  SimulatedClock clock(*cursor.Peek());
  auto pipeline = Pipeline::Create(config, clock, {}, std::move(options));
  if (!pipeline.ok()) {
    ran.status = pipeline.status();
    return ran;
  }
  std::vector<SymbolBar> close;
  while (cursor.Next(&close)) {
    ran.status = (*pipeline)->OnBarClose(close);
    if (!ran.status.ok()) return ran;
  }
  ran.status = (*pipeline)->Finish(/*close_open=*/true);
  ran.counts = (*pipeline)->counts();
  ran.trips = (*pipeline)->breaker_trips();
  for (const OutcomeResolved& o : (*pipeline)->outcomes()) ran.outcome_ids.push_back(o.signal.id);
  return ran;
}

TEST(PipelineTest, FeedsTheConfiguredVolatilityFeatureToTheBreaker) {
  const std::vector<SymbolSeries> series = SampleBtcSeries(200);
  Config config;
  config.risk.breakers.max_volatility = 1e-6;  // any NATR trips it
  const Ran ran = RunOver(config, series);
  ASSERT_TRUE(ran.status.ok()) << ran.status;
  ASSERT_FALSE(ran.trips.empty());
  EXPECT_EQ(ran.trips.front().breaker, "volatility");
  EXPECT_EQ(ran.trips.front().symbol, "BTCUSDT");
  // NATR(14) is first ready on the 15th bar: the trip comes at that close, not before.
  const UnixNanos fifteenth = series.front().bars[14].open_time + FromSeconds(300);
  EXPECT_EQ(ran.trips.front().at, fifteenth);

  config.risk.breakers.volatility_feature = "";  // fed nothing: never trips
  const Ran quiet = RunOver(config, series);
  ASSERT_TRUE(quiet.status.ok()) << quiet.status;
  EXPECT_TRUE(quiet.trips.empty());

  config.risk.breakers.volatility_feature = "5m.natr_99";
  const Ran unknown = RunOver(config, series);
  EXPECT_EQ(unknown.status.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(unknown.status.message().find("'5m.natr_99' is not a feature"), std::string::npos)
      << unknown.status;
}

TEST(PipelineTest, ResumeTakesTheStoredIdsAndRefusesAnotherNumberOfSignals) {
  const std::vector<SymbolSeries> series = SampleBtcSeries(6000);
  const Config config;
  const Ran plain = RunOver(config, series);
  ASSERT_TRUE(plain.status.ok()) << plain.status;
  const std::int64_t made = plain.counts.emitted + plain.counts.rejected;
  ASSERT_GT(made, 10);

  // The same run "resumed" after its last close with stored ids 1001, 1003, ...: every
  // signal takes the stored id of its rank, none is numbered anew.
  std::vector<SignalId> stored(static_cast<std::size_t>(made));
  for (std::size_t i = 0; i < stored.size(); ++i) stored[i] = 1001 + 2 * static_cast<SignalId>(i);
  const UnixNanos last_close = series.front().bars.back().open_time + FromSeconds(300);
  auto resume_with = [&](std::vector<SignalId> ids) {
    PipelineOptions options;
    options.resume = PipelineResume{last_close, std::move(ids)};
    return options;
  };
  const Ran resumed = RunOver(config, series, resume_with(stored));
  ASSERT_TRUE(resumed.status.ok()) << resumed.status;
  ASSERT_EQ(resumed.outcome_ids.size(), plain.outcome_ids.size());
  for (std::size_t i = 0; i < plain.outcome_ids.size(); ++i) {
    EXPECT_EQ(resumed.outcome_ids[i], 1001 + 2 * (plain.outcome_ids[i] - 1)) << i;
  }

  std::vector<SignalId> fewer(stored.begin(), stored.end() - 1);
  const Ran short_of_ids = RunOver(config, series, resume_with(fewer));
  EXPECT_EQ(short_of_ids.status.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(short_of_ids.status.message().find("made more signals"), std::string::npos)
      << short_of_ids.status;

  std::vector<SignalId> more = stored;
  more.push_back(99999);
  const Ran left_over = RunOver(config, series, resume_with(more));
  EXPECT_EQ(left_over.status.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(left_over.status.message().find("the run stored " + std::to_string(made + 1)),
            std::string::npos)
      << left_over.status;
}

}  // namespace
}  // namespace pulse::app

namespace pulse::app {
namespace {

TEST(PipelineTest, TradePrintsResolveTrackedSignalsBetweenCloses) {
  const std::vector<SymbolSeries> series = SampleBtcSeries(6000);
  const Config config;
  // A first pass finds a candidate that stayed open for a while.
  BarCloseCursor first_pass(series, Timeframe::Minutes(5));
  SimulatedClock clock(*first_pass.Peek());
  auto pipeline = Pipeline::Create(config, clock, {});
  ASSERT_TRUE(pipeline.ok()) << pipeline.status();
  std::vector<SymbolBar> close;
  while (first_pass.Next(&close)) ASSERT_TRUE((*pipeline)->OnBarClose(close).ok());
  const OutcomeResolved* target = nullptr;
  for (const OutcomeResolved& o : (*pipeline)->outcomes()) {
    if (o.result.exit_time && *o.result.exit_time > o.signal.created_at + FromSeconds(3600)) {
      target = &o;
      break;
    }
  }
  ASSERT_NE(target, nullptr);
  const Signal signal = target->signal;

  // Again, with a print at the stop-loss one minute after the close that made it.
  BarCloseCursor second_pass(series, Timeframe::Minutes(5));
  SimulatedClock clock2(*second_pass.Peek());
  auto again = Pipeline::Create(config, clock2, {});
  ASSERT_TRUE(again.ok()) << again.status();
  while (second_pass.Next(&close)) {
    ASSERT_TRUE((*again)->OnBarClose(close).ok());
    if (clock2.Now() == signal.created_at) break;
  }
  const UnixNanos print_time = signal.created_at + FromSeconds(60);
  ASSERT_TRUE((*again)->OnTrade(signal.exchange, signal.symbol, print_time, signal.stop_loss).ok());
  const std::vector<OutcomeResolved>& outcomes = (*again)->outcomes();
  auto it = std::find_if(outcomes.begin(), outcomes.end(),
                         [&](const OutcomeResolved& o) { return o.signal.id == signal.id; });
  ASSERT_NE(it, outcomes.end());
  EXPECT_EQ(it->result.exit_reason, kExitStopLoss);
  EXPECT_EQ(it->result.exit_time, print_time);
  EXPECT_DOUBLE_EQ(*it->result.exit_price, signal.stop_loss);

  EXPECT_EQ((*again)->OnTrade(signal.exchange, signal.symbol, print_time - 1, 100).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ((*again)->OnTrade(signal.exchange, signal.symbol, print_time, -1).code(),
            StatusCode::kInvalidArgument);
}

// An emergency stop applied before a close closes the paper positions at that close's prices,
// and the tracker ends their signals with that close: a later target or stop does not count.
TEST(PipelineTest, AnEmergencyStopClosesAtTheCloseAndEndsTheSignals) {
  const std::vector<SymbolSeries> series = SampleBtcSeries(12000);
  BarCloseCursor cursor(series, Timeframe::Minutes(5));
  SimulatedClock clock(*cursor.Peek());
  PipelineOptions options;
  options.keep_outcomes = true;
  auto pipeline = Pipeline::Create(Config{}, clock, {}, std::move(options));
  ASSERT_TRUE(pipeline.ok()) << pipeline.status();
  std::vector<SymbolBar> close;
  std::optional<Position> open;
  while (!open && cursor.Next(&close)) {
    ASSERT_TRUE((*pipeline)->OnBarClose(close).ok());
    const PortfolioSnapshot p = (*pipeline)->portfolio();
    if (!p.open_positions.empty()) open = p.open_positions.front();
  }
  ASSERT_TRUE(open.has_value()) << "no position opened in the sample";
  ASSERT_TRUE(cursor.Next(&close));
  const UnixNanos at = close.front().bar.open_time + Timeframe::Minutes(5).NominalNanos();
  ControllerCommand stop;
  stop.kind = ControllerCommandKind::kEmergencyStop;
  stop.requested_by = "test";
  ASSERT_TRUE((*pipeline)->Apply(stop, at).ok());
  EXPECT_EQ((*pipeline)->portfolio().open_positions.size(), 1u);  // closed with the bars
  ASSERT_TRUE((*pipeline)->OnBarClose(close).ok());
  EXPECT_TRUE((*pipeline)->portfolio().open_positions.empty());
  auto ended = [&] {
    std::vector<const OutcomeResolved*> found;
    for (const OutcomeResolved& o : (*pipeline)->outcomes()) {
      if (o.signal.id == open->signal_id) found.push_back(&o);
    }
    return found;
  };
  ASSERT_EQ(ended().size(), 1u);
  const OutcomeResolved& outcome = *ended().front();
  EXPECT_FALSE(outcome.shadow);
  EXPECT_EQ(outcome.result.exit_reason, "emergency_stop");
  EXPECT_DOUBLE_EQ(*outcome.result.exit_price, close.front().bar.close);
  EXPECT_EQ(*outcome.result.exit_time, at);
  // The rest of the data does not end it again.
  while (cursor.Next(&close)) ASSERT_TRUE((*pipeline)->OnBarClose(close).ok());
  ASSERT_TRUE((*pipeline)->Finish(/*close_open=*/true).ok());
  EXPECT_EQ(ended().size(), 1u);
}

// The pipeline remembers which symbol each position of a close had: a close whose bars come
// in another order must still reach each symbol's own state. (Ids follow the order, so the
// outcomes are compared by symbol, time and result.)
TEST(PipelineTest, SymbolsInAnyOrderAtEachCloseGiveTheSameOutcomes) {
  const char* root = std::getenv("PULSE_SOURCE_DIR");
  ASSERT_NE(root, nullptr);
  auto spec = FeatureSetSpecFromConfig(Config{}.features);
  ASSERT_TRUE(spec.ok());
  auto series = ReadSymbolSeries({std::string(root) + "/data/sample/BTCUSDT-5m.csv.gz",
                                  std::string(root) + "/data/sample/ETHUSDT-5m.csv.gz"},
                                 {}, "binance", *spec);
  ASSERT_TRUE(series.ok()) << series.status();
  for (SymbolSeries& s : *series) s.bars.resize(std::min<std::size_t>(4000, s.bars.size()));
  const Config config;
  using Row = std::tuple<std::string, UnixNanos, std::string, double>;
  auto run = [&](bool reorder) {
    std::vector<Row> rows;
    BarCloseCursor cursor(*series, Timeframe::Minutes(5));
    SimulatedClock clock(*cursor.Peek());
    auto pipeline = Pipeline::Create(config, clock, {});
    EXPECT_TRUE(pipeline.ok()) << pipeline.status();
    if (!pipeline.ok()) return rows;
    std::vector<SymbolBar> close;
    for (int n = 0; cursor.Next(&close); ++n) {
      if (reorder && n % 3 == 1) std::reverse(close.begin(), close.end());
      EXPECT_TRUE((*pipeline)->OnBarClose(close).ok());
    }
    EXPECT_TRUE((*pipeline)->Finish(/*close_open=*/true).ok());
    for (const OutcomeResolved& o : (*pipeline)->outcomes()) {
      rows.emplace_back(o.signal.symbol, o.signal.created_at, o.result.exit_reason,
                        o.result.pnl_percent_net.value_or(0));
    }
    std::sort(rows.begin(), rows.end());
    return rows;
  };
  const std::vector<Row> in_order = run(false);
  EXPECT_FALSE(in_order.empty());
  EXPECT_EQ(run(true), in_order);
}

}  // namespace
}  // namespace pulse::app
