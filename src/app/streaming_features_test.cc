// StreamingFeatures (FeatureSet::OnBaseBar, the set aggregating its higher timeframes itself)
// against the wiring it replaced: one data::BarAggregator per higher timeframe whose completed
// bars are fed through FeatureSet::OnBar before the base bar. Both must give the same vector,
// bit for bit, after every base bar, and refuse the same bars.
#include <bit>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "adapters/replay/candle_file_reader.h"
#include "app/config/config.h"
#include "app/config/features_config.h"
#include "app/features_builder.h"
#include "engines/data/bar_aggregator.h"
#include "indicators/feature_set.h"

namespace pulse::app {
namespace {

using ::testing::HasSubstr;

constexpr UnixNanos kStart = FromMillis(1609459200000);  // 2021-01-01 00:00 UTC
constexpr UnixNanos kFiveMinutes = FromSeconds(300);

// The former StreamingFeatures: aggregators outside the set, every bar fed through OnBar.
class AggregatorWiring {
 public:
  explicit AggregatorWiring(const indicators::FeatureSetSpec& spec)
      : set_(*indicators::FeatureSet::Create(spec)), base_(spec.base) {
    for (Timeframe tf : set_.HigherTimeframes()) {
      aggregators_.push_back(*data::BarAggregator::Create(spec.base, tf));
    }
  }

  // False (nothing fed) for a bar off the base grid or not after the previous one.
  bool OnBaseBar(const Bar& bar) {
    if (base_.BucketStart(bar.open_time) != bar.open_time) return false;
    if (last_open_ && bar.open_time <= *last_open_) return false;
    last_open_ = bar.open_time;
    for (data::BarAggregator& aggregator : aggregators_) {
      for (std::optional<Bar> done = aggregator.Update(bar); done;
           done = aggregator.PollCompleted()) {
        EXPECT_TRUE(set_.OnBar(aggregator.to(), *done).ok());
      }
    }
    EXPECT_TRUE(set_.OnBar(base_, bar).ok());
    return true;
  }
  std::span<const double> Values() const { return set_.Values(); }

 private:
  indicators::FeatureSet set_;
  std::vector<data::BarAggregator> aggregators_;
  Timeframe base_;
  std::optional<UnixNanos> last_open_;
};

bool Identical(std::span<const double> a, std::span<const double> b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::bit_cast<std::uint64_t>(a[i]) != std::bit_cast<std::uint64_t>(b[i])) return false;
  }
  return true;
}

indicators::FeatureSetSpec DefaultSpec() {
  auto spec = FeatureSetSpecFromConfig(FeaturesConfig{});
  EXPECT_TRUE(spec.ok()) << spec.status().message();
  return *spec;
}

// Feeds `bars` to both and requires the same acceptance and bit-identical vectors every bar.
// Returns the number of bars accepted.
int ExpectSameStream(const indicators::FeatureSetSpec& spec, const std::vector<Bar>& bars) {
  auto streaming = StreamingFeatures::Create(spec);
  EXPECT_TRUE(streaming.ok());
  AggregatorWiring wiring(spec);
  int accepted = 0;
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const std::vector<double> kept(streaming->Values().begin(), streaming->Values().end());
    const Status status = streaming->OnBaseBar(bars[i]);
    const bool fed = wiring.OnBaseBar(bars[i]);
    EXPECT_EQ(status.ok(), fed) << "bar " << i << ": " << status.message();
    if (!status.ok()) {
      EXPECT_EQ(status.code(), StatusCode::kInvalidArgument) << "bar " << i;
      EXPECT_TRUE(Identical(streaming->Values(), kept)) << "refused bar " << i << " changed";
    } else {
      ++accepted;
    }
    if (!Identical(streaming->Values(), wiring.Values())) {
      ADD_FAILURE() << "vectors differ after bar " << i;
      break;
    }
  }
  return accepted;
}

