#include "app/csv_table.h"

#include <gtest/gtest.h>

#include "app/signal_file_parser.h"

namespace pulse::app {
namespace {

using Json = nlohmann::ordered_json;

TEST(CsvTableTest, FlattensNestedObjectsIntoEveryRowsColumns) {
  const Json rows = Json::parse(R"([
    {"id": 1, "symbol": "BTCUSDT", "size": null, "result": null, "ok": true},
    {"id": 2, "symbol": "ETHUSDT", "size": 0.5, "ok": false,
     "result": {"exit_price": 3060.25, "outcome": "loss", "path": {"bars": 14}}},
    {"id": 3, "symbol": "SOLUSDT", "extra": [1, 2], "result": {"outcome": "win"}}
  ])",
                                nullptr, true, false);
  EXPECT_EQ(CsvTable(rows),
            "id,symbol,size,ok,result.exit_price,result.outcome,result.path.bars,extra\n"
            "1,BTCUSDT,,true,,,,\n"
            "2,ETHUSDT,0.5,false,3060.25,loss,14,\n"
            "3,SOLUSDT,,,,win,,\"[1,2]\"\n");
}

TEST(CsvTableTest, QuotesWhatWouldBreakACellAndKeepsNumbersExact) {
  const Json rows = {{{"notes", "a, b | \"c\""},
                      {"text", " padded"},
                      {"line", "one\ntwo"},
                      {"price", 36925.0941168409},
                      {"tiny", 1e-9},
                      {"n", -7}}};
  const std::string csv = CsvTable(rows);
  EXPECT_EQ(csv,
            "notes,text,line,price,tiny,n\n"
            "\"a, b | \"\"c\"\"\",\" padded\",\"one\ntwo\",36925.0941168409,1e-09,-7\n");
  // What it writes reads back cell for cell (one line here, no line break inside a cell).
  const Json single = {{{"notes", "a, b | \"c\""}, {"price", 36925.0941168409}}};
  const std::string text = CsvTable(single);
  const std::string second = text.substr(text.find('\n') + 1);
  const std::vector<std::string> cells = SplitCsvLine(second.substr(0, second.size() - 1));
  ASSERT_EQ(cells.size(), 2u);
  EXPECT_EQ(cells[0], "a, b | \"c\"");
  EXPECT_EQ(std::stod(cells[1]), 36925.0941168409);
}

TEST(CsvTableTest, NoRowsNoText) {
  EXPECT_EQ(CsvTable(Json::array()), "");
  EXPECT_EQ(CsvTable(Json::array({Json::object()})), "");
}

}  // namespace
}  // namespace pulse::app
