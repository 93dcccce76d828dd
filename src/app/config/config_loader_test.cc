#include "app/config/config_loader.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <string>
#include <vector>

#include "app/config/config_dump.h"
#include "app/config/features_config.h"
#include "core/log.h"

#include <yaml-cpp/yaml.h>

namespace pulse::app {
namespace {

namespace fs = std::filesystem;

// Sources with only `yaml`, no .env and an empty environment.
ConfigSources Yaml(std::string yaml) {
  ConfigSources sources;
  sources.yaml_text = std::move(yaml);
  sources.yaml_origin = "pulse.yaml";
  sources.dotenv_path = "-";
  return sources;
}

std::vector<std::string> Problems(const ConfigLoadReport& report) {
  std::vector<std::string> lines;
  for (const ConfigProblem& problem : report.problems) lines.push_back(problem.ToString());
  return lines;
}

// A scratch directory removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    path_ = fs::temp_directory_path() /
            fmt::format("pulse_config_test_{}",
                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  std::string Write(const std::string& name, const std::string& text) const {
    std::ofstream(path_ / name) << text;
    return (path_ / name).string();
  }

 private:
  fs::path path_;
};

TEST(ConfigLoaderTest, DefaultsWithoutAnySource) {
  ConfigLoadReport report = LoadConfigReport(Yaml(""));
  ASSERT_TRUE(report.ok()) << report.ProblemText();
  const Config& c = report.config;
  EXPECT_EQ(c.environment, Environment::kDevelopment);
  EXPECT_EQ(c.database.url, "sqlite://./var/pulse.db");
  EXPECT_EQ(c.logging.level, LogLevel::kInfo);
  EXPECT_EQ(c.logging.dir, "./var/log");
  EXPECT_EQ(c.logging.file_format, "json");
  EXPECT_EQ(c.logging.retention_days, 14);
  EXPECT_EQ(c.logging.console, LogConsole::kAuto);
  EXPECT_EQ(c.recorder.breakeven_band_pct, 0.5);
  EXPECT_EQ(c.recorder.default_exchange, "binance");
  EXPECT_EQ(c.recorder.default_timeframe, "5m");
  EXPECT_EQ(c.data.sample_dir, "data/sample");
  EXPECT_EQ(c.replay.speed, 0);
  EXPECT_EQ(c.replay.progress, ProgressMode::kAuto);
  EXPECT_FALSE(c.notify.telegram.enabled);
  EXPECT_EQ(c.notify.email.smtp_port, 587);
  EXPECT_EQ(report.origins.at("database.url"), "default");
}

TEST(ConfigLoaderTest, YamlOverridesDefaults) {
  ConfigLoadReport report = LoadConfigReport(Yaml(R"(
database:
  url: sqlite://./var/other.db
logging:
  level: debug
  retention_days: 30
  console: off
recorder:
  breakeven_band_pct: 0.25
  default_timeframe: 1h
replay:
  speed: 10
  progress: "off"
notify:
  email:
    smtp_port: 465
    enabled: no
)"));
  ASSERT_TRUE(report.ok()) << report.ProblemText();
  const Config& c = report.config;
  EXPECT_EQ(c.database.url, "sqlite://./var/other.db");
  EXPECT_EQ(c.logging.level, LogLevel::kDebug);
  EXPECT_EQ(c.logging.retention_days, 30);
  EXPECT_EQ(c.logging.console, LogConsole::kOff);
  EXPECT_EQ(c.recorder.breakeven_band_pct, 0.25);
  EXPECT_EQ(c.recorder.default_timeframe, "1h");
  EXPECT_EQ(c.replay.speed, 10);
  EXPECT_EQ(c.replay.progress, ProgressMode::kOff);
  EXPECT_EQ(c.notify.email.smtp_port, 465);
  EXPECT_EQ(report.origins.at("logging.level"), "pulse.yaml");
}

TEST(ConfigLoaderTest, RedLightAutoAcknowledgementIsOffByDefaultAndChecked) {
  EXPECT_EQ(LoadConfigReport(Yaml("")).config.risk.light.auto_acknowledge_after_s, 0);
  ConfigLoadReport report = LoadConfigReport(Yaml(R"(
risk:
  traffic_light:
    auto_acknowledge_after_s: 86400
)"));
  ASSERT_TRUE(report.ok()) << report.ProblemText();
  EXPECT_EQ(report.config.risk.light.auto_acknowledge_after_s, 86400);
  EXPECT_EQ(Problems(LoadConfigReport(Yaml(R"(
risk:
  traffic_light:
    auto_acknowledge_after_s: -60
)"))),
            (std::vector<std::string>{
                "risk.traffic_light.auto_acknowledge_after_s: -60 is out of range 0..1000000000"}));
}

TEST(ConfigLoaderTest, WinRateConfidenceIsOffByDefaultAndRead) {
  EXPECT_EQ(LoadConfigReport(Yaml("")).config.risk.light.win_rate_confidence, 0);
  ConfigLoadReport report = LoadConfigReport(Yaml(R"(
risk:
  traffic_light:
    win_rate_confidence: 0.95
)"));
  ASSERT_TRUE(report.ok()) << report.ProblemText();
  EXPECT_EQ(report.config.risk.light.win_rate_confidence, 0.95);
  EXPECT_EQ(
      Problems(LoadConfigReport(Yaml(R"(
risk:
  traffic_light:
    win_rate_confidence: 2
)"))),
      (std::vector<std::string>{"risk.traffic_light.win_rate_confidence: 2 is out of range 0..1"}));
}

TEST(ConfigLoaderTest, RedLightProbationIsOnByDefaultAndChecked) {
  EXPECT_TRUE(LoadConfigReport(Yaml("")).config.risk.light.probation);
  ConfigLoadReport report = LoadConfigReport(Yaml(R"(
risk:
  traffic_light:
    probation: false
)"));
  ASSERT_TRUE(report.ok()) << report.ProblemText();
  EXPECT_FALSE(report.config.risk.light.probation);
  EXPECT_EQ(Problems(LoadConfigReport(Yaml(R"(
risk:
  traffic_light:
    probation: sometimes
)"))),
            (std::vector<std::string>{
                "risk.traffic_light.probation: 'sometimes' is not a boolean (true or false)"}));
}

TEST(ConfigLoaderTest, PerSymbolBreakersAreOffByDefaultAndChecked) {
  const Config defaults = LoadConfigReport(Yaml("")).config;
  EXPECT_FALSE(defaults.risk.breakers.consecutive_losses_per_symbol);
  EXPECT_FALSE(defaults.risk.breakers.min_time_between_trades_per_symbol);
  ConfigLoadReport report = LoadConfigReport(Yaml(R"(
risk:
  circuit_breakers:
    consecutive_losses:
      per_symbol: true
      max_losses: 3
    min_time_between_trades:
      per_symbol: true
)"));
  ASSERT_TRUE(report.ok()) << report.ProblemText();
  EXPECT_TRUE(report.config.risk.breakers.consecutive_losses_per_symbol);
  EXPECT_EQ(report.config.risk.breakers.max_consecutive_losses, 3);
  EXPECT_TRUE(report.config.risk.breakers.min_time_between_trades_per_symbol);
  EXPECT_EQ(Problems(LoadConfigReport(Yaml(R"(
risk:
  circuit_breakers:
    consecutive_losses:
      per_symbol: each
    min_time_between_trades:
      per_pair: true
)"))),
            (std::vector<std::string>{
                "risk.circuit_breakers.consecutive_losses.per_symbol: 'each' is not a boolean "
                "(true or false)",
                "risk.circuit_breakers.min_time_between_trades.per_pair: unknown key"}));
}

constexpr char kProfilesYaml[] = R"(
environment: production
logging:
  level: info
  dir: ./var/log
profiles:
  development:
    logging:
      level: debug
  production:
    database:
      url: postgresql://pulse@db.internal/pulse
    logging:
      level: warn
      console: json
)";

TEST(ConfigLoaderTest, ActiveProfileIsMergedOverTheBase) {
  ConfigLoadReport report = LoadConfigReport(Yaml(kProfilesYaml));
  ASSERT_TRUE(report.ok()) << report.ProblemText();
  EXPECT_EQ(report.config.environment, Environment::kProduction);
  EXPECT_EQ(report.config.database.url, "postgresql://pulse@db.internal/pulse");
  EXPECT_EQ(report.config.logging.level, LogLevel::kWarn);
  EXPECT_EQ(report.config.logging.console, LogConsole::kJson);
  EXPECT_EQ(report.config.logging.dir, "./var/log");  // untouched base key survives the merge
  EXPECT_EQ(report.origins.at("logging.level"), "pulse.yaml profile production");
}

TEST(ConfigLoaderTest, PulseEnvChoosesTheProfile) {
  ConfigSources sources = Yaml(kProfilesYaml);
  sources.env = {{"PULSE_ENV", "development"}};
  ConfigLoadReport report = LoadConfigReport(sources);
  ASSERT_TRUE(report.ok()) << report.ProblemText();
  EXPECT_EQ(report.config.environment, Environment::kDevelopment);
  EXPECT_EQ(report.config.logging.level, LogLevel::kDebug);
  EXPECT_EQ(report.config.database.url, "sqlite://./var/pulse.db");
}

TEST(ConfigLoaderTest, PrecedenceYamlProfileDotEnvEnvironmentCommandLine) {
  TempDir dir;
  std::string dotenv = dir.Write(".env", R"(# local settings
PULSE_LOG_LEVEL=error
PULSE_DATABASE__URL="sqlite://./var/dotenv.db"
export PULSE_RECORDER__DEFAULT_EXCHANGE='bybit'   # quoted
PULSE_NOTIFY__TELEGRAM__BOT_TOKEN=123:from-dotenv
OTHER_TOOL=ignored
)");
  ConfigSources sources = Yaml(kProfilesYaml);
  sources.dotenv_path = dotenv;
  sources.env = {{"PULSE_DATABASE__URL", "sqlite://./var/env.db"},
                 {"PULSE_DATA__SAMPLE_DIR", "/srv/samples"},
                 {"PULSE_SOURCE_DIR", "/work/main"},
                 {"HOME", "/root"}};
  sources.overrides = {{"data.sample_dir", "./cli-samples"}};
  ConfigLoadReport report = LoadConfigReport(sources);
  ASSERT_TRUE(report.ok()) << report.ProblemText();
  const Config& c = report.config;
  EXPECT_EQ(c.logging.level, LogLevel::kError);               // .env over the profile
  EXPECT_EQ(c.logging.console, LogConsole::kJson);            // profile over the base
  EXPECT_EQ(c.database.url, "sqlite://./var/env.db");         // environment over .env
  EXPECT_EQ(c.recorder.default_exchange, "bybit");            // .env over the default
  EXPECT_EQ(c.data.sample_dir, "./cli-samples");              // command line over everything
  EXPECT_EQ(c.notify.telegram.bot_token, "123:from-dotenv");  // secrets from .env are fine
  EXPECT_EQ(report.origins.at("logging.level"), dotenv + ":2");
  EXPECT_EQ(report.origins.at("database.url"), "PULSE_DATABASE__URL");
  EXPECT_EQ(report.origins.at("data.sample_dir"), "command line");
  ASSERT_EQ(report.files_read.size(), 1u);
  EXPECT_EQ(report.files_read[0], dotenv);
}

TEST(ConfigLoaderTest, ReadsYamlFromAFileAndReportsAMissingOne) {
  TempDir dir;
  ConfigSources sources;
  sources.dotenv_path = "-";
  sources.yaml_path = dir.Write("pulse.yaml", "replay:\n  speed: 2.5\n");
  ConfigLoadReport report = LoadConfigReport(sources);
  ASSERT_TRUE(report.ok()) << report.ProblemText();
  EXPECT_EQ(report.config.replay.speed, 2.5);
  EXPECT_EQ(report.origins.at("replay.speed"), sources.yaml_path);

  sources.yaml_path = "/nonexistent/pulse.yaml";
  EXPECT_EQ(Problems(LoadConfigReport(sources)),
            std::vector<std::string>{"/nonexistent/pulse.yaml: cannot read the config file: No "
                                     "such file or directory"});
}

TEST(ConfigLoaderTest, ReportsEveryProblemAtOnce) {
  ConfigSources sources = Yaml(R"(
database:
  urll: sqlite://x.db
databse:
  url: sqlite://y.db
logging:
  level: loud
  retention_days: -3
  console: fancy
recorder:
  breakeven_band_pct: abc
  default_timeframe: 7m
replay: fast
notify:
  telegram:
    enabled: maybe
    bot_token: 123:abc
  email:
    smtp_port: 70000
    password: hunter2
profiles:
  production:
    logging:
      levle: warn
  staging:
    logging:
      level: warn
)");
  sources.env = {{"PULSE_DATABASE__URLL", "sqlite://z.db"},
                 {"PULSE_LOG_LEVEL", "verbose"},
                 {"PULSE_DATABASE_URL", "sqlite://w.db"}};
  sources.overrides = {{"replay.speed", "-1"}, {"notify.discord.webhook_url", "https://x"}};
  ConfigLoadReport report = LoadConfigReport(sources);
  EXPECT_EQ(
      Problems(report),
      (std::vector<std::string>{
          "database.urll: unknown key (did you mean database.url?)",
          "databse: unknown key (did you mean database?)",
          "logging.level: 'loud' is not one of trace, debug, info, warn, error",
          "logging.retention_days: -3 is out of range 0..3650",
          "logging.console: 'fancy' is not one of auto, human, json, off",
          "recorder.breakeven_band_pct: 'abc' is not a number",
          "recorder.default_timeframe: '7m' is not a timeframe (1m, 3m, 5m, 15m, 30m, 1h, 2h, 4h, "
          "6h, 8h, 12h, 1d, 3d, 1w, 1M)",
          "replay: expected a mapping of keys, got a single value",
          "notify.telegram.enabled: 'maybe' is not a boolean (true or false)",
          "notify.telegram.bot_token: is a secret and may not be written in the config file; set "
          "PULSE_NOTIFY__TELEGRAM__BOT_TOKEN in the environment or .env instead",
          "notify.email.smtp_port: 70000 is out of range 1..65535",
          "notify.email.password: is a secret and may not be written in the config file; set "
          "PULSE_NOTIFY__EMAIL__PASSWORD in the environment or .env instead",
          "profiles.production.logging.levle: unknown key (did you mean "
          "profiles.production.logging.level?)",
          "profiles.staging: unknown profile (expected development, testing or production)",
          "PULSE_DATABASE_URL: not a configuration variable (did you mean PULSE_DATABASE__URL?)",
          "PULSE_DATABASE__URLL: unknown key database.urll (did you mean PULSE_DATABASE__URL?)",
          "logging.level: 'verbose' is not one of trace, debug, info, warn, error (from "
          "PULSE_LOG_LEVEL)",
          "notify.discord.webhook_url: is a secret and may not be given on the command line; set "
          "PULSE_NOTIFY__DISCORD__WEBHOOK_URL in the environment or .env instead",
          "replay.speed: -1 is out of range 0..1000000000000 (from the command line)",
      }));
  Result<Config> config = LoadConfig(sources);
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(config.status().message().starts_with(
      "invalid configuration (19 problems):\n  database.urll: unknown key (did you mean "
      "database.url?)\n  databse: unknown key"))
      << config.status().message();
}

// database.url is checked by the storage adapter's parser: what it opens is accepted, the
// rest is refused with its message (the password masked).
TEST(ConfigLoaderTest, DatabaseUrlIsCheckedByTheStorageParser) {
  for (const std::string url :
       {"sqlite::memory:", "sqlite:///tmp/x.db", "postgresql://pulse:pw@127.0.0.1:5432/pulse"}) {
    ConfigSources sources;
    sources.overrides = {{"database.url", url}};
    ConfigLoadReport report = LoadConfigReport(sources);
    EXPECT_TRUE(report.ok()) << url << ": " << report.ProblemText();
  }
  ConfigSources bad;
  bad.overrides = {{"database.url", "mysql://u:hunter2@h/db"}};
  ConfigLoadReport report = LoadConfigReport(bad);
  ASSERT_FALSE(report.ok());
  const std::string text = report.ProblemText();
  EXPECT_NE(text.find("database.url: unknown database URL scheme 'mysql'"), std::string::npos)
      << text;
  EXPECT_EQ(text.find("hunter2"), std::string::npos) << text;
}

TEST(ConfigLoaderTest, XgboostEngineIsCompiledOrLibrary) {
  EXPECT_EQ(LoadConfigReport({}).config.signal.xgboost_engine, inference::XgboostEngine::kCompiled);
  ConfigSources library;
  library.overrides = {{"signal.xgboost_engine", "library"}};
  EXPECT_EQ(LoadConfigReport(library).config.signal.xgboost_engine,
            inference::XgboostEngine::kLibrary);
  ConfigSources bad;
  bad.overrides = {{"signal.xgboost_engine", "gpu"}};
  EXPECT_EQ(
      Problems(LoadConfigReport(bad)),
      (std::vector<std::string>{"signal.xgboost_engine: 'gpu' is not one of compiled, library "
                                "(from the command line)"}));
}

TEST(ConfigLoaderTest, SecretsAndPasswordsInYamlAreRefusedEvenInProfiles) {
  ConfigLoadReport report = LoadConfigReport(Yaml(R"(
database:
  url: postgresql://pulse:s3cret@db/pulse
notify:
  discord:
    webhook_url: ""
profiles:
  testing:
    notify:
      discord:
        webhook_url: https://discord.com/api/webhooks/1/abc
)"));
  EXPECT_EQ(Problems(report),
            (std::vector<std::string>{
                "database.url: contains a password, which may not be written in the config file; "
                "set PULSE_DATABASE__URL in the environment or .env instead (or PULSE_DB_URL)",
                "profiles.testing.notify.discord.webhook_url: is a secret and may not be written "
                "in the config file; set PULSE_NOTIFY__DISCORD__WEBHOOK_URL in the environment or "
                ".env instead",
            }));
  // The refused value is not echoed anywhere.
  EXPECT_EQ(report.ProblemText().find("s3cret"), std::string::npos);
}

TEST(ConfigLoaderTest, EnabledNotifierNeedsItsSettings) {
  ConfigSources sources = Yaml("notify:\n  telegram:\n    enabled: true\n    chat_id: '42'\n");
  EXPECT_EQ(Problems(LoadConfigReport(sources)),
            std::vector<std::string>{
                "notify.telegram.bot_token: required when notify.telegram.enabled is true (set "
                "PULSE_NOTIFY__TELEGRAM__BOT_TOKEN in the environment or .env)"});
  sources.env = {{"PULSE_NOTIFY__TELEGRAM__BOT_TOKEN", "123:abc"}};
  ConfigLoadReport report = LoadConfigReport(sources);
  ASSERT_TRUE(report.ok()) << report.ProblemText();
  EXPECT_EQ(report.config.notify.telegram.chat_id, "42");
  EXPECT_EQ(report.config.notify.telegram.bot_token, "123:abc");
}

TEST(ConfigLoaderTest, AliasAndLongFormMustAgree) {
  ConfigSources sources = Yaml("");
  sources.env = {{"PULSE_DB_URL", "sqlite://a.db"}, {"PULSE_DATABASE__URL", "sqlite://b.db"}};
  EXPECT_EQ(Problems(LoadConfigReport(sources)),
            std::vector<std::string>{"database.url: PULSE_DATABASE__URL and PULSE_DB_URL are both "
                                     "set, to different values; set only one"});
  sources.env = {{"PULSE_DB_URL", "sqlite://a.db"}, {"PULSE_UNRELATED_THING", "x"}};
  ConfigLoadReport report = LoadConfigReport(sources);
  ASSERT_TRUE(report.ok()) << report.ProblemText();
  EXPECT_EQ(report.config.database.url, "sqlite://a.db");
}

TEST(ConfigLoaderTest, RefusesADirectoryAsTheConfigFile) {
  TempDir dir;
  ConfigSources sources;
  sources.dotenv_path = "-";
  sources.yaml_path = fs::path(dir.Write("x", "")).parent_path().string();
  ConfigLoadReport report = LoadConfigReport(sources);
  EXPECT_EQ(Problems(report),
            std::vector<std::string>{sources.yaml_path + ": cannot read the config file: Is a "
                                                         "directory"});
  EXPECT_TRUE(report.files_read.empty());
}

TEST(ConfigLoaderTest, RefusesAValueGivenTwice) {
  ConfigLoadReport report = LoadConfigReport(Yaml(R"(paper:
  starting_balance: 5000
  taker_fee: 0.001
  starting_balance: 7000
logging:
  level: warn
profiles:
  production:
    logging:
      level: error
      level: debug
  production:
    logging:
      level: trace
features:
  sets:
    - timeframe: 5m
      indicators: ["rsi:14", "natr:14"]
      timeframe: 1h
logging:
  dir: /tmp
  level: info
)"));
  EXPECT_EQ(
      Problems(report),
      (std::vector<std::string>{
          "paper.starting_balance: given twice in pulse.yaml (line 2, then line 4); keep one",
          "profiles.production.logging.level: given twice in pulse.yaml (line 10, then line 11); "
          "keep one",
          "profiles.production.logging.level: given twice in pulse.yaml (line 10, then line 14); "
          "keep one",
          "features.sets[0].timeframe: given twice in pulse.yaml (line 17, then line 19); keep one",
          "logging.level: given twice in pulse.yaml (line 6, then line 22); keep one"}));
  // The first value stands (no last-one-wins); a section given twice is merged (as `pulse
  // config show` writes some), and the same key in a profile is another layer.
  EXPECT_EQ(report.config.paper.starting_balance, 5000);
  EXPECT_EQ(report.config.paper.taker_fee, 0.001);
  EXPECT_EQ(report.config.logging.level, LogLevel::kWarn);
  EXPECT_EQ(report.config.logging.dir, "/tmp");
}

TEST(ConfigLoaderTest, ReportsYamlSyntaxErrorsWithTheirPosition) {
  EXPECT_EQ(Problems(LoadConfigReport(Yaml("logging:\n  level: [info\n"))),
            std::vector<std::string>{"pulse.yaml:3:1: end of sequence flow not found"});
}

TEST(ConfigLoaderTest, DumpMasksSecretsAndRoundTrips) {
  ConfigSources sources = Yaml("environment: testing\nnotify:\n  telegram:\n    chat_id: '42'\n");
  sources.env = {{"PULSE_NOTIFY__TELEGRAM__BOT_TOKEN", "123:tok"},
                 {"PULSE_DB_URL", "postgresql://pulse:pw@db/pulse"}};
  ConfigLoadReport report = LoadConfigReport(sources);
  ASSERT_TRUE(report.ok()) << report.ProblemText();

  std::string masked = DumpConfigYaml(report.config, /*mask_secrets=*/true);
  EXPECT_EQ(masked.find("123:tok"), std::string::npos) << masked;
  EXPECT_EQ(masked.find(":pw@"), std::string::npos) << masked;
  EXPECT_NE(masked.find("bot_token: \"***\""), std::string::npos) << masked;
  EXPECT_NE(masked.find("url: postgresql://pulse:***@db/pulse"), std::string::npos) << masked;
  EXPECT_TRUE(masked.starts_with(
      "environment: testing\ndatabase:\n  url: postgresql://pulse:***@db/pulse\nlogging:\n"))
      << masked;

  std::string with_origins = DumpConfigYaml(report.config, true, &report.origins);
  EXPECT_NE(with_origins.find("bot_token: \"***\"  # from PULSE_NOTIFY__TELEGRAM__BOT_TOKEN"),
            std::string::npos)
      << with_origins;
  if (std::getenv("PULSE_PRINT_DUMP") != nullptr) std::cout << with_origins;

  // The secrets were registered with the logging redaction.
  EXPECT_EQ(RedactSecrets("token 123:tok pw"), "token *** ***");
  ClearSecrets();

  // Unmasked output (minus the secrets, which YAML may not hold) loads back to the same values.
  Config copy = report.config;
  copy.notify.telegram.bot_token.clear();
  copy.database.url = "postgresql://pulse@db/pulse";
  ConfigLoadReport again = LoadConfigReport(Yaml(DumpConfigYaml(copy, false)));
  ASSERT_TRUE(again.ok()) << again.ProblemText();
  EXPECT_EQ(DumpConfigYaml(again.config, false), DumpConfigYaml(copy, false));
}

// The paths of the keys of every mapping in `node`, "a.b", each once per time it is written.
void CollectKeys(const YAML::Node& node, const std::string& prefix,
                 std::multiset<std::string>* out) {
  if (!node.IsMap()) return;
  for (const auto& item : node) {
    const std::string path = prefix + item.first.as<std::string>();
    out->insert(path);
    CollectKeys(item.second, path + ".", out);
  }
}

// `pulse config show` writes each section once: a YAML mapping may not repeat a key.
TEST(ConfigLoaderTest, DumpWritesEachSectionOnce) {
  const std::string dump = DumpConfigYaml(Config{}, /*mask_secrets=*/true);
  std::multiset<std::string> keys;
  CollectKeys(YAML::Load(dump), "", &keys);
  ASSERT_GT(keys.size(), 50u);
  for (const std::string& key : keys) EXPECT_EQ(keys.count(key), 1u) << key << " in\n" << dump;
  EXPECT_EQ(keys.count("run.name"), 1u);
  EXPECT_EQ(keys.count("run.commit_every"), 1u);
}

TEST(ConfigLoaderTest, LogOptionsFollowTheLoggingSection) {
  ConfigLoadReport report =
      LoadConfigReport(Yaml("logging:\n  level: warn\n  dir: /tmp/x\n  retention_days: 3\n"));
  ASSERT_TRUE(report.ok()) << report.ProblemText();
  LogOptions options = LogOptionsFromConfig(report.config);
  EXPECT_EQ(options.level, LogLevel::kWarn);
  EXPECT_EQ(options.dir, "/tmp/x");
  EXPECT_EQ(options.retention_days, 3);
  EXPECT_EQ(options.console, LogConsole::kAuto);
}

// The shipped example and demo configs must load cleanly, with an empty environment.
TEST(ConfigLoaderTest, ShippedConfigFilesLoadCleanly) {
  const char* root = std::getenv("PULSE_SOURCE_DIR");
  ASSERT_NE(root, nullptr) << "PULSE_SOURCE_DIR is set by CTest";
  for (const char* name : {"config/pulse.example.yaml", "config/pulse.demo.yaml"}) {
    ConfigSources sources;
    sources.yaml_path = (fs::path(root) / name).string();
    sources.dotenv_path = "-";
    ConfigLoadReport report = LoadConfigReport(sources);
    EXPECT_TRUE(report.ok()) << name << ":\n" << report.ProblemText();
    ASSERT_EQ(report.files_read.size(), 1u) << name;
  }
}

}  // namespace
}  // namespace pulse::app

namespace pulse::app {
namespace {

TEST(ConfigLoaderFeaturesTest, EmbeddedDefaultHasFortyPlusFeaturesOnFourTimeframes) {
  ConfigLoadReport report = LoadConfigReport(Yaml(""));
  ASSERT_TRUE(report.ok()) << report.ProblemText();
  const FeaturesConfig& f = report.config.features;
  EXPECT_EQ(f.base_timeframe, "5m");
  ASSERT_EQ(f.sets.size(), 4u);
  EXPECT_EQ(f.sets[0].timeframe, "5m");
  EXPECT_EQ(f.sets[3].timeframe, "4h");
  auto spec = FeatureSetSpecFromConfig(f);
  ASSERT_TRUE(spec.ok()) << spec.status().message();
  auto set = indicators::FeatureSet::Create(*spec);
  ASSERT_TRUE(set.ok()) << set.status().message();
  EXPECT_GE(set->size(), 40u);
  EXPECT_EQ(set->Names().front(), "5m.sma_10");
  EXPECT_EQ(report.origins.at("features.sets"), "default");
}

TEST(ConfigLoaderFeaturesTest, YamlSetsReplaceTheDefaultAndProfilesReplaceTheBase) {
  const std::string yaml =
      "environment: production\n"
      "features:\n"
      "  base_timeframe: 15m\n"
      "  sets:\n"
      "    - timeframe: 15m\n"
      "      indicators: [\"rsi:14\", \"macd:12,26,9\"]\n"
      "    - {timeframe: 1h, indicators: [obv]}\n"
      "profiles:\n"
      "  testing:\n"
      "    features:\n"
      "      sets: [{timeframe: 4h, indicators: [\"sma:5\"]}]\n";
  ConfigLoadReport report = LoadConfigReport(Yaml(yaml));
  ASSERT_TRUE(report.ok()) << report.ProblemText();
  const FeaturesConfig& f = report.config.features;
  EXPECT_EQ(f.base_timeframe, "15m");
  ASSERT_EQ(f.sets.size(), 2u);
  EXPECT_EQ(f.sets[0], (FeatureSetConfig{"15m", {"rsi:14", "macd:12,26,9"}}));
  EXPECT_EQ(f.sets[1], (FeatureSetConfig{"1h", {"obv"}}));
  EXPECT_EQ(report.origins.at("features.sets"), "pulse.yaml");

  ConfigSources testing = Yaml(yaml);
  testing.env = {{"PULSE_ENV", "testing"}};
  ConfigLoadReport t = LoadConfigReport(testing);
  ASSERT_TRUE(t.ok()) << t.ProblemText();
  ASSERT_EQ(t.config.features.sets.size(), 1u);
  EXPECT_EQ(t.config.features.sets[0], (FeatureSetConfig{"4h", {"sma:5"}}));
  EXPECT_EQ(t.origins.at("features.sets"), "pulse.yaml profile testing");

  // The dump holds the sets and loads back to the same configuration.
  const std::string dump = DumpConfigYaml(report.config, false);
  EXPECT_NE(dump.find("indicators: [rsi:14, \"macd:12,26,9\"]"), std::string::npos) << dump;
  ConfigLoadReport again = LoadConfigReport(Yaml(dump));
  ASSERT_TRUE(again.ok()) << again.ProblemText();
  EXPECT_EQ(again.config.features.sets, report.config.features.sets);
  EXPECT_EQ(DumpConfigYaml(again.config, false), dump);
}

TEST(ConfigLoaderFeaturesTest, EveryProblemNamesItsKeyPath) {
  const std::string yaml =
      "features:\n"
      "  base_timeframe: 5m\n"
      "  sets:\n"
      "    - timeframe: 7m\n"
      "      indicators: [\"rsi:14\"]\n"
      "    - timeframe: 1h\n"
      "      indicators: [\"rsx:3\", \"rsi:1\", \"sma:20\", \"sma:20\"]\n"
      "    - timeframe: 2m\n"
      "      indicators: []\n";
  const std::vector<std::string> problems = Problems(LoadConfigReport(Yaml(yaml)));
  ASSERT_EQ(problems.size(), 6u) << ::testing::PrintToString(problems);
  EXPECT_EQ(problems[0], "features.sets[0].timeframe: '7m' is not a timeframe (" +
                             std::string(SupportedTimeframes()) + ")");
  EXPECT_TRUE(problems[1].starts_with(
      "features.sets[1].indicators[0]: unknown indicator 'rsx' (accepted: "))
      << problems[1];
  EXPECT_EQ(problems[2],
            "features.sets[1].indicators[1]: rsi: period must be between 2 and 100000, got 1");
  EXPECT_EQ(problems[3],
            "features.sets[1].indicators[3]: feature '1h.sma_20' is already given by "
            "features.sets[1].indicators[2]");
  EXPECT_EQ(problems[4], "features.sets[2].timeframe: '2m' is not a timeframe (" +
                             std::string(SupportedTimeframes()) + ")");
  EXPECT_EQ(problems[5],
            "features.sets[2].indicators: needs at least one indicator, e.g. [\"rsi:14\"]");

  EXPECT_EQ(
      Problems(LoadConfigReport(Yaml("features:\n  base_timeframe: 1h\n  sets: [{timeframe: 15m, "
                                     "indicators: [rsi]}]\n"))),
      std::vector<std::string>{
          "features.sets[0].timeframe: 15m is not a whole multiple of the base timeframe 1h"});
  EXPECT_EQ(Problems(LoadConfigReport(Yaml("features:\n  sets: rsi\n"))),
            std::vector<std::string>{
                "features.sets: expected a list of {timeframe, indicators} entries"});
  EXPECT_EQ(Problems(LoadConfigReport(
                Yaml("features:\n  sets:\n    - {timeframe: 5m, indicator: [rsi]}\n"))),
            std::vector<std::string>{
                "features.sets[0].indicator: unknown key (expected timeframe, indicators)"});
  // A malformed set does not hide the problems of the others.
  const std::vector<std::string> mixed = Problems(LoadConfigReport(
      Yaml("features:\n  base_timeframe: 1h\n  sets:\n    - {timeframe: 15m, indicators: [rsi]}\n"
           "    - {timeframe: 4h, indicator: [rsi]}\n")));
  EXPECT_EQ(mixed, (std::vector<std::string>{
                       "features.sets[1].indicator: unknown key (expected timeframe, indicators)",
                       "features.sets[0].timeframe: 15m is not a whole multiple of the base "
                       "timeframe 1h"}));
  EXPECT_EQ(Problems(LoadConfigReport(Yaml("profiles:\n  development:\n    features:\n      sets: "
                                           "[{timeframe: 5m, indicators: [\"ema:0\"]}]\n"))),
            std::vector<std::string>{"profiles.development.features.sets[0].indicators[0]: ema: "
                                     "period must be between 2 and 100000, got 0"});
  EXPECT_EQ(Problems(LoadConfigReport(Yaml("features:\n  base_timeframe: 7m\n"))),
            std::vector<std::string>{"features.base_timeframe: '7m' is not a timeframe (" +
                                     std::string(SupportedTimeframes()) + ")"});
}

TEST(ConfigLoaderFeaturesTest, SpecFromConfigTakesTheBaseOverride) {
  FeaturesConfig f;
  f.sets = {{"1h", {"rsi:14"}}, {"4h", {"sma:5"}}};
  auto spec = FeatureSetSpecFromConfig(f, "1h");
  ASSERT_TRUE(spec.ok()) << spec.status().message();
  EXPECT_EQ(spec->base.ToString(), "1h");
  ASSERT_EQ(spec->features.size(), 2u);
  EXPECT_EQ(spec->features[1].timeframe.ToString(), "4h");
  EXPECT_EQ(spec->features[1].request, "sma:5");
  auto bad = FeatureSetSpecFromConfig(f, "4h");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(),
            "invalid feature configuration: features.sets[0].timeframe: 1h is not a whole "
            "multiple of the base timeframe 4h");
}

}  // namespace
}  // namespace pulse::app
