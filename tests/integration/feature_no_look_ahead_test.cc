// The no-look-ahead proof of the multi-timeframe feature matrix, on real Binance 5m candles
// with the embedded default feature sets (5m, 15m, 1h, 4h):
//  1. for many cut points k, the matrix computed on the series truncated after bar k has row k
//     bitwise identical to the full matrix's row k: no value of row k depends on a later bar;
//  2. at every cut, each higher-timeframe feature equals its indicator run alone (batch) on the
//     higher-timeframe bars that have closed by bar k, built independently by Resample of the
//     truncated series (which drops the still-forming last bucket).
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "adapters/replay/candle_file_reader.h"
#include "app/config/config.h"
#include "app/config/features_config.h"
#include "app/features_builder.h"
#include "engines/data/resampler.h"
#include "indicators/indicator_request.h"

namespace pulse {
namespace {

// Bars 0..8999: 2020-12-01 to 2021-01-01, including the two outages of 2020-12-21 (46 missing
// bars) and 2020-12-25 (12), where higher-timeframe buckets close without their last bars.
constexpr size_t kBars = 9000;

std::vector<Bar> SampleBars() {
  const char* root = std::getenv("PULSE_SOURCE_DIR");
  EXPECT_NE(root, nullptr) << "PULSE_SOURCE_DIR is set by CTest";
  auto bars =
      replay::ReadCandleFile(std::string(root ? root : ".") + "/data/sample/BTCUSDT-5m.csv.gz");
  EXPECT_TRUE(bars.ok()) << bars.status().message();
  if (!bars.ok()) return {};
  bars->resize(std::min(bars->size(), kBars));
  return *bars;
}

bool Identical(double a, double b) {
  return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

// Every 97th bar, the bars around every gap, and the bars around every 4h bucket edge.
std::vector<size_t> CutPoints(const std::vector<Bar>& bars) {
  std::set<size_t> cuts;
  for (size_t k = 0; k < bars.size(); k += 97) cuts.insert(k);
  const Timeframe h4 = Timeframe::Hours(4);
  const UnixNanos step = Timeframe::Minutes(5).NominalNanos();
  for (size_t k = 1; k + 1 < bars.size(); ++k) {
    const bool gap = bars[k].open_time - bars[k - 1].open_time != step;
    const bool edge = h4.BucketStart(bars[k].open_time) == bars[k].open_time;
    if (gap || edge) {
      cuts.insert(k - 1);
      cuts.insert(k);
      cuts.insert(k + 1);
    }
  }
  return {cuts.begin(), cuts.end()};
}

TEST(FeatureNoLookAhead, TruncatedSeriesGivesIdenticalRowsAndHigherTimeframesUseClosedBarsOnly) {
  const std::vector<Bar> bars = SampleBars();
  ASSERT_EQ(bars.size(), kBars);
  const app::FeaturesConfig config;  // the embedded default
  auto spec = app::FeatureSetSpecFromConfig(config);
  ASSERT_TRUE(spec.ok()) << spec.status().message();
  auto full = app::ComputeFeatureMatrix(bars, *spec);
  ASSERT_TRUE(full.ok()) << full.status().message();
  ASSERT_EQ(full->rows(), bars.size());
  const size_t width = full->names.size();
  ASSERT_GE(width, 40u);

  // The higher-timeframe features: column, timeframe and request, from the config.
  struct Higher {
    size_t column;
    Timeframe timeframe;
    indicators::IndicatorRequest request;
    size_t output;
  };
  std::vector<Higher> higher;
  for (const app::FeatureSetConfig& set : config.sets) {
    const Timeframe tf = Timeframe::Parse(set.timeframe).value();
    if (tf == spec->base) continue;
    for (const std::string& text : set.indicators) {
      auto request = indicators::ParseIndicatorRequest(text);
      ASSERT_TRUE(request.ok());
      for (size_t o = 0; o < request->columns.size(); ++o) {
        const std::string name = set.timeframe + "." + request->columns[o];
        size_t c = 0;
        while (c < width && full->names[c] != name) ++c;
        ASSERT_LT(c, width) << name;
        higher.push_back(Higher{c, tf, *request, o});
      }
    }
  }
  ASSERT_GE(higher.size(), 20u);

  const std::vector<size_t> cuts = CutPoints(bars);
  ASSERT_GE(cuts.size(), 300u);
  size_t warm_cuts = 0;
  for (size_t k : cuts) {
    SCOPED_TRACE("cut after bar " + std::to_string(k) + " (" + FormatIso8601(bars[k].open_time) +
                 ")");
    const std::span<const Bar> prefix(bars.data(), k + 1);
    auto cut = app::ComputeFeatureMatrix(prefix, *spec);
    ASSERT_TRUE(cut.ok()) << cut.status().message();
    ASSERT_EQ(cut->rows(), k + 1);
    const auto want = full->Row(k);
    const auto got = cut->Row(k);
    for (size_t c = 0; c < width; ++c) {
      ASSERT_TRUE(Identical(got[c], want[c]))
          << full->names[c] << ": truncated " << got[c] << ", full " << want[c];
    }

    // Independent reference: Resample the prefix (the still-forming bucket is dropped) and run
    // each higher-timeframe indicator alone on the closed bars.
    bool all_warm = true;
    for (const Higher& h : higher) {
      auto resampled = data::Resample(prefix, spec->base, h.timeframe);
      ASSERT_TRUE(resampled.ok()) << resampled.status().message();
      double expected = indicators::kNaN;
      if (!resampled->empty()) {
        auto indicator = h.request.Create();
        expected = indicators::RunBatch(*indicator, *resampled)[h.output].back();
      }
      ASSERT_TRUE(Identical(want[h.column], expected))
          << full->names[h.column] << ": feature " << want[h.column] << ", " << resampled->size()
          << " closed " << h.timeframe.ToString() << " bars give " << expected;
      all_warm = all_warm && !std::isnan(expected);
    }
    if (all_warm) ++warm_cuts;
  }
  // Most cuts are past the longest warm-up (4h EMA(50): 50 closed 4h bars, 8.3 days), so the
  // comparisons above are on real values, not only on NaN.
  EXPECT_GE(warm_cuts, cuts.size() * 2 / 3);
}

}  // namespace
}  // namespace pulse
