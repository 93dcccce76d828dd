#include "engines/tracker/outcome_tracker.h"

#include <gtest/gtest.h>

namespace pulse::tracker {
namespace {

constexpr UnixNanos kT0 = 1'700'000'100 * kNanosPerSecond;  // the signal bar's close
constexpr std::int64_t k5m = 5 * kNanosPerMinute;
const Timeframe kTf = Timeframe::Minutes(5);

Bar B(UnixNanos open_time, double o, double h, double l, double c) {
  return Bar{open_time, o, h, l, c, 10};
}

Signal MakeSignal(Direction d, double entry, double sl, double tp) {
  Signal s;
  s.id = 7;
  s.symbol = "BTCUSDT";
  s.exchange = "binance";
  s.timeframe = "5m";
  s.direction = d;
  s.entry_price = entry;
  s.stop_loss = sl;
  s.take_profit = tp;
  s.size = 2.0;
  s.created_at = kT0;
  return s;
}

class OutcomeTrackerTest : public ::testing::Test {
 protected:
  std::vector<OutcomeResolved> Bar5m(int index, double o, double h, double l, double c,
                                     std::span<const Bar> finer = {}) {
    std::vector<OutcomeResolved> out;
    tracker_.OnBar("binance", "BTCUSDT", kTf, B(kT0 + index * k5m, o, h, l, c),
                   FinerBars{Timeframe::Minutes(1), finer}, &out);
    return out;
  }

  SimulatedClock clock_{kT0};
  OutcomeTracker tracker_{TrackerConfig{}, clock_};
};

TEST_F(OutcomeTrackerTest, LongTakeProfitWithFeesAndExcursions) {
  ASSERT_TRUE(tracker_.Track(MakeSignal(Direction::kLong, 100, 98, 104), {}, false).ok());
  // The signal's own bar (before created_at) is ignored.
  std::vector<OutcomeResolved> out;
  tracker_.OnBar("binance", "BTCUSDT", kTf, B(kT0 - k5m, 100, 200, 1, 100), {}, &out);
  EXPECT_TRUE(out.empty());
  EXPECT_TRUE(Bar5m(0, 100, 102, 99, 101).empty());
  out = Bar5m(1, 101, 104.5, 100.5, 104);
  ASSERT_EQ(out.size(), 1u);
  const SignalResult& r = out[0].result;
  EXPECT_EQ(r.exit_reason, "take_profit");
  EXPECT_DOUBLE_EQ(*r.exit_price, 104);
  EXPECT_EQ(*r.exit_time, kT0 + 2 * k5m);
  EXPECT_DOUBLE_EQ(*r.pnl_percent, 4.0);
  // Fees 0.1 % on 100 and on 104: 0.204 per unit, 0.408 for 2 units.
  EXPECT_NEAR(*r.pnl_percent_net, 3.796, 1e-12);
  EXPECT_NEAR(*r.fees_quote, 0.408, 1e-12);
  EXPECT_NEAR(*r.pnl_quote_total, 8.0 - 0.408, 1e-12);
  EXPECT_EQ(r.outcome, Outcome::kWin);
  EXPECT_DOUBLE_EQ(*r.hold_minutes, 10.0);
  // MFE: the exit (4 %), not the exit bar's high (4.5 %); MAE: bar 0's low (-1 %).
  EXPECT_DOUBLE_EQ(*r.mfe_percent, 4.0);
  EXPECT_DOUBLE_EQ(*r.mae_percent, -1.0);
  EXPECT_EQ(r.exit_resolution, "");
  EXPECT_EQ(out[0].signal.status, SignalStatus::kClosed);
  EXPECT_FALSE(out[0].shadow);
  EXPECT_EQ(tracker_.open_count(), 0u);
}

TEST_F(OutcomeTrackerTest, ShortTakeProfitAndGapThroughAStop) {
  ASSERT_TRUE(tracker_.Track(MakeSignal(Direction::kShort, 100, 102, 96), {}, false).ok());
  auto out = Bar5m(0, 99, 99.5, 95.5, 96.2);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_DOUBLE_EQ(*out[0].result.pnl_percent, 4.0);  // short 100 -> 96
  EXPECT_DOUBLE_EQ(*out[0].result.mfe_percent, 4.0);
  EXPECT_DOUBLE_EQ(*out[0].result.mae_percent, 0.0);  // 99.5 is still in favour

  Signal s = MakeSignal(Direction::kLong, 100, 98, 104);
  s.id = 8;
  ASSERT_TRUE(tracker_.Track(s, {}, false).ok());
  out = Bar5m(0, 97, 97.5, 96, 97);  // opens below the stop: fills at the open
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].result.exit_reason, "stop_loss");
  EXPECT_DOUBLE_EQ(*out[0].result.exit_price, 97);
  EXPECT_EQ(out[0].result.outcome, Outcome::kLoss);
  EXPECT_DOUBLE_EQ(*out[0].result.mae_percent, -3.0);
}

