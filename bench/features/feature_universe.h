// FeatureUniverse: 1000 symbols (by default) for the bar-close benchmarks, each with its own
// FeatureSet of the embedded default configuration and its own BarAggregators, warmed up on the
// bundled real 5m candles. Each symbol reads one of the three sample series from its own offset,
// relabelled onto one common 5m clock, so every symbol closes its bars at the same moments.
// Shared by bench/features (the feature set alone) and bench/signal (features + signal engine).
//
// Lifecycle: Get() builds the universe once per process (reading data/sample/ under
// PULSE_SOURCE_DIR, else the source tree the benchmark was built from) and warms it up; then
// every Update() feeds the next bar to every symbol. PULSE_BENCH_SYMBOLS (1..kSymbols) builds
// fewer symbols, for instruction counts under callgrind where the warm-up dominates; size()
// is then the count. Threading: single-threaded.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/time.h"
#include "engines/data/bar_aggregator.h"
#include "indicators/feature_set.h"
#include "model/bar.h"

namespace pulse::bench {

// One symbol: its feature set, aggregators and the higher bars completed by the current bar.
// What a close touches comes first.
struct UniverseSymbol {
  indicators::FeatureSet features;
  std::vector<data::BarAggregator> aggregators;
  Bar last;  // the base bar of the last Aggregate, fed by the next Update
  const std::vector<Bar>* source = nullptr;
  std::size_t offset = 0;
  int pending = 0;
  Bar higher[4];
  Timeframe higher_tf[4];
  std::string name;  // "S0000", "S0001", ...
};

class FeatureUniverse {
 public:
  static constexpr int kSymbols = 1000;
  static constexpr std::int64_t kWarmUpBars = 3000;  // > 50 closed 4h bars (4h EMA(50))

  // The process-wide universe, built and warmed up on first use.
  static FeatureUniverse& Get();

  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }
  std::size_t features() const { return symbols_.empty() ? 0 : symbols_[0].features.size(); }
  std::size_t size() const { return symbols_.size(); }
  std::int64_t next() const { return next_; }
  const UniverseSymbol& symbol(std::size_t i) const { return symbols_[i]; }
  // FeatureSet::Names() of every symbol's feature set (they are all the same).
  std::vector<std::string> FeatureNames() const;
  Timeframe base() const;

  // Bar `j` of a symbol on the common clock.
  Bar BarAt(const UniverseSymbol& s, std::int64_t j) const;

  // Aggregation of bar next() for every symbol: the bar (`last`) and the higher bars it
  // completes are kept.
  void Aggregate();
  // The feature-set update of bar next() for every symbol, from what Aggregate kept;
  // `aggregate` aggregates the bar first (otherwise Aggregate must have run for this bar),
  // feeding each completed higher bar to the feature set as it completes, as
  // app::StreamingFeatures does, and asking for the next symbol's aggregators and bar first.
  // Returns a sum of one feature per symbol (to keep the work observable).
  double Update(bool aggregate);

  // Untimed steps until bar next() is the one `is_target` wants.
  template <typename Pred>
  void SkipUntil(Pred is_target) {
    while (!is_target(next_)) {
      Aggregate();
      Update(false);
    }
  }

  // Bar j closes at start + (j + 1) * 5m: a 15m close when (j + 1) % 3 == 0, a 4h one when
  // (j + 1) % 48 == 0.
  static bool Ordinary5m(std::int64_t j) { return (j + 1) % 3 != 0; }
  static bool Close4h(std::int64_t j) { return (j + 1) % 48 == 0; }

 private:
  FeatureUniverse();
  void Aggregate(UniverseSymbol& s);

  std::vector<std::vector<Bar>> sources_;
  std::vector<UniverseSymbol> symbols_;
  std::int64_t next_ = 0;
  std::string error_;
};

}  // namespace pulse::bench
