#include "app/performance_snapshots.h"

#include <algorithm>
#include <map>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "adapters/storage/migrator.h"
#include "adapters/storage/open_database.h"
#include "adapters/storage/sql_performance_snapshot_store.h"
#include "support/in_memory_signal_store.h"

namespace pulse::app {
namespace {

using nlohmann::json;

UnixNanos T(const char* s) { return *ParseIso8601(s); }

// Counts the reads, to show that a close with nothing due touches no store.
class CountingSignalStore : public testing::InMemorySignalStore {
 public:
  Result<std::vector<OutcomeResolved>> ListClosedOutcomes(
      const ClosedOutcomeFilter& filter) override {
    ++reads;
    return InMemorySignalStore::ListClosedOutcomes(filter);
  }
  int reads = 0;
};

// One closed trade, stored when the simulated time reaches its exit.
struct PlannedTrade {
  const char* symbol;
  const char* contribution;  // "" for none (the trade then counts for source "manual")
  const char* exit;
  double pnl_pct;
  double quote;
};

// Berlin is UTC+1 in March before the switch to summer time: its midnight is 23:00 UTC.
// X2 closes exactly at that midnight and belongs to the day that ends then.
const std::vector<PlannedTrade> kTrades = {{"BTCUSDT", "theory:rsi", "2026-03-10T22:30:00Z", 4, 4},
                                           {"ETHUSDT", "", "2026-03-10T23:00:00Z", -2, -2},
                                           {"BTCUSDT", "", "2026-03-11T00:20:00Z", 1, 1}};

// The stores, the planned trades and helpers to run a snapshotter over them.
class Harness {
 public:
  Harness() : db_(Open()), store_(*db_) {}

  static std::unique_ptr<storage::SqlDatabase> Open() {
    auto db = storage::OpenDatabase("sqlite::memory:");
    EXPECT_TRUE(db.ok()) << db.status();
    SimulatedClock clock(T("2026-01-01T00:00:00Z"));
    EXPECT_TRUE(storage::Migrator(**db, clock).Migrate().ok());
    return std::move(*db);
  }

  PerformanceSnapshotter Make(SnapshotConfig config = {}) {
    auto s = PerformanceSnapshotter::Create(config, "Europe/Berlin", 1000, signals_, store_);
    EXPECT_TRUE(s.ok()) << s.status();
    return std::move(*s);
  }

  // Stores the planned trades that exited by `now` and are not stored yet.
  void StoreClosedBy(UnixNanos now) {
    for (std::size_t i = stored_; i < kTrades.size() && T(kTrades[i].exit) <= now; ++i, ++stored_) {
      const PlannedTrade& p = kTrades[i];
      Signal s;
      s.symbol = p.symbol;
      s.entry_price = 100;
      s.stop_loss = 95;
      s.take_profit = 110;
      s.confidence = 0.8;
      s.source = std::string(p.contribution).empty() ? "manual" : "ensemble";
      s.created_at = T(p.exit) - kNanosPerHour;
      const SignalId id = *signals_.AddSignal(s);
      ids_.push_back(id);
      if (!std::string(p.contribution).empty()) {
        const std::vector<TheoryContribution> c = {{id, p.contribution, 0.5, true, s.created_at}};
        ASSERT_TRUE(signals_.AddContributions(c).ok());
      }
      SaveResult(id, s.created_at, T(p.exit), p.pnl_pct, p.quote, T(p.exit));
    }
  }

  void SaveResult(SignalId id, UnixNanos entry, UnixNanos exit, double pnl, double quote,
                  UnixNanos updated_at) {
    SignalResult r;
    r.signal_id = id;
    r.entry_price = 100;
    r.entry_time = entry;
    r.exit_price = 100 + pnl;
    r.exit_time = exit;
    r.pnl_percent = pnl;
    r.pnl_quote_total = quote;
    r.outcome = pnl > 0 ? Outcome::kWin : Outcome::kLoss;
    r.updated_at = updated_at;
    ASSERT_TRUE(signals_.SaveResult(r).ok());
  }

  // Bar closes every 5 minutes in (from, to], storing trades as they close.
  void Drive(PerformanceSnapshotter& s, UnixNanos from, UnixNanos to) {
    for (UnixNanos t = from; t <= to; t += 5 * kNanosPerMinute) {
      StoreClosedBy(t);
      ASSERT_TRUE(s.OnBarClose(t).ok());
    }
  }

