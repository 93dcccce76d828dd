#include "analytics/paper_reconciliation.h"

#include <gtest/gtest.h>

namespace pulse::analytics {
namespace {

OutcomeResolved Traded(SignalId id, Direction direction, double size, double entry, double exit,
                       double fee_rate) {
  OutcomeResolved o;
  o.signal.id = id;
  o.signal.direction = direction;
  o.signal.size = size;
  o.result.signal_id = id;
  o.result.entry_price = entry;
  o.result.exit_price = exit;
  const double per_unit = (direction == Direction::kLong ? 1 : -1) * (exit - entry);
  o.result.pnl_quote = per_unit;
  o.result.fees_quote = fee_rate * size * (entry + exit);
  o.result.pnl_quote_total = per_unit * size - *o.result.fees_quote;
  o.result.outcome = per_unit > 0 ? Outcome::kWin : Outcome::kLoss;
  return o;
}

Fill MakeFill(SignalId signal, std::int64_t position, OrderSide side, double quantity,
              double reference, double price, double fee, const char* reason) {
  Fill f;
  f.signal_id = signal;
  f.position_id = position;
  f.side = side;
  f.quantity = quantity;
  f.reference_price = reference;
  f.fill_price = price;
  f.fee = fee;
  f.reason = reason;
  return f;
}

// A long: the signal says 2 units at 100 -> 110 with 0.1 % fees (tracker: 20 - 0.42 = 19.58).
// The account bought 1.5 units at the next open 101 (filled at 101.05) and sold at the take-profit
// level 110 (filled at 109.9), paying 0.15 and 0.16.
// A short: 1 unit at 50 -> 52 (tracker: -2 - 0.102 = -2.102); the account sold 1 at 50 (49.98),
// bought back at 52.5 after a gap through the stop (52.53), fees 0.05 and 0.0525.
TEST(PaperReconciliationTest, TakesTheSignalsPnlStepByStepToThePapers) {
  const std::vector<OutcomeResolved> outcomes = {Traded(1, Direction::kLong, 2, 100, 110, 0.001),
                                                 Traded(2, Direction::kShort, 1, 50, 52, 0.001)};
  const std::vector<Fill> fills = {
      MakeFill(2, 8, OrderSide::kBuy, 1, 52.5, 52.53, 0.0525, "stop_loss"),
      MakeFill(1, 7, OrderSide::kBuy, 1.5, 101, 101.05, 0.15, kFillEntry),
      MakeFill(2, 8, OrderSide::kSell, 1, 50, 49.98, 0.05, kFillEntry),
      MakeFill(1, 7, OrderSide::kSell, 1.5, 110, 109.9, 0.16, "take_profit")};
  auto r = ReconcilePaperWithSignals(outcomes, fills);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->positions, 2);
  EXPECT_EQ(r->unmatched, 0);
  EXPECT_NEAR(r->signals, 19.58 - 2.102, 1e-12);
  // Size: 10 per unit x (1.5 - 2) for the long, -2 x (1 - 1) for the short.
  EXPECT_NEAR(r->size, -5.0, 1e-12);
  // Timing: long entry 1 higher (-1.5); short exit 0.5 higher (-0.5).
  EXPECT_NEAR(r->timing, -1.5 - 0.5, 1e-12);
  // Slippage: long 0.05 + 0.1 per unit x 1.5; short 0.02 + 0.03.
  EXPECT_NEAR(r->slippage, -(0.15 * 1.5) - 0.05, 1e-12);
  EXPECT_NEAR(r->fees, (0.42 - 0.31) + (0.102 - 0.1025), 1e-12);
  const double realized = (109.9 - 101.05) * 1.5 - 0.31 + (49.98 - 52.53) - 0.1025;
  EXPECT_NEAR(r->paper, realized, 1e-12);
  EXPECT_NEAR(r->signals + r->size + r->timing + r->slippage + r->fees, r->paper, 1e-12);
}

// The same two positions one by one: each position's steps add up to its own fills' P&L, and the
// totals above are their sums.
TEST(PaperReconciliationTest, TakesEachPositionApartOnItsOwn) {
  const std::vector<OutcomeResolved> outcomes = {Traded(1, Direction::kLong, 2, 100, 110, 0.001),
                                                 Traded(2, Direction::kShort, 1, 50, 52, 0.001)};
  std::vector<Fill> fills = {
      MakeFill(2, 8, OrderSide::kBuy, 1, 52.5, 52.53, 0.0525, "stop_loss"),
      MakeFill(1, 7, OrderSide::kBuy, 1.5, 101, 101.05, 0.15, kFillEntry),
      MakeFill(2, 8, OrderSide::kSell, 1, 50, 49.98, 0.05, kFillEntry),
      MakeFill(1, 7, OrderSide::kSell, 1.5, 110, 109.9, 0.16, "take_profit")};
  for (Fill& f : fills) {
    f.symbol = f.signal_id == 1 ? "BTCUSDT" : "ETHUSDT";
    f.time = FromSeconds(f.position_id * 1000 + (f.reason == kFillEntry ? 0 : 300));
  }
  auto r = ReconcilePaperPositions(outcomes, fills);
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->size(), 2u);

