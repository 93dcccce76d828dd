#include "app/config/config_schema.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "core/timeframe.h"

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
void FromText(std::string_view text, LogLevel& out) { out = ParseLogLevel(text).value(); }
void FromText(std::string_view text, LogConsole& out) { out = ParseLogConsole(text).value(); }
void FromText(std::string_view text, Environment& out) { out = ParseEnvironment(text).value(); }
void FromText(std::string_view text, ProgressMode& out) { out = ParseProgressMode(text).value(); }

std::string ToText(const std::string& value) { return value; }
std::string ToText(bool value) { return value ? "true" : "false"; }
std::string ToText(int value) { return std::to_string(value); }
std::string ToText(double value) { return fmt::format("{}", value); }
std::string ToText(LogLevel value) { return std::string(LogLevelName(value)); }
std::string ToText(LogConsole value) { return std::string(LogConsoleName(value)); }
std::string ToText(Environment value) { return std::string(EnvironmentName(value)); }
std::string ToText(ProgressMode value) { return std::string(ProgressModeName(value)); }

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

// --- Extra checks ------------------------------------------------------------------------

std::optional<std::string> CheckDatabaseUrl(std::string_view url) {
  for (std::string_view scheme : {"sqlite://", "postgresql://", "postgres://"}) {
    if (url.starts_with(scheme)) {
      if (url.size() == scheme.size()) return fmt::format("'{}' names no database", url);
      return std::nullopt;
    }
  }
  return fmt::format("'{}' is not a sqlite://, postgresql:// or postgres:// URL",
                     MaskUrlPassword(url));
}

std::optional<std::string> CheckTimeframe(std::string_view text) {
  if (Timeframe::Parse(text).ok()) return std::nullopt;
  return fmt::format("'{}' is not a timeframe ({})", text, SupportedTimeframes());
}

std::optional<std::string> CheckExchange(std::string_view text) {
  bool ok = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
  if (ok) return std::nullopt;
  return fmt::format("'{}' is not an exchange name (lower-case letters, digits, _)", text);
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

ConfigKey String(std::string_view path, void (*set)(Config&, std::string_view),
                 std::string (*get)(const Config&),
                 std::optional<std::string> (*check)(std::string_view) = nullptr) {
  ConfigKey key;
  key.path = path;
  key.set = set;
  key.get = get;
  key.check = check;
  return key;
}

ConfigKey Secret(std::string_view path, void (*set)(Config&, std::string_view),
                 std::string (*get)(const Config&),
                 std::optional<std::string> (*check)(std::string_view) = nullptr) {
  ConfigKey key = String(path, set, get, check);
  key.secret = true;
  return key;
}

ConfigKey Enum(std::string_view path, std::vector<std::string_view> choices,
               void (*set)(Config&, std::string_view), std::string (*get)(const Config&)) {
  ConfigKey key = String(path, set, get);
  key.type = ConfigValueType::kEnum;
  key.choices = std::move(choices);
  return key;
}

ConfigKey Bool(std::string_view path, void (*set)(Config&, std::string_view),
               std::string (*get)(const Config&)) {
  ConfigKey key = String(path, set, get);
  key.type = ConfigValueType::kBool;
  return key;
}

ConfigKey Number(ConfigValueType type, std::string_view path, double min, double max,
                 void (*set)(Config&, std::string_view), std::string (*get)(const Config&)) {
  ConfigKey key = String(path, set, get);
  key.type = type;
  key.min = min;
  key.max = max;
  return key;
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
  keys.push_back(String("features.base_timeframe",
                        Set<&C::features, &FeaturesConfig::base_timeframe>,
                        Get<&C::features, &FeaturesConfig::base_timeframe>, CheckTimeframe));
  // features.sets is a list, read and checked by the loader itself (config_loader.cc).
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

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string FormatNumber(double value) { return fmt::format("{}", value); }

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
      std::string lower = Lower(text);
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