  std::vector<PerformanceSnapshot> Rows() {
    auto rows = store_.List({});
    EXPECT_TRUE(rows.ok()) << rows.status();
    return rows.ok() ? *rows : std::vector<PerformanceSnapshot>{};
  }

  // The metrics of (time, scope, window), parsed.
  json Metrics(const char* at, const std::string& scope, const std::string& window) {
    for (const PerformanceSnapshot& r : Rows()) {
      if (r.taken_at == T(at) && r.scope == scope && r.window == window) {
        return json::parse(r.metrics);
      }
    }
    ADD_FAILURE() << "no snapshot " << at << " " << scope << " " << window;
    return json();
  }

  // Rows per taken_at time.
  std::map<std::string, int> CountByTime() {
    std::map<std::string, int> counts;
    for (const PerformanceSnapshot& r : Rows()) ++counts[FormatIso8601(r.taken_at)];
    return counts;
  }

  CountingSignalStore signals_;
  std::unique_ptr<storage::SqlDatabase> db_;
  storage::SqlPerformanceSnapshotStore store_;
  std::size_t stored_ = 0;
  std::vector<SignalId> ids_;
};

class PerformanceSnapshotsTest : public ::testing::Test, public Harness {};

TEST_F(PerformanceSnapshotsTest, HourlyOverallAndEveryScopeAtLocalMidnight) {
  PerformanceSnapshotter s = Make();
  EXPECT_FALSE(s.next_due().has_value());
  Drive(s, T("2026-03-10T22:10:00Z"), T("2026-03-11T01:10:00Z"));
  // Midnight in Berlin (23:00 UTC): overall, source:manual, source:theory:rsi, symbol:BTCUSDT,
  // symbol:ETHUSDT, each over 4 windows; the full hours after it: overall only, and only the
  // windows whose figures changed: at 00:00 the new day (no trades yet) and `all` (its returns
  // span one more UTC day), not 7d and 30d; at 01:00 all four (X3 closed at 00:20).
  EXPECT_EQ(CountByTime(), (std::map<std::string, int>{{"2026-03-10T23:00:00Z", 20},
                                                       {"2026-03-11T00:00:00Z", 2},
                                                       {"2026-03-11T01:00:00Z", 4}}));
  EXPECT_EQ(s.rows_written(), 26);
  EXPECT_EQ(s.next_due(), T("2026-03-11T02:00:00Z"));
  std::vector<std::string> scopes;
  for (const PerformanceSnapshot& r : Rows()) {
    if (r.window == "all" && r.taken_at == T("2026-03-10T23:00:00Z")) scopes.push_back(r.scope);
  }
  EXPECT_EQ(scopes, (std::vector<std::string>{"overall", "source:manual", "source:theory:rsi",
                                              "symbol:BTCUSDT", "symbol:ETHUSDT"}));

  // The day that ended at 23:00 UTC holds X1 and X2 (closed at exactly midnight).
  json day = Metrics("2026-03-10T23:00:00Z", "overall", "day");
  EXPECT_EQ(day["trades"]["count"], 2);
  EXPECT_DOUBLE_EQ(day["trades"]["total_pnl_pct"].get<double>(), 4 - 2);
  EXPECT_EQ(Metrics("2026-03-11T00:00:00Z", "overall", "day")["trades"]["count"], 0);
  EXPECT_EQ(Metrics("2026-03-11T01:00:00Z", "overall", "day")["trades"]["count"], 1);
  EXPECT_EQ(Metrics("2026-03-10T23:00:00Z", "symbol:BTCUSDT", "all")["trades"]["count"], 1);
  EXPECT_EQ(Metrics("2026-03-10T23:00:00Z", "source:theory:rsi", "7d")["trades"]["count"], 1);
  EXPECT_EQ(Metrics("2026-03-10T23:00:00Z", "source:manual", "30d")["trades"]["worst_pnl_pct"],
            -2.0);

  // All three by 01:00 UTC: 1000 -> 1004 -> 1002 on 03-10, -> 1003 on 03-11.
  json all = Metrics("2026-03-11T01:00:00Z", "overall", "all");
  EXPECT_EQ(all["trades"]["count"], 3);
  EXPECT_EQ(all["trades"]["wins"], 2);
  EXPECT_DOUBLE_EQ(all["trades"]["total_pnl_quote"].get<double>(), 3);
  EXPECT_EQ(all["calibration"]["count"], 3);
  EXPECT_NEAR(all["calibration"]["brier"].get<double>(), (0.04 + 0.64 + 0.04) / 3, 1e-12);
  EXPECT_EQ(all["returns"]["days"], 2);
  EXPECT_NEAR(all["returns"]["total_return"].get<double>(), 1003.0 / 1000 - 1, 1e-12);
  EXPECT_NEAR(all["returns"]["max_drawdown"].get<double>(), 0.0, 1e-12);  // daily closes only
  // The stored text keeps the documented key order.
  const std::string text = Rows().back().metrics;
  EXPECT_TRUE(text.starts_with(R"({"trades":{"count":3,"wins":2,)")) << text;
  EXPECT_LT(text.find(R"("calibration":{"count":3,)"), text.find(R"("returns":{"days":2,)"));
}

TEST_F(PerformanceSnapshotsTest, SameInputsGiveTheSameBytes) {
  PerformanceSnapshotter s = Make();
  Drive(s, T("2026-03-10T22:10:00Z"), T("2026-03-11T01:10:00Z"));
  ASSERT_TRUE(s.Finish(T("2026-03-11T01:10:00Z")).ok());
  const std::vector<PerformanceSnapshot> first = Rows();

  Harness again;
  PerformanceSnapshotter s2 = again.Make();
  again.Drive(s2, T("2026-03-10T22:10:00Z"), T("2026-03-11T01:10:00Z"));
  ASSERT_TRUE(s2.Finish(T("2026-03-11T01:10:00Z")).ok());
  const std::vector<PerformanceSnapshot> second = again.Rows();
  ASSERT_EQ(first.size(), second.size());
  ASSERT_FALSE(first.empty());
  for (std::size_t i = 0; i < first.size(); ++i) EXPECT_EQ(first[i], second[i]);
}

// The snapshotter reuses a window's figures while its trades and days do not change (and,
// for a window without trades, while it spans as many days). Every reused text must be the
// one a snapshotter started just before that instant computes afresh: here over five weeks
// after the trades, through the switch to summer time (2026-03-29) and past the 30 days.
TEST_F(PerformanceSnapshotsTest, ReusedFiguresAreThoseComputedAfresh) {
  SnapshotConfig every_round;
  every_round.discard_unchanged = false;
  PerformanceSnapshotter s = Make(every_round);
  Drive(s, T("2026-03-10T22:10:00Z"), T("2026-04-14T02:00:00Z"));
  const std::vector<PerformanceSnapshot> rows = Rows();
  int compared = 0;
  for (const char* at : {"2026-03-11T00:00:00Z", "2026-03-11T23:00:00Z", "2026-03-17T23:00:00Z",
                         "2026-03-18T05:00:00Z", "2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z",
                         "2026-04-09T22:00:00Z", "2026-04-10T13:00:00Z", "2026-04-13T22:00:00Z",
                         "2026-04-14T02:00:00Z"}) {
    Harness fresh;
    PerformanceSnapshotter f = fresh.Make();
    fresh.StoreClosedBy(T(at));
    ASSERT_TRUE(f.OnBarClose(T(at) - 5 * kNanosPerMinute).ok());
    ASSERT_TRUE(f.OnBarClose(T(at)).ok());
    const std::vector<PerformanceSnapshot> expected = fresh.Rows();
    ASSERT_FALSE(expected.empty()) << at;
    for (const PerformanceSnapshot& e : expected) {
      ASSERT_EQ(e.taken_at, T(at));
      bool found = false;
      for (const PerformanceSnapshot& r : rows) {
        if (r.taken_at != e.taken_at || r.scope != e.scope || r.window != e.window) continue;
        EXPECT_EQ(r.metrics, e.metrics) << at << " " << e.scope << " " << e.window;
        found = true;
        ++compared;
      }
      EXPECT_TRUE(found) << at << " " << e.scope << " " << e.window;
    }
  }
  EXPECT_GE(compared, 10 * 4);
}

// With discard_unchanged (the default) an interval round leaves out the pairs whose figures
// equal their newest stored row, so the figures in effect at any time (the newest row at or
// before it) are those a run writing every round stores at that time: checked for every row
// of such a run over five weeks. Day ends write every pair.
TEST_F(PerformanceSnapshotsTest, DiscardedRowsLeaveTheFiguresInEffectUnchanged) {
  SnapshotConfig every_round;
  every_round.discard_unchanged = false;
  Harness full;
  PerformanceSnapshotter all_rows = full.Make(every_round);
  full.Drive(all_rows, T("2026-03-10T22:10:00Z"), T("2026-04-14T02:00:00Z"));
  PerformanceSnapshotter changes = Make();
  Drive(changes, T("2026-03-10T22:10:00Z"), T("2026-04-14T02:00:00Z"));

  const std::vector<PerformanceSnapshot> expected = full.Rows();
  const std::vector<PerformanceSnapshot> kept = Rows();
  ASSERT_GT(expected.size(), 800u);  // 35 days x 24 hours x 4 windows, and the day ends
  EXPECT_LT(kept.size() * 3, expected.size()) << "most hourly rows repeat the previous one";
  std::size_t day_end_rows = 0;
  for (const PerformanceSnapshot& e : expected) {
    const PerformanceSnapshot* newest = nullptr;
    for (const PerformanceSnapshot& k : kept) {
      if (k.scope == e.scope && k.window == e.window && k.taken_at <= e.taken_at) newest = &k;
    }
    ASSERT_NE(newest, nullptr) << FormatIso8601(e.taken_at) << " " << e.scope << " " << e.window;
    EXPECT_EQ(newest->metrics, e.metrics)
        << FormatIso8601(e.taken_at) << " " << e.scope << " " << e.window;
    if (e.scope != kOverallScope) {
      // Only day ends write the other scopes: each of those rows is kept as it is.
      EXPECT_EQ(newest->taken_at, e.taken_at) << FormatIso8601(e.taken_at) << " " << e.scope;
      ++day_end_rows;
    }
  }
  EXPECT_GT(day_end_rows, 0u);
  // Every kept row is one the full run wrote, at the same time.
  for (const PerformanceSnapshot& k : kept) {
    EXPECT_NE(std::find_if(expected.begin(), expected.end(),
                           [&](const PerformanceSnapshot& e) {
                             return e.taken_at == k.taken_at && e.scope == k.scope &&
                                    e.window == k.window && e.metrics == k.metrics;
                           }),
              expected.end());
  }
}

// A snapshotter started on a store that already holds this run's rows (a run resumed after a
// crash starts its snapshotter at the last stored close) compares with the newest stored rows,
// so it writes exactly the rows the uninterrupted one does.
TEST_F(PerformanceSnapshotsTest, AResumedSnapshotterDiscardsAsTheUninterruptedOne) {
  PerformanceSnapshotter uninterrupted = Make();
  Drive(uninterrupted, T("2026-03-10T22:10:00Z"), T("2026-03-13T04:00:00Z"));
  const std::vector<PerformanceSnapshot> expected = Rows();

  Harness resumed;
  {
    PerformanceSnapshotter before = resumed.Make();
    resumed.Drive(before, T("2026-03-10T22:10:00Z"), T("2026-03-11T05:20:00Z"));
  }
  PerformanceSnapshotter after = resumed.Make();
  resumed.Drive(after, T("2026-03-11T05:20:00Z"), T("2026-03-13T04:00:00Z"));
  const std::vector<PerformanceSnapshot> got = resumed.Rows();
  ASSERT_EQ(got.size(), expected.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].taken_at, expected[i].taken_at) << i;
    EXPECT_EQ(got[i].scope, expected[i].scope) << i;
    EXPECT_EQ(got[i].window, expected[i].window) << i;
    EXPECT_EQ(got[i].metrics, expected[i].metrics) << i;
  }

