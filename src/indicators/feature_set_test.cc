#include "indicators/feature_set.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "indicators/oracle_test_util.h"
#include "indicators/registry.h"

namespace pulse::indicators {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr UnixNanos kStart = FromMillis(1609459200000);  // 2021-01-01 00:00 UTC
constexpr UnixNanos kFiveMinutes = FromSeconds(300);

Timeframe Tf(const char* text) { return Timeframe::Parse(text).value(); }

// TA-Lib's 252-bar reference series on a 5m grid.
std::vector<Bar> BaseBars() {
  const auto doc = testing::LoadOracle("talib_regtest_tables.json");
  std::vector<Bar> bars = testing::BarsFromColumns(doc["input_data"]);
  for (size_t i = 0; i < bars.size(); ++i) bars[i].open_time = kStart + kFiveMinutes * i;
  return bars;
}

// Groups of `n` consecutive base bars, aggregated by hand (first open, max high, min low, last
// close, summed volume); a trailing incomplete group is left out.
std::vector<Bar> Aggregate(const std::vector<Bar>& bars, size_t n) {
  std::vector<Bar> out;
  for (size_t i = 0; i + n <= bars.size(); i += n) {
    Bar b = bars[i];
    for (size_t j = i + 1; j < i + n; ++j) {
      b.high = std::max(b.high, bars[j].high);
      b.low = std::min(b.low, bars[j].low);
      b.close = bars[j].close;
      b.volume += bars[j].volume;
    }
    out.push_back(b);
  }
  return out;
}

// The indicator run alone over `bars` through the registry: one column per output.
std::vector<std::vector<double>> Alone(const char* name, std::vector<double> params,
                                       const std::vector<Bar>& bars) {
  auto ind = CreateIndicator(name, params);
  EXPECT_TRUE(ind.ok());
  return RunBatch(**ind, bars);
}

bool SameValue(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

FeatureSetSpec MixedSpec() {
  return FeatureSetSpec{Tf("5m"),
                        {{Tf("5m"), "rsi:14"},
                         {Tf("15m"), "macd:3,6,2"},
                         {Tf("5m"), "sma:5"},
                         {Tf("1h"), "sma:3"},
                         {Tf("15m"), "atr:4"}}};
}

// One indicator of a spec run alone: its columns, and whether they come from the 15m bars.
struct StandaloneColumn {
  std::vector<std::vector<double>> values;
  bool higher;
};

// Feeds `set` (entries on 5m and 15m, 15m bar k closing with 5m bar 3k+2) twice from a reset,
// and checks its values after every 5m bar against the indicators run alone, bit for bit (a
// 15m column shows the last closed 15m bar), and that it is ready exactly when none is NaN.
void ExpectStandaloneValues(FeatureSet& set, const std::vector<Bar>& base,
                            const std::vector<Bar>& m15,
                            const std::vector<StandaloneColumn>& alone) {
  for (int pass = 0; pass < 2; ++pass) {
    set.Reset();
    for (size_t i = 0; i < base.size(); ++i) {
      if (i % 3 == 2) {
        ASSERT_TRUE(set.OnBar(Tf("15m"), m15[i / 3]).ok());
      }
      ASSERT_TRUE(set.OnBar(Tf("5m"), base[i]).ok());
      const long q = static_cast<long>(i + 1) / 3 - 1;
      std::vector<double> want;
      for (const StandaloneColumn& c : alone) {
        for (const std::vector<double>& output : c.values) {
          want.push_back(!c.higher ? output[i] : q < 0 ? kNaN : output[q]);
        }
      }
      const auto got = set.Values();
      ASSERT_EQ(got.size(), want.size());
      for (size_t c = 0; c < want.size(); ++c) {
        ASSERT_TRUE(SameValue(got[c], want[c]))
            << "bar " << i << " " << set.Names()[c] << ": " << got[c] << " vs " << want[c];
      }
      const bool all = std::none_of(got.begin(), got.end(), [](double v) { return std::isnan(v); });
      ASSERT_EQ(set.Ready(), all) << "bar " << i;
    }
  }
}

TEST(FeatureSet, NamesFollowTheSpecOrder) {
  auto set = FeatureSet::Create(MixedSpec());
  ASSERT_TRUE(set.ok()) << set.status().message();
  EXPECT_THAT(set->Names(),
              ElementsAre("5m.rsi_14", "15m.macd_3_6_2.macd", "15m.macd_3_6_2.signal",
                          "15m.macd_3_6_2.hist", "5m.sma_5", "1h.sma_3", "15m.atr_4"));
  EXPECT_EQ(set->size(), 7u);
  EXPECT_EQ(set->Values().size(), 7u);
  EXPECT_THAT(set->HigherTimeframes(), ElementsAre(Tf("15m"), Tf("1h")));
  for (double v : set->Values()) EXPECT_TRUE(std::isnan(v));
  EXPECT_FALSE(set->Ready());
}

TEST(FeatureSet, BadEntriesAreNamed) {
  auto unknown = FeatureSet::Create({Tf("5m"), {{Tf("5m"), "rsi"}, {Tf("1h"), "rsx:3"}}});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(unknown.status().message(),
              HasSubstr("feature 2 (1h rsx:3): unknown indicator 'rsx'"));

  auto bounds = FeatureSet::Create({Tf("5m"), {{Tf("5m"), "rsi:1"}}});
  ASSERT_FALSE(bounds.ok());
  EXPECT_EQ(bounds.status().message(),
            "feature 1 (5m rsi:1): rsi: period must be between 2 and 100000, got 1");

  auto grid = FeatureSet::Create({Tf("15m"), {{Tf("5m"), "rsi"}}});
  ASSERT_FALSE(grid.ok());
  EXPECT_THAT(grid.status().message(),
              HasSubstr("timeframe 5m is not a whole multiple of the base timeframe 15m"));

  auto duplicate = FeatureSet::Create({Tf("5m"), {{Tf("1h"), "rsi:14"}, {Tf("1h"), "rsi:14"}}});
  ASSERT_FALSE(duplicate.ok());
  EXPECT_THAT(duplicate.status().message(),
              HasSubstr("feature 2 (1h rsi:14): duplicate feature name '1h.rsi_14'"));

  EXPECT_FALSE(FeatureSet::Create({Tf("5m"), {}}).ok());
}

TEST(FeatureSet, CheckNamesNamesTheFirstDifference) {
  auto set = FeatureSet::Create({Tf("5m"), {{Tf("5m"), "rsi:14"}, {Tf("1h"), "sma:20"}}});
  ASSERT_TRUE(set.ok());
  std::vector<std::string> same = {"5m.rsi_14", "1h.sma_20"};
  EXPECT_TRUE(set->CheckNames(same).ok());

  std::vector<std::string> other = {"5m.rsi_14", "1h.sma_50"};
  Status s = set->CheckNames(other);
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(s.message(),
            "feature names differ at position 1: expected '1h.sma_50', found '1h.sma_20' "
            "(expected 2 features, found 2)");

  std::vector<std::string> longer = {"5m.rsi_14", "1h.sma_20", "4h.ema_9"};
  EXPECT_EQ(set->CheckNames(longer).message(),
            "feature names differ at position 2: expected '4h.ema_9', found nothing "
            "(expected 3 features, found 2)");

  std::vector<std::string> shorter = {"5m.rsi_14"};
  EXPECT_EQ(set->CheckNames(shorter).message(),
            "feature names differ at position 1: expected nothing, found '1h.sma_20' "
            "(expected 1 features, found 2)");

  std::vector<std::string> swapped = {"1h.sma_20", "5m.rsi_14"};
  EXPECT_THAT(set->CheckNames(swapped).message(), HasSubstr("position 0"));
}

// Feeds the base series with the hand-aggregated 15m and 1h bars at their close moments and
// compares every value with the indicator run alone on its own timeframe's bars.
TEST(FeatureSet, ValuesEqualEachIndicatorRunAlone) {
  const std::vector<Bar> base = BaseBars();
  ASSERT_EQ(base.size(), 252u);
  const std::vector<Bar> m15 = Aggregate(base, 3);
  const std::vector<Bar> h1 = Aggregate(base, 12);

  const auto rsi = Alone("rsi", {14}, base);
  const auto sma5 = Alone("sma", {5}, base);
  const auto macd = Alone("macd", {3, 6, 2}, m15);
  const auto atr = Alone("atr", {4}, m15);
  const auto sma3h = Alone("sma", {3}, h1);

  auto made = FeatureSet::Create(MixedSpec());
  ASSERT_TRUE(made.ok());
  FeatureSet& set = *made;
  for (int pass = 0; pass < 2; ++pass) {  // twice: Reset() restores the initial state
    set.Reset();
    bool was_ready = false;
    for (size_t i = 0; i < base.size(); ++i) {
      // Bar i closes the 15m bar i / 3 when i % 3 == 2, and the 1h bar i / 12 when i % 12 == 11.
      if (i % 3 == 2) {
        ASSERT_TRUE(set.OnBar(Tf("15m"), m15[i / 3]).ok());
      }
      if (i % 12 == 11) {
        ASSERT_TRUE(set.OnBar(Tf("1h"), h1[i / 12]).ok());
      }
      ASSERT_TRUE(set.OnBar(Tf("5m"), base[i]).ok());
      // The last closed 15m and 1h bars; -1 when none has closed yet.
      const long q = static_cast<long>(i + 1) / 3 - 1;
      const long h = static_cast<long>(i + 1) / 12 - 1;
      auto at = [](const std::vector<double>& col, long k) { return k < 0 ? kNaN : col[k]; };
      const std::vector<double> want = {rsi[0][i],  at(macd[0], q),  at(macd[1], q), at(macd[2], q),
                                        sma5[0][i], at(sma3h[0], h), at(atr[0], q)};
      const auto got = set.Values();
      for (size_t c = 0; c < want.size(); ++c) {
        EXPECT_TRUE(SameValue(got[c], want[c]))
            << "bar " << i << " " << set.Names()[c] << ": " << got[c] << " vs " << want[c];
      }
      const bool all = std::none_of(got.begin(), got.end(), [](double v) { return std::isnan(v); });
      EXPECT_EQ(set.Ready(), all) << "bar " << i;
      was_ready = was_ready || all;
    }
    EXPECT_TRUE(was_ready);
    EXPECT_EQ(set.base_bars(), 252);
  }
}

// The high/low readers of one timeframe share one SharedRange inside a set (several periods,
// repeated ones, a reader alone on its timeframe): the values stay those of each run alone.
TEST(FeatureSet, SharedHighLowWindowsGiveTheStandaloneValues) {
  const std::vector<Bar> base = BaseBars();
  const std::vector<Bar> m15 = Aggregate(base, 3);
  const FeatureSetSpec spec{Tf("5m"),
                            {{Tf("5m"), "stoch:14,3,3"},
                             {Tf("5m"), "willr:14"},
                             {Tf("5m"), "rsi:14"},
                             {Tf("5m"), "aroon:14"},
                             {Tf("5m"), "ichimoku:9,26,52,26"},
                             {Tf("5m"), "willr:9"},
                             {Tf("5m"), "ichimoku:5,10,20,4"},
                             {Tf("15m"), "willr:5"}}};
  const std::vector<StandaloneColumn> alone = {{Alone("stoch", {14, 3, 3}, base), false},
                                               {Alone("willr", {14}, base), false},
                                               {Alone("rsi", {14}, base), false},
                                               {Alone("aroon", {14}, base), false},
                                               {Alone("ichimoku", {9, 26, 52, 26}, base), false},
                                               {Alone("willr", {9}, base), false},
                                               {Alone("ichimoku", {5, 10, 20, 4}, base), false},
                                               {Alone("willr", {5}, m15), true}};
  auto made = FeatureSet::Create(spec);
  ASSERT_TRUE(made.ok()) << made.status().message();
  ExpectStandaloneValues(*made, base, m15, alone);
}

// Runs of SMAs and of EMAs with consecutive columns are computed by one bank each (long and
// short periods, a period repeated, runs broken by another timeframe's entry or another
// indicator): the values stay those of each indicator run alone, bit for bit.
TEST(FeatureSet, BankedMovingAveragesGiveTheStandaloneValues) {
  const std::vector<Bar> base = BaseBars();
  const std::vector<Bar> m15 = Aggregate(base, 3);
  const FeatureSetSpec spec{Tf("5m"),
                            {{Tf("5m"), "sma:10"},
                             {Tf("5m"), "sma:3"},
                             {Tf("5m"), "sma:50"},
                             {Tf("15m"), "sma:4"},
                             {Tf("5m"), "sma:20"},
                             {Tf("5m"), "ema:9"},
                             {Tf("5m"), "ema:2"},
                             {Tf("5m"), "ema:30"},
                             {Tf("15m"), "sma:6"},
                             {Tf("15m"), "sma:2"},
                             {Tf("5m"), "rsi:14"},
                             {Tf("5m"), "ema:5"},
                             {Tf("15m"), "ema:3"},
                             {Tf("15m"), "ema:7"}}};
  const std::vector<StandaloneColumn> alone = {
      {Alone("sma", {10}, base), false}, {Alone("sma", {3}, base), false},
      {Alone("sma", {50}, base), false}, {Alone("sma", {4}, m15), true},
      {Alone("sma", {20}, base), false}, {Alone("ema", {9}, base), false},
      {Alone("ema", {2}, base), false},  {Alone("ema", {30}, base), false},
      {Alone("sma", {6}, m15), true},    {Alone("sma", {2}, m15), true},
      {Alone("rsi", {14}, base), false}, {Alone("ema", {5}, base), false},
      {Alone("ema", {3}, m15), true},    {Alone("ema", {7}, m15), true}};
  auto made = FeatureSet::Create(spec);
  ASSERT_TRUE(made.ok()) << made.status().message();
  ExpectStandaloneValues(*made, base, m15, alone);
}

// The indicators live in a block the set owns: moving a set (construction and assignment over a
// set that holds other indicators) keeps them working, with the values a set fed in one piece
// has. Run under the sanitize preset, this also checks that nothing is used after it is freed.
TEST(FeatureSet, MovedSetsKeepTheirIndicators) {
  const std::vector<Bar> base = BaseBars();
  const std::vector<Bar> m15 = Aggregate(base, 3);
  const std::vector<Bar> h1 = Aggregate(base, 12);
  auto feed = [&](FeatureSet& set, size_t from, size_t to) {
    for (size_t i = from; i < to; ++i) {
      if (i % 3 == 2) {
        ASSERT_TRUE(set.OnBar(Tf("15m"), m15[i / 3]).ok());
      }
      if (i % 12 == 11) {
        ASSERT_TRUE(set.OnBar(Tf("1h"), h1[i / 12]).ok());
      }
      ASSERT_TRUE(set.OnBar(Tf("5m"), base[i]).ok());
    }
  };
  auto whole = FeatureSet::Create(MixedSpec());
  ASSERT_TRUE(whole.ok());
  feed(*whole, 0, base.size());

  auto first = FeatureSet::Create(MixedSpec());
  auto other = FeatureSet::Create({Tf("5m"), {{Tf("5m"), "cci:20"}, {Tf("5m"), "sma:200"}}});
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(other.ok());
  feed(*first, 0, 100);
  ASSERT_TRUE(other->OnBar(Tf("5m"), base[0]).ok());
  FeatureSet moved(std::move(*first));
  FeatureSet assigned = std::move(*other);
  assigned = std::move(moved);
  feed(assigned, 100, base.size());

  ASSERT_EQ(assigned.Names(), whole->Names());
  ASSERT_TRUE(whole->Ready());
  for (size_t c = 0; c < whole->size(); ++c) {
    EXPECT_TRUE(SameValue(assigned.Values()[c], whole->Values()[c])) << whole->Names()[c];
  }
  EXPECT_EQ(assigned.base_bars(), 252);
}

TEST(FeatureSet, RefusesLookAheadUnknownTimeframesAndOldBars) {
  auto made = FeatureSet::Create({Tf("5m"), {{Tf("5m"), "sma:2"}, {Tf("1h"), "sma:2"}}});
  ASSERT_TRUE(made.ok());
  FeatureSet& set = *made;
  const Bar b0{kStart, 1, 1, 1, 1, 1};
  ASSERT_TRUE(set.OnBar(Tf("5m"), b0).ok());

  // The 00:00 hour closes at 01:00; feeding it before the 00:05 base bar would look ahead.
  const Bar hour{kStart, 1, 2, 0.5, 1.5, 12};
  ASSERT_TRUE(set.OnBar(Tf("1h"), hour).ok());
  Bar b1 = b0;
  b1.open_time = kStart + kFiveMinutes;
  Status look_ahead = set.OnBar(Tf("5m"), b1);
  EXPECT_EQ(look_ahead.code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(look_ahead.message(), HasSubstr("would look ahead"));
  EXPECT_EQ(set.base_bars(), 1);  // refused: nothing changed

  Status unknown = set.OnBar(Tf("15m"), b1);
  EXPECT_EQ(unknown.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(unknown.message(), "no feature uses timeframe 15m");

  Status old = set.OnBar(Tf("1h"), hour);
  EXPECT_EQ(old.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(old.message(), HasSubstr("is not after the previous one"));

  // The 00:55 base bar closes at 01:00 together with the hour: accepted.
  Bar b11 = b0;
  b11.open_time = kStart + kFiveMinutes * 11;
  EXPECT_TRUE(set.OnBar(Tf("5m"), b11).ok());
}

// OnBaseBar aggregates the higher timeframes itself: the same vectors, bit for bit, as the
// 15m and 1h bars aggregated by hand and fed through OnBar before the base bar they close with.
TEST(FeatureSet, OnBaseBarGivesTheValuesOfHigherBarsFedThroughOnBar) {
  const std::vector<Bar> base = BaseBars();
  const std::vector<Bar> m15 = Aggregate(base, 3);
  const std::vector<Bar> h1 = Aggregate(base, 12);
  auto by_base = FeatureSet::Create(MixedSpec());
  auto by_bars = FeatureSet::Create(MixedSpec());
  ASSERT_TRUE(by_base.ok() && by_bars.ok());
  for (int pass = 0; pass < 2; ++pass) {
    for (size_t i = 0; i < base.size(); ++i) {
      if ((i + 1) % 3 == 0) {
        ASSERT_TRUE(by_bars->OnBar(Tf("15m"), m15[i / 3]).ok());
      }
      if ((i + 1) % 12 == 0) {
        ASSERT_TRUE(by_bars->OnBar(Tf("1h"), h1[i / 12]).ok());
      }
      ASSERT_TRUE(by_bars->OnBar(Tf("5m"), base[i]).ok());
      ASSERT_TRUE(by_base->OnBaseBar(base[i]).ok());
      for (size_t c = 0; c < by_base->size(); ++c) {
        ASSERT_TRUE(SameValue(by_base->Values()[c], by_bars->Values()[c]))
            << "bar " << i << " " << by_base->Names()[c];
      }
    }
    EXPECT_EQ(by_base->base_bars(), static_cast<std::int64_t>(base.size()));
    EXPECT_TRUE(by_base->Ready());
    by_base->Reset();
    by_bars->Reset();
  }
}

TEST(FeatureSet, OnBaseBarRefusesBadBarsAndMixedFeeding) {
  auto made = FeatureSet::Create({Tf("5m"), {{Tf("5m"), "sma:2"}, {Tf("15m"), "sma:2"}}});
  ASSERT_TRUE(made.ok());
  FeatureSet& set = *made;
  const std::vector<Bar> base = BaseBars();
  for (size_t i = 0; i < 7; ++i) ASSERT_TRUE(set.OnBaseBar(base[i]).ok());
  const std::vector<double> kept(set.Values().begin(), set.Values().end());

  Status old = set.OnBaseBar(base[6]);
  EXPECT_EQ(old.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(old.message(),
            "5m bar at 2021-01-01T00:30:00Z is not after the previous one at "
            "2021-01-01T00:30:00Z");
  Bar off = base[7];
  off.open_time += FromSeconds(1);
  Status off_grid = set.OnBaseBar(off);
  EXPECT_EQ(off_grid.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(off_grid.message(), "5m bar at 2021-01-01T00:35:01Z is not on the 5m grid");
  Status mixed = set.OnBar(Tf("15m"), base[9]);
  EXPECT_EQ(mixed.code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(mixed.message(), HasSubstr("OnBaseBar"));
  // Refused: nothing changed, the stream goes on.
  EXPECT_EQ(set.base_bars(), 7);
  EXPECT_TRUE(std::equal(kept.begin(), kept.end(), set.Values().begin(), SameValue));
  EXPECT_TRUE(set.OnBaseBar(base[7]).ok());

  // After Reset either way is open again; a set fed through OnBar refuses base bars.
  set.Reset();
  ASSERT_TRUE(set.OnBar(Tf("5m"), base[0]).ok());
  Status other = set.OnBaseBar(base[1]);
  EXPECT_EQ(other.code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(other.message(), HasSubstr("OnBar"));
  EXPECT_EQ(set.base_bars(), 1);
}

}  // namespace
}  // namespace pulse::indicators
