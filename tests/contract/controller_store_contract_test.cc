// Contract of ControllerStore (ports/controller_store.h) on every backend, and the same
// scenarios on the in-memory fake used by unit tests, so the fake keeps the port's semantics.
#include <cmath>
#include <limits>

#include <gtest/gtest.h>

#include "adapters/storage/sql_controller_store.h"
#include "adapters/storage/sql_signal_store.h"
#include "storage_backends.h"
#include "support/in_memory_controller_store.h"

namespace pulse::testing {
namespace {

using storage::SqlControllerStore;

constexpr UnixNanos kT0 = FromSeconds(1'700'000'000);

ControllerStatusRow Row(UnixNanos at, RiskState state, std::optional<RiskState> previous,
                        std::vector<ControllerReason> reasons = {}) {
  return {0, at, state, previous, std::move(reasons)};
}

void RoundTripsEveryField(ControllerStore& store) {
  const ControllerStatusRow first =
      Row(kT0, RiskState::kGreen, std::nullopt, {{"start", 0, 0, "controller started"}});
  const ControllerStatusRow red =
      Row(kT0 + 5, RiskState::kRed, RiskState::kGreen,
          {{"win_rate", 0.6, 0.65, "win rate 60.00% < 65.00% over the last 20 resolved"},
           {"drawdown", 0.1625, 0.15, "drawdown \"16.25%\" > 15.00% 'quoted' ?"}});
  auto id1 = store.AppendStatus(first);
  auto id2 = store.AppendStatus(red);
  ASSERT_TRUE(id1.ok()) << id1.status();
  ASSERT_TRUE(id2.ok()) << id2.status();
  EXPECT_GT(*id2, *id1);
  auto rows = store.ListStatus({});
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->size(), 2u);
  ControllerStatusRow want1 = first;
  want1.id = *id1;
  ControllerStatusRow want2 = red;
  want2.id = *id2;
  EXPECT_EQ(rows->at(0), want1);
  EXPECT_EQ(rows->at(1), want2);
  auto latest = store.Latest();
  ASSERT_TRUE(latest.ok()) << latest.status();
  ASSERT_TRUE(latest->has_value());
  EXPECT_EQ(**latest, want2);
}

void NonFiniteNumbersComeBackAsNan(ControllerStore& store) {
  const double inf = std::numeric_limits<double>::infinity();
  ASSERT_TRUE(store
                  .AppendStatus(Row(kT0, RiskState::kYellow, RiskState::kGreen,
                                    {{"win_rate", std::nan(""), inf, "no figure"}}))
                  .ok());
  auto latest = store.Latest();
  ASSERT_TRUE(latest.ok()) << latest.status();
  ASSERT_TRUE(latest->has_value());
  ASSERT_EQ((*latest)->reasons.size(), 1u);
  EXPECT_TRUE(std::isnan((*latest)->reasons[0].value));
  EXPECT_TRUE(std::isnan((*latest)->reasons[0].threshold));
  EXPECT_EQ((*latest)->reasons[0].text, "no figure");
}

void ListsInTimeOrderWithSinceAndLimit(ControllerStore& store) {
  auto empty = store.Latest();
  ASSERT_TRUE(empty.ok()) << empty.status();
  EXPECT_FALSE(empty->has_value());
  // Appended out of time order; two rows share a time (then the id orders them).
  ASSERT_TRUE(store.AppendStatus(Row(kT0 + 30, RiskState::kPaused, RiskState::kRed)).ok());
  ASSERT_TRUE(store.AppendStatus(Row(kT0 + 10, RiskState::kGreen, std::nullopt)).ok());
  ASSERT_TRUE(store.AppendStatus(Row(kT0 + 20, RiskState::kRed, RiskState::kGreen)).ok());
  ASSERT_TRUE(store.AppendStatus(Row(kT0 + 30, RiskState::kStopped, RiskState::kPaused)).ok());
  auto all = store.ListStatus({});
  ASSERT_TRUE(all.ok()) << all.status();
  ASSERT_EQ(all->size(), 4u);
  EXPECT_EQ(all->at(0).state, RiskState::kGreen);
  EXPECT_EQ(all->at(1).state, RiskState::kRed);
  EXPECT_EQ(all->at(2).state, RiskState::kPaused);
  EXPECT_EQ(all->at(3).state, RiskState::kStopped);
  auto since = store.ListStatus({.since = kT0 + 20});
  ASSERT_TRUE(since.ok());
  ASSERT_EQ(since->size(), 3u);
  EXPECT_EQ(since->front().state, RiskState::kRed);
  ControllerStatusFilter window;
  window.since = kT0 + 10;
  window.until = kT0 + 20;  // inclusive, like since
  auto in_window = store.ListStatus(window);
  ASSERT_TRUE(in_window.ok()) << in_window.status();
  ASSERT_EQ(in_window->size(), 2u);
  EXPECT_EQ(in_window->at(0).state, RiskState::kGreen);
  EXPECT_EQ(in_window->at(1).state, RiskState::kRed);
  // The newest row at or before a time: the limit counts after the bound.
  ControllerStatusFilter as_at;
  as_at.limit = 1;
  as_at.until = kT0 + 29;
  auto newest_then = store.ListStatus(as_at);
  ASSERT_TRUE(newest_then.ok()) << newest_then.status();
  ASSERT_EQ(newest_then->size(), 1u);
  EXPECT_EQ(newest_then->front().state, RiskState::kRed);
  auto newest_two = store.ListStatus({.limit = 2});
  ASSERT_TRUE(newest_two.ok());
  ASSERT_EQ(newest_two->size(), 2u);
  EXPECT_EQ(newest_two->at(0).state, RiskState::kPaused);  // oldest first
  EXPECT_EQ(newest_two->at(1).state, RiskState::kStopped);
  auto latest = store.Latest();
  ASSERT_TRUE(latest.ok());
  EXPECT_EQ((*latest)->state, RiskState::kStopped);
  EXPECT_EQ((*latest)->previous_state, RiskState::kPaused);
}

void RefusesBadInput(ControllerStore& store) {
  auto bad = store.AppendStatus(Row(kT0, RiskState::kRed, RiskState::kGreen, {{"", 1, 2, "x"}}));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store.ListStatus({.limit = -1}).status().code(), StatusCode::kInvalidArgument);
  auto rows = store.ListStatus({});
  ASSERT_TRUE(rows.ok());
  EXPECT_TRUE(rows->empty());
}

template <typename Backend>
class ControllerStoreContractTest : public StorageContractTest<Backend> {};
TYPED_TEST_SUITE(ControllerStoreContractTest, StorageBackends, BackendName);

TYPED_TEST(ControllerStoreContractTest, RoundTripsEveryField) {
  SqlControllerStore store(*this->db_);
  RoundTripsEveryField(store);
}

TYPED_TEST(ControllerStoreContractTest, NonFiniteNumbersComeBackAsNan) {
  SqlControllerStore store(*this->db_);
  NonFiniteNumbersComeBackAsNan(store);
}

TYPED_TEST(ControllerStoreContractTest, ListsInTimeOrderWithSinceAndLimit) {
  SqlControllerStore store(*this->db_);
  ListsInTimeOrderWithSinceAndLimit(store);
}

TYPED_TEST(ControllerStoreContractTest, RefusesBadInput) {
  SqlControllerStore store(*this->db_);
  RefusesBadInput(store);
}

TYPED_TEST(ControllerStoreContractTest, CorruptReasonsAreDataLoss) {
  ASSERT_TRUE(this->db_
                  ->Execute("INSERT INTO controller_status (changed_at, state, reasons) "
                            "VALUES (?, 'red', ?)",
                            {storage::SqlValue(kT0), storage::SqlValue(std::string("{oops"))})
                  .ok());
  SqlControllerStore store(*this->db_);
  auto latest = store.Latest();
  ASSERT_FALSE(latest.ok());
  EXPECT_EQ(latest.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(latest.status().message().find("reasons is not a JSON array"), std::string::npos);
}

TYPED_TEST(ControllerStoreContractTest, UnknownStateIsRefusedByTheSchema) {
  auto inserted = this->db_->Execute(
      "INSERT INTO controller_status (changed_at, state, reasons) VALUES (?, 'amber', '[]')",
      {storage::SqlValue(kT0)});
  EXPECT_FALSE(inserted.ok());
}

// A signal the controller denied is stored through the signal store as a rejected signal whose
// rejection_reasons say why.
TYPED_TEST(ControllerStoreContractTest, DeniedSignalIsStoredWithItsReasons) {
  SignalDenied denied;
  denied.signal.symbol = "BTCUSDT";
  denied.signal.entry_price = 100;
  denied.signal.stop_loss = 95;
  denied.signal.take_profit = 110;
  denied.signal.created_at = kT0;
  denied.reason = DenyReason::kRedLight;
  denied.reasons = {{"red_light:consecutive_losses", 5, 5, "red light: 5 consecutive losses >= 5"}};
  storage::SqlSignalStore signals(*this->db_);
  auto id = signals.AddSignal(DeniedSignalForStorage(denied));
  ASSERT_TRUE(id.ok()) << id.status();
  auto got = signals.GetSignal(*id);
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(got->status, SignalStatus::kRejected);
  ASSERT_EQ(got->gate_checks.size(), 1u);
  EXPECT_EQ(got->gate_checks[0].gate, "risk:red_light:consecutive_losses");
  auto reasons = this->db_->Query("SELECT rejection_reasons FROM signals WHERE id = ?",
                                  {storage::SqlValue(*id)});
  ASSERT_TRUE(reasons.ok()) << reasons.status();
  EXPECT_EQ(*reasons->at(0).GetString(0), "red light: 5 consecutive losses >= 5");
}

TEST(InMemoryControllerStoreTest, KeepsThePortContract) {
  {
    InMemoryControllerStore store;
    RoundTripsEveryField(store);
  }
  {
    InMemoryControllerStore store;
    NonFiniteNumbersComeBackAsNan(store);
  }
  {
    InMemoryControllerStore store;
    ListsInTimeOrderWithSinceAndLimit(store);
  }
  {
    InMemoryControllerStore store;
    RefusesBadInput(store);
  }
}

}  // namespace
}  // namespace pulse::testing