  // Without the stored rows to compare with, the first interval round writes every window.
  Harness forgetful;
  {
    PerformanceSnapshotter before = forgetful.Make();
    forgetful.Drive(before, T("2026-03-10T22:10:00Z"), T("2026-03-11T05:20:00Z"));
  }
  ASSERT_TRUE(forgetful.db_->Execute("DELETE FROM performance_snapshots").ok());
  PerformanceSnapshotter fresh = forgetful.Make();
  forgetful.Drive(fresh, T("2026-03-11T05:20:00Z"), T("2026-03-11T06:00:00Z"));
  EXPECT_EQ(forgetful.CountByTime(), (std::map<std::string, int>{{"2026-03-11T06:00:00Z", 4}}));
}

TEST_F(PerformanceSnapshotsTest, AGapWritesTheDayEndAndTheLatestHourAsOfTheirTimes) {
  PerformanceSnapshotter s = Make();
  ASSERT_TRUE(s.OnBarClose(T("2026-03-10T22:10:00Z")).ok());
  StoreClosedBy(T("2026-03-11T02:10:00Z"));  // every trade is stored before the next close
  ASSERT_TRUE(s.OnBarClose(T("2026-03-11T02:10:00Z")).ok());
  EXPECT_EQ(CountByTime(), (std::map<std::string, int>{{"2026-03-10T23:00:00Z", 20},
                                                       {"2026-03-11T02:00:00Z", 4}}));
  // As of midnight: X3 (00:20 UTC) is not in it although it was stored already.
  EXPECT_EQ(Metrics("2026-03-10T23:00:00Z", "overall", "all")["trades"]["count"], 2);
  EXPECT_EQ(Metrics("2026-03-11T02:00:00Z", "overall", "all")["trades"]["count"], 3);

  // The end of the data: one final round with every scope; a second Finish adds nothing.
  ASSERT_TRUE(s.Finish(T("2026-03-11T02:10:00Z")).ok());
  EXPECT_EQ(CountByTime()["2026-03-11T02:10:00Z"], 20);
  const std::int64_t written = s.rows_written();
  ASSERT_TRUE(s.Finish(T("2026-03-11T02:10:00Z")).ok());
  EXPECT_EQ(s.rows_written(), written);
}

