// Feature matrices of bar series: the wiring between the data engine's BarAggregator (higher
// timeframes) and an indicators::FeatureSet, used by `pulse features` and the tests.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/timeframe.h"
#include "engines/data/bar_aggregator.h"
#include "indicators/feature_set.h"
#include "model/bar.h"

namespace pulse::app {

// The feature vectors of one series, one row per base bar. Plain value type.
struct FeatureMatrix {
  std::vector<std::string> names;  // FeatureSet::Names()
  std::vector<UnixNanos> times;    // open time of each row's base bar
  std::vector<double> values;      // row-major: rows() x names.size(), NaN while warming up

  std::size_t rows() const { return times.size(); }
  std::span<const double> Row(std::size_t r) const {
    return std::span<const double>(values).subspan(r * names.size(), names.size());
  }
};

// One symbol's streaming features: a FeatureSet and one BarAggregator per higher timeframe of
// its spec. OnBaseBar feeds the higher bars a base bar completes before the base bar itself, so
// Values() never depends on a later base bar. Lifecycle: Create, then OnBaseBar per base bar in
// time order. Threading: single-threaded.
class StreamingFeatures {
 public:
  static Result<StreamingFeatures> Create(const indicators::FeatureSetSpec& spec);

  // InvalidArgument for a bar off the base grid or not after the previous one (naming both
  // times); nothing changes then.
  Status OnBaseBar(const Bar& bar);
  std::span<const double> Values() const { return set_.Values(); }
  const std::vector<std::string>& Names() const { return set_.Names(); }

 private:
  StreamingFeatures(indicators::FeatureSet set, std::vector<data::BarAggregator> aggregators,
                    Timeframe base)
      : set_(std::move(set)), aggregators_(std::move(aggregators)), base_(base) {}

  indicators::FeatureSet set_;
  std::vector<data::BarAggregator> aggregators_;
  Timeframe base_;
  std::optional<UnixNanos> last_open_;
};

// The supported timeframe whose length is the most common step between consecutive bars (of
// the first 2000). InvalidArgument with fewer than two bars or an unsupported step.
Result<Timeframe> InferBarTimeframe(std::span<const Bar> bars);

// Computes the feature matrix of `bars`, bars of `spec.base`: every base bar goes through one
// BarAggregator per higher timeframe of the spec (UTC-aligned buckets; a leading partial
// bucket is dropped, an interior bucket with missing bars completes when a later bar arrives);
// the higher bars completed by a base bar are fed to the FeatureSet before that base bar, then
// the row is the FeatureSet's vector. So no row depends on a later base bar.
// InvalidArgument for a bad spec or for bars not strictly increasing on the base grid (naming
// the bar). `progress`, when set, is called with the number of rows done every 4096 rows.
Result<FeatureMatrix> ComputeFeatureMatrix(
    std::span<const Bar> bars, const indicators::FeatureSetSpec& spec,
    const std::function<void(std::int64_t)>& progress = nullptr);

}  // namespace pulse::app
