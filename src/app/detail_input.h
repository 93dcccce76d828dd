// Finer bars as an input of `pulse backtest` and `pulse run`: candle files of a lower timeframe
// (--detail, run.detail) attached to the series of their symbols, so a bar that touches both
// levels of a bracket is decided by the finer bars inside it (as freqtrade's
// --timeframe-detail does) instead of by tracker.both_hit_policy.
#pragma once

#include <string>
#include <vector>

#include "app/feature_input.h"
#include "core/status.h"
#include "core/timeframe.h"

namespace pulse::app {

// OK when bars of `detail` can decide inside bars of `base`: shorter and dividing it (1m or 5m
// bars inside 15m, say); InvalidArgument saying so otherwise.
Status CheckDetailTimeframe(Timeframe detail, Timeframe base);

// Reads every entry of `entries` ("FILE" or "SYMBOL=FILE"; else the symbol is the file name's)
// as the detail of the series of that symbol. Each file's timeframe is inferred from its bars
// and must pass CheckDetailTimeframe. Errors name the file: NotFound for a missing one;
// InvalidArgument for bars out of time order, a symbol the series do not have (listing
// theirs), a symbol given twice, or a timeframe that is not finer than `base` or does not
// divide it.
Status AttachDetailFiles(const std::vector<std::string>& entries, Timeframe base,
                         std::vector<SymbolSeries>* series);

}  // namespace pulse::app