TEST(StreamingFeatures, SampleCandlesGiveTheAggregatorWiringsValues) {
  const char* root = std::getenv("PULSE_SOURCE_DIR");
  ASSERT_NE(root, nullptr) << "PULSE_SOURCE_DIR is set by CTest";
  const indicators::FeatureSetSpec spec = DefaultSpec();
  for (const char* name : {"BTCUSDT", "ETHUSDT", "SOLUSDT"}) {
    auto bars = replay::ReadCandleFile(std::string(root) + "/data/sample/" + name + "-5m.csv.gz");
    ASSERT_TRUE(bars.ok()) << bars.status().message();
    ASSERT_GT(bars->size(), 60000u);
    // From the start, and from a point inside a 4h bucket (a leading partial bucket on every
    // higher timeframe).
    EXPECT_EQ(ExpectSameStream(spec, *bars), static_cast<int>(bars->size())) << name;
    const std::vector<Bar> mid(bars->begin() + 1003, bars->begin() + 20000);
    EXPECT_EQ(ExpectSameStream(spec, mid), static_cast<int>(mid.size())) << name;
  }
}

// A synthetic 5m series over 15m / 1h / 4h entries: a leading partial bucket, gaps (buckets
// missing their tails, their heads, whole buckets), the double completion (a bucket missing its
// tail followed by the lone last bar of the next bucket), duplicates, out-of-order and off-grid
// bars, and volumes that are not exact in 1e-8 units.
TEST(StreamingFeatures, GapsDuplicatesAndPartialBucketsGiveTheAggregatorWiringsValues) {
  const indicators::FeatureSetSpec spec{Timeframe::Minutes(5),
                                        {{Timeframe::Minutes(5), "sma:3"},
                                         {Timeframe::Minutes(15), "sma:2"},
                                         {Timeframe::Minutes(15), "obv"},
                                         {Timeframe::Hours(1), "atr:2"},
                                         {Timeframe::Hours(1), "obv"},
                                         {Timeframe::Hours(4), "sma:2"},
                                         {Timeframe::Hours(4), "obv"}}};
  std::vector<Bar> bars;
  auto add = [&](std::int64_t slot, double price, double volume) {
    bars.push_back(
        Bar{kStart + kFiveMinutes * slot, price, price + 1, price - 1, price + 0.5, volume});
  };
  std::int64_t slot = 7;  // 00:35: leading partial 15m, 1h and 4h buckets
  for (int i = 0; i < 200; ++i) add(slot++, 100 + i % 13, 1.25 + i % 7);
  slot += 1;                                                        // a 5m bar missing
  for (int i = 0; i < 40; ++i) add(slot++, 90 + i % 5, 0.1 + 0.2);  // 0.30000000000000004
  // The double completion on 15m: a 15m bucket missing its tail, then the last bar of the next.
  while ((slot % 3) != 0) ++slot;
  add(slot, 95, 3);
  slot += 5;  // the next bucket's last bar only
  add(slot++, 96, 4);
  add(slot - 1, 97, 5);  // duplicate
  add(slot - 3, 98, 6);  // out of order
  for (int i = 0; i < 100; ++i) add(slot++, 99 + i % 3, 2.5);
  bars.push_back(Bar{kStart + kFiveMinutes * slot + FromSeconds(60), 1, 2, 0, 1, 1});  // off grid
  slot += 60;  // five hours missing
  for (int i = 0; i < 300; ++i) add(slot++, 80 + i % 17, i % 2 == 0 ? 1e7 + 0.5 : 12345.678);
  slot += 47;  // a 4h bucket missing all but its last bar
  for (int i = 0; i < 200; ++i) add(slot++, 70 + i % 11, 0.00000001 * (i + 1));
  const int refused = 3;
  EXPECT_EQ(ExpectSameStream(spec, bars), static_cast<int>(bars.size()) - refused);
}

TEST(StreamingFeatures, RefusedBarsNameBothTimes) {
  auto streaming = StreamingFeatures::Create(DefaultSpec());
  ASSERT_TRUE(streaming.ok());
  const Bar bar{kStart, 1, 2, 0.5, 1.5, 10};
  ASSERT_TRUE(streaming->OnBaseBar(bar).ok());
  const Status again = streaming->OnBaseBar(bar);
  EXPECT_EQ(again.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(again.message(),
              HasSubstr("bar at 2021-01-01T00:00:00Z is not after the previous one at "
                        "2021-01-01T00:00:00Z"));
  Bar off = bar;
  off.open_time = kStart + kFiveMinutes + FromSeconds(1);
  const Status off_grid = streaming->OnBaseBar(off);
  EXPECT_EQ(off_grid.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(off_grid.message(), HasSubstr("is not on the 5m grid"));
}

}  // namespace
}  // namespace pulse::app
