// Config: the typed settings of one Pulse process, with the built-in defaults.
//
// Loaded by LoadConfig (config_loader.h) from, lowest to highest precedence: these defaults, the
// YAML file, its active profile, the .env file, the process environment (PULSE_*), and the
// command line. The member initialisers below are the defaults; config/pulse.example.yaml
// documents every key. Adding a key: a member here, a row in config_schema.cc, a line in the
// example file.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/inference/xgboost_model.h"
#include "app/performance_snapshots.h"
#include "core/log.h"
#include "core/status.h"
#include "core/time.h"
#include "engines/paper/paper_config.h"
#include "engines/risk/risk_config.h"
#include "engines/signal/signal_engine_config.h"
#include "engines/signal/theory.h"
#include "engines/tracker/tracker_config.h"

namespace pulse::app {

// Which profile of the YAML file applies (profiles.<environment>).
enum class Environment { kDevelopment, kTesting, kProduction };
std::string_view EnvironmentName(Environment environment);
Result<Environment> ParseEnvironment(std::string_view text);

// When replay shows a progress bar: auto = only on a terminal.
enum class ProgressMode { kAuto, kOn, kOff };
std::string_view ProgressModeName(ProgressMode mode);
Result<ProgressMode> ParseProgressMode(std::string_view text);

struct DatabaseConfig {
  // sqlite://<path> (embedded) or postgresql://user@host:port/db. A password in the URL is a
  // secret: only from PULSE_DATABASE__URL / PULSE_DB_URL.
  std::string url = "sqlite://./var/pulse.db";
};

struct LoggingConfig {
  LogLevel level = LogLevel::kInfo;
  std::string dir = "./var/log";  // JSON lines files; empty: no files
  std::string file_format = "json";
  int retention_days = 14;
  LogConsole console = LogConsole::kAuto;
};

struct RecorderConfig {
  double breakeven_band_pct = 0.5;  // |P&L| below this percentage counts as breakeven
  std::string default_exchange = "binance";
  std::string default_timeframe = "5m";
};

struct DataConfig {
  std::string default_exchange = "binance";
  std::string sample_dir = "data/sample";
};

struct ReplayConfig {
  double speed = 0;  // multiple of real time; 0 = as fast as possible
  ProgressMode progress = ProgressMode::kAuto;
};

// `pulse run` (run: in YAML): which bars the pipeline replays and how often it commits.
struct RunConfig {
  // The run's row in pipeline_runs: started again with the same name, a run resumes.
  std::string name = "default";
  // Candle files of the feature base timeframe, comma-separated; empty: the ohlcv table.
  std::string data;
  // Comma-separated symbols (with files: one per file, default from the file name; with the
  // ohlcv table: empty = every symbol with base-timeframe bars on data.default_exchange).
  std::string symbols;
  // Trade files replayed between the bar closes, comma-separated, each "FILE" or "SYMBOL=FILE";
  // the tracker resolves signals on them (empty: bars only).
  std::string trades;
  // Candle files of a timeframe finer than the base one (1m inside 5m), comma-separated, each
  // "FILE" or "SYMBOL=FILE": a bar touching both levels of a bracket is decided by the finer
  // bars inside it, not by tracker.both_hit_policy (empty: the policy decides).
  std::string detail;
  // With the ohlcv table (no run.data): the finer timeframe whose stored bars do the same
  // (e.g. "1m"); empty: none. Import them before the base bars they decide.
  std::string detail_timeframe;
  std::string from;  // ISO-8601, first bar traded (inclusive); empty = the first bar
  std::string to;    // ISO-8601, end (exclusive); empty = the last bar
  // A transaction (ending with the run's checkpoint) holds at most commit_every bar closes
  // and at most commit_interval_s of wall time: catching up, few commits; live, one per close.
  int commit_every = 1024;
  double commit_interval_s = 1;
  double poll_interval_s = 5;  // at the end of the ohlcv table: how often to look for new bars
};

// One group of features computed on bars of one timeframe: indicator requests as
// `pulse indicators compute --ind` takes them ("rsi:14", "macd:12,26,9", "obv").
struct FeatureSetConfig {
  std::string timeframe;
  std::vector<std::string> indicators;
  bool operator==(const FeatureSetConfig&) const = default;
};

// The items of a comma-separated config value ("a.json, b.json" -> {"a.json", "b.json"}),
// blanks around them trimmed, empty items dropped.
std::vector<std::string> SplitCommaList(std::string_view text);

// A time bound given as text (a flag or a config value named `name`): empty = none, else
// ISO-8601. InvalidArgument naming `name` and the accepted form.
Result<std::optional<UnixNanos>> ParseTimeBound(const std::string& text, std::string_view name);

// A span of bar open times: from `from` (inclusive) to `to` (exclusive), each bound optional.
struct TimeRange {
  std::optional<UnixNanos> from;
  std::optional<UnixNanos> to;
};
// Both bounds as ParseTimeBound reads them, and InvalidArgument ("--from
// 2021-03-01T00:00:00Z is not before --to 2021-02-01T00:00:00Z") when both are given out of
// order, so a command refuses them before it reads any data.
Result<TimeRange> ParseTimeRange(const std::string& from, std::string_view from_name,
                                 const std::string& to, std::string_view to_name);
// The message for a range without bars, naming only the bounds given ("no bars from
// 2022-01-01T00:00:00Z on") and the span of the data's bar open times, `first` .. `last`
// ("(the data spans ... .. ...)", "(the data has no bars)" without them).
std::string NoBarsMessage(const TimeRange& range, std::optional<UnixNanos> first,
                          std::optional<UnixNanos> last);

// The embedded default feature sets: 40+ features over 5m, 15m, 1h and 4h.
std::vector<FeatureSetConfig> DefaultFeatureSets();

// The feature vector of `pulse features` and of the signal models (features: in YAML). The
// order of the sets and of their indicators is the order of the features.
struct FeaturesConfig {
  std::string base_timeframe = "5m";  // one feature vector per bar of this timeframe
  // A run or backtest starting at a given time (`--from`, run.from) first feeds the bars of
  // this many days before it to the features only, so trading starts on warm indicators.
  int warm_up_days = 30;
  std::vector<FeatureSetConfig> sets = DefaultFeatureSets();
};

// The signal engine (signal: in YAML): ensemble, classification, gates, levels, sizing and the
// one-open rule (`engine`, defaults in engines/signal/signal_engine_config.h), the rule-based
// theories (every theory of the factory, each switchable and tunable by name), and the models.
struct SignalConfig {
  signal::SignalEngineConfig engine;
  std::vector<signal::TheoryConfig> theories = DefaultTheories();
  std::string models;         // model files (.json / .ubj / .onnx), comma-separated
  double model_weight = 1.0;  // base ensemble weight of every model
  // How XGBoost models run: compiled into Pulse's flat forest (default) or through libxgboost.
  inference::XgboostEngine xgboost_engine = inference::XgboostEngine::kCompiled;