  const PositionReconciliation& a = (*r)[0];  // position 7 first: the list is in position order
  EXPECT_EQ(a.position_id, 7);
  EXPECT_EQ(a.signal_id, 1);
  EXPECT_EQ(a.symbol, "BTCUSDT");
  EXPECT_EQ(a.direction, Direction::kLong);
  EXPECT_EQ(a.opened_at, FromSeconds(7000));
  EXPECT_EQ(a.closed_at, FromSeconds(7300));
  EXPECT_EQ(a.exit_reason, "take_profit");
  EXPECT_EQ(a.quantity, 1.5);
  EXPECT_EQ(a.entry_fill, 101.05);
  EXPECT_EQ(a.exit_fill, 109.9);
  EXPECT_NEAR(a.paper, (109.9 - 101.05) * 1.5 - 0.31, 1e-12);
  ASSERT_TRUE(a.steps.has_value());
  EXPECT_EQ(a.steps->signal_size, 2);
  EXPECT_EQ(a.steps->signal_entry, 100);
  EXPECT_EQ(a.steps->signal_exit, 110);
  EXPECT_NEAR(a.steps->signals, 19.58, 1e-12);
  EXPECT_NEAR(a.steps->size, -5.0, 1e-12);
  EXPECT_NEAR(a.steps->timing, -1.5, 1e-12);
  EXPECT_NEAR(a.steps->slippage, -0.15 * 1.5, 1e-12);
  EXPECT_NEAR(a.steps->fees, 0.42 - 0.31, 1e-12);

  const PositionReconciliation& b = (*r)[1];
  EXPECT_EQ(b.position_id, 8);
  EXPECT_EQ(b.direction, Direction::kShort);
  EXPECT_EQ(b.exit_reason, "stop_loss");
  EXPECT_NEAR(b.paper, (49.98 - 52.53) - 0.1025, 1e-12);
  ASSERT_TRUE(b.steps.has_value());
  EXPECT_NEAR(b.steps->signals, -2.102, 1e-12);
  EXPECT_EQ(b.steps->size, 0);
  EXPECT_NEAR(b.steps->timing, -0.5, 1e-12);
  EXPECT_NEAR(b.steps->slippage, -0.05, 1e-12);
  EXPECT_NEAR(b.steps->fees, 0.102 - 0.1025, 1e-12);

  for (const PositionReconciliation& p : *r) {
    EXPECT_NEAR(
        p.steps->signals + p.steps->size + p.steps->timing + p.steps->slippage + p.steps->fees,
        p.paper, 1e-12)
        << "position " << p.position_id;
  }
  const PaperReconciliation total = SumPaperPositions(*r);
  auto whole = ReconcilePaperWithSignals(outcomes, fills);
  ASSERT_TRUE(whole.ok());
  EXPECT_EQ(total.positions, 2);
  EXPECT_EQ(total.signals, whole->signals);
  EXPECT_EQ(total.paper, a.paper + b.paper);
  EXPECT_EQ(total.fees, a.steps->fees + b.steps->fees);
}

