#include "app/feature_input.h"

#include "adapters/replay/candle_file_reader.h"
#include "app/features_builder.h"

namespace pulse::app {

Result<std::vector<Bar>> ReadFeatureInput(const std::string& path,
                                          const indicators::FeatureSetSpec& spec,
                                          bool timeframe_given, std::string_view remedy) {
  ASSIGN_OR_RETURN(std::vector<Bar> bars, replay::ReadCandleFile(path));
  if (bars.empty()) return InvalidArgumentError("{}: no bars", path);
  if (Result<Timeframe> found = InferBarTimeframe(bars); found.ok()) {
    if (!(*found == spec.base)) {
      return InvalidArgumentError(
          "{}: the bars are {} bars, but the feature base timeframe is {} ({})", path,
          found->ToString(), spec.base.ToString(), remedy);
    }
  } else if (!timeframe_given) {
    return InvalidArgumentError("{}: {}; pass --timeframe", path, found.status().message());
  }
  return bars;
}

}  // namespace pulse::app
