#include "app/config/config_schema.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "adapters/storage/database_url.h"
#include "core/ascii.h"
#include "core/time.h"
#include "core/timeframe.h"
#include "engines/paper/paper_config.h"
#include "engines/risk/risk_config.h"
#include "engines/signal/theory_factory.h"
#include "engines/tracker/tracker_config.h"

namespace pulse::app {
namespace {

// --- Typed reading and writing of one member ---------------------------------------------

void FromText(std::string_view text, std::string& out) { out = std::string(text); }
void FromText(std::string_view text, bool& out) { out = text == "true"; }
void FromText(std::string_view text, int& out) {
  std::from_chars(text.data(), text.data() + text.size(), out);
}
void FromText(std::string_view text, double& out) {
  std::from_chars(text.data(), text.data() + text.size(), out);
}
void FromText(std::string_view text, std::int64_t& out) {
  std::from_chars(text.data(), text.data() + text.size(), out);
}
// Optional numbers: 0 in the file means "none".
void FromText(std::string_view text, std::optional<double>& out) {
  double value = 0;
  FromText(text, value);
  out = value == 0 ? std::nullopt : std::optional<double>(value);
}
void FromText(std::string_view text, std::optional<std::int64_t>& out) {
  std::int64_t value = 0;
  FromText(text, value);
  out = value == 0 ? std::nullopt : std::optional<std::int64_t>(value);
}
void FromText(std::string_view text, signal::EntryMode& out) {
  out = text == "next_open" ? signal::EntryMode::kNextOpen : signal::EntryMode::kSignalClose;
}
void FromText(std::string_view text, signal::StopMethod& out) {
  for (signal::StopMethod m :
       {signal::StopMethod::kAtr, signal::StopMethod::kSwing, signal::StopMethod::kPercent}) {
    if (text == signal::StopMethodName(m)) out = m;
  }
}
void FromText(std::string_view text, signal::SizingMethod& out) {
  for (signal::SizingMethod m :
       {signal::SizingMethod::kKelly, signal::SizingMethod::kFixedFractional,
        signal::SizingMethod::kVolatilityAdjusted}) {
    if (text == signal::SizingMethodName(m)) out = m;
  }
}
void FromText(std::string_view text, LogLevel& out) { out = ParseLogLevel(text).value(); }
void FromText(std::string_view text, LogConsole& out) { out = ParseLogConsole(text).value(); }
void FromText(std::string_view text, Environment& out) { out = ParseEnvironment(text).value(); }
void FromText(std::string_view text, ProgressMode& out) { out = ParseProgressMode(text).value(); }
void FromText(std::string_view text, paper::FillMode& out) {
  out = paper::ParseFillMode(text).value();
}
void FromText(std::string_view text, analytics::BothHitPolicy& out) {
  out = analytics::ParseBothHitPolicy(text).value();
}

std::string ToText(const std::string& value) { return value; }
std::string ToText(bool value) { return value ? "true" : "false"; }
std::string ToText(int value) { return std::to_string(value); }
std::string ToText(double value) { return fmt::format("{}", value); }
std::string ToText(std::int64_t value) { return std::to_string(value); }
std::string ToText(const std::optional<double>& value) { return ToText(value.value_or(0.0)); }
std::string ToText(const std::optional<std::int64_t>& value) {
  return std::to_string(value.value_or(0));
}
std::string ToText(signal::EntryMode value) {
  return value == signal::EntryMode::kNextOpen ? "next_open" : "close";
}
std::string ToText(signal::StopMethod value) { return std::string(signal::StopMethodName(value)); }
std::string ToText(signal::SizingMethod value) {
  return std::string(signal::SizingMethodName(value));
}
std::string ToText(LogLevel value) { return std::string(LogLevelName(value)); }
std::string ToText(LogConsole value) { return std::string(LogConsoleName(value)); }
std::string ToText(Environment value) { return std::string(EnvironmentName(value)); }
std::string ToText(ProgressMode value) { return std::string(ProgressModeName(value)); }
std::string ToText(paper::FillMode value) { return std::string(paper::FillModeName(value)); }
std::string ToText(analytics::BothHitPolicy value) {
  return std::string(analytics::BothHitPolicyName(value));
}

// Member access through a chain of member pointers: Member<&Config::notify,
// &NotifyConfig::telegram, &TelegramConfig::bot_token>(config).
template <auto... Members>
auto& Member(Config& config) {
  return (config.*....*Members);
}
template <auto... Members>
const auto& Member(const Config& config) {
  return (config.*....*Members);
}

template <auto... Members>
void Set(Config& config, std::string_view text) {
  FromText(text, Member<Members...>(config));
}
template <auto... Members>
std::string Get(const Config& config) {
  return ToText(Member<Members...>(config));
}

std::string FormatNumber(double value) { return fmt::format("{}", value); }

// --- Extra checks ------------------------------------------------------------------------

// The storage adapter's own URL parser decides, so every URL it opens (sqlite::memory:
// included) is accepted here and nothing else.
std::optional<std::string> CheckDatabaseUrl(std::string_view url) {
  const Result<storage::DatabaseUrl> parsed = storage::ParseDatabaseUrl(url);
  if (parsed.ok()) return std::nullopt;
  return std::string(parsed.status().message());
}

std::optional<std::string> CheckTimeframe(std::string_view text) {
  if (Timeframe::Parse(text).ok()) return std::nullopt;
  return fmt::format("'{}' is not a timeframe ({})", text, SupportedTimeframes());
}

std::optional<std::string> CheckTimeframeOrEmpty(std::string_view text) {
  return text.empty() ? std::nullopt : CheckTimeframe(text);
}

std::optional<std::string> CheckExchange(std::string_view text) {
  bool ok = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
  if (ok) return std::nullopt;
  return fmt::format("'{}' is not an exchange name (lower-case letters, digits, _)", text);
}

std::optional<std::string> CheckTimeOrEmpty(std::string_view text) {
  if (ParseTimeBound(std::string(text), "").ok()) return std::nullopt;
  return fmt::format("'{}' is not an ISO-8601 time such as 2024-05-01 or 2024-05-01T12:00:00Z",
                     text);
}

std::optional<std::string> CheckSnapshotWindows(std::string_view text) {
  const std::vector<std::string> windows = SplitCommaList(text);
  if (windows.empty()) return std::string("needs at least one window (day, 7d, 30d, all)");
  for (const std::string& w : windows) {
    Status st = CheckSnapshotWindow(w);
    if (!st.ok()) return std::string(st.message());
  }
  return std::nullopt;
}

std::optional<std::string> CheckNotEmpty(std::string_view text) {
  if (!text.empty()) return std::nullopt;
  return std::string("must not be empty");
}

std::optional<std::string> CheckWebhookUrl(std::string_view text) {
  if (text.empty() || text.starts_with("https://") || text.starts_with("http://")) {
    return std::nullopt;
  }
  return std::string("is not an http(s) URL");
}

// --- The table ---------------------------------------------------------------------------

using Setter = std::function<void(Config&, std::string_view)>;
using Getter = std::function<std::string(const Config&)>;

ConfigKey String(std::string_view path, Setter set, Getter get,
                 std::optional<std::string> (*check)(std::string_view) = nullptr) {
  ConfigKey key;
  key.path = path;
  key.set = set;
  key.get = get;
  key.check = check;
  return key;
}

ConfigKey Secret(std::string_view path, Setter set, Getter get,
                 std::optional<std::string> (*check)(std::string_view) = nullptr) {
  ConfigKey key = String(path, set, get, check);
  key.secret = true;
  return key;
}

ConfigKey Enum(std::string_view path, std::vector<std::string_view> choices, Setter set,
               Getter get) {
  ConfigKey key = String(path, set, get);
  key.type = ConfigValueType::kEnum;
  key.choices = std::move(choices);
  return key;
}

ConfigKey Bool(std::string_view path, Setter set, Getter get) {
  ConfigKey key = String(path, set, get);
  key.type = ConfigValueType::kBool;
  return key;
}

ConfigKey Number(ConfigValueType type, std::string_view path, double min, double max, Setter set,
                 Getter get) {
  ConfigKey key = String(path, set, get);
  key.type = type;
  key.min = min;
  key.max = max;
  return key;
}

// Keys of the signal engine's settings (Config::signal.engine.<Members...>).
template <auto... Members>
ConfigKey EngineNumber(ConfigValueType type, std::string_view path, double min, double max) {
  return Number(type, path, min, max, Set<&Config::signal, &SignalConfig::engine, Members...>,
                Get<&Config::signal, &SignalConfig::engine, Members...>);
}
template <auto... Members>
ConfigKey EngineBool(std::string_view path) {
  return Bool(path, Set<&Config::signal, &SignalConfig::engine, Members...>,
              Get<&Config::signal, &SignalConfig::engine, Members...>);
}
template <auto... Members>
ConfigKey EngineEnum(std::string_view path, std::vector<std::string_view> choices) {
  return Enum(path, std::move(choices), Set<&Config::signal, &SignalConfig::engine, Members...>,
              Get<&Config::signal, &SignalConfig::engine, Members...>);
}

signal::TheoryConfig& TheoryIn(Config& config, const std::string& name) {
  for (signal::TheoryConfig& t : config.signal.theories) {
    if (t.name == name) return t;
  }
  signal::TheoryConfig added;
  added.name = name;
  config.signal.theories.push_back(std::move(added));
  return config.signal.theories.back();
}
const signal::TheoryConfig* TheoryIn(const Config& config, const std::string& name) {
  for (const signal::TheoryConfig& t : config.signal.theories) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

// signal.theories.<name>.{enabled, weight, <param>..., features.<role>...} for every theory the
// factory knows, with the factory's defaults and bounds.
void AddTheoryKeys(std::vector<ConfigKey>& keys) {
  for (const signal::TheoryInfo& info : signal::ListTheories()) {
    const std::string name = info.name;
    const std::string prefix = "signal.theories." + name + ".";
    keys.push_back(Bool(
        prefix + "enabled",
        [name](Config& c, std::string_view text) { TheoryIn(c, name).enabled = text == "true"; },
        [name](const Config& c) {
          const signal::TheoryConfig* t = TheoryIn(c, name);
          return ToText(t == nullptr || t->enabled);
        }));
    keys.push_back(Number(
        ConfigValueType::kDouble, prefix + "weight", 0, 1e6,
        [name](Config& c, std::string_view text) { FromText(text, TheoryIn(c, name).weight); },
        [name](const Config& c) {
          const signal::TheoryConfig* t = TheoryIn(c, name);
          return ToText(t == nullptr ? 1.0 : t->weight);
        }));
    for (const signal::TheoryParamInfo& param : info.params) {
      const std::string key = param.name;
      const double fallback = param.default_value;
      keys.push_back(Number(
          param.integer ? ConfigValueType::kInt : ConfigValueType::kDouble, prefix + key, param.min,
          param.max,
          [name, key](Config& c, std::string_view text) {
            double value = 0;
            FromText(text, value);
            TheoryIn(c, name).params[key] = value;
          },
          [name, key, fallback](const Config& c) {
            const signal::TheoryConfig* t = TheoryIn(c, name);
            auto it = t == nullptr ? decltype(t->params.end()){} : t->params.find(key);
            return FormatNumber(t != nullptr && it != t->params.end() ? it->second : fallback);
          }));
    }
    for (const signal::TheoryFeatureInfo& feature : info.features) {
      const std::string role = feature.role;
      const std::string fallback = feature.default_feature;
      keys.push_back(String(
          prefix + "features." + role,
          [name, role](Config& c, std::string_view text) {
            TheoryIn(c, name).features[role] = std::string(text);
          },
          [name, role, fallback](const Config& c) {
            const signal::TheoryConfig* t = TheoryIn(c, name);
            if (t == nullptr) return fallback;
            auto it = t->features.find(role);
            return it == t->features.end() ? fallback : it->second;
          },
          CheckNotEmpty));
    }
  }
}

void AddSignalKeys(std::vector<ConfigKey>& keys) {
  using T = ConfigValueType;
  using E = signal::SignalEngineConfig;
  using signal::ClassifierConfig;
  using signal::EnsembleConfig;
  using signal::LevelConfig;
  using signal::OpenSignalConfig;
  using signal::QualityGateConfig;
  using signal::SizingConfig;
  constexpr double kHuge = 1e12;
  keys.push_back(EngineNumber<&E::ensemble, &EnsembleConfig::accuracy_window>(
      T::kInt, "signal.ensemble.accuracy_window", 1, 100000));
  keys.push_back(EngineNumber<&E::ensemble, &EnsembleConfig::prior_accuracy>(
      T::kDouble, "signal.ensemble.prior_accuracy", 0, 1));
  keys.push_back(EngineNumber<&E::ensemble, &EnsembleConfig::prior_weight>(
      T::kDouble, "signal.ensemble.prior_weight", 0, 100000));
  keys.push_back(EngineNumber<&E::ensemble, &EnsembleConfig::weight_floor>(
      T::kDouble, "signal.ensemble.weight_floor", 0, 1));
  keys.push_back(EngineNumber<&E::ensemble, &EnsembleConfig::min_sources>(
      T::kInt, "signal.ensemble.min_sources", 1, 1000));
  keys.push_back(EngineNumber<&E::ensemble, &EnsembleConfig::accuracy_half_life_days>(
      T::kDouble, "signal.ensemble.accuracy_half_life_days", 0, 36500));
  keys.push_back(EngineNumber<&E::classification, &ClassifierConfig::strong_confidence>(
      T::kDouble, "signal.classification.strong_confidence", 0, 1));
  keys.push_back(EngineNumber<&E::classification, &ClassifierConfig::strong_prediction>(
      T::kDouble, "signal.classification.strong_prediction", 0, 1));
  keys.push_back(EngineNumber<&E::classification, &ClassifierConfig::confidence>(
      T::kDouble, "signal.classification.confidence", 0, 1));
  keys.push_back(EngineNumber<&E::classification, &ClassifierConfig::prediction>(
      T::kDouble, "signal.classification.prediction", 0, 1));
  keys.push_back(
      EngineBool<&E::gates, &QualityGateConfig::confidence_enabled>("signal.gates.confidence"));
  keys.push_back(EngineNumber<&E::gates, &QualityGateConfig::min_confidence>(
      T::kDouble, "signal.gates.min_confidence", 0, 1));
  keys.push_back(EngineBool<&E::gates, &QualityGateConfig::volume_enabled>("signal.gates.volume"));
  keys.push_back(EngineNumber<&E::gates, &QualityGateConfig::min_volume_ratio>(
      T::kDouble, "signal.gates.min_volume_ratio", 0, 1e6));
  keys.push_back(EngineNumber<&E::gates, &QualityGateConfig::volume_period>(
      T::kInt, "signal.gates.volume_period", 1, 100000));
  keys.push_back(
      EngineBool<&E::gates, &QualityGateConfig::reward_risk_enabled>("signal.gates.reward_risk"));
  keys.push_back(EngineNumber<&E::gates, &QualityGateConfig::min_reward_risk>(
      T::kDouble, "signal.gates.min_reward_risk", 0, 1e6));
  keys.push_back(EngineNumber<&E::gates, &QualityGateConfig::fee_percent>(
      T::kDouble, "signal.gates.fee_percent", 0, 100));
  keys.push_back(
      EngineEnum<&E::levels, &LevelConfig::entry>("signal.levels.entry", {"close", "next_open"}));
  keys.push_back(EngineEnum<&E::levels, &LevelConfig::stop>("signal.levels.stop",
                                                            {"atr", "swing", "percent"}));
  keys.push_back(EngineNumber<&E::levels, &LevelConfig::atr_period>(
      T::kInt, "signal.levels.atr_period", 1, 100000));
  keys.push_back(EngineNumber<&E::levels, &LevelConfig::atr_multiple>(
      T::kDouble, "signal.levels.atr_multiple", 1e-6, 1e6));
  keys.push_back(EngineNumber<&E::levels, &LevelConfig::swing_lookback>(
      T::kInt, "signal.levels.swing_lookback", 1, 100000));
  keys.push_back(EngineNumber<&E::levels, &LevelConfig::stop_percent>(
      T::kDouble, "signal.levels.stop_percent", 1e-6, 100));
  keys.push_back(EngineNumber<&E::levels, &LevelConfig::reward_risk>(
      T::kDouble, "signal.levels.reward_risk", 1e-6, 1e6));
  keys.push_back(EngineNumber<&E::levels, &LevelConfig::trailing_activation_pct>(
      T::kDouble, "signal.levels.trailing_activation_pct", 0, 1e6));
  keys.push_back(EngineNumber<&E::levels, &LevelConfig::trailing_pct>(
      T::kDouble, "signal.levels.trailing_pct", 0, 100));
  keys.push_back(EngineNumber<&E::levels, &LevelConfig::max_hold_minutes>(
      T::kInt, "signal.levels.max_hold_minutes", 0, 1e9));
  keys.push_back(
      EngineNumber<&E::volatility_period>(T::kInt, "signal.volatility_period", 1, 100000));
  keys.push_back(EngineEnum<&E::sizing, &SizingConfig::method>(
      "signal.sizing.method", {"fixed_fractional", "kelly", "volatility"}));
  keys.push_back(EngineNumber<&E::sizing, &SizingConfig::equity>(T::kDouble, "signal.sizing.equity",
                                                                 0, kHuge));
  keys.push_back(EngineNumber<&E::sizing, &SizingConfig::risk_percent>(
      T::kDouble, "signal.sizing.risk_percent", 0, 100));
  keys.push_back(EngineNumber<&E::sizing, &SizingConfig::kelly_fraction>(
      T::kDouble, "signal.sizing.kelly_fraction", 0, 1));
  keys.push_back(EngineNumber<&E::sizing, &SizingConfig::kelly_cap>(
      T::kDouble, "signal.sizing.kelly_cap", 0, 1));
  keys.push_back(EngineNumber<&E::sizing, &SizingConfig::kelly_min_trades>(
      T::kInt, "signal.sizing.kelly_min_trades", 0, 1000000));
  keys.push_back(EngineNumber<&E::sizing, &SizingConfig::volatility_cap>(
      T::kDouble, "signal.sizing.volatility_cap", 0, 1e6));
  keys.push_back(EngineNumber<&E::sizing, &SizingConfig::min_position_value>(
      T::kDouble, "signal.sizing.min_position_value", 0, kHuge));
  keys.push_back(EngineNumber<&E::sizing, &SizingConfig::max_position_value>(
      T::kDouble, "signal.sizing.max_position_value", 0, kHuge));
  keys.push_back(EngineNumber<&E::sizing, &SizingConfig::max_exposure_percent>(
      T::kDouble, "signal.sizing.max_exposure_percent", 0, 100000));
  keys.push_back(EngineNumber<&E::open_signals, &OpenSignalConfig::max_open_per_symbol_direction>(
      T::kInt, "signal.open_signals.max_per_symbol_direction", 0, 1000000));
  keys.push_back(EngineNumber<&E::open_signals, &OpenSignalConfig::cooldown_minutes>(
      T::kInt, "signal.open_signals.cooldown_minutes", 0, 1e9));
  keys.push_back(Enum(
      "signal.shadows", {"one_per_symbol_direction", "all", "none"},
      [](Config& c, std::string_view v) {
        c.signal.engine.shadows = *signal::ParseShadowPolicy(v);
      },
      [](const Config& c) {
        return std::string(signal::ShadowPolicyName(c.signal.engine.shadows));
      }));
  keys.push_back(String("signal.models", Set<&Config::signal, &SignalConfig::models>,
                        Get<&Config::signal, &SignalConfig::models>));
  keys.push_back(Number(T::kDouble, "signal.model_weight", 0, 1e6,
                        Set<&Config::signal, &SignalConfig::model_weight>,
                        Get<&Config::signal, &SignalConfig::model_weight>));
  keys.push_back(Enum(
      "signal.xgboost_engine", {"compiled", "library"},
      [](Config& c, std::string_view v) {
        c.signal.xgboost_engine = *inference::ParseXgboostEngine(v);
      },
      [](const Config& c) {
        return std::string(inference::XgboostEngineName(c.signal.xgboost_engine));
      }));
  AddTheoryKeys(keys);
}

// Keys of the controller (Config::risk.<Members...>).
template <auto... Members>
ConfigKey RiskNumber(ConfigValueType type, std::string_view path, double min, double max) {
  return Number(type, path, min, max, Set<&Config::risk, Members...>,
                Get<&Config::risk, Members...>);
}

void AddRiskKeys(std::vector<ConfigKey>& keys) {
  using T = ConfigValueType;
  using R = risk::RiskConfig;
  using L = risk::TrafficLightConfig;
  using B = risk::CircuitBreakerConfig;
  using S = risk::BreakerSwitch;
  keys.push_back(String("risk.time_zone", Set<&Config::risk, &R::time_zone>,
                        Get<&Config::risk, &R::time_zone>));
  keys.push_back(
      RiskNumber<&R::light, &L::red_win_rate>(T::kDouble, "risk.traffic_light.red_win_rate", 0, 1));
  keys.push_back(RiskNumber<&R::light, &L::yellow_win_rate>(
      T::kDouble, "risk.traffic_light.yellow_win_rate", 0, 1));
  keys.push_back(RiskNumber<&R::light, &L::red_daily_loss>(
      T::kDouble, "risk.traffic_light.red_daily_loss", 0, 1));
  keys.push_back(RiskNumber<&R::light, &L::red_consecutive_losses>(
      T::kInt, "risk.traffic_light.red_consecutive_losses", 1, 1000000));
  keys.push_back(
      RiskNumber<&R::light, &L::red_ece>(T::kDouble, "risk.traffic_light.red_ece", 0, 1));
  keys.push_back(
      RiskNumber<&R::light, &L::red_drawdown>(T::kDouble, "risk.traffic_light.red_drawdown", 0, 1));
  keys.push_back(
      RiskNumber<&R::light, &L::min_sample>(T::kInt, "risk.traffic_light.min_sample", 1, 1000000));
  keys.push_back(
      RiskNumber<&R::light, &L::window>(T::kInt, "risk.traffic_light.window", 1, 1000000));
  keys.push_back(RiskNumber<&R::light, &L::win_rate_confidence>(
      T::kDouble, "risk.traffic_light.win_rate_confidence", 0, 1));
  keys.push_back(RiskNumber<&R::light, &L::win_rate_margin>(
      T::kDouble, "risk.traffic_light.win_rate_margin", 0, 1));
  keys.push_back(RiskNumber<&R::light, &L::auto_acknowledge_after_s>(
      T::kInt, "risk.traffic_light.auto_acknowledge_after_s", 0, 1e9));
  keys.push_back(Bool("risk.traffic_light.probation", Set<&Config::risk, &R::light, &L::probation>,
                      Get<&Config::risk, &R::light, &L::probation>));
#define PULSE_BREAKER_KEYS(name)                                                       \
  keys.push_back(Bool("risk.circuit_breakers." #name ".enabled",                       \
                      Set<&Config::risk, &R::breakers, &B::name, &S::enabled>,         \
                      Get<&Config::risk, &R::breakers, &B::name, &S::enabled>));       \
  keys.push_back(Bool("risk.circuit_breakers." #name ".flatten",                       \
                      Set<&Config::risk, &R::breakers, &B::name, &S::flatten>,         \
                      Get<&Config::risk, &R::breakers, &B::name, &S::flatten>));       \
  keys.push_back(Number(T::kInt, "risk.circuit_breakers." #name ".cooldown_s", 0, 1e9, \
                        Set<&Config::risk, &R::breakers, &B::name, &S::cooldown_s>,    \
                        Get<&Config::risk, &R::breakers, &B::name, &S::cooldown_s>))
  PULSE_BREAKER_KEYS(daily_loss);
  PULSE_BREAKER_KEYS(max_drawdown);
  PULSE_BREAKER_KEYS(consecutive_losses);
  PULSE_BREAKER_KEYS(min_time_between_trades);
  PULSE_BREAKER_KEYS(volatility);
#undef PULSE_BREAKER_KEYS
  keys.push_back(RiskNumber<&R::breakers, &B::max_daily_loss>(
      T::kDouble, "risk.circuit_breakers.daily_loss.max_loss", 0, 1));
  keys.push_back(RiskNumber<&R::breakers, &B::max_drawdown_limit>(
      T::kDouble, "risk.circuit_breakers.max_drawdown.max_drawdown", 0, 1));
  keys.push_back(RiskNumber<&R::breakers, &B::max_consecutive_losses>(
      T::kInt, "risk.circuit_breakers.consecutive_losses.max_losses", 1, 1000000));
  keys.push_back(Bool("risk.circuit_breakers.consecutive_losses.per_symbol",
                      Set<&Config::risk, &R::breakers, &B::consecutive_losses_per_symbol>,
                      Get<&Config::risk, &R::breakers, &B::consecutive_losses_per_symbol>));
  keys.push_back(RiskNumber<&R::breakers, &B::min_seconds_between_trades>(
      T::kInt, "risk.circuit_breakers.min_time_between_trades.seconds", 0, 1e9));
  keys.push_back(Bool("risk.circuit_breakers.min_time_between_trades.per_symbol",
                      Set<&Config::risk, &R::breakers, &B::min_time_between_trades_per_symbol>,
                      Get<&Config::risk, &R::breakers, &B::min_time_between_trades_per_symbol>));
  keys.push_back(RiskNumber<&R::breakers, &B::max_volatility>(
      T::kDouble, "risk.circuit_breakers.volatility.max_volatility", 0, 100));
  keys.push_back(String("risk.circuit_breakers.volatility.feature",
                        Set<&Config::risk, &R::breakers, &B::volatility_feature>,
                        Get<&Config::risk, &R::breakers, &B::volatility_feature>));
  keys.push_back(RiskNumber<&R::breakers, &B::volatility_feature_scale>(
      T::kDouble, "risk.circuit_breakers.volatility.feature_scale", 0, 1e6));
  using F = risk::ForecastSettings;
  keys.push_back(RiskNumber<&R::forecast, &F::horizon>(T::kInt, "risk.forecast.horizon", 1, 1000));
  keys.push_back(RiskNumber<&R::forecast, &F::estimate_window>(
      T::kInt, "risk.forecast.estimate_window", 1, 1000000));
  keys.push_back(
      RiskNumber<&R::forecast, &F::half_life>(T::kDouble, "risk.forecast.half_life", 0, 1e6));
  keys.push_back(
      RiskNumber<&R::forecast, &F::prior_wins>(T::kDouble, "risk.forecast.prior_wins", 1e-9, 1e9));
  keys.push_back(RiskNumber<&R::forecast, &F::prior_losses>(
      T::kDouble, "risk.forecast.prior_losses", 1e-9, 1e9));
  keys.push_back(Bool("risk.forecast.use_uncertainty",
                      Set<&Config::risk, &R::forecast, &F::use_uncertainty>,
                      Get<&Config::risk, &R::forecast, &F::use_uncertainty>));
  keys.push_back(RiskNumber<&R::forecast, &F::warn_probability>(
      T::kDouble, "risk.forecast.warn_probability", 0, 1));
}

std::vector<ConfigKey> BuildKeys() {
  using C = Config;
  using T = ConfigValueType;
  constexpr double kHuge = 1e12;
  std::vector<ConfigKey> keys;
  keys.push_back(Enum("environment", {"development", "testing", "production"}, Set<&C::environment>,
                      Get<&C::environment>));
  keys.push_back(String("database.url", Set<&C::database, &DatabaseConfig::url>,
                        Get<&C::database, &DatabaseConfig::url>, CheckDatabaseUrl));
  keys.push_back(Enum("logging.level", {"trace", "debug", "info", "warn", "error"},
                      Set<&C::logging, &LoggingConfig::level>,
                      Get<&C::logging, &LoggingConfig::level>));
  keys.push_back(String("logging.dir", Set<&C::logging, &LoggingConfig::dir>,
                        Get<&C::logging, &LoggingConfig::dir>));
  keys.push_back(Enum("logging.file_format", {"json"},
                      Set<&C::logging, &LoggingConfig::file_format>,
                      Get<&C::logging, &LoggingConfig::file_format>));
  keys.push_back(Number(T::kInt, "logging.retention_days", 0, 3650,
                        Set<&C::logging, &LoggingConfig::retention_days>,
                        Get<&C::logging, &LoggingConfig::retention_days>));
  keys.push_back(Enum("logging.console", {"auto", "human", "json", "off"},
                      Set<&C::logging, &LoggingConfig::console>,
                      Get<&C::logging, &LoggingConfig::console>));
  keys.push_back(Number(T::kDouble, "recorder.breakeven_band_pct", 0, 100,
                        Set<&C::recorder, &RecorderConfig::breakeven_band_pct>,
                        Get<&C::recorder, &RecorderConfig::breakeven_band_pct>));
  keys.push_back(String("recorder.default_exchange",
                        Set<&C::recorder, &RecorderConfig::default_exchange>,
                        Get<&C::recorder, &RecorderConfig::default_exchange>, CheckExchange));
  keys.push_back(String("recorder.default_timeframe",
                        Set<&C::recorder, &RecorderConfig::default_timeframe>,
                        Get<&C::recorder, &RecorderConfig::default_timeframe>, CheckTimeframe));
  keys.push_back(String("data.default_exchange", Set<&C::data, &DataConfig::default_exchange>,
                        Get<&C::data, &DataConfig::default_exchange>, CheckExchange));
  keys.push_back(String("data.sample_dir", Set<&C::data, &DataConfig::sample_dir>,
                        Get<&C::data, &DataConfig::sample_dir>, CheckNotEmpty));
  keys.push_back(Number(T::kDouble, "replay.speed", 0, kHuge, Set<&C::replay, &ReplayConfig::speed>,
                        Get<&C::replay, &ReplayConfig::speed>));
  keys.push_back(Enum("replay.progress", {"auto", "on", "off"},
                      Set<&C::replay, &ReplayConfig::progress>,
                      Get<&C::replay, &ReplayConfig::progress>));
  keys.push_back(String("run.name", Set<&C::run, &RunConfig::name>, Get<&C::run, &RunConfig::name>,
                        CheckNotEmpty));
  keys.push_back(
      String("run.data", Set<&C::run, &RunConfig::data>, Get<&C::run, &RunConfig::data>));
  keys.push_back(
      String("run.symbols", Set<&C::run, &RunConfig::symbols>, Get<&C::run, &RunConfig::symbols>));
  keys.push_back(
      String("run.trades", Set<&C::run, &RunConfig::trades>, Get<&C::run, &RunConfig::trades>));
  keys.push_back(
      String("run.detail", Set<&C::run, &RunConfig::detail>, Get<&C::run, &RunConfig::detail>));
  keys.push_back(String("run.detail_timeframe", Set<&C::run, &RunConfig::detail_timeframe>,
                        Get<&C::run, &RunConfig::detail_timeframe>, CheckTimeframeOrEmpty));
  keys.push_back(String("run.from", Set<&C::run, &RunConfig::from>, Get<&C::run, &RunConfig::from>,
                        CheckTimeOrEmpty));
  keys.push_back(String("run.to", Set<&C::run, &RunConfig::to>, Get<&C::run, &RunConfig::to>,
                        CheckTimeOrEmpty));
  keys.push_back(Bool("snapshots.enabled", Set<&C::snapshots, &SnapshotConfig::enabled>,
                      Get<&C::snapshots, &SnapshotConfig::enabled>));
  keys.push_back(Number(T::kInt, "snapshots.interval_s", 0, 1e9,
                        Set<&C::snapshots, &SnapshotConfig::interval_s>,
                        Get<&C::snapshots, &SnapshotConfig::interval_s>));
  keys.push_back(Bool("snapshots.day_end", Set<&C::snapshots, &SnapshotConfig::day_end>,
                      Get<&C::snapshots, &SnapshotConfig::day_end>));
  keys.push_back(String(
      "snapshots.windows",
      [](Config& c, std::string_view text) { c.snapshots.windows = SplitCommaList(text); },
      [](const Config& c) { return fmt::format("{}", fmt::join(c.snapshots.windows, ",")); },
      CheckSnapshotWindows));
  keys.push_back(Bool("snapshots.every_scope_on_interval",
                      Set<&C::snapshots, &SnapshotConfig::every_scope_on_interval>,
                      Get<&C::snapshots, &SnapshotConfig::every_scope_on_interval>));
  keys.push_back(Bool("snapshots.discard_unchanged",
                      Set<&C::snapshots, &SnapshotConfig::discard_unchanged>,
                      Get<&C::snapshots, &SnapshotConfig::discard_unchanged>));
  keys.push_back(Number(T::kInt, "run.commit_every", 1, 1e6, Set<&C::run, &RunConfig::commit_every>,
                        Get<&C::run, &RunConfig::commit_every>));
  keys.push_back(Number(T::kDouble, "run.commit_interval_s", 0, 3600,
                        Set<&C::run, &RunConfig::commit_interval_s>,
                        Get<&C::run, &RunConfig::commit_interval_s>));
  keys.push_back(Number(T::kDouble, "run.poll_interval_s", 0.01, 86400,
                        Set<&C::run, &RunConfig::poll_interval_s>,
                        Get<&C::run, &RunConfig::poll_interval_s>));
  keys.push_back(String("features.base_timeframe",
                        Set<&C::features, &FeaturesConfig::base_timeframe>,
                        Get<&C::features, &FeaturesConfig::base_timeframe>, CheckTimeframe));
  keys.push_back(Number(T::kInt, "features.warm_up_days", 0, 3650,
                        Set<&C::features, &FeaturesConfig::warm_up_days>,
                        Get<&C::features, &FeaturesConfig::warm_up_days>));
  // features.sets is a list, read and checked by the loader itself (config_loader.cc).
  AddSignalKeys(keys);
  keys.push_back(Enum("tracker.both_hit_policy", {"stop_loss_first", "take_profit_first"},
                      Set<&C::tracker, &tracker::TrackerConfig::both_hit_policy>,
                      Get<&C::tracker, &tracker::TrackerConfig::both_hit_policy>));
  AddRiskKeys(keys);
  using P = paper::PaperConfig;
  keys.push_back(String("paper.account", Set<&C::paper, &P::account>, Get<&C::paper, &P::account>));
  keys.push_back(Number(T::kDouble, "paper.starting_balance", 1e-6, kHuge,
                        Set<&C::paper, &P::starting_balance>,
                        Get<&C::paper, &P::starting_balance>));
  keys.push_back(String("paper.quote_currency", Set<&C::paper, &P::quote_currency>,
                        Get<&C::paper, &P::quote_currency>));
  keys.push_back(Number(T::kDouble, "paper.taker_fee", 0, 0.1, Set<&C::paper, &P::taker_fee>,
                        Get<&C::paper, &P::taker_fee>));
  keys.push_back(Number(T::kDouble, "paper.slippage", 0, 0.1, Set<&C::paper, &P::slippage>,
                        Get<&C::paper, &P::slippage>));
  keys.push_back(Number(T::kDouble, "paper.impact_coefficient", 0, 1,
                        Set<&C::paper, &P::impact_coefficient>,
                        Get<&C::paper, &P::impact_coefficient>));
  keys.push_back(Number(T::kDouble, "paper.max_impact", 0, 1, Set<&C::paper, &P::max_impact>,
                        Get<&C::paper, &P::max_impact>));
  keys.push_back(Enum("paper.fill_mode", {"next_open", "signal_price"},
                      Set<&C::paper, &P::fill_mode>, Get<&C::paper, &P::fill_mode>));
  keys.push_back(Number(T::kDouble, "paper.max_position_fraction", 1e-6, 1,
                        Set<&C::paper, &P::max_position_fraction>,
                        Get<&C::paper, &P::max_position_fraction>));
  keys.push_back(Number(T::kDouble, "paper.max_total_exposure", 1e-6, 100,
                        Set<&C::paper, &P::max_total_exposure>,
                        Get<&C::paper, &P::max_total_exposure>));
  keys.push_back(Number(T::kDouble, "paper.max_volume_participation", 0, 1,
                        Set<&C::paper, &P::max_volume_participation>,
                        Get<&C::paper, &P::max_volume_participation>));
  keys.push_back(Bool("notify.telegram.enabled",
                      Set<&C::notify, &NotifyConfig::telegram, &TelegramConfig::enabled>,
                      Get<&C::notify, &NotifyConfig::telegram, &TelegramConfig::enabled>));
  keys.push_back(String("notify.telegram.chat_id",
                        Set<&C::notify, &NotifyConfig::telegram, &TelegramConfig::chat_id>,
                        Get<&C::notify, &NotifyConfig::telegram, &TelegramConfig::chat_id>));
  keys.push_back(Secret("notify.telegram.bot_token",
                        Set<&C::notify, &NotifyConfig::telegram, &TelegramConfig::bot_token>,
                        Get<&C::notify, &NotifyConfig::telegram, &TelegramConfig::bot_token>));
  keys.push_back(Bool("notify.discord.enabled",
                      Set<&C::notify, &NotifyConfig::discord, &DiscordConfig::enabled>,
                      Get<&C::notify, &NotifyConfig::discord, &DiscordConfig::enabled>));
  keys.push_back(Secret("notify.discord.webhook_url",
                        Set<&C::notify, &NotifyConfig::discord, &DiscordConfig::webhook_url>,
                        Get<&C::notify, &NotifyConfig::discord, &DiscordConfig::webhook_url>,
                        CheckWebhookUrl));
  keys.push_back(Bool("notify.email.enabled",
                      Set<&C::notify, &NotifyConfig::email, &EmailConfig::enabled>,
                      Get<&C::notify, &NotifyConfig::email, &EmailConfig::enabled>));
  keys.push_back(String("notify.email.smtp_host",
                        Set<&C::notify, &NotifyConfig::email, &EmailConfig::smtp_host>,
                        Get<&C::notify, &NotifyConfig::email, &EmailConfig::smtp_host>));
  keys.push_back(Number(T::kInt, "notify.email.smtp_port", 1, 65535,
                        Set<&C::notify, &NotifyConfig::email, &EmailConfig::smtp_port>,
                        Get<&C::notify, &NotifyConfig::email, &EmailConfig::smtp_port>));
  keys.push_back(String("notify.email.username",
                        Set<&C::notify, &NotifyConfig::email, &EmailConfig::username>,
                        Get<&C::notify, &NotifyConfig::email, &EmailConfig::username>));
  keys.push_back(Secret("notify.email.password",
                        Set<&C::notify, &NotifyConfig::email, &EmailConfig::password>,
                        Get<&C::notify, &NotifyConfig::email, &EmailConfig::password>));
  keys.push_back(String("notify.email.from",
                        Set<&C::notify, &NotifyConfig::email, &EmailConfig::from>,
                        Get<&C::notify, &NotifyConfig::email, &EmailConfig::from>));
  keys.push_back(String("notify.email.to", Set<&C::notify, &NotifyConfig::email, &EmailConfig::to>,
                        Get<&C::notify, &NotifyConfig::email, &EmailConfig::to>));
  return keys;
}

// Optimal string alignment distance (Levenshtein plus adjacent transpositions).
std::size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

}  // namespace

const std::vector<ConfigKey>& ConfigKeys() {
  static const std::vector<ConfigKey>* keys = new std::vector<ConfigKey>(BuildKeys());
  return *keys;
}

const ConfigKey* FindConfigKey(std::string_view path) {
  for (const ConfigKey& key : ConfigKeys()) {
    if (key.path == path) return &key;
  }
  return nullptr;
}

bool IsConfigSection(std::string_view path) {
  for (const ConfigKey& key : ConfigKeys()) {
    if (key.path.size() > path.size() && key.path.starts_with(path) &&
        key.path[path.size()] == '.') {
      return true;
    }
  }
  return false;
}

std::optional<std::string> SuggestConfigPath(std::string_view path) {
  std::set<std::string> candidates;
  for (const ConfigKey& key : ConfigKeys()) {
    std::string_view p = key.path;
    candidates.emplace(p);
    for (std::size_t dot = p.find('.'); dot != std::string_view::npos; dot = p.find('.', dot + 1)) {
      candidates.emplace(p.substr(0, dot));
    }
  }
  std::optional<std::string> best;
  std::size_t best_distance = 3;  // suggest only within two edits
  for (const std::string& candidate : candidates) {
    std::size_t distance = EditDistance(path, candidate);
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best;
}

std::string ConfigEnvVarName(std::string_view path) {
  std::string name = "PULSE_";
  for (char c : path) {
    if (c == '.') {
      name += "__";
    } else {
      name.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    }
  }
  return name;
}

std::optional<std::string_view> ConfigAliasPath(std::string_view env_name) {
  if (env_name == "PULSE_ENV") return "environment";
  if (env_name == "PULSE_DB_URL") return "database.url";
  if (env_name == "PULSE_LOG_LEVEL") return "logging.level";
  return std::nullopt;
}

ValueCheck CheckConfigValue(const ConfigKey& key, std::string_view text) {
  ValueCheck result{std::string(text), std::nullopt};
  switch (key.type) {
    case ConfigValueType::kString:
      break;
    case ConfigValueType::kBool: {
      std::string lower = AsciiLower(text);
      if (lower == "true" || lower == "yes" || lower == "on" || lower == "1") {
        result.normalised = "true";
      } else if (lower == "false" || lower == "no" || lower == "off" || lower == "0") {
        result.normalised = "false";
      } else {
        result.problem = fmt::format("'{}' is not a boolean (true or false)", text);
      }
      break;
    }
    case ConfigValueType::kInt: {
      long long value = 0;
      auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
      if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
        result.problem = fmt::format("'{}' is not an integer", text);
      } else if (value < key.min || value > key.max) {
        result.problem = fmt::format("{} is out of range {}..{}", value, FormatNumber(key.min),
                                     FormatNumber(key.max));
      } else {
        result.normalised = std::to_string(value);
      }
      break;
    }
    case ConfigValueType::kDouble: {
      double value = 0;
      auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
      if (text.empty() || ec != std::errc() || end != text.data() + text.size() ||
          !std::isfinite(value)) {
        result.problem = fmt::format("'{}' is not a number", text);
      } else if (value < key.min || value > key.max) {
        result.problem = fmt::format("{} is out of range {}..{}", text, FormatNumber(key.min),
                                     FormatNumber(key.max));
      } else {
        result.normalised = FormatNumber(value);
      }
      break;
    }
    case ConfigValueType::kEnum:
      if (std::find(key.choices.begin(), key.choices.end(), text) == key.choices.end()) {
        result.problem = fmt::format("'{}' is not one of {}", text, fmt::join(key.choices, ", "));
      }
      break;
  }
  if (!result.problem && key.check != nullptr) result.problem = key.check(result.normalised);
  return result;
}

std::string UrlPassword(std::string_view url) {
  std::size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return "";
  std::string_view rest = url.substr(scheme + 3);
  std::size_t at = rest.find('@');
  std::size_t slash = rest.find('/');
  if (at == std::string_view::npos || (slash != std::string_view::npos && slash < at)) return "";
  std::string_view userinfo = rest.substr(0, at);
  std::size_t colon = userinfo.find(':');
  if (colon == std::string_view::npos) return "";
  return std::string(userinfo.substr(colon + 1));
}

std::string MaskUrlPassword(std::string_view url) {
  std::string password = UrlPassword(url);
  if (password.empty()) return std::string(url);
  std::size_t scheme = url.find("://");
  std::size_t colon = url.find(':', scheme + 3);
  std::string out(url.substr(0, colon + 1));
  out += "***";
  out += url.substr(colon + 1 + password.size());
  return out;
}

}  // namespace pulse::app
