#include "app/config/features_config.h"

#include <map>
#include <string>

#include <fmt/format.h>

#include "core/timeframe.h"
#include "indicators/indicator_request.h"

namespace pulse::app {

std::vector<ConfigProblem> CheckFeaturesConfig(const FeaturesConfig& features,
                                               std::string_view prefix) {
  std::vector<ConfigProblem> problems;
  auto problem = [&](std::string path, std::string message) {
    problems.push_back(ConfigProblem{std::string(prefix) + path, std::move(message)});
  };
  Result<Timeframe> base = Timeframe::Parse(features.base_timeframe);
  if (!base.ok()) {
    problem("features.base_timeframe", fmt::format("'{}' is not a timeframe ({})",
                                                   features.base_timeframe, SupportedTimeframes()));
  }
  if (features.sets.empty()) problem("features.sets", "needs at least one set of indicators");
  std::map<std::string, std::string> seen;  // feature name -> path of its indicator
  for (std::size_t i = 0; i < features.sets.size(); ++i) {
    const FeatureSetConfig& set = features.sets[i];
    const std::string set_path = fmt::format("features.sets[{}]", i);
    Result<Timeframe> tf = Timeframe::Parse(set.timeframe);
    if (!tf.ok()) {
      problem(set_path + ".timeframe", set.timeframe.empty()
                                           ? std::string("is required")
                                           : fmt::format("'{}' is not a timeframe ({})",
                                                         set.timeframe, SupportedTimeframes()));
    } else if (base.ok() && !(*tf == *base) && !base->Divides(*tf)) {
      problem(set_path + ".timeframe",
              fmt::format("{} is not a whole multiple of the base timeframe {}", tf->ToString(),
                          base->ToString()));
    }
    if (set.indicators.empty()) {
      problem(set_path + ".indicators", "needs at least one indicator, e.g. [\"rsi:14\"]");
    }
    for (std::size_t j = 0; j < set.indicators.size(); ++j) {
      const std::string path = fmt::format("{}.indicators[{}]", set_path, j);
      Result<indicators::IndicatorRequest> request =
          indicators::ParseIndicatorRequest(set.indicators[j]);
      if (!request.ok()) {
        problem(path, std::string(request.status().message()));
        continue;
      }
      if (!tf.ok()) continue;
      for (const std::string& column : request->columns) {
        const std::string name = tf->ToString() + "." + column;
        auto [it, inserted] = seen.emplace(name, path);
        if (!inserted) {
          problem(path,
                  fmt::format("feature '{}' is already given by {}{}", name, prefix, it->second));
          break;
        }
      }
    }
  }
  return problems;
}

Result<indicators::FeatureSetSpec> FeatureSetSpecFromConfig(const FeaturesConfig& features,
                                                            std::string_view base_override) {
  FeaturesConfig effective = features;
  if (!base_override.empty()) effective.base_timeframe = std::string(base_override);
  std::vector<ConfigProblem> problems = CheckFeaturesConfig(effective);
  if (!problems.empty()) {
    std::string text;
    for (const ConfigProblem& p : problems) text += (text.empty() ? "" : "; ") + p.ToString();
    return InvalidArgumentError("invalid feature configuration: {}", text);
  }
  indicators::FeatureSetSpec spec;
  spec.base = Timeframe::Parse(effective.base_timeframe).value();
  for (const FeatureSetConfig& set : effective.sets) {
    const Timeframe tf = Timeframe::Parse(set.timeframe).value();
    for (const std::string& request : set.indicators) spec.features.push_back({tf, request});
  }
  return spec;
}

}  // namespace pulse::app
