#include "app/features_builder.h"

#include <algorithm>
#include <map>

namespace pulse::app {

Result<Timeframe> InferBarTimeframe(std::span<const Bar> bars) {
  std::map<std::int64_t, int> steps;
  for (size_t i = 1; i < bars.size() && i < 2000; ++i) {
    const std::int64_t d = bars[i].open_time - bars[i - 1].open_time;
    if (d > 0) ++steps[d];
  }
  if (steps.empty()) {
    return InvalidArgumentError("cannot infer the timeframe from {} bar(s)", bars.size());
  }
  const auto best = std::max_element(
      steps.begin(), steps.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
  for (const char* name :
       {"1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "6h", "8h", "12h", "1d", "3d", "1w"}) {
    Timeframe tf = *Timeframe::Parse(name);
    if (tf.NominalNanos() == best->first) return tf;
  }
  return InvalidArgumentError("bars are {} s apart, not a supported timeframe",
                              best->first / kNanosPerSecond);
}

Result<StreamingFeatures> StreamingFeatures::Create(const indicators::FeatureSetSpec& spec) {
  ASSIGN_OR_RETURN(indicators::FeatureSet set, indicators::FeatureSet::Create(spec));
  return StreamingFeatures(std::move(set));
}

Result<FeatureMatrix> ComputeFeatureMatrix(std::span<const Bar> bars,
                                           const indicators::FeatureSetSpec& spec,
                                           const std::function<void(std::int64_t)>& progress) {
  ASSIGN_OR_RETURN(StreamingFeatures features, StreamingFeatures::Create(spec));
  FeatureMatrix matrix;
  matrix.names = features.Names();
  matrix.times.reserve(bars.size());
  matrix.values.reserve(bars.size() * matrix.names.size());
  for (size_t i = 0; i < bars.size(); ++i) {
    const Bar& bar = bars[i];
    Status st = features.OnBaseBar(bar);
    if (!st.ok()) return st.WithContext(fmt::format("bar {}", i + 1));
    matrix.times.push_back(bar.open_time);
    const std::span<const double> row = features.Values();
    matrix.values.insert(matrix.values.end(), row.begin(), row.end());
    if (progress && (i + 1) % 4096 == 0) progress(static_cast<std::int64_t>(i + 1));
  }
  if (progress) progress(static_cast<std::int64_t>(bars.size()));
  return matrix;
}

}  // namespace pulse::app