TEST_F(OutcomeTrackerTest, BothLevelsInOneBarUseThePolicyWithoutFinerBars) {
  ASSERT_TRUE(tracker_.Track(MakeSignal(Direction::kLong, 100, 98, 104), {}, false).ok());
  auto out = Bar5m(0, 100, 105, 97, 101);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].result.exit_reason, "stop_loss");
  EXPECT_DOUBLE_EQ(*out[0].result.exit_price, 98);
  EXPECT_EQ(out[0].result.exit_resolution, "stop_loss_first");

  SimulatedClock clock{kT0};
  TrackerConfig optimistic;
  optimistic.both_hit_policy = analytics::BothHitPolicy::kTakeProfitFirst;
  OutcomeTracker tracker(optimistic, clock);
  ASSERT_TRUE(tracker.Track(MakeSignal(Direction::kLong, 100, 98, 104), {}, false).ok());
  out.clear();
  tracker.OnBar("binance", "BTCUSDT", kTf, B(kT0, 100, 105, 97, 101), {}, &out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].result.exit_reason, "take_profit");
  EXPECT_EQ(out[0].result.exit_resolution, "take_profit_first");
}

TEST_F(OutcomeTrackerTest, BothLevelsInOneBarAreDecidedByTheFinerBars) {
  ASSERT_TRUE(tracker_.Track(MakeSignal(Direction::kLong, 100, 98, 104), {}, false).ok());
  const std::int64_t m = kNanosPerMinute;
  // 1m bars inside the 5m bar: the take-profit is reached in the third minute, the stop later.
  const Bar finer[] = {B(kT0, 100, 101, 99.5, 100.5), B(kT0 + m, 100.5, 102, 100, 101.5),
                       B(kT0 + 2 * m, 101.5, 104.2, 101, 104), B(kT0 + 3 * m, 104, 104, 97, 97.5),
                       B(kT0 + 4 * m, 97.5, 101, 97.5, 101)};
  auto out = Bar5m(0, 100, 105, 97, 101, finer);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].result.exit_reason, "take_profit");
  EXPECT_DOUBLE_EQ(*out[0].result.exit_price, 104);
  EXPECT_EQ(out[0].result.exit_resolution, "lower_timeframe");
  EXPECT_EQ(*out[0].result.exit_time, kT0 + 3 * m);    // the close of the third minute
  EXPECT_DOUBLE_EQ(*out[0].result.mae_percent, -0.5);  // minute 1's low; minute 4 never counts
}

// The exit is at the deciding finer bar's close, also when the finer data has a hole after it
// (not at the next finer bar's open).
TEST_F(OutcomeTrackerTest, AFinerBarExitsAtItsOwnCloseAcrossAHole) {
  ASSERT_TRUE(tracker_.Track(MakeSignal(Direction::kLong, 100, 98, 104), {}, false).ok());
  const std::int64_t m = kNanosPerMinute;
  // Minutes 0 and 2; minute 1 and 3 are missing. The stop is reached in minute 2.
  const Bar finer[] = {B(kT0, 100, 101, 99.5, 100.5), B(kT0 + 2 * m, 100.5, 100.5, 97.5, 98),
                       B(kT0 + 4 * m, 98, 105, 98, 104)};
  auto out = Bar5m(0, 100, 105, 97.5, 104, finer);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].result.exit_reason, "stop_loss");
  EXPECT_EQ(out[0].result.exit_resolution, "lower_timeframe");
  EXPECT_EQ(*out[0].result.exit_time, kT0 + 3 * m);
}