TEST_F(PerformanceSnapshotsTest, AnUpdatedResultIsReadAgain) {
  PerformanceSnapshotter s = Make();
  Drive(s, T("2026-03-10T22:10:00Z"), T("2026-03-11T00:00:00Z"));
  EXPECT_DOUBLE_EQ(
      Metrics("2026-03-11T00:00:00Z", "overall", "all")["trades"]["total_pnl_pct"].get<double>(),
      4 - 2);
  // X1's result is corrected (a loss after all) at 00:30; the next round, on the same UTC day
  // and with the same trades, must not reuse the previous figures.
  SaveResult(ids_[0], T("2026-03-10T21:30:00Z"), T("2026-03-10T22:30:00Z"), -3, -3,
             T("2026-03-11T00:30:00Z"));
  ASSERT_TRUE(s.OnBarClose(T("2026-03-11T01:00:00Z")).ok());
  json all = Metrics("2026-03-11T01:00:00Z", "overall", "all");
  EXPECT_EQ(all["trades"]["count"], 2);
  EXPECT_DOUBLE_EQ(all["trades"]["total_pnl_pct"].get<double>(), -3 - 2);
}

TEST_F(PerformanceSnapshotsTest, AnOldResultRewrittenShowsFromTheNextDayEnd) {
  SnapshotConfig every_round;  // rows at 02:00 and 22:00 whatever their figures
  every_round.discard_unchanged = false;
  PerformanceSnapshotter s = Make(every_round);
  Drive(s, T("2026-03-10T22:10:00Z"), T("2026-03-12T01:10:00Z"));
  // X1 (exit 2026-03-10T22:30Z) is corrected more than a day after its exit.
  SaveResult(ids_[0], T("2026-03-10T21:30:00Z"), T("2026-03-10T22:30:00Z"), -3, -3,
             T("2026-03-12T01:30:00Z"));
  Drive(s, T("2026-03-12T01:15:00Z"), T("2026-03-12T23:00:00Z"));
  const double before = 4 - 2 + 1;
  const double after = -3 - 2 + 1;
  EXPECT_DOUBLE_EQ(
      Metrics("2026-03-12T02:00:00Z", "overall", "all")["trades"]["total_pnl_pct"].get<double>(),
      before);
  EXPECT_DOUBLE_EQ(
      Metrics("2026-03-12T22:00:00Z", "overall", "all")["trades"]["total_pnl_pct"].get<double>(),
      before);
  // The day end (midnight in Berlin) reads every result written since the previous read.
  EXPECT_DOUBLE_EQ(
      Metrics("2026-03-12T23:00:00Z", "overall", "all")["trades"]["total_pnl_pct"].get<double>(),
      after);
}

