// Reading a candle file as the input of the configured feature set: the bars, checked against
// the feature base timeframe. Shared by `pulse features`, `pulse model train | predict`,
// `pulse signals generate` and `pulse backtest`.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "indicators/feature_set.h"
#include "model/bar.h"

namespace pulse::app {

// Reads `path` (CSV, freqtrade JSON, Binance klines, .gz) and checks that its bars are bars of
// `spec.base`. InvalidArgument naming the file: no bars, bars of another timeframe ("the bars
// are 1h bars, but the feature base timeframe is 5m ..."), or a step that cannot be inferred
// when `timeframe_given` is false (the caller did not pass --timeframe). NotFound for a missing
// file. `remedy` ends the timeframe mismatch message.
Result<std::vector<Bar>> ReadFeatureInput(
    const std::string& path, const indicators::FeatureSetSpec& spec, bool timeframe_given,
    std::string_view remedy = "set features.base_timeframe or pass --timeframe");

// Bars of a timeframe finer than a series' own (run.detail, --detail), oldest first: what
// decides a bar of the series that touched both levels of a bracket.
struct DetailBars {
  Timeframe timeframe;
  std::vector<Bar> bars;  // empty: no finer data
};

// One input series: a symbol's base-timeframe bars, and its finer bars when given.
struct SymbolSeries {
  std::string exchange;
  std::string symbol;
  std::vector<Bar> bars;
  DetailBars detail;
};

// "SYMBOL=FILE" or "FILE": the symbol given (normalised; empty when none) and the path.
// InvalidArgument naming `entry` for a symbol that is not one.
struct SymbolFileEntry {
  std::string symbol;
  std::string path;
};
Result<SymbolFileEntry> ParseSymbolFileEntry(const std::string& entry);

// "BTCUSDT-5m.csv.gz" -> "BTCUSDT": the file name up to the first '-', '_' or '.', normalised.
// InvalidArgument (asking for --symbol) when that is not a symbol.
Result<std::string> SymbolFromFileName(const std::string& path);

// Reads every `files[i]` as ReadFeatureInput does, naming it `symbols[i]` (or by its file name
// when `symbols` is empty) on `exchange`; the series in symbol order (SortBySymbol), whatever
// the order of the files. InvalidArgument when the counts differ or a symbol is given twice.
Result<std::vector<SymbolSeries>> ReadSymbolSeries(const std::vector<std::string>& files,
                                                   const std::vector<std::string>& symbols,
                                                   const std::string& exchange,
                                                   const indicators::FeatureSetSpec& spec);

// Puts the series in symbol order: the order a run's symbols are processed in at each close
// (and so its signal ids) does not depend on the order they were named in.
void SortBySymbol(std::vector<SymbolSeries>& series);

// The bars of every series together (a progress bar's total).
std::int64_t TotalBars(const std::vector<SymbolSeries>& series);

}  // namespace pulse::app
