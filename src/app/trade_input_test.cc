#include "app/trade_input.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace pulse::app {
namespace {

// A scratch directory removed at the end of the test.
class TradeInputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("pulse_trade_input_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& text) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path) << text;
    return path;
  }

  std::filesystem::path dir_;
};

TEST_F(TradeInputTest, TellsTheSymbolFromTheEntryTheColumnOrTheFileName) {
  const std::string named = Write("ETHUSDT-trades.csv", "timestamp,price\n1000000000000,5\n");
  const std::string column =
      Write("bitmex.csv", "symbol,timestamp,price\nsol/usdt,1000000000000,7\n");
  const std::string plain = Write("prints.csv", "timestamp,price\n1000000000000,9\n");
  Result<std::vector<SymbolTrades>> trades =
      ReadSymbolTrades({named, column, "xrp_usdt=" + plain}, "binance");
  ASSERT_TRUE(trades.ok()) << trades.status();
  ASSERT_EQ(trades->size(), 3u);
  EXPECT_EQ((*trades)[0].symbol, "ETHUSDT");
  EXPECT_EQ((*trades)[1].symbol, "SOLUSDT");
  EXPECT_EQ((*trades)[2].symbol, "XRPUSDT");
  EXPECT_EQ((*trades)[2].exchange, "binance");
  EXPECT_EQ((*trades)[2].prints.at(0).price, 9);

  const std::string nameless = Write("_prints.csv", "timestamp,price\n1000000000000,9\n");
  const Result<std::vector<SymbolTrades>> unnamed = ReadSymbolTrades({nameless}, "binance");
  ASSERT_FALSE(unnamed.ok());
  EXPECT_NE(unnamed.status().message().find("cannot tell the symbol from the file name"),
            std::string::npos)
      << unnamed.status();
}

TEST_F(TradeInputTest, MergesFilesOfOneSymbolAndStreamsEverythingInTimeOrder) {
  const std::string a = Write("a.csv", "timestamp,price\n1000,1\n3000,3\n5000,5\n");
  const std::string b = Write("b.csv", "timestamp,price\n2000,2\n3000,33\n");
  const std::string c = Write("c.csv", "timestamp,price\n3000,300\n4000,400\n");
  Result<std::vector<SymbolTrades>> trades =
      ReadSymbolTrades({"BTCUSDT=" + a, "ETHUSDT=" + c, "BTCUSDT=" + b}, "binance");
  ASSERT_TRUE(trades.ok()) << trades.status();
  ASSERT_EQ(trades->size(), 2u);
  std::vector<double> btc;
  for (const TradePrint& p : (*trades)[0].prints) btc.push_back(p.price);
  EXPECT_EQ(btc, (std::vector<double>{1, 2, 3, 33, 5}));  // ties keep the first file first

  TradeStream stream(*trades);
  EXPECT_EQ(stream.total(), 7);
  std::vector<std::pair<double, std::uint32_t>> got;
  TradeStream::Item item;
  // Seconds as written (below 1e11), so 3000 s is 3e12 ns.
  while (stream.NextBefore(3000 * kNanosPerSecond, &item))
    got.emplace_back(item.price, item.series);
  EXPECT_EQ(got, (std::vector<std::pair<double, std::uint32_t>>{{1, 0}, {2, 0}}));
  EXPECT_EQ(stream.given(), 2);
  got.clear();
  while (stream.NextBefore(10000 * kNanosPerSecond, &item))
    got.emplace_back(item.price, item.series);
  EXPECT_EQ(got, (std::vector<std::pair<double, std::uint32_t>>{
                     {3, 0}, {33, 0}, {300, 1}, {400, 1}, {5, 0}}));
  EXPECT_FALSE(stream.NextBefore(std::numeric_limits<UnixNanos>::max(), &item));
}

}  // namespace
}  // namespace pulse::app
