#include "adapters/replay/trade_file_reader.h"

#include <algorithm>
#include <array>
#include <cmath>

#include <fmt/format.h>

#include "adapters/replay/candle_file_reader.h"
#include "adapters/replay/csv_text.h"
#include "adapters/replay/gzip_inflate.h"
#include "core/ascii.h"
#include "core/time.h"

namespace pulse::replay {

namespace {

// Where the needed fields are in a row.
struct TradeColumns {
  int time = -1;
  int price = -1;
  int quantity = -1;  // -1: not given
  int symbol = -1;    // -1: not given
  std::string_view layout;
};

constexpr std::array<std::string_view, 5> kTimeNames = {"timestamp", "time", "transact_time", "ts",
                                                        "datetime"};
constexpr std::array<std::string_view, 5> kQuantityNames = {"quantity", "qty", "amount", "size",
                                                            "volume"};

template <std::size_t N>
bool IsOneOf(std::string_view name, const std::array<std::string_view, N>& names) {
  for (std::string_view n : names) {
    if (name == n) return true;
  }
  return false;
}

// Splits a CSV line at commas into `fields` (quotes around a field are dropped; fields
// themselves hold no commas in any trade export Pulse reads).
void SplitLine(std::string_view line, std::vector<std::string_view>* fields) {
  fields->clear();
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = line.find(',', start);
    const std::size_t end = comma == std::string_view::npos ? line.size() : comma;
    fields->push_back(Unquote(Trim(line.substr(start, end - start))));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
}

// The columns named by a header row; nullopt when the row is not a header.
std::optional<TradeColumns> ColumnsFromHeader(const std::vector<std::string_view>& fields) {
  TradeColumns c;
  c.layout = "header";
  for (int i = 0; i < static_cast<int>(fields.size()); ++i) {
    const std::string name = AsciiLower(fields[i]);
    if (c.time < 0 && IsOneOf(name, kTimeNames)) c.time = i;
    if (c.price < 0 && name == "price") c.price = i;
    if (c.quantity < 0 && IsOneOf(name, kQuantityNames)) c.quantity = i;
    if (c.symbol < 0 && name == "symbol") c.symbol = i;
  }
  if (c.time < 0 && c.price < 0) return std::nullopt;
  return c;
}

// The columns of a headerless row, by its column count.
std::optional<TradeColumns> ColumnsFromCount(std::size_t count) {
  switch (count) {
    case 3:  // Kraken's trade history: time,price,volume
      return TradeColumns{0, 1, 2, -1, "time,price,quantity"};
    case 7:  // Binance trades dump
      return TradeColumns{4, 1, 2, -1, "Binance trades"};
    case 8:  // Binance aggTrades dump
      return TradeColumns{5, 1, 2, -1, "Binance aggTrades"};
    default:
      return std::nullopt;
  }
}

}  // namespace

Result<TradeFile> ParseTrades(std::string_view data, std::string_view source_name) {
  std::string inflated;
  if (LooksGzipped(data)) {
    ASSIGN_OR_RETURN(inflated, GzipInflate(data, source_name));
    data = inflated;
  }
  const std::string_view text = StripBom(data);
  TradeFile file;
  std::optional<TradeColumns> columns;
  std::vector<std::string_view> fields;
  LineReader lines(text);
  auto error = [&](std::string_view what) {
    return InvalidArgumentError("{}: line {}: {}", source_name, lines.number(), what);
  };
  for (std::string_view line; lines.Next(&line);) {
    if (Trim(line).empty()) continue;
    SplitLine(line, &fields);
    if (!columns) {
      columns = ColumnsFromHeader(fields);
      if (columns) {
        if (columns->time < 0) return error("the header names no time column (timestamp, time)");
        if (columns->price < 0) return error("the header names no price column");
        continue;
      }
      columns = ColumnsFromCount(fields.size());
      if (!columns) {
        return error(fmt::format(
            "no header row, and {} columns match no known layout (3: time,price,quantity; 7: "
            "Binance trades; 8: Binance aggTrades)",
            fields.size()));
      }
    }
    const int needed =
        std::max({columns->time, columns->price, columns->quantity, columns->symbol});
    if (static_cast<int>(fields.size()) <= needed) {
      return error(fmt::format("expected at least {} columns ({}), found {}", needed + 1,
                               columns->layout, fields.size()));
    }
    TradePrint print;
    Result<UnixNanos> time = ParseEpochOrIso8601(fields[columns->time]);
    if (!time.ok()) return error(time.status().message());
    print.time = *time;
    const std::string_view price = fields[columns->price];
    if (!ParseDouble(price, &print.price) || !std::isfinite(print.price) || print.price <= 0) {
      return error(fmt::format("price is not a positive number: '{}'", QuoteForError(price)));
    }
    if (columns->quantity >= 0) {
      const std::string_view q = fields[columns->quantity];
      if (!q.empty() && (!ParseDouble(q, &print.quantity) || !std::isfinite(print.quantity) ||
                         print.quantity < 0)) {
        return error(fmt::format("quantity is not a number >= 0: '{}'", QuoteForError(q)));
      }
    }
    if (columns->symbol >= 0) {
      const std::string_view symbol = fields[columns->symbol];
      if (!file.symbol) {
        file.symbol = std::string(symbol);
      } else if (*file.symbol != symbol) {
        return error(fmt::format("trades of {} after trades of {}: give one file per symbol",
                                 QuoteForError(symbol), *file.symbol));
      }
    }
    if (!file.prints.empty() && print.time < file.prints.back().time) {
      return error(
          fmt::format("trade at {} is earlier than the one before it ({}): trades must "
                      "be in time order",
                      FormatIso8601(print.time), FormatIso8601(file.prints.back().time)));
    }
    file.prints.push_back(print);
  }
  return file;
}

Result<TradeFile> ReadTradeFile(const std::string& path) {
  ASSIGN_OR_RETURN(std::string data, ReadFileInflated(path));
  return ParseTrades(data, path);
}

}  // namespace pulse::replay
