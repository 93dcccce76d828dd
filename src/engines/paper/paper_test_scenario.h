// A deterministic two-symbol trading scenario for the paper engine's restore tests: bars from
// sine waves, a signal every third bar (longs and shorts, sized and unsized, trailing and time
// stops). Test-only; header-only.
#pragma once

#include <algorithm>
#include <cmath>
#include <optional>

#include <gtest/gtest.h>

#include "engines/paper/paper_engine.h"

namespace pulse::paper::scenario {

inline constexpr UnixNanos kT0 = FromSeconds(1'700'000'000) / kNanosPerHour * kNanosPerHour;
inline constexpr std::int64_t kBar = 15 * kNanosPerMinute;
inline constexpr int kSteps = 48;
inline constexpr int kCut = 32;  // positions open (one with a trailing stop), one entry queued

inline double PriceAt(int i, double base) {
  return base + base * 0.06 * std::sin(i / 4.0) + base * 0.02 * std::sin(i / 1.7);
}

inline Bar BarAt(int i, double base) {
  const double open = PriceAt(i - 1, base);
  const double close = PriceAt(i, base);
  return Bar{kT0 + i * kBar,
             open,
             std::max(open, close) * 1.004,
             std::min(open, close) * 0.996,
             close,
             400.0 + 60 * (i % 7)};
}

// A mix of longs and shorts, sized and unsized, with trailing stops and time stops.
inline std::optional<Signal> SignalAt(int i) {
  if (i % 3 != 1) return std::nullopt;
  const bool btc = (i / 3) % 2 == 0;
  const double base = btc ? 100 : 20;
  const double price = PriceAt(i, base);
  Signal s;
  s.id = 100 + i;
  s.symbol = btc ? "BTCUSDT" : "ETHUSDT";
  s.direction = (i / 2) % 2 == 0 ? Direction::kLong : Direction::kShort;
  const double sign = s.direction == Direction::kLong ? 1 : -1;
  s.entry_price = price;
  s.stop_loss = price * (1 - sign * 0.03);
  s.take_profit = price * (1 + sign * 0.05);
  if (i % 4 == 1) s.size = btc ? 5 : 40;
  if (i % 2 == 0) {
    s.trailing_activation_pct = 1;
    s.trailing_pct = 0.8;
  }
  if (i % 7 == 4) s.max_hold_minutes = 90;
  s.created_at = kT0 + (i + 1) * kBar;  // the bar's close
  return s;
}

// Step i: both symbols' bar i at its close, then the signal approved at that close.
inline void Step(PaperEngine& engine, SimulatedClock& clock, int i) {
  clock.SetTime(kT0 + (i + 1) * kBar);
  ASSERT_TRUE(engine.OnBar("BTCUSDT", BarAt(i, 100)).ok());
  ASSERT_TRUE(engine.OnBar("ETHUSDT", BarAt(i, 20)).ok());
  if (std::optional<Signal> s = SignalAt(i)) engine.OnSignalApproved(*s);
}

}  // namespace pulse::paper::scenario
