#include "adapters/replay/candle_file_reader.h"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "adapters/replay/gzip_for_tests.h"

#include "adapters/replay/gzip_inflate.h"

namespace pulse::replay {
namespace {

std::string EnvDir(const char* name) {
  const char* v = std::getenv(name);
  return v == nullptr ? std::string() : std::string(v);
}

// $PULSE_SHARED_DATA, else ../shared/data beside the repository (ctest may pass only the first
// of the test environment variables).
std::string SharedDataDir() {
  std::string dir = EnvDir("PULSE_SHARED_DATA");
  if (!dir.empty()) return dir;
  const std::string source = EnvDir("PULSE_SOURCE_DIR");
  return source.empty() ? std::string() : source + "/../shared/data";
}

TEST(CandleFileReaderTest, ParsesCsvWithHeader) {
  const std::string text =
      "timestamp_ms,open,high,low,close,volume\n"
      "1606780800000,19695.87,19720.0,19578.96,19607.03,794.500517\n"
      "1606781100000,19607.02,19607.02,19505.9,19537.95,710.941254\n";
  Result<std::vector<Bar>> bars = ParseCandles(text, "a.csv");
  ASSERT_TRUE(bars.ok()) << bars.status();
  ASSERT_EQ(bars->size(), 2u);
  EXPECT_EQ((*bars)[0],
            (Bar{FromMillis(1606780800000), 19695.87, 19720.0, 19578.96, 19607.03, 794.500517}));
  EXPECT_EQ((*bars)[1].open_time, FromMillis(1606781100000));
  EXPECT_EQ((*bars)[1].volume, 710.941254);
}

TEST(CandleFileReaderTest, ParsesCsvWithoutHeaderCrlfBlankLinesAndExtraColumns) {
  // Binance public CSV dumps carry 12 columns; the extra ones are ignored.
  const std::string text =
      "1499040000000,0.0163479,0.8,0.015758,0.015771,148976.11427815,1499644799999,2434.19,308,"
      "1756.87,28.46,0\r\n"
      "\r\n"
      " 1499040060000 , 1 , 2 , 0.5 , 1.5 , 10 \r\n";
  Result<std::vector<Bar>> bars = ParseCandles(text, "b.csv");
  ASSERT_TRUE(bars.ok()) << bars.status();
  ASSERT_EQ(bars->size(), 2u);
  EXPECT_EQ((*bars)[0].high, 0.8);
  EXPECT_EQ((*bars)[1], (Bar{FromMillis(1499040060000), 1, 2, 0.5, 1.5, 10}));
}

TEST(CandleFileReaderTest, CsvErrorsNameFileLineAndField) {
  Result<std::vector<Bar>> bars = ParseCandles(
      "timestamp_ms,open,high,low,close,volume\n1,1,2,0.5,1,1\n2,1,abc,0.5,1,1\n", "x.csv");
  ASSERT_FALSE(bars.ok());
  EXPECT_EQ(bars.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(bars.status().message(), "x.csv: line 3: high is not a number: 'abc'");

  bars = ParseCandles("1,1,2,0.5,1\n", "y.csv");
  ASSERT_FALSE(bars.ok());
  EXPECT_EQ(bars.status().message(),
            "y.csv: line 1: expected 6 columns (timestamp_ms,open,high,low,close,volume), found 5");

  bars = ParseCandles("1,1,2,0.5,1,1\nx1,1,2,0.5,1,1\n", "z.csv");
  ASSERT_FALSE(bars.ok());
  EXPECT_EQ(bars.status().message(), "z.csv: line 2: timestamp is not a number");

  bars = ParseCandles("1,1,2,,1,1\n", "e.csv");
  ASSERT_FALSE(bars.ok());
  EXPECT_EQ(bars.status().message(), "e.csv: line 1: low is empty");

  bars = ParseCandles("99999999999999999,1,2,0.5,1,1\n", "big.csv");
  ASSERT_FALSE(bars.ok());
  EXPECT_EQ(bars.status().message(), "big.csv: line 1: timestamp is out of range");
}

TEST(CandleFileReaderTest, ShortRowsAreRefusedAtTheirOwnLine) {
  const std::string good = "1606780800000,19695.87,19720.0,19578.96,19607.03,794.500517\n";
  const std::string next = "1606781100000,19607.02,19607.02,19505.9,19537.95,710.941254\n";
  const std::vector<std::string> fields = {"1606781100000", "19607.02", "19607.02", "19505.9",
                                           "19537.95"};
  // 1 to 5 fields, followed by a full row whose values must not fill the short one.
  for (std::size_t n = 1; n <= 5; ++n) {
    std::string row = fields[0];
    for (std::size_t f = 1; f < n; ++f) row += "," + fields[f];
    for (const std::string& header :
         {std::string("timestamp_ms,open,high,low,close,volume\n"), std::string()}) {
      const std::int64_t line = header.empty() ? 2 : 3;
      Result<std::vector<Bar>> bars = ParseCandles(header + good + row + "\n" + next, "s.csv");
      if (bars.ok()) {
        ADD_FAILURE() << n << " fields: accepted, volume " << (*bars)[1].volume;
        continue;
      }
      EXPECT_EQ(bars.status().code(), StatusCode::kInvalidArgument);
      EXPECT_EQ(bars.status().message(),
                fmt::format("s.csv: line {}: expected 6 columns "
                            "(timestamp_ms,open,high,low,close,volume), found {}",
                            line, n));
    }
  }
  // Every row one column short: refused at the first, not at the last.
  Result<std::vector<Bar>> bars = ParseCandles("1,1,2,0.5,1\n2,1,2,0.5,1\n3,1,2,0.5,1\n", "f.csv");
  EXPECT_FALSE(bars.ok());
  EXPECT_EQ(bars.status().message(),
            "f.csv: line 1: expected 6 columns (timestamp_ms,open,high,low,close,volume), found 5");
  // The text ends where the short row does, and digits follow in memory: they are not read.
  const std::string buffer = "1,1,2,0.5,1\n7,8";
  bars =
      ParseCandles(std::string_view(buffer).substr(0, 11), "m.csv", {.format = CandleFormat::kCsv});
  ASSERT_FALSE(bars.ok()) << "volume " << (*bars)[0].volume;
  EXPECT_EQ(bars.status().message(),
            "m.csv: line 1: expected 6 columns (timestamp_ms,open,high,low,close,volume), found 5");
  // Empty fields and a trailing comma name the field; more than 6 columns are fine.
  bars = ParseCandles("1,1,2,0.5,1,\n", "t.csv");
  ASSERT_FALSE(bars.ok());
  EXPECT_EQ(bars.status().message(), "t.csv: line 1: volume is empty");
  bars = ParseCandles("1,,2,0.5,1,1\n", "o.csv");
  ASSERT_FALSE(bars.ok());
  EXPECT_EQ(bars.status().message(), "o.csv: line 1: open is empty");
  bars = ParseCandles("1,1,2,0.5,1.5,10,\n2,1,2,0.5,1.5,20,x,y\n", "x.csv");
  ASSERT_TRUE(bars.ok()) << bars.status();
  EXPECT_EQ(*bars, (std::vector<Bar>{{FromMillis(1), 1, 2, 0.5, 1.5, 10},
                                     {FromMillis(2), 1, 2, 0.5, 1.5, 20}}));
}

TEST(CandleFileReaderTest, CsvHeaderNamesTheColumnsInAnyOrder) {
  const Bar first{FromMillis(1606780800000), 19695.87, 19720.0, 19578.96, 19607.03, 794.500517};
  const Bar second{FromMillis(1606781100000), 19607.02, 19607.02, 19505.9, 19537.95, 710.941254};
  for (const char* text :
       {// open and close swapped
        "timestamp_ms,close,high,low,open,volume\n"
        "1606780800000,19607.03,19720.0,19578.96,19695.87,794.500517\n"
        "1606781100000,19537.95,19607.02,19505.9,19607.02,710.941254\n",
        // Coinbase's candle order
        "time,low,high,open,close,volume\n"
        "1606780800000,19578.96,19720.0,19695.87,19607.03,794.500517\n"
        "1606781100000,19505.9,19607.02,19607.02,19537.95,710.941254\n",
        // Bybit's kline names, with its turnover column
        "startTime,openPrice,highPrice,lowPrice,closePrice,volume,turnover\n"
        "1606780800000,19695.87,19720.0,19578.96,19607.03,794.500517,1.5e7\n"
        "1606781100000,19607.02,19607.02,19505.9,19537.95,710.941254,1.4e7\n",
        // Binance's 12 named columns (the standard order: the one-pass reader)
        "open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,"
        "taker_buy_quote_volume,ignore\n"
        "1606780800000,19695.87,19720.0,19578.96,19607.03,794.500517,1606781099999,1,2,3,4,0\n"
        "1606781100000,19607.02,19607.02,19505.9,19537.95,710.941254,1606781399999,1,2,3,4,0\n",
        // quotes, blanks and case; volume before the time
        " \"Volume\" , \"Date\",OPEN,High , low,Close\r\n"
        "794.500517,1606780800000,19695.87,19720.0,19578.96,19607.03\r\n"
        "710.941254,\"2020-12-01T00:05:00Z\",19607.02,19607.02,19505.9,19537.95\r\n",
        // pandas' unnamed index column
        ",date,open,high,low,close,volume\n"
        "0,1606780800000,19695.87,19720.0,19578.96,19607.03,794.500517\n"
        "1,1606781100000,19607.02,19607.02,19505.9,19537.95,710.941254\n"}) {
    Result<std::vector<Bar>> bars = ParseCandles(text, "h.csv");
    ASSERT_TRUE(bars.ok()) << bars.status() << "\n" << text;
    EXPECT_EQ(*bars, (std::vector<Bar>{first, second})) << text;
  }
  // A short row names the header's columns.
  Result<std::vector<Bar>> bars =
      ParseCandles("ts,close,high,low,open,volume\n1,1,2,0.5,1\n", "short.csv");
  ASSERT_FALSE(bars.ok());
  EXPECT_EQ(bars.status().message(),
            "short.csv: line 2: expected 6 columns (ts,close,high,low,open,volume), found 5");
  bars = ParseCandles("open,high,low,close,volume,time\n1,2,0.5,1.5,10\n", "last.csv");
  ASSERT_FALSE(bars.ok());
  EXPECT_EQ(bars.status().message(),
            "last.csv: line 2: expected 6 columns (open,high,low,close,volume,time), found 5");
  // A first row of quoted numbers is data, not a header.
  bars = ParseCandles("\"1\",\"1\",\"2\",\"0.5\",\"1.5\",\"10\"\n", "q.csv");
  ASSERT_TRUE(bars.ok()) << bars.status();
  EXPECT_EQ(*bars, (std::vector<Bar>{{FromMillis(1), 1, 2, 0.5, 1.5, 10}}));
}

TEST(CandleFileReaderTest, CsvHeaderThatDoesNotNameTheSixColumnsIsRefused) {
  auto message = [](const std::string& text) {
    Result<std::vector<Bar>> bars = ParseCandles(text, "h.csv");
    if (bars.ok()) return fmt::format("accepted, {} bars", bars->size());
    EXPECT_EQ(bars.status().code(), StatusCode::kInvalidArgument);
    return std::string(bars.status().message());
  };
  EXPECT_EQ(message("foo,bar\n1,1,2,0.5,1,1\n"),
            "h.csv: line 1: header has no timestamp, open, high, low, close or volume column; "
            "unknown columns: 'foo', 'bar'");
  EXPECT_EQ(message("timestamp,open,high,low,volume\n1,1,2,0.5,1\n"),
            "h.csv: line 1: header has no close column");
  EXPECT_EQ(message("\n\ntimestamp,open,high,low,close,vol_usd\n1,1,2,0.5,1,1\n"),
            "h.csv: line 3: header has no volume column; unknown column: 'vol_usd'");
  EXPECT_EQ(message("date,time,open,high,low,close,volume\n"),
            "h.csv: line 1: header names the timestamp twice: 'date' (column 1) and 'time' "
            "(column 2)");
  // Lean's quote bars: bid and ask prices, not trade candles.
  EXPECT_EQ(message("time,bid_open,bid_high,bid_low,bid_close,last_bid_size\n1,1,2,0.5,1,1\n"),
            "h.csv: line 1: header has no open, high, low, close or volume column; unknown "
            "columns: 'bid_open', 'bid_high', 'bid_low', 'bid_close', 'last_bid_size'");
}

TEST(CandleFileReaderTest, RequireTimeOrderRefusesBarsOutOfOrderNamingTheLine) {
  const std::string text =
      "timestamp_ms,open,high,low,close,volume\n"
      "1606796100000,1,2,0.5,1.5,10\n"
      "\n"
      "1606796400000,1,2,0.5,1.5,10\n"
      "1606796100000,1,2,0.5,1.5,10\n";
  // By default the rows come back in file order, for the validator to report.
  Result<std::vector<Bar>> bars = ParseCandles(text, "u.csv");
  ASSERT_TRUE(bars.ok()) << bars.status();
  ASSERT_EQ(bars->size(), 3u);
  EXPECT_EQ((*bars)[2].open_time, FromMillis(1606796100000));

  bars = ParseCandles(text, "u.csv", {.require_time_order = true});
  ASSERT_FALSE(bars.ok());
  EXPECT_EQ(bars.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(bars.status().message(),
            "u.csv: line 5: time 2020-12-01T04:15:00Z is before the previous bar's "
            "2020-12-01T04:20:00Z; the bars must be in time order");
  // Through the field-by-field path too, and a repeated time.
  bars = ParseCandles("2020-12-01T04:15:00Z,1,2,0.5,1.5,10\n 1606796100000 ,1,2,0.5,1.5,10\n",
                      "d.csv", {.require_time_order = true});
  ASSERT_FALSE(bars.ok());
  EXPECT_EQ(bars.status().message(),
            "d.csv: line 2: time 2020-12-01T04:15:00Z repeats the previous bar's; the bars "
            "must be in time order");
  bars = ParseCandles("[[300000,1,2,0.5,1.5,10],\n[0,1,2,0.5,1.5,10]]", "j.json",
                      {.require_time_order = true});
  ASSERT_FALSE(bars.ok());
  EXPECT_EQ(bars.status().message(),
            "j.json: element 1 (line 2): time 1970-01-01T00:00:00Z is before the previous bar's "
            "1970-01-01T00:05:00Z; the bars must be in time order");
  bars = ParseCandles("[[0,1,2,0.5,1.5,10],[300000,1,2,0.5,1.5,10]]", "k.json",
                      {.format = CandleFormat::kFreqtradeJson, .require_time_order = true});
  ASSERT_TRUE(bars.ok()) << bars.status();
  EXPECT_EQ(bars->size(), 2u);
}

TEST(CandleFileReaderTest, NanIsReturnedForTheValidator) {
  Result<std::vector<Bar>> bars = ParseCandles("1,nan,2,0.5,1,1\n", "n.csv");
  ASSERT_TRUE(bars.ok()) << bars.status();
  EXPECT_TRUE(std::isnan((*bars)[0].open));
}

TEST(CandleFileReaderTest, AcceptsIsoTimestampsInCsv) {
  Result<std::vector<Bar>> bars = ParseCandles("2021-01-01T00:05:00Z,1,2,0.5,1,1\n", "iso.csv");
  ASSERT_TRUE(bars.ok()) << bars.status();
  EXPECT_EQ((*bars)[0].open_time, FromMillis(1609459500000));
}

TEST(CandleFileReaderTest, ParsesFreqtradeJson) {
  const std::string text =
      "[[1606780800000,19695.87,19720.0,19578.96,19607.03,794.500517],\n"
      " [1606781100000, 19607.02, 19607.02, 19505.9, 19537.95, 710.941254]]";
  EXPECT_EQ(*DetectCandleFormat(text), CandleFormat::kFreqtradeJson);
  Result<std::vector<Bar>> bars = ParseCandles(text, "f.json");
  ASSERT_TRUE(bars.ok()) << bars.status();
  ASSERT_EQ(bars->size(), 2u);
  EXPECT_EQ((*bars)[1],
            (Bar{FromMillis(1606781100000), 19607.02, 19607.02, 19505.9, 19537.95, 710.941254}));
  EXPECT_TRUE(ParseCandles("[]", "empty.json")->empty());
}

TEST(CandleFileReaderTest, JsonErrorsNameElementAndLine) {
  Result<std::vector<Bar>> bars = ParseCandles("[[1,1,2,0.5,1,1],\n[2,1,2,0.5,\"x\",1]]", "f.json");
  ASSERT_FALSE(bars.ok());
  EXPECT_EQ(bars.status().message(), "f.json: element 1 (line 2): close is not a number: 'x'");

  bars = ParseCandles("[[1,1,2,0.5,1,1],[2,1,2]]", "g.json");
  ASSERT_FALSE(bars.ok());
  EXPECT_EQ(bars.status().message(),
            "g.json: element 1 (line 1): expected at least 6 values "
            "(timestamp,open,high,low,close,volume), found 3");

  bars = ParseCandles("[[1,1,2,0.5,1,null]]", "h.json");
  ASSERT_FALSE(bars.ok());
  EXPECT_EQ(bars.status().message(), "h.json: element 0 (line 1): volume is null");

  bars = ParseCandles("[[1,1,2,0.5,1,1]", "i.json");
  ASSERT_FALSE(bars.ok());
  EXPECT_EQ(bars.status().message(), "i.json: line 1: expected ',' or ']' after a row");

  bars = ParseCandles("[[1,1,2,0.5,1,1]] x", "j.json");
  ASSERT_FALSE(bars.ok());
  EXPECT_EQ(bars.status().message(), "j.json: line 1: unexpected text after the closing ']'");
}

TEST(CandleFileReaderTest, ParsesRealBinanceKlinePayloads) {
  const std::string shared = SharedDataDir();
  if (shared.empty()) GTEST_SKIP() << "PULSE_SHARED_DATA not set";
  const std::string dir = shared + "/exchange_samples/nautilus/";
  Result<std::string> text =
      ReadFileInflated(dir + "binance_py_http_responses/http_spot_market_klines.json");
  ASSERT_TRUE(text.ok()) << text.status();
  EXPECT_EQ(*DetectCandleFormat(*text), CandleFormat::kBinanceKlines);
  Result<std::vector<Bar>> bars =
      ReadCandleFile(dir + "binance_py_http_responses/http_spot_market_klines.json");
  ASSERT_TRUE(bars.ok()) << bars.status();
  ASSERT_GE(bars->size(), 3u);
  EXPECT_EQ((*bars)[0],
            (Bar{FromMillis(1634943780000), 60685.22, 60729.84, 60670.90, 60719.27, 21.63272}));
  EXPECT_EQ((*bars)[1].open_time - (*bars)[0].open_time, kNanosPerMinute);

  bars = ReadCandleFile(dir + "binance_rust_fixtures/spot/http_json/klines_response.json");
  ASSERT_TRUE(bars.ok()) << bars.status();
  ASSERT_EQ(bars->size(), 1u);
  EXPECT_EQ((*bars)[0],
            (Bar{FromMillis(1499040000000), 0.01634790, 0.8, 0.015758, 0.015771, 148976.11427815}));
}

TEST(CandleFileReaderTest, GzipInMemoryMatchesPlain) {
  const std::string text = "1,1,2,0.5,1.5,10\n2,1.5,3,1,2,20\n";
  const std::string gz = GzipForTests(text);
  ASSERT_TRUE(LooksGzipped(gz));
  Result<std::vector<Bar>> plain = ParseCandles(text, "p.csv");
  Result<std::vector<Bar>> packed = ParseCandles(gz, "p.csv.gz");
  ASSERT_TRUE(packed.ok()) << packed.status();
  EXPECT_EQ(*plain, *packed);
  // Concatenated members, as `cat a.gz b.gz` produces.
  Result<std::vector<Bar>> twice = ParseCandles(gz + gz, "pp.csv.gz");
  ASSERT_TRUE(twice.ok()) << twice.status();
  EXPECT_EQ(twice->size(), 4u);
}

TEST(CandleFileReaderTest, GzipMembersLargerThanTheFirstGuessAreInflatedWhole) {
  // A long run of near-identical rows compresses far more than four to one, and the size
  // recorded at the end of the data is the small last member's: the first room is too small.
  std::string big;
  for (int i = 1; i <= 20000; ++i) big += std::to_string(i) + ",1,2,0.5,1.5,10\n";
  const std::string small = "20001,1.5,3,1,2,20\n";
  Result<std::vector<Bar>> bars =
      ParseCandles(GzipForTests(big) + GzipForTests(small), "big.csv.gz");
  ASSERT_TRUE(bars.ok()) << bars.status();
  ASSERT_EQ(bars->size(), 20001u);
  EXPECT_EQ((*bars)[19999].open_time, FromMillis(20000));
  EXPECT_EQ((*bars)[20000], (Bar{FromMillis(20001), 1.5, 3, 1, 2, 20}));
}

TEST(CandleFileReaderTest, PlainRowsReadInOnePassGiveTheBarsOfTheFieldByFieldPath) {
  // The same random rows written plainly (the one-pass path) and with every value quoted and
  // padded (only the field-by-field path reads those) must give the same bars, bit for bit.
  std::mt19937_64 rng(7);
  auto number = [&]() {
    switch (rng() % 6) {
      case 0:
        return std::to_string(rng() % 100000) + "." + std::to_string(rng() % 100000000);
      case 1:
        return std::to_string(rng() % 1000);
      case 2:
        return "0.000" + std::to_string(rng() % 1000000);
      case 3:
        return std::to_string(rng()) + "." + std::to_string(rng());  // too many digits
      case 4:
        return std::to_string(rng() % 1000) + "e-" + std::to_string(rng() % 5);  // exponent
      default:
        return "-" + std::to_string(rng() % 100) + ".5";
    }
  };
  std::string plain = "timestamp_ms,open,high,low,close,volume\n";
  std::string padded = plain;
  for (int i = 0; i < 5000; ++i) {
    const std::string ms = std::to_string(1606780800000 + 300000 * static_cast<std::int64_t>(i));
    std::vector<std::string> values = {ms};
    for (int f = 0; f < 5; ++f) values.push_back(number());
    for (std::size_t f = 0; f < values.size(); ++f) {
      plain += (f == 0 ? "" : ",") + values[f];
      padded += (f == 0 ? "" : ",") + (" \"" + values[f] + "\" ");
    }
    if (i % 7 == 0) plain += ",extra,columns";
    plain += "\n";
    padded += "\n";
  }
  Result<std::vector<Bar>> fast = ParseCandles(plain, "plain.csv");
  Result<std::vector<Bar>> slow = ParseCandles(padded, "padded.csv");
  ASSERT_TRUE(fast.ok()) << fast.status();
  ASSERT_TRUE(slow.ok()) << slow.status();
  ASSERT_EQ(fast->size(), 5000u);
  for (std::size_t i = 0; i < fast->size(); ++i) {
    const Bar& a = (*fast)[i];
    const Bar& b = (*slow)[i];
    ASSERT_EQ(a.open_time, b.open_time) << i;
    for (auto field : {&Bar::open, &Bar::high, &Bar::low, &Bar::close, &Bar::volume}) {
      ASSERT_EQ(std::bit_cast<std::uint64_t>(a.*field), std::bit_cast<std::uint64_t>(b.*field))
          << "row " << i;
    }
  }
  // The same rows with their columns reordered under a header that says so.
  std::string reordered = "volume,close,low,high,open,timestamp_ms\n";
  for (const Bar& b : *fast) {
    reordered += fmt::format("{},{},{},{},{},{}\n", b.volume, b.close, b.low, b.high, b.open,
                             ToMillis(b.open_time));
  }
  Result<std::vector<Bar>> moved = ParseCandles(reordered, "reordered.csv");
  ASSERT_TRUE(moved.ok()) << moved.status();
  EXPECT_EQ(*moved, *fast);
  // A plain row with an empty or bad field is still refused, naming the field.
  Result<std::vector<Bar>> empty = ParseCandles("1,1,2,0.5,1.5,\n", "e.csv");
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.status().message().find("volume is empty"), std::string::npos) << empty.status();
}

TEST(CandleFileReaderTest, CorruptGzipIsDataLoss) {
  std::string gz = GzipForTests("1,1,2,0.5,1.5,10\n2,1.5,3,1,2,20\n");
  Result<std::vector<Bar>> truncated = ParseCandles(gz.substr(0, gz.size() / 2), "t.csv.gz");
  ASSERT_FALSE(truncated.ok());
  EXPECT_EQ(truncated.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(truncated.status().message().find("t.csv.gz"), std::string::npos);
}

// A file named .gz that does not hold gzip data is refused as such, not parsed as text.
TEST(CandleFileReaderTest, AGzNameWithoutGzipDataIsRefused) {
  const std::string path = ::testing::TempDir() + "/not-gzip-5m.csv.gz";
  {
    std::ofstream out(path, std::ios::binary);
    out << "1,1,2,0.5,1.5,10\n";
  }
  Result<std::vector<Bar>> bars = ReadCandleFile(path);
  ASSERT_FALSE(bars.ok());
  EXPECT_EQ(bars.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(bars.status().message(), path + ": not gzip data, though the name ends in .gz");
  std::remove(path.c_str());
}

TEST(CandleFileReaderTest, MissingFileIsNotFound) {
  Result<std::vector<Bar>> bars = ReadCandleFile("/nonexistent/dir/x.csv");
  ASSERT_FALSE(bars.ok());
  EXPECT_EQ(bars.status().code(), StatusCode::kNotFound);
  EXPECT_NE(bars.status().message().find("/nonexistent/dir/x.csv"), std::string::npos);
}

// The bundled sample data: gzip on real files, rows and ranges as documented in
// data/sample/README.md, and identical to the uncompressed reference CSVs.
TEST(CandleFileReaderTest, ReadsBundledGzipSamples) {
  const std::string source = EnvDir("PULSE_SOURCE_DIR");
  if (source.empty()) GTEST_SKIP() << "PULSE_SOURCE_DIR not set";
  struct Expected {
    const char* file;
    std::size_t rows;
    std::int64_t last_ms;
  };
  for (const Expected& e : {Expected{"BTCUSDT-5m.csv.gz", 65741, 1626555900000},
                            Expected{"ETHUSDT-5m.csv.gz", 65742, 1626556200000},
                            Expected{"SOLUSDT-5m.csv.gz", 65744, 1626556800000},
                            Expected{"BTCUSDT-1h.csv.gz", 5482, 1626552000000}}) {
    Result<std::vector<Bar>> bars = ReadCandleFile(source + "/data/sample/" + e.file);
    ASSERT_TRUE(bars.ok()) << bars.status();
    EXPECT_EQ(bars->size(), e.rows) << e.file;
    EXPECT_EQ(bars->front().open_time, FromMillis(1606780800000)) << e.file;
    EXPECT_EQ(bars->back().open_time, FromMillis(e.last_ms)) << e.file;
    Result<std::vector<Bar>> ordered =
        ReadCandleFile(source + "/data/sample/" + e.file, {.require_time_order = true});
    ASSERT_TRUE(ordered.ok()) << ordered.status();
    EXPECT_EQ(*ordered, *bars) << e.file;
  }
  const std::string shared = SharedDataDir();
  if (shared.empty()) return;
  Result<std::vector<Bar>> gz = ReadCandleFile(source + "/data/sample/BTCUSDT-5m.csv.gz");
  Result<std::vector<Bar>> csv =
      ReadCandleFile(shared + "/candles/binance_nfi_2021/BTC_USDT-5m.csv");
  ASSERT_TRUE(csv.ok()) << csv.status();
  EXPECT_EQ(*gz, *csv);
  EXPECT_EQ(gz->front(),
            (Bar{FromMillis(1606780800000), 19695.87, 19720.0, 19578.96, 19607.03, 794.500517}));
}

}  // namespace
}  // namespace pulse::replay
