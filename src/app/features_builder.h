// Feature matrices of bar series and one symbol's streaming features: an indicators::FeatureSet
// fed base bars (it aggregates the higher timeframes itself, as the data engine's
// BarAggregator does), used by `pulse features`, the pipeline and the tests.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/timeframe.h"
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

// One symbol's streaming features: a FeatureSet fed through FeatureSet::OnBaseBar, which
// aggregates each base bar into the higher timeframes of the spec and feeds the higher bars it
// completes before the base bar itself, so Values() never depends on a later base bar.
// Lifecycle: Create, then OnBaseBar per base bar in time order. Threading: single-threaded.
class StreamingFeatures {
 public:
  static Result<StreamingFeatures> Create(const indicators::FeatureSetSpec& spec);

  // InvalidArgument for a bar off the base grid or not after the previous one (naming both
  // times); nothing changes then.
  Status OnBaseBar(const Bar& bar) { return set_.OnBaseBar(bar); }
  std::span<const double> Values() const { return set_.Values(); }
  const std::vector<std::string>& Names() const { return set_.Names(); }

 private:
  explicit StreamingFeatures(indicators::FeatureSet set) : set_(std::move(set)) {}

  indicators::FeatureSet set_;
};

// The supported timeframe whose length is the most common step between consecutive bars (of
// the first 2000). InvalidArgument with fewer than two bars or an unsupported step.
Result<Timeframe> InferBarTimeframe(std::span<const Bar> bars);

// Computes the feature matrix of `bars`, bars of `spec.base`: every base bar goes to
// StreamingFeatures (UTC-aligned buckets per higher timeframe; a leading partial bucket is
// dropped, an interior bucket with missing bars completes when a later bar arrives; the higher
// bars completed by a base bar are fed to the FeatureSet before that base bar), then the row is
// the FeatureSet's vector. So no row depends on a later base bar.
// InvalidArgument for a bad spec or for bars not strictly increasing on the base grid (naming
// the bar). `progress`, when set, is called with the number of rows done every 4096 rows.
Result<FeatureMatrix> ComputeFeatureMatrix(
    std::span<const Bar> bars, const indicators::FeatureSetSpec& spec,
    const std::function<void(std::int64_t)>& progress = nullptr);

}  // namespace pulse::app
