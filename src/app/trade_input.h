// Trade prints as an input of `pulse run`: the files of run.trades read into per-symbol
// series, and merged into one time-ordered stream delivered between the bar closes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "model/trade_print.h"

namespace pulse::app {

// One symbol's prints, in time order.
struct SymbolTrades {
  std::string exchange;
  std::string symbol;
  std::vector<TradePrint> prints;
};

// Reads the trade files of `entries` ("FILE" or "SYMBOL=FILE") on `exchange`. The symbol is
// the one given, else the file's `symbol` column, else the file name's ("BTCUSDT-trades.csv").
// Two files of one symbol are merged in time order. InvalidArgument naming the file for a
// malformed file or a symbol that cannot be told; NotFound for a missing file.
Result<std::vector<SymbolTrades>> ReadSymbolTrades(const std::vector<std::string>& entries,
                                                   const std::string& exchange);

// The prints of several symbols as one stream in time order (ties: the order of `series`,
// then file order), merged as they are taken. Holds a reference to `series`, which must
// outlive it.
class TradeStream {
 public:
  // One print and the index of its series.
  struct Item {
    UnixNanos time;
    double price;
    std::uint32_t series;
  };

  explicit TradeStream(const std::vector<SymbolTrades>& series);

  // The next print if it is earlier than `before`; false otherwise (it stays next).
  bool NextBefore(UnixNanos before, Item* out);

  std::int64_t total() const { return total_; }
  std::int64_t given() const { return given_; }

 private:
  const std::vector<SymbolTrades>& series_;
  std::vector<std::size_t> next_;  // per series, the index of its next print
  std::int64_t total_ = 0;
  std::int64_t given_ = 0;
};

}  // namespace pulse::app
