// `pulse data import`: candles from a file into the store (table ohlcv), idempotently.
#include <cmath>
#include <iostream>

#include "adapters/replay/candle_file_reader.h"
#include "app/commands/data_commands.h"
#include "app/progress_bar.h"
#include "core/log.h"

namespace pulse::app {

namespace {

constexpr size_t kImportChunk = 20'000;

// Refuses bars that cannot be stored as market data: misaligned to the timeframe, non-finite
// or non-positive prices, high below low, negative volume. Lists the first few.
Status CheckImportable(const std::vector<Bar>& bars, const Timeframe& tf, const std::string& path) {
  std::string problems;
  int bad = 0;
  for (size_t i = 0; i < bars.size(); ++i) {
    const Bar& b = bars[i];
    std::string why;
    if (tf.BucketStart(b.open_time) != b.open_time) {
      why = fmt::format("time {} is not aligned to {}", FormatIso8601(b.open_time), tf.ToString());
    } else if (!(std::isfinite(b.open) && std::isfinite(b.high) && std::isfinite(b.low) &&
                 std::isfinite(b.close) && std::isfinite(b.volume))) {
      why = "a price or the volume is not a finite number";
    } else if (b.open <= 0 || b.high <= 0 || b.low <= 0 || b.close <= 0) {
      why = "a price is zero or negative";
    } else if (b.high < b.low) {
      why = "high is below low";
    } else if (b.volume < 0) {
      why = "volume is negative";
    }
    if (why.empty()) continue;
    if (++bad <= 5)
      problems += fmt::format("\n  bar {} ({}): {}", i + 1, FormatIso8601(b.open_time), why);
  }
  if (bad == 0) return Status::Ok();
  return InvalidArgumentError(
      "{}: {} of {} bars cannot be imported, nothing stored:{}{}", path, bad, bars.size(), problems,
      bad > 5 ? "\n  ... (run `pulse data validate` for the full report)" : "");
}

}  // namespace

Status RunDataImport(CliContext& ctx, const DataImportFlags& f) {
  ASSIGN_OR_RETURN(std::string symbol, NormalizeSymbol(f.symbol));
  ASSIGN_OR_RETURN(Timeframe tf, Timeframe::Parse(f.timeframe));
  if (f.exchange.empty()) return InvalidArgumentError("--exchange is empty");
  ASSIGN_OR_RETURN(std::vector<Bar> bars, replay::ReadCandleFile(f.file));
  if (bars.empty()) return InvalidArgumentError("{}: no candles in the file", f.file);
  RETURN_IF_ERROR(CheckImportable(bars, tf, f.file));
  ASSIGN_OR_RETURN(CandleStore * store, ctx.GetCandleStore());
  BarKey key{f.exchange, symbol, tf};
  ProgressBar progress(fmt::format("import {}", key.ToString()),
                       static_cast<std::int64_t>(bars.size()));
  std::int64_t added = 0;
  for (size_t start = 0; start < bars.size(); start += kImportChunk) {
    const size_t n = std::min(kImportChunk, bars.size() - start);
    ASSIGN_OR_RETURN(std::int64_t fresh,
                     store->UpsertBars(key, std::span<const Bar>(bars.data() + start, n)));
    added += fresh;
    progress.Update(static_cast<std::int64_t>(start + n));
  }
  progress.Finish();
  ASSIGN_OR_RETURN(std::int64_t total, store->CountBars(key));
  std::cout << fmt::format("imported {} bars into {} ({} new, {} stored in all), {} .. {}\n",
                           bars.size(), key.ToString(), added, total,
                           FormatIso8601(bars.front().open_time),
                           FormatIso8601(bars.back().open_time));
  LOG_DEBUG("data import {}: {} bars, {} new", key.ToString(), bars.size(), added);
  return Status::Ok();
}

}  // namespace pulse::app
