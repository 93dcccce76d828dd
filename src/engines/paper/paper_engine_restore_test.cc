// Restore: an engine rebuilt from the stored state (account, open positions, queued entries)
// continues exactly like one that never stopped.
#include <algorithm>
#include <cmath>

#include <gtest/gtest.h>

#include "engines/paper/paper_engine.h"
#include "engines/paper/paper_test_scenario.h"

namespace pulse::paper {
namespace {

using namespace scenario;  // NOLINT: the shared test scenario

TEST(PaperEngineRestoreTest, ARestoredEngineContinuesLikeAnUninterruptedOne) {
  PaperConfig config;  // with market impact
  SimulatedClock clock_a(kT0);
  PaperEngine uninterrupted(config, clock_a);
  std::vector<PaperEvent> tail_a;
  std::size_t curve_at_cut = 0;
  for (int i = 0; i < kSteps; ++i) {
    if (i == kCut) {
      uninterrupted.TakeEvents();
      curve_at_cut = uninterrupted.equity_curve().size();
    }
    Step(uninterrupted, clock_a, i);
  }
  tail_a = uninterrupted.TakeEvents();

  SimulatedClock clock_b(kT0);
  PaperEngine first_half(config, clock_b);
  for (int i = 0; i < kCut; ++i) Step(first_half, clock_b, i);
  // What the store would hold at the cut.
  const AccountState account = first_half.account();
  const std::vector<Position> open(first_half.open_positions().begin(),
                                   first_half.open_positions().end());
  const std::vector<Signal> queued(first_half.pending_entries().begin(),
                                   first_half.pending_entries().end());
  ASSERT_FALSE(open.empty()) << "the scenario should hold positions at the cut";
  ASSERT_FALSE(queued.empty()) << "the scenario should have a queued entry at the cut";
  EXPECT_TRUE(std::any_of(open.begin(), open.end(), [](const Position& p) {
    return p.trailing_pct && p.trailing_best_price > 0;
  })) << "the scenario should carry a trailing stop across the cut";

  SimulatedClock clock_c(kT0 + kCut * kBar);
  PaperEngine restored(config, clock_c);
  ASSERT_TRUE(restored.Restore(account, open, queued).ok());
  EXPECT_DOUBLE_EQ(restored.Equity(), first_half.Equity());
  for (int i = kCut; i < kSteps; ++i) Step(restored, clock_c, i);
  const std::vector<PaperEvent> tail_c = restored.TakeEvents();

  int opened = 0, closed = 0;
  for (const PaperEvent& e : tail_a) {
    opened += std::holds_alternative<PositionOpened>(e);
    closed += std::holds_alternative<PositionClosed>(e);
  }
  EXPECT_GE(opened, 3);
  EXPECT_GE(closed, 3);
  ASSERT_EQ(tail_c.size(), tail_a.size());
  for (std::size_t i = 0; i < tail_a.size(); ++i) EXPECT_TRUE(tail_c[i] == tail_a[i]) << i;
  EXPECT_EQ(restored.Snapshot(), uninterrupted.Snapshot());
  const std::vector<EquityPoint> tail_curve(uninterrupted.equity_curve().begin() + curve_at_cut,
                                            uninterrupted.equity_curve().end());
  EXPECT_EQ(restored.equity_curve(), tail_curve);
}

TEST(PaperEngineRestoreTest, RefusesAUsedEngineAndBadState) {
  SimulatedClock clock(kT0);
  PaperConfig config;
  AccountState account;
  account.name = "paper";
  account.starting_balance = 10000;
  account.cash = 9000;
  account.next_position_id = 3;
  Position p;
  p.id = 2;
  p.signal_id = 9;
  p.symbol = "BTCUSDT";
  p.quantity = 10;
  p.avg_entry_price = 100;
  p.mark_price = 101;
  p.stop_loss = 95;
  p.take_profit = 110;
  p.fees_paid = 1;

  {
    PaperEngine engine(config, clock);
    Position bad = p;
    bad.id = 3;  // not below next_position_id
    Status s = engine.Restore(account, {bad});
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
    EXPECT_NE(s.message().find("next_position_id"), std::string::npos) << s;
    AccountState other = account;
    other.name = "live-1";
    EXPECT_EQ(engine.Restore(other, {p}).code(), StatusCode::kInvalidArgument);
  }
  {
    PaperEngine engine(config, clock);
    ASSERT_TRUE(engine.Restore(account, {p}).ok());
    // cash 9000 + 10 * 101 = 10010; unrealised as stored until the next bar marks it
    EXPECT_DOUBLE_EQ(engine.Equity(), 10010);
    EXPECT_EQ(engine.Restore(account, {p}).code(), StatusCode::kFailedPrecondition);
    // A manual close right after a restart uses the stored mark.
    ASSERT_TRUE(engine.ClosePosition(9, "manual").ok());
    const auto events = engine.TakeEvents();
    ASSERT_EQ(events.size(), 1u);
    const PositionClosed& c = std::get<PositionClosed>(events[0]);
    EXPECT_DOUBLE_EQ(c.fill.reference_price, 101);
    EXPECT_EQ(c.fill.position_id, 2);
  }
}

}  // namespace
}  // namespace pulse::paper
