// The market the signals traded in, as a benchmark: an equal-weight buy-and-hold of the same
// symbols over the same window (what Freqtrade calls the "market change", pyfolio the benchmark
// returns). `DailyCloses` collects the few prices it needs while bars stream past (the first
// open and the last close of each UTC day per symbol, so a year of 100 symbols is 36,500
// prices); `BuyAndHold` turns them into each symbol's change and the benchmark's equity curve.
// Pure value types and functions; not synchronised.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/equity_curve.h"
#include "core/status.h"
#include "core/string_map.h"
#include "core/time.h"
#include "model/bar.h"

namespace pulse::analytics {

// A price at a time.
struct PriceMark {
  UnixNanos time = 0;
  double price = 0;
  bool operator==(const PriceMark&) const = default;
};

// The prices of one symbol: the buy (its first bar's open, at that bar's open time) and the
// last close of every UTC day it has bars in (at that bar's close time), in time order. Days
// are those of the close times, as ResampleReturns groups an equity curve booked at bar closes:
// a bar closing at midnight is the first close of the new day.
struct SymbolDailyCloses {
  std::string symbol;
  PriceMark first;
  std::vector<PriceMark> day_closes;
};

// Collects SymbolDailyCloses from bars given in time order per symbol.
class DailyCloses {
 public:
  // A bar of `symbol` closing at `close_time`: the first bar of a symbol sets its buy price,
  // every bar's close replaces the close of the UTC day of `close_time`.
  void Add(std::string_view symbol, const Bar& bar, UnixNanos close_time);

  // Every symbol seen, in the order of its first bar.
  const std::vector<SymbolDailyCloses>& series() const { return series_; }

 private:
  std::vector<SymbolDailyCloses> series_;
  StringMap<std::size_t> index_;
};

// One symbol's move over the window: last close over the first open, minus 1.
struct SymbolChange {
  std::string symbol;
  PriceMark first;
  PriceMark last;
  double change = 0;
};

// The buy-and-hold benchmark of `capital` split equally between the symbols at `start`: each
// sleeve is bought at its symbol's first price and held to the end, without rebalancing; a
// symbol whose prices begin later keeps its sleeve in cash until then.
struct BuyAndHoldBenchmark {
  std::vector<SymbolChange> symbols;  // in the given order
  double market_change = 0;           // the mean of the symbols' changes
  // (start, capital), then one point per distinct price time: the sum of the sleeves after
  // every price at that time. Its last point over capital, minus 1, is market_change.
  std::vector<EquityPoint> curve;
};

// InvalidArgument for no symbols, a capital that is not positive, a symbol without a day close,
// a price that is not positive and finite, or prices out of time order or before `start`
// (naming the symbol).
Result<BuyAndHoldBenchmark> BuyAndHold(std::span<const SymbolDailyCloses> series, double capital,
                                       UnixNanos start);

}  // namespace pulse::analytics
