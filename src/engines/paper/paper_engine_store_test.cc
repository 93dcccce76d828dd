// The paper engine with a PortfolioStore, as the application wires it: every fill is written
// with its position and the account, the open positions' state after every bar; after a
// restart the engine is restored from what the store holds and trades on unchanged.
#include <gtest/gtest.h>

#include "engines/paper/paper_engine.h"
#include "engines/paper/paper_test_scenario.h"
#include "support/in_memory_portfolio_store.h"

namespace pulse::paper {
namespace {

using namespace scenario;  // NOLINT: the shared test scenario

// Writes what the engine reported into the store; returns the number of fills written.
int Persist(PaperEngine& engine, PortfolioStore& store) {
  int fills = 0;
  for (const PaperEvent& e : engine.TakeEvents()) {
    if (const auto* opened = std::get_if<PositionOpened>(&e)) {
      EXPECT_TRUE(store.RecordFill(opened->fill, opened->position, opened->account).ok());
      ++fills;
    } else if (const auto* closed = std::get_if<PositionClosed>(&e)) {
      EXPECT_TRUE(store.RecordFill(closed->fill, closed->position, closed->account).ok());
      ++fills;
    }
  }
  EXPECT_TRUE(store.SaveState(engine.account(), engine.open_positions()).ok());
  return fills;
}

TEST(PaperEngineStoreTest, RestartFromTheStoreContinuesWithTheSamePositionsAndCash) {
  PaperConfig config;
  SimulatedClock clock_a(kT0);
  PaperEngine uninterrupted(config, clock_a);
  for (int i = 0; i < kSteps; ++i) Step(uninterrupted, clock_a, i);

  ::pulse::testing::InMemoryPortfolioStore store;
  SimulatedClock clock_b(kT0);
  PaperEngine before(config, clock_b);
  int fills = 0;
  for (int i = 0; i < kCut; ++i) {
    Step(before, clock_b, i);
    fills += Persist(before, store);
  }
  const std::vector<Signal> queued(before.pending_entries().begin(),
                                   before.pending_entries().end());

  // Restart: everything but the queued entry comes from the store.
  auto account = store.LoadAccount(config.account);
  ASSERT_TRUE(account.ok() && account->has_value());
  EXPECT_EQ(**account, before.account());
  auto open = store.LoadOpenPositions(config.account);
  ASSERT_TRUE(open.ok());
  ASSERT_EQ(open->size(), before.open_positions().size());
  EXPECT_EQ(store.ListTrades({})->size(), static_cast<std::size_t>(fills));

  SimulatedClock clock_c(kT0 + kCut * kBar);
  PaperEngine after(config, clock_c);
  ASSERT_TRUE(after.Restore(**account, *open, queued).ok());
  EXPECT_DOUBLE_EQ(after.Equity(), before.Equity());
  for (int i = kCut; i < kSteps; ++i) {
    Step(after, clock_c, i);
    fills += Persist(after, store);
  }
  EXPECT_EQ(after.Snapshot(), uninterrupted.Snapshot());
  // The store holds the whole history: the same fills the uninterrupted engine made.
  TradeFilter all;
  auto trades = store.ListTrades(all);
  ASSERT_TRUE(trades.ok());
  EXPECT_EQ(trades->size(), static_cast<std::size_t>(fills));
  EXPECT_DOUBLE_EQ((*store.LoadAccount(config.account))->cash, uninterrupted.account().cash);
}

}  // namespace
}  // namespace pulse::paper
