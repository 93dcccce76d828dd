#include "engines/signal/theory_factory.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string_view>

#include "core/check.h"
#include "engines/signal/theories/adx_trend.h"
#include "engines/signal/theories/bollinger_breakout.h"
#include "engines/signal/theories/bollinger_reversion.h"
#include "engines/signal/theories/ema_trend_stack.h"
#include "engines/signal/theories/feature_origin.h"
#include "engines/signal/theories/ichimoku_cloud.h"
#include "engines/signal/theories/macd_cross.h"
#include "engines/signal/theories/mtf_trend.h"
#include "engines/signal/theories/rsi_mean_reversion.h"
#include "engines/signal/theories/volume_spike.h"

namespace pulse::signal {
namespace {

// One theory the factory knows: its description and how to build it from validated settings.
struct TheoryEntry {
  const TheoryInfo& (*info)();
  Result<std::unique_ptr<Theory>> (*create)(const TheorySettings&);
};

constexpr TheoryEntry kTheories[] = {
    {&RsiMeanReversion::Info, &RsiMeanReversion::Create},
    {&MacdCross::Info, &MacdCross::Create},
    {&BollingerBreakout::Info, &BollingerBreakout::Create},
    {&BollingerReversion::Info, &BollingerReversion::Create},
    {&EmaTrendStack::Info, &EmaTrendStack::Create},
    {&VolumeSpike::Info, &VolumeSpike::Create},
    {&AdxTrend::Info, &AdxTrend::Create},
    {&IchimokuCloud::Info, &IchimokuCloud::Create},
    {&MtfTrend::Info, &MtfTrend::Create},
};

// "a, b, c" from the names of `items`.
template <typename T, typename Name>
std::string JoinNames(const std::vector<T>& items, Name name) {
  std::string out;
  for (const T& item : items) out += (out.empty() ? "" : ", ") + std::string(name(item));
  return out;
}

Result<std::vector<double>> ResolveParams(const TheoryInfo& info, const TheoryConfig& config) {
  std::vector<double> values;
  for (const TheoryParamInfo& param : info.params) values.push_back(param.default_value);
  for (const auto& [name, value] : config.params) {
    const auto it = std::find_if(info.params.begin(), info.params.end(),
                                 [&](const TheoryParamInfo& p) { return p.name == name; });
    if (it == info.params.end()) {
      return InvalidArgumentError(
          "theory {}: unknown param '{}' (accepted: {})", info.name, name,
          JoinNames(info.params, [](const TheoryParamInfo& p) { return p.name; }));
    }
    if (!(value >= it->min && value <= it->max)) {
      return InvalidArgumentError("theory {}: param {} must be between {:g} and {:g}, got {:g}",
                                  info.name, name, it->min, it->max, value);
    }
    if (it->integer && value != std::floor(value)) {
      return InvalidArgumentError(
          "theory {}: param {} must be a whole number between {:g} and {:g}, got {:g}", info.name,
          name, it->min, it->max, value);
    }
    values[it - info.params.begin()] = value;
  }
  return values;
}

Result<std::vector<std::string>> ResolveFeatures(const TheoryInfo& info,
                                                 const TheoryConfig& config) {
  std::vector<std::string> names;
  for (const TheoryFeatureInfo& feature : info.features) {
    names.push_back(feature.default_feature);
  }
  for (const auto& [role, feature] : config.features) {
    const auto it = std::find_if(info.features.begin(), info.features.end(),
                                 [&](const TheoryFeatureInfo& f) { return f.role == role; });
    if (it == info.features.end()) {
      return InvalidArgumentError(
          "theory {}: unknown feature role '{}' (accepted: {})", info.name, role,
          JoinNames(info.features, [](const TheoryFeatureInfo& f) { return f.role; }));
    }
    if (feature.empty()) {
      return InvalidArgumentError("theory {}: feature role '{}' is given an empty feature name",
                                  info.name, role);
    }
    names[it - info.features.begin()] = feature;
  }
  return names;
}

}  // namespace

Result<std::unique_ptr<Theory>> CreateTheory(const TheoryConfig& config) {
  const TheoryEntry* entry = nullptr;
  for (const TheoryEntry& candidate : kTheories) {
    if (candidate.info().name == config.name) entry = &candidate;
  }
  if (entry == nullptr) {
    return InvalidArgumentError(
        "unknown theory '{}' (accepted: {})", config.name,
        JoinNames(ListTheories(), [](const TheoryInfo& info) { return info.name; }));
  }
  const TheoryInfo& info = entry->info();
  if (!std::isfinite(config.weight) || config.weight < 0) {
    return InvalidArgumentError("theory {}: weight must be a finite number >= 0, got {:g}",
                                info.name, config.weight);
  }
  TheorySettings settings;
  ASSIGN_OR_RETURN(settings.params, ResolveParams(info, config));
  ASSIGN_OR_RETURN(settings.features, ResolveFeatures(info, config));
  return entry->create(settings);
}

std::vector<TheoryInfo> ListTheories() {
  std::vector<TheoryInfo> infos;
  for (const TheoryEntry& entry : kTheories) infos.push_back(entry.info());
  return infos;
}

std::vector<TheoryConfig> DefaultTheoryConfigs() {
  std::vector<TheoryConfig> configs;
  for (const TheoryEntry& entry : kTheories) {
    TheoryConfig config;
    config.name = entry.info().name;
    config.enabled = true;
    config.weight = 1.0;
    configs.push_back(std::move(config));
  }
  return configs;
}

std::vector<TheoryFeatureRequests> DefaultTheoryFeatureRequests(Timeframe base) {
  std::vector<std::pair<Timeframe, std::vector<std::string>>> by_timeframe;
  for (const TheoryEntry& entry : kTheories) {
    for (const TheoryFeatureInfo& feature : entry.info().features) {
      const std::optional<FeatureOrigin> origin = FindFeatureOrigin(feature.default_feature, base);
      CHECK_MSG(origin.has_value(), "a default theory feature no indicator request produces");
      auto group = std::find_if(by_timeframe.begin(), by_timeframe.end(),
                                [&](const auto& g) { return g.first == origin->timeframe; });
      if (group == by_timeframe.end()) {
        by_timeframe.emplace_back(origin->timeframe, std::vector<std::string>{});
        group = by_timeframe.end() - 1;
      }
      if (std::find(group->second.begin(), group->second.end(), origin->request) ==
          group->second.end()) {
        group->second.push_back(origin->request);
      }
    }
  }
  std::stable_sort(by_timeframe.begin(), by_timeframe.end(), [](const auto& a, const auto& b) {
    return a.first.NominalNanos() < b.first.NominalNanos();
  });
  std::vector<TheoryFeatureRequests> out;
  for (auto& [timeframe, requests] : by_timeframe) {
    out.push_back({timeframe.ToString(), std::move(requests)});
  }
  return out;
}

}  // namespace pulse::signal
