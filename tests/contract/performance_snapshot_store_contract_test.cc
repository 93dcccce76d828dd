// Contract of PerformanceSnapshotStore (ports/performance_snapshot_store.h) on every backend:
// appends are all or nothing, metrics come back byte for byte, List orders by time and filters
// by scope, window and time range, Latest gives the newest row of every (scope, window) pair in
// byte order of the names.
#include <gtest/gtest.h>

#include "adapters/storage/sql_performance_snapshot_store.h"
#include "storage_backends.h"

namespace pulse::testing {
namespace {

using storage::SqlPerformanceSnapshotStore;

constexpr UnixNanos kT0 = FromSeconds(1'700'000'000);
constexpr UnixNanos kHour = 3600 * kNanosPerSecond;

PerformanceSnapshot Snap(UnixNanos at, std::string scope, std::string window,
                         std::string metrics = R"({"trades":{"count":0}})") {
  return {0, at, std::move(scope), std::move(window), std::move(metrics)};
}

// The (taken_at offset in hours, scope, window) of each row, for compact expectations.
std::vector<std::tuple<std::int64_t, std::string, std::string>> Keys(
    const std::vector<PerformanceSnapshot>& rows) {
  std::vector<std::tuple<std::int64_t, std::string, std::string>> keys;
  for (const PerformanceSnapshot& r : rows) {
    keys.emplace_back((r.taken_at - kT0) / kHour, r.scope, r.window);
  }
  return keys;
}

template <typename Backend>
class PerformanceSnapshotStoreContractTest : public StorageContractTest<Backend> {
 protected:
  // Appends one by one, out of time order, and returns the ids.
  std::vector<std::int64_t> AppendEach(SqlPerformanceSnapshotStore& store,
                                       const std::vector<PerformanceSnapshot>& rows) {
    std::vector<std::int64_t> ids;
    for (const PerformanceSnapshot& r : rows) {
      auto id = store.Append(std::span<const PerformanceSnapshot>(&r, 1));
      EXPECT_TRUE(id.ok()) << id.status();
      if (id.ok()) ids.push_back(id->at(0));
    }
    return ids;
  }
};
TYPED_TEST_SUITE(PerformanceSnapshotStoreContractTest, StorageBackends, BackendName);

TYPED_TEST(PerformanceSnapshotStoreContractTest, RoundTripsEveryFieldByteForByte) {
  SqlPerformanceSnapshotStore store(*this->db_);
  // Key order, spacing, exponents and non-ASCII text must survive unchanged.
  const std::vector<PerformanceSnapshot> rows = {
      Snap(kT0, "overall", "all",
           R"({"z":1,"a":{"win_rate_pct":66.66666666666667,"pf":"inf"}, "x":1e-300,"t":"Zürich"})"),
      Snap(kT0 + 1, "symbol:BTCUSDT", "7d", R"({})")};
  auto ids = store.Append(rows);
  ASSERT_TRUE(ids.ok()) << ids.status();
  ASSERT_EQ(ids->size(), 2u);
  EXPECT_GT(ids->at(1), ids->at(0));
  auto listed = store.List({});
  ASSERT_TRUE(listed.ok()) << listed.status();
  ASSERT_EQ(listed->size(), 2u);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    PerformanceSnapshot want = rows[i];
    want.id = ids->at(i);
    EXPECT_EQ(listed->at(i), want);
  }
}

TYPED_TEST(PerformanceSnapshotStoreContractTest, ListOrdersByTimeAndFilters) {
  SqlPerformanceSnapshotStore store(*this->db_);
  this->AppendEach(store,
                   {Snap(kT0 + 2 * kHour, "overall", "day"), Snap(kT0, "overall", "day"),
                    Snap(kT0 + kHour, "overall", "7d"), Snap(kT0 + kHour, "symbol:ETHUSDT", "day"),
                    Snap(kT0 + 2 * kHour, "overall", "7d")});
  using Key = std::tuple<std::int64_t, std::string, std::string>;
  auto all = store.List({});
  ASSERT_TRUE(all.ok()) << all.status();
  // Time order; the two rows of hour 1 in the order they were appended.
  EXPECT_EQ(Keys(*all), (std::vector<Key>{{0, "overall", "day"},
                                          {1, "overall", "7d"},
                                          {1, "symbol:ETHUSDT", "day"},
                                          {2, "overall", "day"},
                                          {2, "overall", "7d"}}));
  PerformanceSnapshotFilter overall_day;
  overall_day.scope = "overall";
  overall_day.window = "day";
  auto od = store.List(overall_day);
  ASSERT_TRUE(od.ok()) << od.status();
  EXPECT_EQ(Keys(*od), (std::vector<Key>{{0, "overall", "day"}, {2, "overall", "day"}}));
  PerformanceSnapshotFilter range;
  range.since = kT0 + kHour;      // inclusive
  range.until = kT0 + 2 * kHour;  // exclusive
  auto in_range = store.List(range);
  ASSERT_TRUE(in_range.ok()) << in_range.status();
  EXPECT_EQ(Keys(*in_range),
            (std::vector<Key>{{1, "overall", "7d"}, {1, "symbol:ETHUSDT", "day"}}));
  PerformanceSnapshotFilter newest;
  newest.window = "7d";
  newest.limit = 1;
  auto last = store.List(newest);
  ASSERT_TRUE(last.ok()) << last.status();
  EXPECT_EQ(Keys(*last), (std::vector<Key>{{2, "overall", "7d"}}));
  newest.window.reset();
  newest.limit = 3;
  auto last3 = store.List(newest);
  ASSERT_TRUE(last3.ok()) << last3.status();
  EXPECT_EQ(Keys(*last3),
            (std::vector<Key>{
                {1, "symbol:ETHUSDT", "day"}, {2, "overall", "day"}, {2, "overall", "7d"}}));
}

TYPED_TEST(PerformanceSnapshotStoreContractTest, LatestIsTheNewestRowOfEveryPair) {
  SqlPerformanceSnapshotStore store(*this->db_);
  const std::vector<std::int64_t> ids = this->AppendEach(
      store, {Snap(kT0 + 3 * kHour, "overall", "all", R"({"n":3})"),
              Snap(kT0 + kHour, "overall", "all", R"({"n":1})"),
              Snap(kT0 + 2 * kHour, "symbol:btc", "day", R"({"n":2})"),
              Snap(kT0 + 2 * kHour, "symbol:BTCUSDT", "day", R"({"n":4})"),
              Snap(kT0 + 2 * kHour, "symbol:BTCUSDT", "day", R"({"n":5})"),  // same time: id
              Snap(kT0, "source:theory:rsi", "30d", R"({"n":6})"),
              Snap(kT0, "source:model:xgb", "30d", R"({"n":7})"),
              Snap(kT0 + 4 * kHour, "overall", "day", R"({"n":8})")});
  ASSERT_EQ(ids.size(), 8u);
  auto latest = store.Latest({});
  ASSERT_TRUE(latest.ok()) << latest.status();
  // Byte order: 'o' < 's'; "source" < "symbol"; 'm' < 't'; 'B' < 'b'; "all" < "day".
  std::vector<std::string> metrics;
  for (const PerformanceSnapshot& s : *latest)
    metrics.push_back(s.scope + " " + s.window + " " + s.metrics);
  EXPECT_EQ(metrics, (std::vector<std::string>{
                         R"(overall all {"n":3})", R"(overall day {"n":8})",
                         R"(source:model:xgb 30d {"n":7})", R"(source:theory:rsi 30d {"n":6})",
                         R"(symbol:BTCUSDT day {"n":5})", R"(symbol:btc day {"n":2})"}));
  EXPECT_EQ(latest->at(4).id, ids[4]);
  EXPECT_EQ(latest->at(0).taken_at, kT0 + 3 * kHour);

  // As of a time (until is exclusive), for one scope.
  PerformanceSnapshotFilter as_of;
  as_of.scope = "overall";
  as_of.until = kT0 + 3 * kHour;
  auto earlier = store.Latest(as_of);
  ASSERT_TRUE(earlier.ok()) << earlier.status();
  ASSERT_EQ(earlier->size(), 1u);
  EXPECT_EQ(earlier->at(0).metrics, R"({"n":1})");
  PerformanceSnapshotFilter window;
  window.window = "30d";
  auto thirty = store.Latest(window);
  ASSERT_TRUE(thirty.ok()) << thirty.status();
  ASSERT_EQ(thirty->size(), 2u);
  EXPECT_EQ(thirty->at(0).scope, "source:model:xgb");
  PerformanceSnapshotFilter nothing;
  nothing.scope = "symbol:XRPUSDT";
  auto none = store.Latest(nothing);
  ASSERT_TRUE(none.ok()) << none.status();
  EXPECT_TRUE(none->empty());
}

TYPED_TEST(PerformanceSnapshotStoreContractTest, BadInputIsRefusedAndStoresNothing) {
  SqlPerformanceSnapshotStore store(*this->db_);
  const std::vector<std::vector<PerformanceSnapshot>> bad = {
      {Snap(kT0, "overall", "day"), Snap(kT0, "", "day")},
      {Snap(kT0, "overall", "day"), Snap(kT0, "overall", "")},
      {Snap(kT0, "overall", "day"), Snap(kT0, "overall", "7d", "[1, 2]")},
      {Snap(kT0, "overall", "day"), Snap(kT0, "overall", "7d", "{oops")}};
  for (const auto& rows : bad) {
    auto appended = store.Append(rows);
    ASSERT_FALSE(appended.ok());
    EXPECT_EQ(appended.status().code(), StatusCode::kInvalidArgument) << appended.status();
  }
  EXPECT_EQ(this->ScalarInt("SELECT COUNT(*) FROM performance_snapshots"), 0);
  PerformanceSnapshotFilter negative;
  negative.limit = -1;
  EXPECT_EQ(store.List(negative).status().code(), StatusCode::kInvalidArgument);
  PerformanceSnapshotFilter limited;
  limited.limit = 1;
  EXPECT_EQ(store.Latest(limited).status().code(), StatusCode::kInvalidArgument);
  auto empty = store.Append({});
  ASSERT_TRUE(empty.ok()) << empty.status();
  EXPECT_TRUE(empty->empty());
}

}  // namespace
}  // namespace pulse::testing