TEST_F(OutcomeTrackerTest, AFinerBarTouchingBothFallsBackToThePolicy) {
  ASSERT_TRUE(tracker_.Track(MakeSignal(Direction::kLong, 100, 98, 104), {}, false).ok());
  const Bar finer[] = {B(kT0, 100, 101, 99.5, 100.5),
                       B(kT0 + kNanosPerMinute, 100.5, 105, 97, 101)};
  auto out = Bar5m(0, 100, 105, 97, 101, finer);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].result.exit_reason, "stop_loss");
  EXPECT_EQ(out[0].result.exit_resolution, "stop_loss_first");
  EXPECT_EQ(*out[0].result.exit_time, kT0 + 2 * kNanosPerMinute);  // in the second minute
}

TEST_F(OutcomeTrackerTest, TrailingStopArmsTrailsAndExits) {
  Signal s = MakeSignal(Direction::kLong, 100, 95, 110);
  s.trailing_activation_pct = 1.0;
  s.trailing_pct = 0.5;
  ASSERT_TRUE(tracker_.Track(s, {}, false).ok());
  EXPECT_TRUE(Bar5m(0, 100, 103, 100.5, 102.5).empty());
  // Armed at 103 (3 % > 1 %): stop 103 x 0.995 = 102.485, hit by the next bar's low.
  auto out = Bar5m(1, 102.6, 102.8, 102, 102.2);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].result.exit_reason, "trailing_stop");
  EXPECT_NEAR(*out[0].result.exit_price, 102.485, 1e-12);
  EXPECT_EQ(out[0].result.outcome, Outcome::kWin);
}

// A bar that opens beyond a level exits at its open, at its open time: what the bar did after
// the open does not count (a gap over the target, then a fall, is no adverse excursion).
TEST_F(OutcomeTrackerTest, AGapExitEndsAtTheOpenOfTheBar) {
  ASSERT_TRUE(tracker_.Track(MakeSignal(Direction::kLong, 100, 95, 110), {}, false).ok());
  EXPECT_TRUE(Bar5m(0, 100, 101, 99.5, 100.5).empty());
  auto out = Bar5m(1, 112, 113, 96, 100);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].result.exit_reason, "take_profit");
  EXPECT_DOUBLE_EQ(*out[0].result.exit_price, 112);
  EXPECT_EQ(*out[0].result.exit_time, kT0 + k5m);
  EXPECT_DOUBLE_EQ(*out[0].result.hold_minutes, 5.0);
  EXPECT_DOUBLE_EQ(*out[0].result.mfe_percent, 12.0);
  EXPECT_DOUBLE_EQ(*out[0].result.mae_percent, -0.5);  // bar 0's low, not the exit bar's 96

  Signal s = MakeSignal(Direction::kShort, 100, 105, 90);
  s.id = 8;
  ASSERT_TRUE(tracker_.Track(s, {}, false).ok());
  out = Bar5m(0, 107, 108, 99, 100);  // the first bar opens above the stop
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].result.exit_reason, "stop_loss");
  EXPECT_DOUBLE_EQ(*out[0].result.exit_price, 107);
  EXPECT_EQ(*out[0].result.exit_time, kT0);
  EXPECT_DOUBLE_EQ(*out[0].result.hold_minutes, 0.0);
  EXPECT_DOUBLE_EQ(*out[0].result.mfe_percent, 0.0);  // the 99 came after the exit
}

// An armed trail that has not moved the stop past the signal's stop-loss leaves a stop-loss
// exit a stop-loss exit.
TEST_F(OutcomeTrackerTest, AStopExitIsATrailingStopOnlyWhenTheTrailMovedTheStop) {
  Signal s = MakeSignal(Direction::kLong, 100, 95, 130);
  s.trailing_activation_pct = 1.0;
  s.trailing_pct = 10.0;
  ASSERT_TRUE(tracker_.Track(s, {}, false).ok());
  // Armed at 101.5, but 101.5 x 0.9 = 91.35 is below the stop of 95.
  EXPECT_TRUE(Bar5m(0, 100, 101.5, 99, 101).empty());
  auto out = Bar5m(1, 100, 100.5, 94, 94.5);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].result.exit_reason, "stop_loss");
  EXPECT_DOUBLE_EQ(*out[0].result.exit_price, 95);
}

