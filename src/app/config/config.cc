#include "app/config/config.h"

#include <fmt/format.h>

#include "engines/signal/theory_factory.h"

#include "app/config/config_schema.h"

namespace pulse::app {

std::string_view EnvironmentName(Environment environment) {
  switch (environment) {
    case Environment::kDevelopment:
      return "development";
    case Environment::kTesting:
      return "testing";
    case Environment::kProduction:
      return "production";
  }
  return "development";
}

Result<Environment> ParseEnvironment(std::string_view text) {
  for (Environment e :
       {Environment::kDevelopment, Environment::kTesting, Environment::kProduction}) {
    if (text == EnvironmentName(e)) return e;
  }
  return InvalidArgumentError("'{}' is not one of development, testing, production", text);
}

std::string_view ProgressModeName(ProgressMode mode) {
  switch (mode) {
    case ProgressMode::kAuto:
      return "auto";
    case ProgressMode::kOn:
      return "on";
    case ProgressMode::kOff:
      return "off";
  }
  return "auto";
}

Result<ProgressMode> ParseProgressMode(std::string_view text) {
  for (ProgressMode m : {ProgressMode::kAuto, ProgressMode::kOn, ProgressMode::kOff}) {
    if (text == ProgressModeName(m)) return m;
  }
  return InvalidArgumentError("'{}' is not one of auto, on, off", text);
}

Result<std::optional<UnixNanos>> ParseTimeBound(const std::string& text, std::string_view name) {
  if (text.empty()) return std::optional<UnixNanos>();
  Result<UnixNanos> t = ParseIso8601(text);
  if (!t.ok()) {
    return InvalidArgumentError(
        "{} '{}': expected an ISO-8601 time such as 2024-05-01 or 2024-05-01T12:00:00Z ({})", name,
        text, t.status().message());
  }
  return std::optional<UnixNanos>(*t);
}

Result<TimeRange> ParseTimeRange(const std::string& from, std::string_view from_name,
                                 const std::string& to, std::string_view to_name) {
  TimeRange range;
  ASSIGN_OR_RETURN(range.from, ParseTimeBound(from, from_name));
  ASSIGN_OR_RETURN(range.to, ParseTimeBound(to, to_name));
  if (range.from && range.to && *range.from >= *range.to) {
    return InvalidArgumentError("{} {} is not before {} {}", from_name, FormatIso8601(*range.from),
                                to_name, FormatIso8601(*range.to));
  }
  return range;
}

std::string NoBarsMessage(const TimeRange& range, std::optional<UnixNanos> first,
                          std::optional<UnixNanos> last) {
  std::string text = "no bars";
  if (range.from && range.to) {
    text += fmt::format(" between {} and {}", FormatIso8601(*range.from), FormatIso8601(*range.to));
  } else if (range.from) {
    text += fmt::format(" from {} on", FormatIso8601(*range.from));
  } else if (range.to) {
    text += fmt::format(" before {}", FormatIso8601(*range.to));
  }
  if (!first || !last) return text + " (the data has no bars)";
  return text +
         fmt::format(" (the data spans {} .. {})", FormatIso8601(*first), FormatIso8601(*last));
}

std::vector<std::string> SplitCommaList(std::string_view text) {
  std::vector<std::string> items;
  while (!text.empty()) {
    const std::size_t comma = text.find(',');
    std::string_view item = text.substr(0, comma);
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (!item.empty()) items.emplace_back(item);
  }
  return items;
}

std::vector<FeatureSetConfig> DefaultFeatureSets() {
  return {
      {"5m",
       {"sma:10",        "sma:20",          "sma:50",     "sma:100",  "sma:200", "ema:9",
        "ema:12",        "ema:21",          "ema:26",     "ema:50",   "rsi:14",  "macd:12,26,9",
        "bbands:20,2,2", "stoch:14,3,3",    "willr:14",   "roc:10",   "mom:10",  "cci:20",
        "atr:14",        "natr:14",         "adx:14",     "aroon:14", "obv",     "mfi:14",
        "sar:0.02,0.2",  "volume_ratio:20", "change_pct", "ichimoku"}},
      {"15m", {"rsi:14", "macd:12,26,9", "atr:14"}},
      {"1h", {"rsi:14", "ema:50", "macd:12,26,9", "adx:14", "bbands:20,2,2"}},
      {"4h", {"rsi:14", "ema:50", "macd:12,26,9", "atr:14"}},
  };
}

std::vector<signal::TheoryConfig> SignalConfig::DefaultTheories() {
  return signal::DefaultTheoryConfigs();
}

tracker::TrackerConfig TrackerConfigFrom(const Config& config) {
  tracker::TrackerConfig t = config.tracker;
  t.breakeven_band_pct = config.recorder.breakeven_band_pct;
  t.fee_pct_per_side = config.paper.taker_fee * 100.0;
  return t;
}

paper::PaperConfig PaperConfigFrom(const Config& config) {
  paper::PaperConfig p = config.paper;
  p.both_hit_policy = config.tracker.both_hit_policy;
  return p;
}

LogOptions LogOptionsFromConfig(const Config& config) {
  LogOptions options;
  options.level = config.logging.level;
  options.console = config.logging.console;
  options.dir = config.logging.dir;
  options.retention_days = config.logging.retention_days;
  return options;
}

void RegisterConfigSecrets(const Config& config) {
  for (const ConfigKey& key : ConfigKeys()) {
    if (key.secret) RegisterSecret(key.get(config));
  }
  RegisterSecret(UrlPassword(config.database.url));
}

}  // namespace pulse::app