TEST_F(PerformanceSnapshotsTest, NothingIsReadWhenNothingIsDue) {
  PerformanceSnapshotter s = Make();
  ASSERT_TRUE(s.OnBarClose(T("2026-03-10T22:10:00Z")).ok());
  for (const char* t : {"2026-03-10T22:15:00Z", "2026-03-10T22:30:00Z", "2026-03-10T22:55:00Z"}) {
    ASSERT_TRUE(s.OnBarClose(T(t)).ok());
  }
  EXPECT_EQ(signals_.reads, 0);
  ASSERT_TRUE(s.OnBarClose(T("2026-03-10T23:00:00Z")).ok());
  EXPECT_EQ(signals_.reads, 1);
  ASSERT_TRUE(s.OnBarClose(T("2026-03-10T23:05:00Z")).ok());
  EXPECT_EQ(signals_.reads, 1);
}

TEST_F(PerformanceSnapshotsTest, ConfiguredWindowsScopesAndSchedule) {
  SnapshotConfig config;
  config.interval_s = 1800;
  config.day_end = false;
  config.windows = {"all", "day"};
  config.every_scope_on_interval = true;
  config.discard_unchanged = false;
  PerformanceSnapshotter s = Make(config);
  Drive(s, T("2026-03-10T22:10:00Z"), T("2026-03-10T23:10:00Z"));
  // 22:30 (X1 stored: overall, source:theory:rsi, symbol:BTCUSDT) and 23:00 (X2 too: 5 scopes).
  EXPECT_EQ(CountByTime(), (std::map<std::string, int>{{"2026-03-10T22:30:00Z", 6},
                                                       {"2026-03-10T23:00:00Z", 10}}));
  const std::vector<PerformanceSnapshot> rows = Rows();
  EXPECT_EQ(rows[0].window, "all");
  EXPECT_EQ(rows[1].window, "day");

  SnapshotConfig off;
  off.enabled = false;
  PerformanceSnapshotter disabled = Make(off);
  ASSERT_TRUE(disabled.OnBarClose(T("2026-03-12T00:00:00Z")).ok());
  ASSERT_TRUE(disabled.Finish(T("2026-03-13T00:00:00Z")).ok());
  EXPECT_FALSE(disabled.next_due().has_value());
  EXPECT_EQ(disabled.rows_written(), 0);
}

