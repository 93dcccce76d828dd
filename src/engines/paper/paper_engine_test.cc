#include "engines/paper/paper_engine.h"

#include <cmath>

#include <gtest/gtest.h>

#include "model/outcome_events.h"

namespace pulse::paper {
namespace {

constexpr UnixNanos kT0 = FromSeconds(1'700'000'100) / (15 * kNanosPerMinute) *
                          (15 * kNanosPerMinute);  // a 15-minute boundary
constexpr std::int64_t kBar = 15 * kNanosPerMinute;

Signal Long(SignalId id, std::string symbol, double entry, double stop, double target,
            std::optional<double> size = std::nullopt) {
  Signal s;
  s.id = id;
  s.symbol = std::move(symbol);
  s.exchange = "binance";
  s.timeframe = "15m";
  s.direction = Direction::kLong;
  s.entry_price = entry;
  s.stop_loss = stop;
  s.take_profit = target;
  s.size = size;
  s.created_at = kT0;
  return s;
}

Signal Short(SignalId id, std::string symbol, double entry, double stop, double target,
             std::optional<double> size = std::nullopt) {
  Signal s = Long(id, std::move(symbol), entry, stop, target, size);
  s.direction = Direction::kShort;
  return s;
}

Bar MakeBar(int index, double open, double high, double low, double close, double volume = 0) {
  return Bar{kT0 + index * kBar, open, high, low, close, volume};
}

// The default costs without the impact term, so prices are easy to follow by hand.
PaperConfig NoImpact() {
  PaperConfig c;
  c.impact_coefficient = 0;
  return c;
}

class PaperEngineTest : public ::testing::Test {
 protected:
  explicit PaperEngineTest(PaperConfig config = NoImpact())
      : clock_(kT0), engine_(config, clock_) {}

  // Delivers bar `index` of `symbol` at its close time.
  void Feed(std::string_view symbol, const Bar& bar) {
    clock_.SetTime(bar.open_time + kBar);
    Status s = engine_.OnBar(symbol, bar);
    ASSERT_TRUE(s.ok()) << s;
    CheckEquityIdentity();
  }

  // equity = cash + signed marked positions = starting balance + realised + unrealised.
  void CheckEquityIdentity() {
    double marked = engine_.account().cash;
    double unrealized = 0;
    for (const Position& p : engine_.open_positions()) {
      marked += (p.direction == Direction::kLong ? 1 : -1) * p.quantity * p.mark_price;
      unrealized += p.unrealized_pnl;
    }
    EXPECT_NEAR(engine_.Equity(), marked, 1e-9);
    EXPECT_NEAR(engine_.Equity(),
                engine_.account().starting_balance + engine_.account().realized_pnl + unrealized,
                1e-7);
    if (!engine_.equity_curve().empty()) {
      EXPECT_EQ(engine_.equity_curve().back().equity, engine_.Equity());
    }
  }

  std::vector<PaperEvent> Events() { return engine_.TakeEvents(); }

  SimulatedClock clock_;
  PaperEngine engine_;
};

// A copy, not a reference: callers take it from the temporary vector Events() returns (bound
// to a const reference, the copy lives as long as the reference).
template <typename T>
T As(const PaperEvent& e) {
  EXPECT_TRUE(std::holds_alternative<T>(e)) << "event index " << e.index();
  return std::get<T>(e);
}

TEST_F(PaperEngineTest, LongEntryFillsAtTheNextOpenWithSlippageAndFee) {
  engine_.OnSignalApproved(Long(7, "BTCUSDT", 100, 95, 110, 10));
  EXPECT_TRUE(Events().empty());
  ASSERT_EQ(engine_.pending_entries().size(), 1u);
  Feed("ETHUSDT", MakeBar(0, 50, 51, 49, 50));  // another symbol: still queued
  EXPECT_EQ(engine_.pending_entries().size(), 1u);
  Feed("BTCUSDT", MakeBar(0, 101, 102, 100, 101.5));

  std::vector<PaperEvent> events = Events();
  ASSERT_EQ(events.size(), 1u);
  const PositionOpened& opened = As<PositionOpened>(events[0]);
  const Fill& f = opened.fill;
  // open 101 * 1.0005 = 101.0505; fee 10 * 101.0505 * 0.001 = 1.010505
  EXPECT_EQ(f.side, OrderSide::kBuy);
  EXPECT_EQ(f.signal_id, 7);
  EXPECT_EQ(f.position_id, 1);
  EXPECT_DOUBLE_EQ(f.quantity, 10);
  EXPECT_DOUBLE_EQ(f.expected_price, 100);
  EXPECT_DOUBLE_EQ(f.reference_price, 101);
  EXPECT_DOUBLE_EQ(f.fill_price, 101.0505);
  EXPECT_DOUBLE_EQ(f.fee, 1.010505);
  EXPECT_EQ(f.fee_currency, "USDT");
  EXPECT_NEAR(f.slippage, 1.0505, 1e-12);
  EXPECT_NEAR(f.slippage_bps, 105.05, 1e-9);  // 1.0505 / 100 * 10000
  EXPECT_EQ(f.reason, kFillEntry);
  EXPECT_EQ(f.time, kT0);  // the bar's open
  EXPECT_EQ(f.mode, TradingMode::kPaper);
  // cash 10000 - 1010.505 - 1.010505 = 8988.484495
  EXPECT_NEAR(opened.account.cash, 8988.484495, 1e-9);
  EXPECT_EQ(opened.account.next_position_id, 2);

  ASSERT_EQ(engine_.open_positions().size(), 1u);
  const Position& p = engine_.open_positions()[0];
  EXPECT_DOUBLE_EQ(p.mark_price, 101.5);
  // 10 * (101.5 - 101.0505) - 1.010505 = 3.484495; equity 8988.484495 + 1015 = 10003.484495
  EXPECT_NEAR(p.unrealized_pnl, 3.484495, 1e-9);
  EXPECT_NEAR(engine_.Equity(), 10003.484495, 1e-9);
  EXPECT_NEAR(engine_.Exposure(), 1015, 1e-9);
  ASSERT_EQ(engine_.equity_curve().size(), 1u);  // both bars closed at the same time
  EXPECT_EQ(engine_.equity_curve().back().time, kT0 + kBar);
  EXPECT_EQ(engine_.equity_curve().back().open_positions, 1);
}

TEST(PaperEngineEquityCurveTest, TheOrderOfTheSymbolsInACloseDoesNotChangeTheCurve) {
  // Two engines get the same bars, the symbols of each close in opposite orders; the bar of the
  // symbol without a position changes nothing, so whichever comes last the point is the same.
  SimulatedClock clock_a(kT0), clock_b(kT0);
  PaperEngine a(NoImpact(), clock_a), b(NoImpact(), clock_b);
  a.OnSignalApproved(Long(7, "BTCUSDT", 100, 95, 110, 10));
  b.OnSignalApproved(Long(7, "BTCUSDT", 100, 95, 110, 10));
  const double closes[] = {101.5, 103, 99.5, 104};
  for (int i = 0; i < 4; ++i) {
    const Bar btc = MakeBar(i, i == 0 ? 101 : closes[i - 1], 105, 98, closes[i]);
    const Bar eth = MakeBar(i, 50, 51, 49, 50 + i);
    clock_a.SetTime(btc.open_time + kBar);
    clock_b.SetTime(btc.open_time + kBar);
    ASSERT_TRUE(a.OnBar("BTCUSDT", btc).ok());
    ASSERT_TRUE(a.OnBar("ETHUSDT", eth).ok());
    ASSERT_TRUE(b.OnBar("ETHUSDT", eth).ok());
    ASSERT_TRUE(b.OnBar("BTCUSDT", btc).ok());
  }
  ASSERT_EQ(a.equity_curve().size(), 4u);
  ASSERT_EQ(b.equity_curve().size(), 4u);
  for (std::size_t i = 0; i < 4; ++i) {
    const EquityPoint& p = a.equity_curve()[i];
    const EquityPoint& q = b.equity_curve()[i];
    EXPECT_EQ(p.time, kT0 + static_cast<std::int64_t>(i + 1) * kBar);
    EXPECT_EQ(p.time, q.time);
    EXPECT_EQ(p.equity, q.equity);
    EXPECT_EQ(p.cash, q.cash);
    EXPECT_EQ(p.unrealized_pnl, q.unrealized_pnl);
    EXPECT_EQ(p.exposure, q.exposure);
    EXPECT_EQ(p.open_positions, 1);
    // cash after the entry at 101.0505 with its fee, plus 10 BTC at this close.
    EXPECT_NEAR(p.equity, 8988.484495 + 10 * closes[i], 1e-9);
  }
}

TEST_F(PaperEngineTest, ShortEntryAndTakeProfitExitNetOfBothFees) {
  engine_.OnSignalApproved(Short(3, "BTCUSDT", 100, 105, 90, 10));
  Feed("BTCUSDT", MakeBar(0, 100, 101, 99, 100));
  // sell 100 * 0.9995 = 99.95; fee 0.9995; cash 10000 + 999.5 - 0.9995 = 10998.5005
  const PositionOpened opened = As<PositionOpened>(Events().at(0));
  EXPECT_EQ(opened.fill.side, OrderSide::kSell);
  EXPECT_DOUBLE_EQ(opened.fill.fill_price, 99.95);
  EXPECT_NEAR(opened.fill.slippage_bps, 5, 1e-9);
  EXPECT_NEAR(engine_.account().cash, 10998.5005, 1e-9);
  // marked at 100: 10998.5005 - 1000 = 9998.5005
  EXPECT_NEAR(engine_.Equity(), 9998.5005, 1e-9);

  Feed("BTCUSDT", MakeBar(1, 95, 96, 89, 91));  // reaches the take-profit 90
  std::vector<PaperEvent> events = Events();
  ASSERT_EQ(events.size(), 1u);
  const PositionClosed& closed = As<PositionClosed>(events[0]);
  // buy back at 90 * 1.0005 = 90.045; fee 0.90045
  EXPECT_EQ(closed.fill.side, OrderSide::kBuy);
  EXPECT_DOUBLE_EQ(closed.fill.expected_price, 90);
  EXPECT_DOUBLE_EQ(closed.fill.fill_price, 90.045);
  EXPECT_DOUBLE_EQ(closed.fill.fee, 0.90045);
  EXPECT_NEAR(closed.fill.slippage_bps, 5, 1e-9);  // 0.045 / 90 * 10000
  EXPECT_EQ(closed.fill.reason, kExitTakeProfit);
  EXPECT_EQ(closed.fill.time, kT0 + 2 * kBar);
  // 10 * (99.95 - 90.045) - 0.9995 - 0.90045 = 99.05 - 1.89995 = 97.15005
  EXPECT_NEAR(closed.pnl_after_fees, 97.15005, 1e-9);
  EXPECT_NEAR(closed.position.realized_pnl, 97.15005, 1e-9);
  EXPECT_NEAR(closed.position.fees_paid, 1.89995, 1e-12);
  EXPECT_EQ(closed.position.status, PositionStatus::kClosed);
  EXPECT_EQ(closed.position.exit_reason, kExitTakeProfit);
  EXPECT_DOUBLE_EQ(*closed.position.exit_price, 90.045);
  EXPECT_NEAR(engine_.account().cash, 10097.15005, 1e-9);
  EXPECT_NEAR(engine_.account().realized_pnl, 97.15005, 1e-9);
  EXPECT_NEAR(engine_.account().fees_paid, 1.89995, 1e-12);
  EXPECT_TRUE(engine_.open_positions().empty());
}

TEST_F(PaperEngineTest, StopLossInsideTheBarFillsAtTheStop) {
  engine_.OnSignalApproved(Long(1, "BTCUSDT", 100, 95, 110, 10));
  Feed("BTCUSDT", MakeBar(0, 100, 101, 99, 100));
  Feed("BTCUSDT", MakeBar(1, 98, 99, 94, 96));
  std::vector<PaperEvent> events = Events();
  ASSERT_EQ(events.size(), 2u);
  const PositionClosed& closed = As<PositionClosed>(events[1]);
  // sell 95 * 0.9995 = 94.9525; fee 0.949525
  // P&L 10 * (94.9525 - 100.05) - 1.0005 - 0.949525 = -50.975 - 1.950025 = -52.925025
  EXPECT_EQ(closed.fill.reason, kExitStopLoss);
  EXPECT_DOUBLE_EQ(closed.fill.reference_price, 95);
  EXPECT_DOUBLE_EQ(closed.fill.fill_price, 94.9525);
  EXPECT_NEAR(closed.fill.slippage, -0.0475, 1e-12);
  EXPECT_NEAR(closed.fill.slippage_bps, 5, 1e-9);
  EXPECT_NEAR(closed.pnl_after_fees, -52.925025, 1e-9);
  EXPECT_NEAR(engine_.account().cash, 10000 - 52.925025, 1e-9);
}

TEST_F(PaperEngineTest, GapThroughTheStopFillsAtTheOpenAndShowsTheSlippage) {
  engine_.OnSignalApproved(Long(1, "BTCUSDT", 100, 95, 110, 10));
  Feed("BTCUSDT", MakeBar(0, 100, 101, 99, 100));
  Feed("BTCUSDT", MakeBar(1, 93, 94, 90, 92));  // opens below the stop
  const PositionClosed& closed = As<PositionClosed>(Events().at(1));
  // the open 93, sold at 93 * 0.9995 = 92.9535; the trader expected 95:
  // (95 - 92.9535) / 95 * 10000 = 215.4210526... bps
  EXPECT_EQ(closed.fill.reason, kExitStopLoss);
  EXPECT_DOUBLE_EQ(closed.fill.reference_price, 93);
  EXPECT_DOUBLE_EQ(closed.fill.expected_price, 95);
  EXPECT_DOUBLE_EQ(closed.fill.fill_price, 92.9535);
  EXPECT_NEAR(closed.fill.slippage_bps, 215.42105263157896, 1e-9);
}

TEST_F(PaperEngineTest, BothLevelsInOneBarTakeTheStopFirstByDefault) {
  engine_.OnSignalApproved(Long(1, "BTCUSDT", 100, 95, 110, 10));
  Feed("BTCUSDT", MakeBar(0, 100, 101, 99, 100));
  Feed("BTCUSDT", MakeBar(1, 100, 111, 94, 105));
  const PositionClosed& closed = As<PositionClosed>(Events().at(1));
  EXPECT_EQ(closed.fill.reason, kExitStopLoss);
  EXPECT_DOUBLE_EQ(closed.fill.reference_price, 95);
}

// With the bars inside it, the engine decides as the tracker does: the first finer bar that
// reaches a level (here the target, at 1m inside the 5m bar), fills at that level.
TEST_F(PaperEngineTest, BothLevelsInOneBarAreDecidedByTheFinerBars) {
  engine_.OnSignalApproved(Long(1, "BTCUSDT", 100, 95, 110, 10));
  Feed("BTCUSDT", MakeBar(0, 100, 101, 99, 100));
  const Bar bar = MakeBar(1, 100, 111, 94, 105);
  const std::vector<Bar> finer = {
      {bar.open_time, 100, 102, 99, 101, 0},
      {bar.open_time + kNanosPerMinute, 101, 111, 100, 108, 0},  // the target first
      {bar.open_time + 2 * kNanosPerMinute, 108, 108, 94, 96, 0},
  };
  clock_.SetTime(bar.open_time + kBar);
  ASSERT_TRUE(engine_.OnBar("BTCUSDT", bar, finer).ok());
  const PositionClosed& closed = As<PositionClosed>(Events().at(1));
  EXPECT_EQ(closed.fill.reason, kExitTakeProfit);
  EXPECT_DOUBLE_EQ(closed.fill.reference_price, 110);
}

class TakeProfitFirstTest : public PaperEngineTest {
 protected:
  static PaperConfig Config() {
    PaperConfig c = NoImpact();
    c.both_hit_policy = analytics::BothHitPolicy::kTakeProfitFirst;
    return c;
  }
  TakeProfitFirstTest() : PaperEngineTest(Config()) {}
};

TEST_F(TakeProfitFirstTest, BothLevelsInOneBarFollowThePolicy) {
  engine_.OnSignalApproved(Long(1, "BTCUSDT", 100, 95, 110, 10));
  Feed("BTCUSDT", MakeBar(0, 100, 101, 99, 100));
  Feed("BTCUSDT", MakeBar(1, 100, 111, 94, 105));
  const PositionClosed& closed = As<PositionClosed>(Events().at(1));
  EXPECT_EQ(closed.fill.reason, kExitTakeProfit);
  EXPECT_DOUBLE_EQ(closed.fill.reference_price, 110);
  EXPECT_DOUBLE_EQ(closed.fill.fill_price, 109.945);  // 110 * 0.9995
}

TEST_F(PaperEngineTest, TrailingStopArmsTrailsAndExits) {
  Signal s = Long(1, "BTCUSDT", 100, 95, 120, 10);
  s.trailing_activation_pct = 2;
  s.trailing_pct = 1;
  engine_.OnSignalApproved(s);
  Feed("BTCUSDT", MakeBar(0, 100, 101, 99.5, 100.5));  // entry 100.05; best 101 < 102.051
  EXPECT_FALSE(engine_.open_positions()[0].trailing_armed);
  EXPECT_DOUBLE_EQ(engine_.open_positions()[0].stop_loss, 95);
  Feed("BTCUSDT", MakeBar(1, 100.5, 103, 100.2, 102.5));
  // best 103 >= 100.05 * 1.02 = 102.051: armed; stop max(95, 103 * 0.99) = 101.97
  const Position& p = engine_.open_positions()[0];
  EXPECT_TRUE(p.trailing_armed);
  EXPECT_DOUBLE_EQ(p.trailing_best_price, 103);
  EXPECT_DOUBLE_EQ(p.stop_loss, 101.97);
  Feed("BTCUSDT", MakeBar(2, 102.4, 102.6, 101.5, 101.8));
  const PositionClosed& closed = As<PositionClosed>(Events().at(1));
  // sold at 101.97 * 0.9995 = 101.919015; fee 1.01919015
  // P&L 10 * (101.919015 - 100.05) - 1.0005 - 1.01919015 = 16.67045985
  EXPECT_EQ(closed.fill.reason, kExitTrailingStop);
  EXPECT_DOUBLE_EQ(closed.fill.expected_price, 101.97);
  EXPECT_DOUBLE_EQ(closed.fill.fill_price, 101.919015);
  EXPECT_NEAR(closed.pnl_after_fees, 16.67045985, 1e-9);
}

// An armed trail that has not moved the stop past the signal's stop-loss: a stop-loss exit.
TEST_F(PaperEngineTest, AStopExitIsATrailingStopOnlyWhenTheTrailMovedTheStop) {
  Signal s = Long(1, "BTCUSDT", 100, 95, 130, 10);
  s.trailing_activation_pct = 1;
  s.trailing_pct = 10;
  engine_.OnSignalApproved(s);
  Feed("BTCUSDT", MakeBar(0, 100, 101.5, 99.5, 101));  // armed; 101.5 x 0.9 = 91.35 < 95
  EXPECT_TRUE(engine_.open_positions()[0].trailing_armed);
  EXPECT_DOUBLE_EQ(engine_.open_positions()[0].stop_loss, 95);
  Feed("BTCUSDT", MakeBar(1, 100, 100.5, 94, 94.5));
  const PositionClosed& closed = As<PositionClosed>(Events().at(1));
  EXPECT_EQ(closed.fill.reason, kExitStopLoss);
  EXPECT_DOUBLE_EQ(closed.fill.expected_price, 95);
}

TEST_F(PaperEngineTest, TimeStopClosesAtTheCloseOnceMaxHoldHasPassed) {
  Signal s = Long(1, "BTCUSDT", 100, 95, 110, 10);
  s.max_hold_minutes = 60;
  engine_.OnSignalApproved(s);
  // Entered at the open of bar 0 (kT0); bar 3 closes at kT0 + 60 minutes.
  Feed("BTCUSDT", MakeBar(0, 100, 101, 99, 100));
  Feed("BTCUSDT", MakeBar(1, 100, 101, 99, 100));
  Feed("BTCUSDT", MakeBar(2, 100, 101, 99, 100));
  EXPECT_EQ(engine_.open_positions().size(), 1u);
  Feed("BTCUSDT", MakeBar(3, 100, 101, 99, 100.8));
  std::vector<PaperEvent> events = Events();
  ASSERT_EQ(events.size(), 2u);
  const PositionClosed& closed = As<PositionClosed>(events[1]);
  EXPECT_EQ(closed.fill.reason, kExitTimeStop);
  EXPECT_DOUBLE_EQ(closed.fill.fill_price, 100.8 * 0.9995);
  EXPECT_EQ(*closed.position.closed_at, kT0 + 4 * kBar);
}

class SignalPriceTest : public PaperEngineTest {
 protected:
  static PaperConfig Config() {
    PaperConfig c = NoImpact();
    c.fill_mode = FillMode::kSignalPrice;
    return c;
  }
  SignalPriceTest() : PaperEngineTest(Config()) {}
};

TEST_F(SignalPriceTest, FillsImmediatelyAtTheSignalPrice) {
  clock_.SetTime(kT0 + 42);
  engine_.OnSignalApproved(Long(1, "BTCUSDT", 100, 95, 110, 1));
  std::vector<PaperEvent> events = Events();
  ASSERT_EQ(events.size(), 1u);
  const Fill& f = As<PositionOpened>(events[0]).fill;
  // 100 * 1.0005 = 100.05; fee 0.10005; slippage against the signal's price only
  EXPECT_DOUBLE_EQ(f.reference_price, 100);
  EXPECT_DOUBLE_EQ(f.fill_price, 100.05);
  EXPECT_DOUBLE_EQ(f.fee, 0.10005);
  EXPECT_NEAR(f.slippage_bps, 5, 1e-9);
  EXPECT_EQ(f.time, kT0 + 42);
  EXPECT_TRUE(engine_.pending_entries().empty());
}

TEST_F(PaperEngineTest, NextOpenAndSignalPriceFillDifferently) {
  // The same signal: next-open fills at the next bar's open, not at the signal's price.
  engine_.OnSignalApproved(Long(1, "BTCUSDT", 100, 95, 110, 1));
  Feed("BTCUSDT", MakeBar(0, 102, 103, 101, 102));
  EXPECT_DOUBLE_EQ(As<PositionOpened>(Events().at(0)).fill.fill_price, 102.051);  // 102 * 1.0005
}

class ImpactTest : public PaperEngineTest {
 protected:
  ImpactTest() : PaperEngineTest(PaperConfig{}) {}
};

TEST_F(ImpactTest, BiggerOrdersRelativeToTheBarsVolumePayMore) {
  engine_.OnSignalApproved(Long(1, "AAAUSDT", 100, 95, 110, 10));
  engine_.OnSignalApproved(Long(2, "BBBUSDT", 100, 95, 110, 10));
  Feed("AAAUSDT", MakeBar(0, 100, 101, 99, 100, 1000));  // 1 % of the volume
  Feed("BBBUSDT", MakeBar(0, 100, 101, 99, 100, 250));   // 4 % of the volume
  std::vector<PaperEvent> events = Events();
  ASSERT_EQ(events.size(), 2u);
  // impact 0.01 * sqrt(0.01) = 0.001 -> 100 * 1.0015; 0.01 * sqrt(0.04) = 0.002 -> 100 * 1.0025
  EXPECT_DOUBLE_EQ(As<PositionOpened>(events[0]).fill.fill_price, 100.15);
  EXPECT_DOUBLE_EQ(As<PositionOpened>(events[1]).fill.fill_price, 100.25);
  EXPECT_NEAR(As<PositionOpened>(events[1]).fill.slippage_bps, 25, 1e-9);
}

class ParticipationTest : public PaperEngineTest {
 protected:
  static PaperConfig Config() {
    PaperConfig c;  // with the impact term: it is paid on the quantity filled
    c.max_volume_participation = 0.025;
    return c;
  }
  ParticipationTest() : PaperEngineTest(Config()) {}
};

TEST_F(ParticipationTest, AnEntryTakesAtMostItsShareOfTheFillBarsVolume) {
  engine_.OnSignalApproved(Long(1, "AAAUSDT", 100, 95, 110, 10));  // 10 of 2.5 % of 200 = 5
  engine_.OnSignalApproved(Long(2, "BBBUSDT", 100, 95, 110, 10));  // 10 of 2.5 % of 1000 = 25
  engine_.OnSignalApproved(Long(3, "CCCUSDT", 100, 95, 110, 10));  // no volume: nothing
  Feed("AAAUSDT", MakeBar(0, 100, 101, 99, 100, 200));
  Feed("BBBUSDT", MakeBar(0, 100, 101, 99, 100, 1000));
  Feed("CCCUSDT", MakeBar(0, 100, 101, 99, 100, 0));
  std::vector<PaperEvent> events = Events();
  ASSERT_EQ(events.size(), 3u);
  const Fill& capped = As<PositionOpened>(events[0]).fill;
  EXPECT_DOUBLE_EQ(capped.quantity, 5);
  // impact 0.01 * sqrt(5 / 200) = 0.0015811... on the 5 filled, plus 0.05 % slippage
  EXPECT_NEAR(capped.fill_price, 100 * (1 + 0.0005 + 0.01 * std::sqrt(0.025)), 1e-9);
  const Fill& whole = As<PositionOpened>(events[1]).fill;
  EXPECT_DOUBLE_EQ(whole.quantity, 10);
  const OrderRejected& none = As<OrderRejected>(events[2]);
  EXPECT_EQ(none.reason, RejectReason::kSizeZero);
  EXPECT_EQ(none.message,
            "the fill bar has no volume to take a share of (paper.max_volume_participation "
            "0.025)");
  // Exits are not limited: the whole position closes at the stop.
  Feed("AAAUSDT", MakeBar(1, 100, 100, 90, 92, 1));
  events = Events();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_DOUBLE_EQ(As<PositionClosed>(events[0]).fill.quantity, 5);
}

TEST_F(PaperEngineTest, SizeWithoutSignalSizeIsTheExposureFractionOfEquity) {
  engine_.OnSignalApproved(Long(1, "BTCUSDT", 100, 95, 110));
  engine_.OnSignalApproved(Long(2, "ETHUSDT", 100, 95, 110, 1000));  // capped
  Feed("BTCUSDT", MakeBar(0, 100, 101, 99, 100));
  Feed("ETHUSDT", MakeBar(0, 100, 101, 99, 100));
  std::vector<PaperEvent> events = Events();
  ASSERT_EQ(events.size(), 2u);
  // room 0.25 * 10000 = 2500 at 100.05: 24.98750624... units, value 2500, fee 2.5
  const Fill& first = As<PositionOpened>(events[0]).fill;
  EXPECT_NEAR(first.quantity, 2500 / 100.05, 1e-12);
  EXPECT_NEAR(first.quantity * first.fill_price, 2500, 1e-9);
  EXPECT_NEAR(first.fee, 2.5, 1e-12);
  // Second: BTC marked at its close 100: equity 10000 - 2502.5 + (2500 / 100.05) * 100
  // = 9996.2506...; room min(0.25 * equity, 1.0 * equity - 2498.75...) = 0.25 * equity
  const Fill& second = As<PositionOpened>(events[1]).fill;
  EXPECT_NEAR(second.quantity * second.fill_price, 0.25 * (7497.5 + 2500 / 100.05 * 100), 1e-9);
  EXPECT_NEAR(second.quantity * second.fill_price, 2499.0627, 1e-4);
}

class ExposureTest : public PaperEngineTest {
 protected:
  static PaperConfig Config() {
    PaperConfig c = NoImpact();
    c.max_total_exposure = 0.25;
    return c;
  }
  ExposureTest() : PaperEngineTest(Config()) {}
};

TEST_F(ExposureTest, NoRoomUnderTheTotalExposureLimitRejects) {
  engine_.OnSignalApproved(Long(1, "BTCUSDT", 100, 95, 120, 1000));
  Feed("BTCUSDT", MakeBar(0, 100, 110, 99, 110));
  // BTC position 24.9875... units marked at 110: exposure 2748.63; equity 10000 - 2502.5 +
  // 2748.63 = 10246.13; 0.25 * equity = 2561.5 < exposure -> no room.
  engine_.OnSignalApproved(Long(2, "ETHUSDT", 100, 95, 120, 1));
  Feed("ETHUSDT", MakeBar(1, 100, 101, 99, 100));
  std::vector<PaperEvent> events = Events();
  ASSERT_EQ(events.size(), 2u);
  const OrderRejected& r = As<OrderRejected>(events[1]);
  EXPECT_EQ(r.reason, RejectReason::kExposureLimit);
  EXPECT_EQ(r.signal_id, 2);
  EXPECT_EQ(r.time, kT0 + kBar);
  EXPECT_NE(r.message.find("exposure"), std::string::npos) << r.message;
  EXPECT_EQ(engine_.open_positions().size(), 1u);
}

class AllInTest : public PaperEngineTest {
 protected:
  static PaperConfig Config() {
    PaperConfig c = NoImpact();
    c.max_position_fraction = 1.0;
    return c;
  }
  AllInTest() : PaperEngineTest(Config()) {}
};

TEST_F(AllInTest, ABuyCostingMoreThanTheCashIsRejected) {
  // Sized at 100 % of equity: value 10000 + fee 10 > cash 10000.
  engine_.OnSignalApproved(Long(1, "BTCUSDT", 100, 95, 110));
  Feed("BTCUSDT", MakeBar(0, 100, 101, 99, 100));
  std::vector<PaperEvent> events = Events();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(As<OrderRejected>(events[0]).reason, RejectReason::kInsufficientCash);
  EXPECT_DOUBLE_EQ(engine_.account().cash, 10000);
  // A short needs no cash up front (margin-free): the same order sells.
  engine_.OnSignalApproved(Short(2, "BTCUSDT", 100, 105, 90));
  Feed("BTCUSDT", MakeBar(1, 100, 101, 99, 100));
  EXPECT_TRUE(std::holds_alternative<PositionOpened>(Events().at(0)));
}

TEST_F(PaperEngineTest, BadSignalsAreRejectedWithTheirReason) {
  engine_.OnSignalApproved(Long(1, "BTCUSDT", 100, 95, 110, 0));
  engine_.OnSignalApproved(Long(2, "BTCUSDT", 100, 105, 110, 1));  // stop above the entry
  engine_.OnSignalApproved(Long(3, "BTCUSDT", 100, 95, 110, 1));
  engine_.OnSignalApproved(Long(3, "BTCUSDT", 100, 95, 110, 1));  // duplicate
  engine_.OnSignalApproved(Long(4, "BTCUSDT", 100, 95, 110, 1));
  Feed("BTCUSDT", MakeBar(0, 111, 112, 110, 111));  // opens beyond the take-profit
  std::vector<PaperEvent> events = Events();
  ASSERT_EQ(events.size(), 5u);
  EXPECT_EQ(As<OrderRejected>(events[0]).reason, RejectReason::kSizeZero);
  EXPECT_EQ(As<OrderRejected>(events[1]).reason, RejectReason::kInvalidSignal);
  EXPECT_NE(As<OrderRejected>(events[1]).message.find("not between stop-loss 105"),
            std::string::npos);
  EXPECT_EQ(As<OrderRejected>(events[2]).reason, RejectReason::kDuplicate);
  EXPECT_EQ(As<OrderRejected>(events[3]).reason, RejectReason::kPriceBeyondLevels);
  EXPECT_EQ(As<OrderRejected>(events[3]).signal_id, 3);
  EXPECT_EQ(As<OrderRejected>(events[4]).signal_id, 4);
  EXPECT_TRUE(engine_.open_positions().empty());
}

TEST_F(PaperEngineTest, ABarBeforeTheSignalDoesNotFillIt) {
  Signal s = Long(1, "BTCUSDT", 100, 95, 110, 1);
  s.created_at = kT0 + kBar;
  engine_.OnSignalApproved(s);
  Feed("BTCUSDT", MakeBar(0, 100, 101, 99, 100));
  EXPECT_TRUE(Events().empty());
  Feed("BTCUSDT", MakeBar(1, 100, 101, 99, 100));
  EXPECT_TRUE(std::holds_alternative<PositionOpened>(Events().at(0)));
}

TEST_F(PaperEngineTest, CloseAllExitsEveryPositionAtTheLastCloseAndCancelsQueuedEntries) {
  engine_.OnSignalApproved(Long(1, "AAAUSDT", 100, 95, 110, 10));
  engine_.OnSignalApproved(Short(2, "BBBUSDT", 50, 55, 40, 5));
  Feed("AAAUSDT", MakeBar(0, 100, 102.5, 99, 102));
  Feed("BBBUSDT", MakeBar(0, 50, 50.5, 48.5, 49));
  engine_.OnSignalApproved(Long(3, "CCCUSDT", 10, 9, 12, 1));
  Events();
  clock_.SetTime(kT0 + kBar + 7);
  EXPECT_EQ(engine_.CloseAll(kExitEmergencyStop), 2);
  std::vector<PaperEvent> events = Events();
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(As<OrderRejected>(events[0]).reason, RejectReason::kCancelled);
  const PositionClosed& a = As<PositionClosed>(events[1]);
  const PositionClosed& b = As<PositionClosed>(events[2]);
  // A: long 10 @ 100.05, sold at 102 * 0.9995 = 101.949, fee 1.01949:
  //    10 * 1.899 - 1.0005 - 1.01949 = 16.97001
  EXPECT_EQ(a.fill.reason, kExitEmergencyStop);
  EXPECT_DOUBLE_EQ(a.fill.fill_price, 101.949);
  EXPECT_NEAR(a.pnl_after_fees, 16.97001, 1e-9);
  EXPECT_EQ(a.fill.time, kT0 + kBar + 7);
  // B: short 5 @ 49.975 (fee 0.249875), bought back at 49 * 1.0005 = 49.0245 (fee 0.2451225):
  //    5 * 0.9505 - 0.249875 - 0.2451225 = 4.2575025
  EXPECT_DOUBLE_EQ(b.fill.fill_price, 49.0245);
  EXPECT_NEAR(b.pnl_after_fees, 4.2575025, 1e-9);
  EXPECT_TRUE(engine_.open_positions().empty());
  EXPECT_TRUE(engine_.pending_entries().empty());
  EXPECT_NEAR(engine_.account().cash, 10000 + 16.97001 + 4.2575025, 1e-9);
  EXPECT_DOUBLE_EQ(engine_.Equity(), engine_.account().cash);
  CheckEquityIdentity();
}

TEST_F(PaperEngineTest, ClosePositionByHandOrNotFound) {
  engine_.OnSignalApproved(Long(1, "BTCUSDT", 100, 95, 110, 10));
  Feed("BTCUSDT", MakeBar(0, 100, 101, 99, 101));
  Events();
  EXPECT_EQ(engine_.ClosePosition(99, kExitManual).code(), StatusCode::kNotFound);
  EXPECT_EQ(engine_.ClosePosition(1, "").code(), StatusCode::kInvalidArgument);
  ASSERT_TRUE(engine_.ClosePosition(1, kExitManual).ok());
  const PositionClosed& closed = As<PositionClosed>(Events().at(0));
  EXPECT_EQ(closed.fill.reason, kExitManual);
  EXPECT_DOUBLE_EQ(closed.fill.fill_price, 101 * 0.9995);
  EXPECT_EQ(engine_.ClosePosition(1, kExitManual).code(), StatusCode::kNotFound);
}

TEST_F(PaperEngineTest, BadBarIsAnErrorAndChangesNothing) {
  engine_.OnSignalApproved(Long(1, "BTCUSDT", 100, 95, 110, 10));
  Status s = engine_.OnBar("BTCUSDT", MakeBar(0, 100, 99, 101, 100));  // high < low
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("BTCUSDT"), std::string::npos);
  EXPECT_EQ(engine_.pending_entries().size(), 1u);
  EXPECT_TRUE(engine_.equity_curve().empty());
}

TEST(PaperEngineCreateTest, InvalidConfigIsRefused) {
  SimulatedClock clock(kT0);
  PaperConfig c;
  c.taker_fee = -1;
  Result<PaperEngine> engine = PaperEngine::Create(c, clock);
  ASSERT_FALSE(engine.ok());
  EXPECT_NE(engine.status().message().find("paper.taker_fee"), std::string::npos);
}

}  // namespace
}  // namespace pulse::paper
