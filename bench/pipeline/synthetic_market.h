// SyntheticMarket: a deterministic universe of N symbols of 5m bars for the replay benchmarks,
// generated bar close by bar close so that a year of 100 symbols costs no memory. Each symbol
// is a seeded random walk with its own price level (0.1 .. 30000), volatility regimes (a
// mean-reverting log-volatility), rare jumps, wicks, and a volume that follows the size of the
// move and the time of day. The same seed and symbol count give the same bars, bit for bit.
//
// Lifecycle: construct, then NextClose() until it returns false (after `bars` closes), or
// Restart() to replay the same bars. Threading: single-threaded.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/pipeline.h"
#include "bench/pipeline/bar_source.h"
#include "core/time.h"
#include "model/bar.h"

namespace pulse::bench {

class SyntheticMarket final : public BarSource {
 public:
  // 2023-01-01 00:00 UTC, the first bar's open time.
  static constexpr UnixNanos kStart = FromMillis(1672531200000);
  static constexpr std::int64_t kStepNanos = FromSeconds(300);

  SyntheticMarket(int symbols, std::int64_t bars, std::uint64_t seed = 20230101);

  // Fills `close` with every symbol's next bar (all with the same open time); false at the end.
  bool NextClose(std::vector<app::SymbolBar>& close) override;
  void Restart() override;
  std::int64_t total_bars() const override { return bars_ * symbols(); }

  int symbols() const { return static_cast<int>(walks_.size()); }
  std::int64_t bars_per_symbol() const { return bars_; }

 private:
  struct Walk {
    std::string symbol;
    std::uint64_t rng = 0;
    double start_price = 0;
    double base_sigma = 0;   // per-bar standard deviation of the log return
    double base_volume = 0;  // units per bar at ordinary activity
    double close = 0;
    double log_vol = 0;  // regime: log of the volatility multiplier (Ornstein-Uhlenbeck)
    Bar bar;
  };

  void Reset(Walk& w, int index) const;
  static void Step(Walk& w, UnixNanos open_time);

  std::uint64_t seed_;
  std::int64_t bars_;
  std::int64_t next_ = 0;
  std::vector<Walk> walks_;
};

}  // namespace pulse::bench