// A trailing stop without an activation trails from the entry on (as the paper engine does).
TEST_F(OutcomeTrackerTest, ATrailWithoutActivationTrailsFromTheEntry) {
  Signal s = MakeSignal(Direction::kShort, 100, 105, 80);
  s.trailing_pct = 2.0;
  ASSERT_TRUE(tracker_.Track(s, {}, false).ok());
  EXPECT_TRUE(Bar5m(0, 100, 100.5, 98, 99).empty());  // best 98: stop 98 x 1.02 = 99.96
  auto out = Bar5m(1, 99, 100.2, 98.5, 100);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].result.exit_reason, "trailing_stop");
  EXPECT_NEAR(*out[0].result.exit_price, 99.96, 1e-12);
}

TEST_F(OutcomeTrackerTest, TimeStopExitsAtTheCloseOfTheBarThatReachesIt) {
  Signal s = MakeSignal(Direction::kLong, 100, 98, 104);
  s.max_hold_minutes = 10;
  ASSERT_TRUE(tracker_.Track(s, {}, false).ok());
  EXPECT_TRUE(Bar5m(0, 100, 100.4, 99.8, 100.2).empty());
  auto out = Bar5m(1, 100.2, 100.6, 100.1, 100.3);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].result.exit_reason, "time_stop");
  EXPECT_DOUBLE_EQ(*out[0].result.exit_price, 100.3);
  EXPECT_EQ(*out[0].result.exit_time, kT0 + 10 * kNanosPerMinute);
  // +0.3 % gross, 0.2003 % of fees: inside the 0.5 % band.
  EXPECT_EQ(out[0].result.outcome, Outcome::kBreakeven);
}

TEST_F(OutcomeTrackerTest, ShadowsAreTrackedAndFlaggedAndSourcesAreJudged) {
  Signal s = MakeSignal(Direction::kLong, 100, 98, 104);
  s.status = SignalStatus::kRejected;
  std::vector<TheoryContribution> sources = {{7, "theory:rsi_mean_reversion", 0.3, {}, kT0},
                                             {7, "model:xgb", -0.05, {}, kT0}};
  ASSERT_TRUE(tracker_.Track(s, sources, true).ok());
  auto out = Bar5m(0, 100, 100.5, 97.5, 98);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_TRUE(out[0].shadow);
  EXPECT_EQ(out[0].signal.status, SignalStatus::kRejected);
  EXPECT_EQ(out[0].result.outcome, Outcome::kLoss);
  ASSERT_EQ(out[0].contributions.size(), 2u);
  EXPECT_EQ(out[0].contributions[0].was_correct, false);  // backed a loser
  EXPECT_EQ(out[0].contributions[1].was_correct, true);   // argued against it
}

TEST_F(OutcomeTrackerTest, TradesCanReachALevelBetweenBars) {
  ASSERT_TRUE(tracker_.Track(MakeSignal(Direction::kLong, 100, 98, 104), {}, false).ok());
  std::vector<OutcomeResolved> out;
  tracker_.OnTrade("binance", "BTCUSDT", kT0 + kNanosPerSecond, 103.9, &out);
  EXPECT_TRUE(out.empty());
  tracker_.OnTrade("binance", "ETHUSDT", kT0 + 2 * kNanosPerSecond, 500, &out);  // other symbol
  EXPECT_TRUE(out.empty());
  tracker_.OnTrade("binance", "BTCUSDT", kT0 + 3 * kNanosPerSecond, 104.3, &out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].result.exit_reason, "take_profit");
  EXPECT_DOUBLE_EQ(*out[0].result.exit_price, 104.3);  // a print beyond the level fills there
  EXPECT_EQ(*out[0].result.exit_time, kT0 + 3 * kNanosPerSecond);
}

// Prints inside a bar do not tighten the trailing stop before the bar is checked: the bar is
// judged against the levels its prints saw (no look-ahead), and trails from its close on.
TEST_F(OutcomeTrackerTest, PrintsDoNotTightenTheTrailBeforeTheirBarIsChecked) {
  Signal s = MakeSignal(Direction::kLong, 100, 90, 130);
  s.trailing_activation_pct = 1.0;
  s.trailing_pct = 5.0;
  ASSERT_TRUE(tracker_.Track(s, {}, false).ok());
  std::vector<OutcomeResolved> out;
  for (const auto& [minute, price] :
       std::vector<std::pair<int, double>>{{1, 100}, {2, 98}, {3, 110}, {4, 108}}) {
    tracker_.OnTrade("binance", "BTCUSDT", kT0 + minute * kNanosPerMinute, price, &out);
  }
  EXPECT_TRUE(out.empty());
  EXPECT_TRUE(Bar5m(0, 100, 110, 98, 108).empty());  // still open
  // From the bar's close the trail stands at 110 x 0.95 = 104.5.
  out = Bar5m(1, 108, 108.5, 104, 104.2);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].result.exit_reason, "trailing_stop");
  EXPECT_DOUBLE_EQ(*out[0].result.exit_price, 104.5);
}