  static std::vector<signal::TheoryConfig> DefaultTheories();
};

struct TelegramConfig {
  bool enabled = false;
  std::string chat_id;
  std::string bot_token;  // secret
};

struct DiscordConfig {
  bool enabled = false;
  std::string webhook_url;  // secret
};

struct EmailConfig {
  bool enabled = false;
  std::string smtp_host;
  int smtp_port = 587;
  std::string username;
  std::string password;  // secret
  std::string from;
  std::string to;  // comma-separated addresses
};

struct NotifyConfig {
  TelegramConfig telegram;
  DiscordConfig discord;
  EmailConfig email;
};

// Everything a process is configured with. Plain value type; load once at start-up, then pass
// sections by const reference to the components that need them.
struct Config {
  Environment environment = Environment::kDevelopment;
  DatabaseConfig database;
  LoggingConfig logging;
  RecorderConfig recorder;
  DataConfig data;
  ReplayConfig replay;
  RunConfig run;
  FeaturesConfig features;
  SignalConfig signal;
  // The outcome tracker (tracker: in YAML); its breakeven band is recorder.breakeven_band_pct
  // and its fee paper.taker_fee (TrackerConfigFrom).
  tracker::TrackerConfig tracker;
  // The paper-trading engine (paper: in YAML); its both-levels policy is the tracker's
  // (PaperConfigFrom), so both judge a bar the same way.
  paper::PaperConfig paper;
  // The trading controller (risk: in YAML): traffic light, circuit breakers, time zone.
  risk::RiskConfig risk;
  // Performance snapshots of a run (snapshots: in YAML); the day ends in risk.time_zone.
  SnapshotConfig snapshots;
  NotifyConfig notify;
};

// The tracker's and the paper engine's settings with the values they share filled in from the
// one key that holds each (fee, breakeven band, both-levels policy).
tracker::TrackerConfig TrackerConfigFrom(const Config& config);
paper::PaperConfig PaperConfigFrom(const Config& config);

// The logging set-up for `config`: InitLogging(LogOptionsFromConfig(config)).
LogOptions LogOptionsFromConfig(const Config& config);

// Registers every non-empty secret of `config` (and a password inside database.url) with the
// logging redaction. LoadConfig does this already; call it after changing secrets by hand.
void RegisterConfigSecrets(const Config& config);

}  // namespace pulse::app
