// Test helper of the app module: the first bars of the bundled BTCUSDT 5m sample as the
// feature input of a pipeline or backtest, read the way `pulse backtest` reads its files.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "app/config/config.h"
#include "app/config/features_config.h"
#include "app/feature_input.h"

namespace pulse::app {

// The first `bars` bundled BTCUSDT 5m candles (from 2020-12-01); empty, with a test failure,
// when the sample cannot be read (PULSE_SOURCE_DIR is set by CTest).
inline std::vector<SymbolSeries> SampleBtcSeries(std::size_t bars) {
  const char* root = std::getenv("PULSE_SOURCE_DIR");
  EXPECT_NE(root, nullptr) << "PULSE_SOURCE_DIR is set by CTest";
  if (root == nullptr) return {};
  auto spec = FeatureSetSpecFromConfig(Config{}.features);
  EXPECT_TRUE(spec.ok());
  auto series = ReadSymbolSeries({std::string(root) + "/data/sample/BTCUSDT-5m.csv.gz"}, {},
                                 "binance", *spec);
  EXPECT_TRUE(series.ok()) << series.status();
  if (!series.ok()) return {};
  series->front().bars.resize(std::min(bars, series->front().bars.size()));
  return std::move(*series);
}

}  // namespace pulse::app