TEST(PaperReconciliationTest, OpenPositionsAndUnknownSignalsAreLeftOut) {
  const std::vector<OutcomeResolved> outcomes = {Traded(1, Direction::kLong, 2, 100, 110, 0)};
  OutcomeResolved shadow = Traded(3, Direction::kLong, 1, 10, 11, 0);
  shadow.shadow = true;
  const std::vector<OutcomeResolved> with_shadow = {outcomes[0], shadow};
  const std::vector<Fill> fills = {
      MakeFill(1, 1, OrderSide::kBuy, 2, 100, 100, 0, kFillEntry),  // still open
      MakeFill(3, 2, OrderSide::kBuy, 1, 10, 10, 0, kFillEntry),    // a shadow's: no outcome
      MakeFill(3, 2, OrderSide::kSell, 1, 11, 11, 0, "take_profit")};
  auto r = ReconcilePaperWithSignals(with_shadow, fills);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->positions, 0);
  EXPECT_EQ(r->unmatched, 1);
  EXPECT_EQ(r->unmatched_paper, 1.0);  // bought at 10, sold at 11, no fees
  EXPECT_EQ(r->paper, 0);

  // In the list, the unmatched position is there with its fills' P&L and no steps.
  auto list = ReconcilePaperPositions(with_shadow, fills);
  ASSERT_TRUE(list.ok()) << list.status();
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].position_id, 2);
  EXPECT_EQ((*list)[0].paper, 1.0);
  EXPECT_FALSE((*list)[0].steps.has_value());
}

// The account's Monte Carlo takes the positions in the order they closed, each P&L over the
// equity before it; a P&L below zero is a loss, whatever the signal's outcome.
TEST(PaperReconciliationTest, PaperAccountTradesCompoundInExitOrder) {
  std::vector<PositionReconciliation> positions(4);
  positions[0].position_id = 1;
  positions[0].closed_at = FromSeconds(300);
  positions[0].paper = -55;  // on 1,100
  positions[1].position_id = 2;
  positions[1].closed_at = FromSeconds(100);
  positions[1].paper = 100;  // on 1,000
  positions[2].position_id = 3;
  positions[2].closed_at = FromSeconds(300);  // a tie: after position 1, on 1,045
  positions[2].paper = 0;
  positions[3].position_id = 4;
  positions[3].closed_at = FromSeconds(400);  // unmatched (no steps): the account took it
  positions[3].paper = -0.01;
  auto r = PaperAccountTrades(positions, 1000);
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->size(), 4u);
  EXPECT_DOUBLE_EQ((*r)[0].account_return, 0.1);
  EXPECT_FALSE((*r)[0].loss);
  EXPECT_DOUBLE_EQ((*r)[1].account_return, -0.05);
  EXPECT_TRUE((*r)[1].loss);
  EXPECT_EQ((*r)[2].account_return, 0);
  EXPECT_FALSE((*r)[2].loss);
  EXPECT_DOUBLE_EQ((*r)[3].account_return, -0.01 / 1045);
  EXPECT_TRUE((*r)[3].loss);

  positions[0].paper = -1100;
  auto wiped = PaperAccountTrades(positions, 1000);
  ASSERT_FALSE(wiped.ok());
  EXPECT_NE(wiped.status().message().find("position 1:"), std::string::npos)
      << wiped.status().message();
  EXPECT_FALSE(PaperAccountTrades(positions, -1).ok());
}

TEST(PaperReconciliationTest, InconsistentFillsAreRefused) {
  const std::vector<Fill> twice = {MakeFill(1, 1, OrderSide::kBuy, 2, 100, 100, 0, kFillEntry),
                                   MakeFill(1, 1, OrderSide::kBuy, 2, 100, 100, 0, kFillEntry)};
  auto r = ReconcilePaperWithSignals({}, twice);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "position 1 has two entry fills");
  const std::vector<Fill> other = {MakeFill(1, 1, OrderSide::kBuy, 2, 100, 100, 0, kFillEntry),
                                   MakeFill(1, 1, OrderSide::kSell, 3, 101, 101, 0, "stop_loss")};
  r = ReconcilePaperWithSignals({}, other);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("quantity 2 vs 3"), std::string::npos)
      << r.status().message();
}

}  // namespace
}  // namespace pulse::analytics
