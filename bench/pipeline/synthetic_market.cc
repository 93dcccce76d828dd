#include "bench/pipeline/synthetic_market.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace pulse::bench {

namespace {

std::uint64_t SplitMix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// Uniform in [0, 1).
double Uniform(std::uint64_t& state) {
  return static_cast<double>(SplitMix64(state) >> 11) * 0x1.0p-53;
}

// Roughly standard normal: the sum of four uniforms, centred and scaled (no tails beyond 3.5).
double Normalish(std::uint64_t& state) {
  double sum = 0;
  for (int k = 0; k < 4; ++k) sum += Uniform(state);
  return (sum - 2.0) * 1.7320508075688772;
}

constexpr double kPi = 3.14159265358979323846;

}  // namespace

SyntheticMarket::SyntheticMarket(int symbols, std::int64_t bars, std::uint64_t seed)
    : seed_(seed), bars_(bars), walks_(static_cast<std::size_t>(std::max(symbols, 0))) {
  for (std::size_t i = 0; i < walks_.size(); ++i) Reset(walks_[i], static_cast<int>(i));
}

void SyntheticMarket::Reset(Walk& w, int index) const {
  w.symbol = fmt::format("SYN{:03}USDT", index);
  w.rng = seed_ ^ (0xD1B54A32D192ED03ull * static_cast<std::uint64_t>(index + 1));
  w.start_price = std::pow(10.0, -1.0 + 5.5 * Uniform(w.rng));
  w.base_sigma = 0.0015 + 0.0045 * Uniform(w.rng);
  // 5e4 .. 5e6 quote units of turnover per bar.
  w.base_volume = std::pow(10.0, 4.7 + 2.0 * Uniform(w.rng)) / w.start_price;
  w.close = w.start_price;
  w.log_vol = 0;
}

void SyntheticMarket::Restart() {
  next_ = 0;
  for (std::size_t i = 0; i < walks_.size(); ++i) Reset(walks_[i], static_cast<int>(i));
}

void SyntheticMarket::Step(Walk& w, UnixNanos open_time) {
  // Volatility regime: log multiplier reverting to 0 over about a day, stationary sd 0.5.
  w.log_vol += -w.log_vol / 288.0 + 0.0417 * Normalish(w.rng);
  const double sigma = w.base_sigma * std::exp(w.log_vol);
  double z = Normalish(w.rng);
  if (Uniform(w.rng) < 0.001) z *= 6;  // a rare jump
  const double open = w.close;
  const double close = open * std::exp(sigma * z);
  const double high = std::max(open, close) * std::exp(0.6 * sigma * Uniform(w.rng));
  const double low = std::min(open, close) * std::exp(-0.6 * sigma * Uniform(w.rng));
  // Busier when the move is large and in the European / US afternoon (UTC 13:00-21:00).
  const double day_fraction =
      static_cast<double>(open_time % kNanosPerDay) / static_cast<double>(kNanosPerDay);
  const double season = 1 + 0.5 * std::sin(2 * kPi * (day_fraction - 0.3));
  const double activity = std::exp(0.5 * Normalish(w.rng)) * (1 + 2 * std::fabs(z) / 3);
  w.bar = Bar{open_time, open, high, low, close, w.base_volume * season * activity};
  w.close = close;
}

bool SyntheticMarket::NextClose(std::vector<app::SymbolBar>& close) {
  close.clear();
  if (next_ >= bars_) return false;
  const UnixNanos open_time = kStart + kStepNanos * next_;
  for (Walk& w : walks_) {
    Step(w, open_time);
    close.push_back(app::SymbolBar{"binance", w.symbol, w.bar, {}});
  }
  ++next_;
  return true;
}

}  // namespace pulse::bench
