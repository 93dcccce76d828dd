// Candle file reader: loads OHLCV bars from CSV, freqtrade JSON or Binance kline REST arrays,
// plain or gzip-compressed, with the format detected from the content.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "model/bar.h"

namespace pulse::replay {

// The text layouts the reader understands.
//   kCsv:            timestamp_ms,open,high,low,close,volume[,...] (extra columns, as in
//                    Binance's public CSV dumps, are ignored); a header row is optional and,
//                    when present, names the columns, which may then come in any order
//   kFreqtradeJson:  [[ts_ms,o,h,l,c,v],...] with numbers
//   kBinanceKlines:  [[openTime,"o","h","l","c","v",closeTime,...],...] (numbers as strings)
// Timestamps are bar open times in UTC milliseconds.
enum class CandleFormat { kAuto, kCsv, kFreqtradeJson, kBinanceKlines };

// "auto", "csv", "freqtrade-json", "binance-klines".
std::string_view CandleFormatName(CandleFormat format);

// Detects the layout of (uncompressed) text: JSON when the first non-blank character is '[',
// then freqtrade or Binance by whether the second element of the first row is quoted.
Result<CandleFormat> DetectCandleFormat(std::string_view text);

// Reads a whole file into memory, inflating it when it starts with the gzip magic bytes (the
// name need not end in .gz). Errors: NotFound, DataLoss for a corrupt gzip stream,
// InvalidArgument for a non-empty file named .gz without the gzip magic bytes.
Result<std::string> ReadFileInflated(const std::string& path);

// How ParseCandles and ReadCandleFile read.
struct CandleReadOptions {
  CandleFormat format = CandleFormat::kAuto;
  // Refuse a bar whose open time is not after the previous bar's (out of order or repeated),
  // naming its line (CSV) or element (JSON). Off by default: the validator reads such files
  // to report them; callers that replay or backtest the bars turn it on.
  bool require_time_order = false;
};

// Parses candles from memory. `data` may itself be gzip-compressed. `source_name` prefixes
// every error message (e.g. the file name). Rows are returned in file order, unvalidated
// (NaN is accepted and left for the validator), but a malformed row is an InvalidArgument
// error naming the line (CSV) or element (JSON), e.g. "x.csv: line 17: high is not a number:
// 'abc'", as is a row with fewer columns than the layout needs and a CSV header that does not
// name the time, open, high, low, close and volume columns exactly once each.
// Options as e.g. `ParseCandles(text, "x.csv", {.require_time_order = true})`.
Result<std::vector<Bar>> ParseCandles(std::string_view data,
                                      std::string_view source_name = "<memory>",
                                      const CandleReadOptions& options = {});

// ReadFileInflated + ParseCandles with the path as source name.
Result<std::vector<Bar>> ReadCandleFile(const std::string& path,
                                        const CandleReadOptions& options = {});

}  // namespace pulse::replay
