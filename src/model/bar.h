// Bar: one OHLCV candle, and BarKey naming the series it belongs to.
// Plain value types; thread-compatible.
#pragma once

#include <span>
#include <string>

#include "core/time.h"
#include "core/timeframe.h"

namespace pulse {

// One candle. `open_time` is the bucket start in UTC, as the exchanges label their bars.
struct Bar {
  UnixNanos open_time = 0;
  double open = 0;
  double high = 0;
  double low = 0;
  double close = 0;
  double volume = 0;

  bool operator==(const Bar&) const = default;
};

// The closed bars of a lower timeframe inside one bar, oldest first (none when the caller has
// no finer data): what decides a bar that touched both levels of a bracket, and when.
struct FinerBars {
  Timeframe timeframe;
  std::span<const Bar> bars;
};

// Which series a bar belongs to: venue, normalised symbol and timeframe.
struct BarKey {
  std::string exchange;  // lower case, e.g. "binance"
  std::string symbol;    // normalised, e.g. "BTCUSDT"
  Timeframe timeframe;

  std::string ToString() const { return exchange + ":" + symbol + ":" + timeframe.ToString(); }
  bool operator==(const BarKey&) const = default;
};

}  // namespace pulse
