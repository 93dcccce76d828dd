// CliContext: what every `pulse` command shares: the global flags, the loaded configuration,
// the opened (and migrated) store, the clock, and how a Status becomes an exit code.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "app/config/config.h"
#include "app/config/config_loader.h"
#include "control/trade_recorder.h"
#include "core/clock.h"
#include "core/status.h"
#include "ports/candle_store.h"
#include "ports/signal_store.h"

namespace pulse::storage {
class SqlDatabase;
}

namespace pulse::app {

// Exit codes of the `pulse` binary.
inline constexpr int kExitOk = 0;
inline constexpr int kExitCheckFailed = 1;  // e.g. data unusable, server unreachable
inline constexpr int kExitBadInput = 2;     // refused input; nothing was changed

// Owned by RunCli for one invocation. Lazily loads config and opens the store on first use.
// Single-threaded.
class CliContext {
 public:
  CliContext();
  ~CliContext();

  // Global flags, filled by the parser.
  std::string config_path;  // --config
  std::string db_url;       // --db (overrides config and PULSE_DB_URL)
  std::string env_file;     // --env-file (default ./.env when present)

  // Where configuration comes from, given the global flags and the process environment.
  ConfigSources Sources() const;
  // Loads and validates the configuration once and initialises logging from it.
  Result<const Config*> GetConfig();
  // Opens the configured database and applies pending migrations.
  Result<storage::SqlDatabase*> GetDatabase(bool migrate = true);
  Result<SignalStore*> GetSignalStore();
  Result<CandleStore*> GetCandleStore();
  // A recorder over the signal store with the configured breakeven band.
  Result<control::TradeRecorder> MakeTradeRecorder();
  Clock& clock() const { return *clock_; }

  // Prints "error: ..." for a failed status and returns the exit code for it:
  // kExitBadInput for refused input (invalid argument, not found, failed precondition,
  // already exists, out of range), kExitCheckFailed otherwise.
  int Fail(const Status& status);
  // Where commands record their exit status.
  int exit_code = kExitOk;
  void Finish(const Status& status) { exit_code = status.ok() ? kExitOk : Fail(status); }

 private:
  Clock* clock_;
  std::optional<Config> config_;
  std::unique_ptr<storage::SqlDatabase> db_;
  bool migrated_ = false;
  std::unique_ptr<SignalStore> signal_store_;
  std::unique_ptr<CandleStore> candle_store_;
};

}  // namespace pulse::app
