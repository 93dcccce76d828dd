// Contract of CandleStore (ports/candle_store.h) on every backend.
#include <algorithm>

#include <gtest/gtest.h>

#include "adapters/storage/sql_candle_store.h"
#include "storage_backends.h"

namespace pulse::testing {
namespace {

using storage::SqlCandleStore;

constexpr UnixNanos kT0 = FromSeconds(1'700'000'000);  // 2023-11-14T22:13:20Z
constexpr std::int64_t kMinute = kNanosPerMinute;

BarKey Key(std::string exchange = "binance", std::string symbol = "BTCUSDT",
           Timeframe tf = Timeframe::Minutes(1)) {
  return BarKey{std::move(exchange), std::move(symbol), tf};
}

Bar MakeBar(int i, double base = 100) {
  return Bar{kT0 + i * kMinute, base + i,        base + i + 0.75,
             base + i - 0.5,    base + i + 0.25, 1000.125 + i * 3};
}

std::vector<Bar> Bars(int from, int to, double base = 100) {
  std::vector<Bar> out;
  for (int i = from; i < to; ++i) out.push_back(MakeBar(i, base));
  return out;
}

template <typename Backend>
class CandleStoreContractTest : public StorageContractTest<Backend> {};
TYPED_TEST_SUITE(CandleStoreContractTest, StorageBackends, BackendName);

TYPED_TEST(CandleStoreContractTest, RoundTripsEveryFieldExactly) {
  SqlCandleStore store(*this->db_);
  std::vector<Bar> bars = {
      Bar{kT0, 0.1, 0.30000000000000004, 1e-12, 123456.789012345678, 9.999999999999e15},
      Bar{kT0 + kMinute, 65000.5, 65100.25, 64900.125, 65050.0, 0.0},
      Bar{-FromSeconds(86400), 1, 2, 0.5, 1.5, 7},  // before 1970
  };
  auto added = store.UpsertBars(Key(), bars);
  ASSERT_TRUE(added.ok()) << added.status();
  EXPECT_EQ(*added, 3);
  auto loaded = store.LoadBars(Key(), -FromSeconds(86400), kT0 + 2 * kMinute);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  std::vector<Bar> expected = {bars[2], bars[0], bars[1]};
  EXPECT_EQ(*loaded, expected);
}

TYPED_TEST(CandleStoreContractTest, ListsTheSymbolsOfOneExchangeAndTimeframe) {
  SqlCandleStore store(*this->db_);
  ASSERT_TRUE(store.UpsertBars(Key("binance", "SOLUSDT"), Bars(0, 2)).ok());
  ASSERT_TRUE(store.UpsertBars(Key("binance", "BTCUSDT"), Bars(0, 3)).ok());
  ASSERT_TRUE(store.UpsertBars(Key("binance", "ETHUSDT", Timeframe::Hours(1)), Bars(0, 1)).ok());
  ASSERT_TRUE(store.UpsertBars(Key("bybit", "XRPUSDT"), Bars(0, 1)).ok());
  auto symbols = store.ListSymbols("binance", Timeframe::Minutes(1));
  ASSERT_TRUE(symbols.ok()) << symbols.status();
  EXPECT_EQ(*symbols, (std::vector<std::string>{"BTCUSDT", "SOLUSDT"}));
  auto none = store.ListSymbols("kraken", Timeframe::Minutes(1));
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

TYPED_TEST(CandleStoreContractTest, UpsertReplacesAndCountsOnlyNewRows) {
  SqlCandleStore store(*this->db_);
  auto first = store.UpsertBars(Key(), Bars(0, 3));
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(*first, 3);
  // Bars 1 and 2 again with other prices, plus new bar 3.
  std::vector<Bar> second = Bars(1, 4, 500);
  auto added = store.UpsertBars(Key(), second);
  ASSERT_TRUE(added.ok()) << added.status();
  EXPECT_EQ(*added, 1);
  EXPECT_EQ(*store.CountBars(Key()), 4);
  auto loaded = store.LoadBars(Key(), kT0, kT0 + 10 * kMinute);
  ASSERT_TRUE(loaded.ok());
  ASSERT_EQ(loaded->size(), 4u);
  EXPECT_EQ(loaded->at(0), MakeBar(0));
  EXPECT_EQ(loaded->at(1), MakeBar(1, 500));
  EXPECT_EQ(loaded->at(2), MakeBar(2, 500));
  EXPECT_EQ(loaded->at(3), MakeBar(3, 500));
  auto again = store.UpsertBars(Key(), second);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, 0);
}

TYPED_TEST(CandleStoreContractTest, DuplicateOpenTimesInOneCallLastWins) {
  SqlCandleStore store(*this->db_);
  std::vector<Bar> bars = {MakeBar(5), MakeBar(1), MakeBar(5, 900), MakeBar(3)};
  auto added = store.UpsertBars(Key(), bars);
  ASSERT_TRUE(added.ok()) << added.status();
  EXPECT_EQ(*added, 3);
  auto loaded = store.LoadBars(Key(), kT0, kT0 + 10 * kMinute);
  ASSERT_TRUE(loaded.ok());
  std::vector<Bar> expected = {MakeBar(1), MakeBar(3), MakeBar(5, 900)};
  EXPECT_EQ(*loaded, expected);
}

TYPED_TEST(CandleStoreContractTest, LoadIsHalfOpenAndOrdered) {
  SqlCandleStore store(*this->db_);
  std::vector<Bar> bars = Bars(0, 10);
  std::reverse(bars.begin(), bars.end());
  ASSERT_TRUE(store.UpsertBars(Key(), bars).ok());
  auto loaded = store.LoadBars(Key(), kT0 + 2 * kMinute, kT0 + 5 * kMinute);
  ASSERT_TRUE(loaded.ok());
  std::vector<Bar> expected = Bars(2, 5);
  EXPECT_EQ(*loaded, expected);
  auto empty = store.LoadBars(Key(), kT0 + 5 * kMinute, kT0 + 5 * kMinute);
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());
  auto none_yet = store.LoadBars(Key(), kT0 + 100 * kMinute, kT0 + 200 * kMinute);
  ASSERT_TRUE(none_yet.ok());
  EXPECT_TRUE(none_yet->empty());
}

TYPED_TEST(CandleStoreContractTest, SeriesAreKeptApart) {
  SqlCandleStore store(*this->db_);
  const BarKey btc = Key();
  const BarKey eth = Key("binance", "ETHUSDT");
  const BarKey bybit = Key("bybit", "BTCUSDT");
  const BarKey five = Key("binance", "BTCUSDT", Timeframe::Minutes(5));
  ASSERT_TRUE(store.UpsertBars(btc, Bars(0, 4, 100)).ok());
  ASSERT_TRUE(store.UpsertBars(eth, Bars(0, 2, 200)).ok());
  ASSERT_TRUE(store.UpsertBars(bybit, Bars(0, 3, 300)).ok());
  ASSERT_TRUE(store.UpsertBars(five, Bars(0, 1, 400)).ok());
  EXPECT_EQ(*store.CountBars(btc), 4);
  EXPECT_EQ(*store.CountBars(eth), 2);
  EXPECT_EQ(*store.CountBars(bybit), 3);
  EXPECT_EQ(*store.CountBars(five), 1);
  EXPECT_EQ(*store.CountBars(Key("binance", "SOLUSDT")), 0);
  auto loaded = store.LoadBars(bybit, kT0, kT0 + kNanosPerDay);
  ASSERT_TRUE(loaded.ok());
  std::vector<Bar> expected = Bars(0, 3, 300);
  EXPECT_EQ(*loaded, expected);
  auto stored_tf = this->db_->Query("SELECT DISTINCT timeframe FROM ohlcv ORDER BY timeframe");
  ASSERT_TRUE(stored_tf.ok());
  ASSERT_EQ(stored_tf->size(), 2u);
  EXPECT_EQ(*stored_tf->at(0).GetString(0), "1m");
  EXPECT_EQ(*stored_tf->at(1).GetString(0), "5m");
}

TYPED_TEST(CandleStoreContractTest, LargeBatchesAreComplete) {
  SqlCandleStore store(*this->db_);
  auto added = store.UpsertBars(Key(), Bars(0, 5000));
  ASSERT_TRUE(added.ok()) << added.status();
  EXPECT_EQ(*added, 5000);
  auto overlap = store.UpsertBars(Key(), Bars(4000, 7000, 7));
  ASSERT_TRUE(overlap.ok()) << overlap.status();
  EXPECT_EQ(*overlap, 2000);
  EXPECT_EQ(*store.CountBars(Key()), 7000);
  auto tail = store.LoadBars(Key(), kT0 + 3999 * kMinute, kT0 + 4001 * kMinute);
  ASSERT_TRUE(tail.ok());
  ASSERT_EQ(tail->size(), 2u);
  EXPECT_EQ(tail->at(0), MakeBar(3999));
  EXPECT_EQ(tail->at(1), MakeBar(4000, 7));
}

TYPED_TEST(CandleStoreContractTest, EmptyAndInvalidInput) {
  SqlCandleStore store(*this->db_);
  auto empty = store.UpsertBars(Key(), {});
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(*empty, 0);
  std::vector<Bar> bad = Bars(0, 3);
  bad[2].close = std::numeric_limits<double>::quiet_NaN();
  auto rejected = store.UpsertBars(Key(), bad);
  EXPECT_EQ(rejected.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(*store.CountBars(Key()), 0);  // all or nothing
  auto no_symbol = store.UpsertBars(Key("binance", ""), Bars(0, 1));
  EXPECT_EQ(no_symbol.status().code(), StatusCode::kInvalidArgument);
}

TYPED_TEST(CandleStoreContractTest, RolledBackOuterTransactionKeepsNothing) {
  SqlCandleStore store(*this->db_);
  ASSERT_TRUE(store.UpsertBars(Key(), Bars(0, 2)).ok());
  Status st = this->db_->InTransaction([&](storage::SqlDatabase& tx) -> Status {
    SqlCandleStore inner(tx);
    RETURN_IF_ERROR(inner.UpsertBars(Key(), Bars(0, 50, 900)).status());
    return Status(StatusCode::kAborted, "no");
  });
  EXPECT_EQ(st.code(), StatusCode::kAborted);
  EXPECT_EQ(*store.CountBars(Key()), 2);
  auto loaded = store.LoadBars(Key(), kT0, kT0 + kNanosPerDay);
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(*loaded, Bars(0, 2));
}

}  // namespace
}  // namespace pulse::testing