TEST_F(PerformanceSnapshotsTest, BadSettingsAreRefused) {
  SnapshotConfig config;
  config.interval_s = -1;
  config.windows = {"day", "week", "day"};
  Status st = config.Validate();
  ASSERT_EQ(st.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(st.message().find("snapshots.interval_s must be >= 0, got -1"), std::string::npos);
  EXPECT_NE(st.message().find("unknown window 'week'"), std::string::npos);
  EXPECT_NE(st.message().find("'day' is listed twice"), std::string::npos);
  SnapshotConfig nothing;
  nothing.interval_s = 0;
  nothing.day_end = false;
  EXPECT_EQ(nothing.Validate().code(), StatusCode::kInvalidArgument);
  nothing.enabled = false;
  EXPECT_TRUE(nothing.Validate().ok());
  SnapshotConfig empty;
  empty.windows.clear();
  EXPECT_EQ(empty.Validate().code(), StatusCode::kInvalidArgument);

  EXPECT_EQ(
      PerformanceSnapshotter::Create({}, "Mars/Olympus", 1000, signals_, store_).status().code(),
      StatusCode::kInvalidArgument);
  EXPECT_EQ(PerformanceSnapshotter::Create({}, "UTC", 0, signals_, store_).status().code(),
            StatusCode::kInvalidArgument);
}

TEST(SnapshotNamesTest, ScopesAndWindows) {
  EXPECT_EQ(*ParseSnapshotScope("overall"), "overall");
  EXPECT_EQ(*ParseSnapshotScope("symbol:btc/usdt"), "symbol:BTCUSDT");
  EXPECT_EQ(*ParseSnapshotScope("source:theory:rsi"), "source:theory:rsi");
  for (const char* bad : {"everything", "source:", "symbol:", "symbol:BTC!", "Overall"}) {
    EXPECT_EQ(ParseSnapshotScope(bad).status().code(), StatusCode::kInvalidArgument) << bad;
  }
  EXPECT_EQ(SourceScope("manual"), "source:manual");
  EXPECT_EQ(SymbolScope("ETHUSDT"), "symbol:ETHUSDT");
  for (const char* w : {"day", "7d", "30d", "all"}) EXPECT_TRUE(CheckSnapshotWindow(w).ok()) << w;
  EXPECT_EQ(CheckSnapshotWindow("1d").code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace pulse::app
