#include "app/detail_input.h"

#include <algorithm>
#include <ranges>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "adapters/replay/candle_file_reader.h"
#include "app/features_builder.h"

namespace pulse::app {

Status CheckDetailTimeframe(Timeframe detail, Timeframe base) {
  if (detail.NominalNanos() < base.NominalNanos() && detail.Divides(base)) return Status::Ok();
  return InvalidArgumentError(
      "{} bars cannot decide inside {} bars: the finer timeframe must be shorter than the feature "
      "base timeframe and divide it (1m or 5m bars inside 15m, say)",
      detail.ToString(), base.ToString());
}

Status AttachDetailFiles(const std::vector<std::string>& entries, Timeframe base,
                         std::vector<SymbolSeries>* series) {
  for (const std::string& entry : entries) {
    ASSIGN_OR_RETURN(SymbolFileEntry parsed, ParseSymbolFileEntry(entry));
    const std::string& path = parsed.path;
    std::string symbol = parsed.symbol;
    if (symbol.empty()) {
      ASSIGN_OR_RETURN(symbol, SymbolFromFileName(path));
    }
    auto target = std::find_if(series->begin(), series->end(),
                               [&](const SymbolSeries& s) { return s.symbol == symbol; });
    if (target == series->end()) {
      return InvalidArgumentError(
          "{}: finer bars of {} but there are no {} bars of {} (symbols: {}); name the file's "
          "symbol as SYMBOL=FILE",
          path, symbol, base.ToString(), symbol,
          fmt::join(*series | std::views::transform(&SymbolSeries::symbol), ", "));
    }
    if (!target->detail.bars.empty()) {
      return InvalidArgumentError("{}: finer bars of {} are given twice", path, symbol);
    }
    ASSIGN_OR_RETURN(std::vector<Bar> bars,
                     replay::ReadCandleFile(path, {.require_time_order = true}));
    if (bars.empty()) return InvalidArgumentError("{}: no bars", path);
    Result<Timeframe> timeframe = InferBarTimeframe(bars);
    if (!timeframe.ok()) return timeframe.status().WithContext(path);
    RETURN_IF_ERROR(CheckDetailTimeframe(*timeframe, base).WithContext(path));
    target->detail = DetailBars{*timeframe, std::move(bars)};
  }
  return Status::Ok();
}

}  // namespace pulse::app
