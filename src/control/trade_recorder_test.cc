#include "control/trade_recorder.h"

#include <gtest/gtest.h>

#include "support/in_memory_signal_store.h"

namespace pulse::control {
namespace {

UnixNanos T(const char* s) { return *ParseIso8601(s); }

class TradeRecorderTest : public ::testing::Test {
 protected:
  TradeRecorderTest() : clock_(T("2026-11-21T12:00:00Z")), recorder_(store_, clock_, {}) {}

  Signal Long(double entry = 50000, double stop = 49000, double take = 52000) {
    Signal s;
    s.symbol = "btc/usdt";
    s.direction = Direction::kLong;
    s.entry_price = entry;
    s.stop_loss = stop;
    s.take_profit = take;
    return s;
  }
  Signal Short() {
    Signal s = Long(50000, 51000, 48000);
    s.direction = Direction::kShort;
    return s;
  }

  testing::InMemorySignalStore store_;
  SimulatedClock clock_;
  TradeRecorder recorder_;
};

TEST_F(TradeRecorderTest, AddNormalisesAndStores) {
  SignalId id = *recorder_.AddSignal(Long());
  Signal s = *store_.GetSignal(id);
  EXPECT_EQ(s.symbol, "BTCUSDT");
  EXPECT_EQ(s.status, SignalStatus::kPending);
  EXPECT_EQ(s.created_at, clock_.Now());
  EXPECT_EQ(s.source, "manual");
}

TEST_F(TradeRecorderTest, RefusesLevelsOnTheWrongSide) {
  EXPECT_EQ(recorder_.AddSignal(Long(50000, 51000, 52000)).status().message(),
            "a long's stop-loss (51000) must be below its entry (50000)");
  Signal s = Short();
  s.take_profit = 50500;
  EXPECT_EQ(recorder_.AddSignal(s).status().message(),
            "a short's take-profit (50500) must be below its entry (50000)");
  Signal c = Long();
  c.confidence = 1.5;
  EXPECT_EQ(recorder_.AddSignal(c).status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(store_.ListSignals({})->empty());
}

TEST_F(TradeRecorderTest, AddSignalsIsAllOrNothing) {
  std::vector<Signal> batch = {Long(), Long(0, 1, 2), Short()};
  Result<std::vector<SignalId>> r = recorder_.AddSignals(batch);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("signal 2: entry price must be positive"), std::string::npos);
  EXPECT_TRUE(store_.ListSignals({})->empty());
  batch.erase(batch.begin() + 1);
  EXPECT_EQ(recorder_.AddSignals(batch)->size(), 2u);
}

TEST_F(TradeRecorderTest, LongRoundTrip) {
  SignalId id = *recorder_.AddSignal(Long());
  ASSERT_TRUE(recorder_.RecordEntry(id, 50000, T("2026-11-21T10:00:00Z")).ok());
  // Entry is an upsert.
  ASSERT_TRUE(recorder_.RecordEntry(id, 50100, T("2026-11-21T10:05:00Z")).ok());
  EXPECT_EQ(store_.GetSignal(id)->status, SignalStatus::kOpen);
  SignalResult r = *recorder_.RecordExit(id, 52104, "take_profit", T("2026-11-21T11:35:00Z"));
  EXPECT_DOUBLE_EQ(*r.pnl_percent, (52104.0 - 50100.0) / 50100.0 * 100);
  EXPECT_DOUBLE_EQ(*r.pnl_quote, 2004);
  EXPECT_EQ(r.outcome, Outcome::kWin);
  EXPECT_DOUBLE_EQ(*r.hold_minutes, 90);
  EXPECT_EQ(r.exit_reason, "take_profit");
  EXPECT_EQ(store_.GetSignal(id)->status, SignalStatus::kClosed);
}

TEST_F(TradeRecorderTest, ShortProfitsWhenPriceFalls) {
  Signal s = Short();
  s.size = 0.5;
  SignalId id = *recorder_.AddSignal(s);
  ASSERT_TRUE(recorder_.RecordEntry(id, 50000, std::nullopt).ok());
  SignalResult r = *recorder_.RecordExit(id, 48000, "", std::nullopt);
  EXPECT_DOUBLE_EQ(*r.pnl_percent, 4.0);
  EXPECT_DOUBLE_EQ(*r.pnl_quote_total, 1000);
  EXPECT_EQ(r.outcome, Outcome::kWin);
  EXPECT_EQ(r.exit_reason, "manual");
}

TEST_F(TradeRecorderTest, BadExitsChangeNothing) {
  SignalId id = *recorder_.AddSignal(Long());
  EXPECT_EQ(recorder_.RecordExit(999, 50000, "", std::nullopt).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(recorder_.RecordExit(id, 50000, "", std::nullopt).status().message(),
            "signal 1 has no entry; record the entry first");
  ASSERT_TRUE(recorder_.RecordEntry(id, 50000, T("2026-11-21T10:00:00Z")).ok());
  EXPECT_EQ(recorder_.RecordExit(id, 51000, "", T("2026-11-21T09:00:00Z")).status().message(),
            "exit time 2026-11-21T09:00:00Z is before the entry time 2026-11-21T10:00:00Z");
  EXPECT_EQ(recorder_.RecordExit(id, -1, "", std::nullopt).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(recorder_.RecordExit(id, std::nan(""), "", std::nullopt).status().code(),
            StatusCode::kInvalidArgument);
  const int writes = store_.writes();
  ASSERT_TRUE(recorder_.RecordExit(id, 51000, "", std::nullopt).ok());
  Result<SignalResult> second = recorder_.RecordExit(id, 52000, "", std::nullopt);
  EXPECT_EQ(second.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(recorder_.RecordEntry(id, 50000, std::nullopt).status().code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(store_.writes(), writes + 1);
  EXPECT_DOUBLE_EQ(*(*store_.GetResult(id))->exit_price, 51000);
}

TEST_F(TradeRecorderTest, RefusesTimesInTheFuture) {
  SignalId id = *recorder_.AddSignal(Long());
  EXPECT_EQ(recorder_.RecordEntry(id, 50000, T("2026-11-21T13:00:00Z")).status().message(),
            "entry time 2026-11-21T13:00:00Z is in the future (now 2026-11-21T12:00:00Z)");
  EXPECT_FALSE((*store_.GetResult(id)).has_value());
  ASSERT_TRUE(recorder_.RecordEntry(id, 50000, T("2026-11-21T12:04:00Z")).ok());
  EXPECT_EQ(recorder_.RecordExit(id, 50000, "", T("2026-11-22T12:00:00Z")).status().code(),
            StatusCode::kInvalidArgument);
}

TEST_F(TradeRecorderTest, ExitMarksContributions) {
  SignalId id = *recorder_.AddSignal(Long());
  TheoryContribution c{id, "rsi_mean_reversion", 0.4, std::nullopt, 0};
  // A source that argued against the trade (negative score) was right about the loss.
  TheoryContribution against{id, "macd_cross", -0.1, std::nullopt, 0};
  ASSERT_TRUE(store_.AddContributions({&c, 1}).ok());
  ASSERT_TRUE(store_.AddContributions({&against, 1}).ok());
  ASSERT_TRUE(recorder_.RecordEntry(id, 50000, std::nullopt).ok());
  ASSERT_TRUE(recorder_.RecordExit(id, 49000, "stop_loss", std::nullopt).ok());
  EXPECT_EQ(store_.ListContributions(id)->at(0).was_correct, false);
  EXPECT_EQ(store_.ListContributions(id)->at(1).was_correct, true);
  // Manual exits carry no fees: net P&L equals gross.
  const SignalResult r = **store_.GetResult(id);
  EXPECT_DOUBLE_EQ(*r.pnl_percent, -2.0);
  EXPECT_DOUBLE_EQ(*r.pnl_percent_net, -2.0);
}

}  // namespace
}  // namespace pulse::control
