// FeatureUniverse: 1000 symbols (by default) for the bar-close benchmarks, each with its own
// FeatureSet of the embedded default configuration, warmed up on the bundled real 5m candles. Each
// symbol reads one of the three sample series from its own offset, relabelled onto one common 5m
// clock, so every symbol closes its bars at the same moments. Shared by bench/features (the feature
// set alone) and bench/signal (features + signal engine).
//
// A universe feeds its sets one way (a set is fed one way): base bars through
// FeatureSet::OnBaseBar, the set aggregating the higher timeframes itself (as
// app::StreamingFeatures does), or the bars of every timeframe through FeatureSet::OnBar, the
// higher ones from each symbol's own BarAggregators (Aggregate), so that the feature-set
// update can be timed without the aggregation.
//
// Lifecycle: Get() builds a universe once per process and feeding (reading data/sample/ under
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

// One symbol: its feature set, and with Feeding::kHigherBars its aggregators and the higher
// bars completed by the current bar. What a close touches comes first.
struct UniverseSymbol {
  const std::vector<Bar>* source = nullptr;
  std::size_t offset = 0;
  std::size_t at = 0;  // kBaseBars: index in `source` of the next bar (BarAt without a modulo)
  Bar last;            // the base bar of the last Update (kBaseBars) or Aggregate (kHigherBars)
  indicators::FeatureSet features;
  std::vector<data::BarAggregator> aggregators;
  int pending = 0;
  Bar higher[4];
  Timeframe higher_tf[4];
  std::string name;  // "S0000", "S0001", ...
};

class FeatureUniverse {
 public:
  static constexpr int kSymbols = 1000;
  static constexpr std::int64_t kWarmUpBars = 3000;  // > 50 closed 4h bars (4h EMA(50))

  // How a universe feeds its feature sets.
  enum class Feeding {
    kBaseBars,    // Update(true): FeatureSet::OnBaseBar
    kHigherBars,  // Aggregate() with BarAggregators, then Update(false): FeatureSet::OnBar
  };

  // The process-wide universe of `feeding`, built and warmed up on first use.
  static FeatureUniverse& Get(Feeding feeding);

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

  // kHigherBars: aggregation of bar next() for every symbol; the bar (`last`) and the higher
  // bars it completes are kept.
  void Aggregate();
  // The feature-set update of bar next() for every symbol. `aggregate` (kBaseBars): the bar
  // through FeatureSet::OnBaseBar, which aggregates it, asking for the next symbol's state and
  // bar first. Otherwise (kHigherBars; Aggregate must have run for this bar): the higher bars
  // Aggregate kept, then the bar, through FeatureSet::OnBar. Returns a sum of one feature per
  // symbol (to keep the work observable).
  double Update(bool aggregate);

  // Untimed steps until bar next() is the one `is_target` wants.
  template <typename Pred>
  void SkipUntil(Pred is_target) {
    while (!is_target(next_)) {
      if (feeding_ == Feeding::kBaseBars) {
        Update(true);
      } else {
        Aggregate();
        Update(false);
      }
    }
  }

  // Bar j closes at start + (j + 1) * 5m: a 15m close when (j + 1) % 3 == 0, a 4h one when
  // (j + 1) % 48 == 0.
  static bool Ordinary5m(std::int64_t j) { return (j + 1) % 3 != 0; }
  static bool Close4h(std::int64_t j) { return (j + 1) % 48 == 0; }

 private:
  explicit FeatureUniverse(Feeding feeding);
  void Aggregate(UniverseSymbol& s);

  Feeding feeding_;

  std::vector<std::vector<Bar>> sources_;
  std::vector<UniverseSymbol> symbols_;
  std::int64_t next_ = 0;
  std::string error_;
};

}  // namespace pulse::bench
