#include "app/config/config.h"

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