TEST_F(OutcomeTrackerTest, ManualExitAndExitAll) {
  ASSERT_TRUE(tracker_.Track(MakeSignal(Direction::kLong, 100, 98, 104), {}, false).ok());
  Signal other = MakeSignal(Direction::kShort, 100, 102, 96);
  other.id = 9;
  ASSERT_TRUE(tracker_.Track(other, {}, false).ok());
  Signal shadow = MakeSignal(Direction::kLong, 100, 98, 104);
  shadow.id = 10;
  ASSERT_TRUE(tracker_.Track(shadow, {}, true).ok());
  EXPECT_EQ(tracker_.Exit(99, 101, kT0, "manual").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(tracker_.Exit(7, -1, kT0, "manual").status().code(), StatusCode::kInvalidArgument);
  auto manual = tracker_.Exit(7, 101, kT0 + k5m, "manual");
  ASSERT_TRUE(manual.ok()) << manual.status();
  EXPECT_EQ(manual->result.exit_reason, "manual");
  EXPECT_DOUBLE_EQ(*manual->result.pnl_percent, 1.0);
  EXPECT_EQ(tracker_.open_count(), 2u);

  EXPECT_TRUE(Bar5m(0, 100, 100.5, 99, 99.5).empty());
  clock_.SetTime(kT0 + k5m);
  std::vector<OutcomeResolved> out;
  tracker_.ExitAll("end_of_data", /*include_shadows=*/false, &out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].signal.id, 9);
  EXPECT_DOUBLE_EQ(*out[0].result.exit_price, 99.5);  // the last close
  EXPECT_EQ(*out[0].result.exit_time, kT0 + k5m);
  EXPECT_EQ(tracker_.open_count(), 1u);
  EXPECT_TRUE(tracker_.Open()[0].shadow);

  // A signal of the current time has seen no price after its entry: it stays open.
  Signal last = MakeSignal(Direction::kLong, 100, 98, 104);
  last.id = 11;
  last.created_at = kT0 + k5m;
  ASSERT_TRUE(tracker_.Track(last, {}, false).ok());
  out.clear();
  tracker_.ExitAll("end_of_data", /*include_shadows=*/true, &out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].signal.id, 10);
  EXPECT_EQ(tracker_.open_count(), 1u);
  EXPECT_EQ(tracker_.Open()[0].signal.id, 11);
}

// A book taken by id before any signal of its symbol ignores bars until one is tracked (the
// last price starts with the bars after it, as by name), then resolves the same way.
TEST_F(OutcomeTrackerTest, BarsByBookIdActAsBarsByName) {
  const OutcomeTracker::BookId book = tracker_.BookOf("binance", "BTCUSDT");
  EXPECT_EQ(tracker_.BookOf("binance", "BTCUSDT"), book);
  EXPECT_NE(tracker_.BookOf("binance", "ETHUSDT"), book);
  std::vector<OutcomeResolved> out;
  tracker_.OnBar(book, kTf, B(kT0 - k5m, 100, 200, 1, 150), {}, &out);
  EXPECT_TRUE(out.empty());
  ASSERT_TRUE(tracker_.Track(MakeSignal(Direction::kLong, 100, 98, 104), {}, false).ok());
  // End of data at the signal's own time: no outcome yet. Later, before any later bar: the
  // exit is at the entry, not at the ignored 150.
  std::vector<OutcomeResolved> at_end;
  OutcomeTracker copy = tracker_;
  copy.ExitAll("end_of_data", /*include_shadows=*/true, &at_end);
  EXPECT_TRUE(at_end.empty());
  clock_.SetTime(kT0 + k5m);
  copy.ExitAll("end_of_data", /*include_shadows=*/true, &at_end);
  ASSERT_EQ(at_end.size(), 1u);
  EXPECT_DOUBLE_EQ(*at_end[0].result.exit_price, 100);

  tracker_.OnBar(book, kTf, B(kT0, 100, 102, 99, 101), {}, &out);
  EXPECT_TRUE(out.empty());
  tracker_.OnBar(book, kTf, B(kT0 + k5m, 101, 104.5, 100.5, 104), {}, &out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].result.exit_reason, "take_profit");
  EXPECT_EQ(*out[0].result.exit_time, kT0 + 2 * k5m);
  EXPECT_EQ(tracker_.open_count(), 0u);
}

