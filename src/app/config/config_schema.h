// ConfigSchema: the table of every configuration key: its path, type, allowed values, whether it
// is a secret, and how it is read from and written to a Config. The loader, the dumper and the
// environment-variable mapping all work from this one table.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/config/config.h"

namespace pulse::app {

enum class ConfigValueType { kString, kBool, kInt, kDouble, kEnum };

// One leaf key, e.g. "notify.telegram.bot_token". Immutable rows of a static table.
struct ConfigKey {
  std::string path;
  ConfigValueType type = ConfigValueType::kString;
  std::vector<std::string_view> choices;  // kEnum
  double min = 0;                         // kInt, kDouble (inclusive)
  double max = 0;
  bool secret = false;
  // Extra check of a well-typed value; returns the problem, without the key path.
  std::optional<std::string> (*check)(std::string_view text) = nullptr;
  // Stores an already validated (normalised) text into `config`.
  std::function<void(Config& config, std::string_view text)> set;
  // The current value as text, as a YAML file would hold it.
  std::function<std::string(const Config& config)> get;
};

// Every key, in documentation (and dump) order. Thread-safe (built once).
const std::vector<ConfigKey>& ConfigKeys();
// The key at `path`, or nullptr.
const ConfigKey* FindConfigKey(std::string_view path);
// True when `path` is a section holding keys ("notify", "notify.telegram").
bool IsConfigSection(std::string_view path);
// The closest known key or section path to a misspelt `path`, if one is close enough.
std::optional<std::string> SuggestConfigPath(std::string_view path);

// PULSE_<PATH> with "." as "__", upper case: "notify.telegram.bot_token" ->
// "PULSE_NOTIFY__TELEGRAM__BOT_TOKEN".
std::string ConfigEnvVarName(std::string_view path);
// The documented short aliases: PULSE_ENV, PULSE_DB_URL, PULSE_LOG_LEVEL -> their key path.
std::optional<std::string_view> ConfigAliasPath(std::string_view env_name);

// Checks `text` for `key` (type, choices, range, extra check). Returns the normalised text
// ("yes" -> "true") or the problem message without the key path, e.g.
// "'loud' is not one of trace, debug, info, warn, error".
struct ValueCheck {
  std::string normalised;
  std::optional<std::string> problem;
};
ValueCheck CheckConfigValue(const ConfigKey& key, std::string_view text);

// The password inside a URL ("postgresql://user:pw@host/db" -> "pw"), or "".
std::string UrlPassword(std::string_view url);
// `url` with its password replaced by "***".
std::string MaskUrlPassword(std::string_view url);

}  // namespace pulse::app
