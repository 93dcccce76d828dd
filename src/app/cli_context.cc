#include "app/cli_context.h"

#include <iostream>

#include "adapters/storage/migrator.h"
#include "adapters/storage/open_database.h"
#include "adapters/storage/sql_candle_store.h"
#include "adapters/storage/sql_database.h"
#include "adapters/storage/sql_signal_store.h"
#include "app/config/config_loader.h"
#include "core/log.h"

namespace pulse::app {

CliContext::CliContext() : clock_(&SystemClock::Instance()) {}
CliContext::~CliContext() = default;

ConfigSources CliContext::Sources() const {
  ConfigSources sources;
  sources.yaml_path = config_path;
  sources.dotenv_path = env_file;
  sources.env = ProcessEnvironment();
  if (!db_url.empty()) sources.overrides["database.url"] = db_url;
  return sources;
}

Result<const Config*> CliContext::GetConfig() {
  if (config_) return &*config_;
  ASSIGN_OR_RETURN(Config config, LoadConfig(Sources()));
  RETURN_IF_ERROR(InitLogging(LogOptionsFromConfig(config)));
  config_ = std::move(config);
  return &*config_;
}

Result<storage::SqlDatabase*> CliContext::GetDatabase(bool migrate) {
  if (!db_) {
    ASSIGN_OR_RETURN(const Config* config, GetConfig());
    ASSIGN_OR_RETURN(db_, storage::OpenDatabase(config->database.url));
    LOG_DEBUG("opened database {}", db_->redacted_url());
  }
  if (migrate && !migrated_) {
    storage::Migrator migrator(*db_, *clock_);
    RETURN_IF_ERROR(migrator.Migrate());
    migrated_ = true;
  }
  return db_.get();
}

Result<SignalStore*> CliContext::GetSignalStore() {
  if (!signal_store_) {
    ASSIGN_OR_RETURN(storage::SqlDatabase * db, GetDatabase());
    signal_store_ = std::make_unique<storage::SqlSignalStore>(*db);
  }
  return signal_store_.get();
}

Result<CandleStore*> CliContext::GetCandleStore() {
  if (!candle_store_) {
    ASSIGN_OR_RETURN(storage::SqlDatabase * db, GetDatabase());
    candle_store_ = std::make_unique<storage::SqlCandleStore>(*db);
  }
  return candle_store_.get();
}

Result<control::TradeRecorder> CliContext::MakeTradeRecorder() {
  ASSIGN_OR_RETURN(const Config* config, GetConfig());
  ASSIGN_OR_RETURN(SignalStore * store, GetSignalStore());
  control::TradeRecorder::Options options;
  options.breakeven_band_pct = config->recorder.breakeven_band_pct;
  return control::TradeRecorder(*store, *clock_, options);
}

int CliContext::Fail(const Status& status) {
  std::cerr << "error: " << RedactSecrets(status.message()) << "\n";
  switch (status.code()) {
    case StatusCode::kInvalidArgument:
    case StatusCode::kNotFound:
    case StatusCode::kFailedPrecondition:
    case StatusCode::kAlreadyExists:
    case StatusCode::kOutOfRange:
      return kExitBadInput;
    default:
      return kExitCheckFailed;
  }
}

}  // namespace pulse::app