// Several signals of one symbol resolving on the same bars: outcomes come out in the order the
// signals were tracked, and the ones still open keep that order.
TEST_F(OutcomeTrackerTest, ManyExitsOnOneBarKeepTheTrackingOrder) {
  // Stops at 99, 98, 97, ... and take-profits at 150, 104, 150, 106, 150, 108: ids 1..6.
  const double tps[] = {150, 104, 150, 106, 150, 108};
  for (int i = 0; i < 6; ++i) {
    Signal s = MakeSignal(Direction::kLong, 100, 99 - i, tps[i]);
    s.id = i + 1;
    ASSERT_TRUE(tracker_.Track(s, {}, /*shadow=*/i % 2 == 1).ok());
  }
  // Up to 106.5: ids 2 and 4 take profit.
  std::vector<OutcomeResolved> out = Bar5m(0, 100, 106.5, 99.5, 106);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].signal.id, 2);
  EXPECT_EQ(out[1].signal.id, 4);
  EXPECT_EQ(out[1].result.exit_reason, "take_profit");
  // Down to 96.5: the stops of ids 1 (99) and 3 (97) are hit, 5 (95) and 6 (94) survive.
  out = Bar5m(1, 106, 106, 96.5, 97);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].signal.id, 1);
  EXPECT_EQ(out[1].signal.id, 3);
  EXPECT_EQ(out[1].result.exit_reason, "stop_loss");
  const std::vector<TrackedSignal> open = tracker_.Open();
  ASSERT_EQ(open.size(), 2u);
  EXPECT_EQ(open[0].signal.id, 5);
  EXPECT_EQ(open[1].signal.id, 6);
  EXPECT_DOUBLE_EQ(open[1].bracket.take_profit, 108);
  EXPECT_TRUE(open[1].shadow);
  EXPECT_EQ(tracker_.open_count(), 2u);
  // Trades resolve the same way: 108 takes id 6's profit, id 5 stays.
  out.clear();
  tracker_.OnTrade("binance", "BTCUSDT", kT0 + 3 * k5m, 108, &out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].signal.id, 6);
  ASSERT_EQ(tracker_.Open().size(), 1u);
  EXPECT_EQ(tracker_.Open()[0].signal.id, 5);
}

TEST_F(OutcomeTrackerTest, RejectsSignalsItCannotFollow) {
  EXPECT_EQ(tracker_.Track(MakeSignal(Direction::kLong, 100, 101, 104), {}, false).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(tracker_.Track(MakeSignal(Direction::kShort, 100, 98, 96), {}, false).message(),
            "signal 7 BTCUSDT: a short needs stop-loss above and take-profit below the entry 100 "
            "(got 98 and 96)");
  Signal bad_tf = MakeSignal(Direction::kLong, 100, 98, 104);
  bad_tf.timeframe = "7x";
  EXPECT_EQ(tracker_.Track(bad_tf, {}, false).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(tracker_.open_count(), 0u);
}

TEST(TrackerConfig, ValidateNamesEveryBadField) {
  TrackerConfig c;
  EXPECT_TRUE(c.Validate().ok());
  c.fee_pct_per_side = -1;
  c.breakeven_band_pct = 200;
  const Status st = c.Validate();
  EXPECT_NE(st.message().find("tracker.fee_pct_per_side"), std::string::npos) << st;
  EXPECT_NE(st.message().find("tracker.breakeven_band_pct"), std::string::npos) << st;
  EXPECT_EQ(*analytics::ParseBothHitPolicy("take_profit_first"),
            analytics::BothHitPolicy::kTakeProfitFirst);
  EXPECT_FALSE(analytics::ParseBothHitPolicy("coin_flip").ok());
}

}  // namespace
}  // namespace pulse::tracker
