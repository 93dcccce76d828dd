// Parses files of signals for `pulse signals import`: CSV with a header row, or a JSON array
// of objects, with the same field names as `pulse signals add`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "model/signal.h"

namespace pulse::app {

// One CSV line's cells: double quotes group a cell (a doubled quote inside is one quote), a
// trailing \r is dropped. Shared by every CSV reader of the app.
std::vector<std::string> SplitCsvLine(std::string_view line);

// Fields: symbol, direction, entry, stop, take (required); confidence, size, timeframe,
// exchange, source, notes, created_at (ISO-8601) optional. entry_price / stop_loss /
// take_profit are accepted as aliases. Unknown fields are errors.
// Every bad row is reported (by CSV line or JSON element number) in one InvalidArgument error.
Result<std::vector<Signal>> ParseSignalsCsv(std::string_view text);
Result<std::vector<Signal>> ParseSignalsJson(std::string_view text);
// Chooses the parser by extension (.csv / .json), reads the file.
Result<std::vector<Signal>> ReadSignalsFile(const std::string& path);

}  // namespace pulse::app
