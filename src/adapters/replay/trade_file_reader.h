// Trade file reader: loads trade prints (ticks) from CSV files, plain or gzip-compressed, for
// the replay feed.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "model/trade_print.h"

namespace pulse::replay {

// The prints of one file, in file order (non-decreasing time), and the symbol the file names
// in a `symbol` column, if it has one.
struct TradeFile {
  std::vector<TradePrint> prints;
  std::optional<std::string> symbol;  // as written in the file, not normalised
};

// Parses trade prints from CSV text (`data` may be gzip-compressed). Two layouts:
//   - a header row naming the columns, in any order: the time (`timestamp`, `time`,
//     `transact_time`, `ts` or `datetime`), `price`, optionally the quantity (`quantity`,
//     `qty`, `amount`, `size` or `volume`) and `symbol`; other columns are ignored (Binance,
//     Freqtrade, NautilusTrader and Tardis exports all fit);
//   - no header: Binance's public dumps, trades (`id,price,qty,quote_qty,time,is_buyer_maker,
//     is_best_match`) or aggTrades (`id,price,qty,first_id,last_id,time,is_buyer_maker,
//     is_best_match`), told apart by their column count.
// Times are epoch numbers whose unit follows from their size (seconds below 1e11,
// milliseconds below 1e14, microseconds below 1e17, nanoseconds above; Binance moved its
// dumps from milliseconds to microseconds) or ISO-8601 texts. InvalidArgument naming the line
// for a malformed row, a price that is not a positive number, a negative quantity, a time
// earlier than the row before, several symbols in one file, or a missing time/price column.
Result<TradeFile> ParseTrades(std::string_view data, std::string_view source_name = "<memory>");

// ReadFileInflated + ParseTrades with the path as source name.
Result<TradeFile> ReadTradeFile(const std::string& path);

}  // namespace pulse::replay
