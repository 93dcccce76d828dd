// LoadConfig: builds a validated Config from the YAML file, its profile, .env, the environment
// and command-line overrides, reporting every problem at once.
//
// Precedence, lowest first: built-in defaults (config.h) < YAML base < profiles.<environment>
// < .env file < process environment < command-line overrides. The environment (and so the
// profile) is chosen by the highest of: override "environment", PULSE_ENV / PULSE_ENVIRONMENT,
// the same in .env, `environment:` in the YAML base, "development".
//
// Environment variables: PULSE_<SECTION>__<KEY> ("." written "__", upper case), e.g.
// PULSE_DATABASE__URL, PULSE_NOTIFY__TELEGRAM__BOT_TOKEN, and the aliases PULSE_ENV,
// PULSE_DB_URL, PULSE_LOG_LEVEL. Not configuration: PULSE_CONFIG (default YAML path),
// PULSE_ENV_FILE (default .env path), PULSE_SOURCE_DIR, PULSE_BINARY_DIR, PULSE_SHARED_DATA.
// Any other PULSE_ variable with "__" or starting with a section name must name a key.
//
// Secrets (notify.telegram.bot_token, notify.discord.webhook_url, notify.email.password and a
// password inside database.url) come only from the environment or .env.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/config/config.h"
#include "core/status.h"

namespace pulse::app {

// Where configuration comes from. Plain value type; the CLI fills it from its flags.
struct ConfigSources {
  // YAML file; empty: PULSE_CONFIG from `env` when set, otherwise no file (defaults only).
  std::string yaml_path;
  // YAML text used instead of a file (tests, stdin); `yaml_origin` names it in messages.
  std::optional<std::string> yaml_text;
  std::string yaml_origin = "<yaml>";
  // .env file; empty: PULSE_ENV_FILE from `env`, else ./.env when it exists. "-" reads none.
  std::string dotenv_path;
  // The process environment (see ProcessEnvironment()); only PULSE_* entries matter.
  std::map<std::string, std::string> env;
  // Final overrides by key path, e.g. {"database.url", "sqlite://x.db"} for --db.
  std::map<std::string, std::string> overrides;
};

// The PULSE_* variables of this process.
std::map<std::string, std::string> ProcessEnvironment();

// One problem: the key path (or variable, or file) and what is wrong with it.
// A problem found by a component over several keys has no key; its message names them.
struct ConfigProblem {
  std::string key;
  std::string message;
  // "logging.level: 'loud' is not one of trace, debug, info, warn, error"
  std::string ToString() const { return key.empty() ? message : key + ": " + message; }
};

// The outcome of a load: the config (defaults where something was wrong), every problem, and
// where each key's value came from ("default", "pulse.yaml", "pulse.yaml profile production",
// ".env", "PULSE_DB_URL", "command line"). Plain value type.
struct ConfigLoadReport {
  Config config;
  std::vector<ConfigProblem> problems;
  std::map<std::string, std::string> origins;  // key path -> origin
  std::vector<std::string> files_read;
  bool ok() const { return problems.empty(); }
  // All problems, one per line.
  std::string ProblemText() const;
};

// Loads and validates; registers the secrets it found with the logging redaction. Never throws.
ConfigLoadReport LoadConfigReport(const ConfigSources& sources);

// The config, or InvalidArgument whose message is "invalid configuration (N problems):" followed
// by one indented line per problem.
Result<Config> LoadConfig(const ConfigSources& sources);

}  // namespace pulse::app
