// Test helpers: loading the TA-Lib and Tulip Indicators reference tables from the shared data
// directory. A missing or unreadable file fails the test; it never skips.
#pragma once

#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "model/bar.h"

namespace pulse::indicators::testing {

// $PULSE_SHARED_DATA, else $PULSE_SOURCE_DIR/../shared/data (as set by CTest).
inline std::string SharedDataDir() {
  if (const char* shared = std::getenv("PULSE_SHARED_DATA"); shared != nullptr && *shared) {
    return shared;
  }
  const char* source = std::getenv("PULSE_SOURCE_DIR");
  return std::string(source != nullptr ? source : ".") + "/../shared/data";
}

// Parses oracles/indicators/<name>; on failure records a fatal test failure and returns null.
inline nlohmann::json LoadOracle(const std::string& name) {
  const std::string path = SharedDataDir() + "/oracles/indicators/" + name;
  std::ifstream in(path);
  if (!in) {
    ADD_FAILURE() << "oracle file missing: " << path << " (set PULSE_SOURCE_DIR)";
    return nullptr;
  }
  nlohmann::json doc = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    ADD_FAILURE() << "oracle file is not valid JSON: " << path;
    return nullptr;
  }
  return doc;
}

// Bars from parallel arrays, one hour apart from the epoch; absent fields default to the close
// (prices) or 0 (volume).
inline std::vector<Bar> BarsFromColumns(const nlohmann::json& columns) {
  // High/low-only inputs (AROON, SAR) get close = open = the midpoint.
  const bool has_close = columns.contains("close") || columns.contains("real");
  const nlohmann::json& close = columns.contains("close")  ? columns["close"]
                                : columns.contains("real") ? columns["real"]
                                                           : columns["high"];
  std::vector<Bar> bars(close.size());
  for (size_t i = 0; i < bars.size(); ++i) {
    Bar& b = bars[i];
    b.open_time =
        static_cast<UnixNanos>(i) * kNanosPerHour;  // hourly, so sessions (VWAP, pivots) turn over
    b.close = close[i].get<double>();
    b.high = columns.contains("high") ? columns["high"][i].get<double>() : b.close;
    b.low = columns.contains("low") ? columns["low"][i].get<double>() : b.close;
    if (!has_close) b.close = (b.high + b.low) / 2;
    b.open = columns.contains("open") ? columns["open"][i].get<double>() : b.close;
    b.volume = columns.contains("volume") ? columns["volume"][i].get<double>() : 0.0;
  }
  return bars;
}

}  // namespace pulse::indicators::testing
