// The `pulse data` command group: import, validate, resample, replay.
#pragma once

#include <string>
#include <vector>

#include "app/cli_context.h"

namespace pulse::app {

struct DataImportFlags {
  std::string file, symbol, timeframe, exchange = "binance";
};
Status RunDataImport(CliContext& ctx, const DataImportFlags& flags);

struct DataValidateFlags {
  std::string file, timeframe, format = "text";
};
// Returns the exit code: 0 usable, 1 not usable, 2 bad input.
Result<int> RunDataValidate(CliContext& ctx, const DataValidateFlags& flags);

struct DataResampleFlags {
  std::string file, from, to, out, compare;
  bool keep_incomplete = false;
};
Status RunDataResample(CliContext& ctx, const DataResampleFlags& flags);

struct DataReplayFlags {
  std::vector<std::string> files;
  double speed = 0;
  std::string progress = "auto";
};
Status RunDataReplay(CliContext& ctx, const DataReplayFlags& flags);

}  // namespace pulse::app
