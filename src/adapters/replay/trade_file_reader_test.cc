#include "adapters/replay/trade_file_reader.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "adapters/replay/gzip_for_tests.h"

namespace pulse::replay {
namespace {

// The repository root; ctest sets PULSE_SOURCE_DIR for every test.
std::string SourceDir() {
  const char* v = std::getenv("PULSE_SOURCE_DIR");
  return v == nullptr ? std::string(".") : std::string(v);
}

TradePrint Print(UnixNanos time, double price, double quantity) { return {time, price, quantity}; }

TEST(TradeFileReaderTest, ReadsANautilusStyleHeaderWithMillisecondTimes) {
  const Result<TradeFile> file = ParseTrades(
      "timestamp,trade_id,price,quantity,buyer_maker\n"
      "1610064000278,553287559,39432.48,0.000263,True\n"
      "1610064000310,553287560,39439.44,0.004376,False\n",
      "nautilus.csv");
  ASSERT_TRUE(file.ok()) << file.status();
  EXPECT_FALSE(file->symbol.has_value());
  ASSERT_EQ(file->prints.size(), 2u);
  EXPECT_EQ(file->prints[0], Print(1610064000278 * kNanosPerMilli, 39432.48, 0.000263));
  EXPECT_EQ(file->prints[1], Print(1610064000310 * kNanosPerMilli, 39439.44, 0.004376));
}

TEST(TradeFileReaderTest, ReadsTardisMicrosecondsAndTheSymbolColumn) {
  const Result<TradeFile> file = ParseTrades(
      "exchange,symbol,timestamp,local_timestamp,id,side,price,amount\n"
      "bitmex,XBTUSD,1583020803145000,1583020803307160,ccc3c1fa,sell,8531.5,2152\n"
      "bitmex,XBTUSD,1583020803276000,1583020803336743,b46c84da,sell,8531.5,1\n");
  ASSERT_TRUE(file.ok()) << file.status();
  EXPECT_EQ(file->symbol, "XBTUSD");
  ASSERT_EQ(file->prints.size(), 2u);
  EXPECT_EQ(file->prints[0], Print(1583020803145000 * kNanosPerMicro, 8531.5, 2152));
  EXPECT_EQ(file->prints[1].time, 1583020803276000 * kNanosPerMicro);
}

TEST(TradeFileReaderTest, ReadsFreqtradeExportsWithAnUnnamedIndexColumn) {
  const Result<TradeFile> file = ParseTrades(
      ",timestamp,id,type,side,price,amount,cost,date\n"
      "0,1675329600138,1206419187,,buy,1666.8,26.062,43440.1416,2023-02-02 "
      "09:20:00.138000+00:00\n");
  ASSERT_TRUE(file.ok()) << file.status();
  ASSERT_EQ(file->prints.size(), 1u);
  EXPECT_EQ(file->prints[0], Print(1675329600138 * kNanosPerMilli, 1666.8, 26.062));
}

TEST(TradeFileReaderTest, ReadsHeaderlessKrakenAndBinanceDumps) {
  // Kraken: seconds, also fractional.
  Result<TradeFile> kraken =
      ParseTrades("1672531436,90.540000,1.10448420\n1672531471.25,90.45,1.0\n");
  ASSERT_TRUE(kraken.ok()) << kraken.status();
  ASSERT_EQ(kraken->prints.size(), 2u);
  EXPECT_EQ(kraken->prints[0], Print(1672531436 * kNanosPerSecond, 90.54, 1.1044842));
  EXPECT_EQ(kraken->prints[1].time, 1672531471 * kNanosPerSecond + 250 * kNanosPerMilli);

  // Binance trades: id,price,qty,quote_qty,time,is_buyer_maker,is_best_match (ms, then us).
  Result<TradeFile> trades = ParseTrades(
      "553287559,39432.48,0.000263,10.37074224,1610064000278,True,True\n"
      "553287560,39439.44,0.004376,172.58,1610064000310123,False,True\n");
  ASSERT_TRUE(trades.ok()) << trades.status();
  ASSERT_EQ(trades->prints.size(), 2u);
  EXPECT_EQ(trades->prints[0], Print(1610064000278 * kNanosPerMilli, 39432.48, 0.000263));
  EXPECT_EQ(trades->prints[1].time, 1610064000310123 * kNanosPerMicro);

  // Binance aggTrades: id,price,qty,first_id,last_id,time,is_buyer_maker,is_best_match.
  Result<TradeFile> agg =
      ParseTrades("26129,0.01633102,4.70443515,27781,27781,1498793709153,true,true\n");
  ASSERT_TRUE(agg.ok()) << agg.status();
  ASSERT_EQ(agg->prints.size(), 1u);
  EXPECT_EQ(agg->prints[0], Print(1498793709153 * kNanosPerMilli, 0.01633102, 4.70443515));
}

TEST(TradeFileReaderTest, InflatesGzipAndAcceptsIsoTimes) {
  const Result<TradeFile> file =
      ParseTrades(GzipForTests("time,price,size\n2021-01-08T00:00:00.5Z,100.5,2\n"), "x.csv.gz");
  ASSERT_TRUE(file.ok()) << file.status();
  ASSERT_EQ(file->prints.size(), 1u);
  EXPECT_EQ(file->prints[0].time, 1610064000 * kNanosPerSecond + 500 * kNanosPerMilli);
  EXPECT_EQ(file->prints[0].price, 100.5);
  EXPECT_EQ(file->prints[0].quantity, 2);
}

TEST(TradeFileReaderTest, RejectsBadRowsNamingTheLine) {
  struct Case {
    std::string text;
    std::string message;
  };
  const Case cases[] = {
      {"timestamp,price\n1610064000278,100\n1610064000277,100\n",
       "t.csv: line 3: trade at 2021-01-08T00:00:00.277Z is earlier than the one before it"},
      {"timestamp,price\n1610064000278,-1\n",
       "t.csv: line 2: price is not a positive number: '-1'"},
      {"timestamp,price\n1610064000278,abc\n",
       "t.csv: line 2: price is not a positive number: 'abc'"},
      {"timestamp,price,qty\n1610064000278,1,-2\n",
       "t.csv: line 2: quantity is not a number >= 0: '-2'"},
      {"timestamp,price\nyesterday,1\n",
       "t.csv: line 2: time is not a number or ISO-8601 time: 'yesterday'"},
      {"timestamp,amount\n1,2\n", "t.csv: line 1: the header names no price column"},
      {"symbol,timestamp,price\nA,1610064000278,1\nB,1610064000279,1\n",
       "t.csv: line 3: trades of B after trades of A: give one file per symbol"},
      {"1,2,3,4\n", "t.csv: line 1: no header row, and 4 columns match no known layout"},
      {"timestamp,x,price\n1610064000278\n", "t.csv: line 2: expected at least 3 columns"},
  };
  for (const Case& c : cases) {
    const Result<TradeFile> file = ParseTrades(c.text, "t.csv");
    ASSERT_FALSE(file.ok()) << c.text;
    EXPECT_EQ(file.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(file.status().message().find(c.message), std::string::npos)
        << file.status().message();
  }
}

TEST(TradeFileReaderTest, ReadsTheBundledBinanceTrades) {
  const Result<TradeFile> file =
      ReadTradeFile(SourceDir() + "/data/sample/BTCUSDT-trades-2021-01-08.csv.gz");
  ASSERT_TRUE(file.ok()) << file.status();
  ASSERT_EQ(file->prints.size(), 2001u);
  EXPECT_EQ(file->prints.front(), Print(1610064000278 * kNanosPerMilli, 39432.48, 0.000263));
  EXPECT_EQ(file->prints.back().time, 1610064046355 * kNanosPerMilli);
  EXPECT_EQ(file->prints.back().price, 39491.76);
  EXPECT_EQ(ReadTradeFile(SourceDir() + "/data/sample/missing.csv").status().code(),
            StatusCode::kNotFound);
}

}  // namespace
}  // namespace pulse::replay
