#include "app/paper_positions_section.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

namespace pulse::app {
namespace {

using analytics::PositionReconciliation;

// A position whose steps are `signals` plus four steps that add up to `paper - signals`.
PositionReconciliation Position(std::int64_t id, double signals, double paper) {
  PositionReconciliation p;
  p.position_id = id;
  p.signal_id = 100 + id;
  p.symbol = "BTCUSDT";
  p.direction = id % 2 == 0 ? Direction::kShort : Direction::kLong;
  p.opened_at = FromSeconds(1'600'000'000 + id * 3600);
  p.closed_at = p.opened_at + 25 * kNanosPerMinute;
  p.exit_reason = "stop_loss";
  p.quantity = 1.5;
  p.entry_fill = 100.25;
  p.exit_fill = 99.5;
  p.paper = paper;
  const double rest = paper - signals;
  p.steps = PositionReconciliation::Steps{.signal_size = 2,
                                          .signal_entry = 100,
                                          .signal_exit = 99.75,
                                          .signals = signals,
                                          .size = rest * 0.5,
                                          .timing = rest * 0.25,
                                          .slippage = rest * 0.125,
                                          .fees = rest * 0.125};
  return p;
}

TEST(PaperPositionsSectionTest, EveryPositionWithTheSignalsFiguresBesideTheFills) {
  std::vector<PositionReconciliation> positions = {Position(3, -10, -12.5), Position(4, 2, 1)};
  positions[1].steps.reset();  // no resolved signal outcome
  const nlohmann::ordered_json j = PaperPositionsJson(positions);
  ASSERT_EQ(j.size(), 2u);
  const auto& a = j[0];
  std::vector<std::string> keys;
  for (const auto& [key, value] : a.items()) keys.push_back(key);
  EXPECT_EQ(keys,
            (std::vector<std::string>{"position", "signal_id", "symbol", "direction", "opened",
                                      "closed", "exit_reason", "signal_size", "quantity",
                                      "signal_entry", "entry_fill", "signal_exit", "exit_fill",
                                      "signals", "size", "timing", "slippage", "fees", "paper"}));
  EXPECT_EQ(a["position"], 3);
  EXPECT_EQ(a["signal_id"], 103);
  EXPECT_EQ(a["direction"], "long");
  EXPECT_EQ(a["opened"], "2020-09-13T15:26:40Z");
  EXPECT_EQ(a["closed"], "2020-09-13T15:51:40Z");
  EXPECT_EQ(a["signal_size"], 2);
  EXPECT_EQ(a["quantity"], 1.5);
  EXPECT_EQ(a["signal_entry"], 100);
  EXPECT_EQ(a["entry_fill"], 100.25);
  EXPECT_EQ(a["signal_exit"], 99.75);
  EXPECT_EQ(a["exit_fill"], 99.5);
  EXPECT_EQ(a["signals"], -10);
  EXPECT_EQ(a["size"], -1.25);
  EXPECT_EQ(a["timing"], -0.625);
  EXPECT_EQ(a["slippage"], -0.3125);
  EXPECT_EQ(a["fees"], -0.3125);
  EXPECT_EQ(a["paper"], -12.5);
  const auto& b = j[1];
  EXPECT_EQ(b["direction"], "short");
  EXPECT_EQ(b["quantity"], 1.5);
  EXPECT_EQ(b["paper"], 1);
  for (const char* key : {"signal_size", "signal_entry", "signal_exit", "signals", "size", "timing",
                          "slippage", "fees"}) {
    EXPECT_TRUE(b[key].is_null()) << key;
  }
  EXPECT_TRUE(PaperPositionsJson({}).is_array());
  EXPECT_TRUE(PaperPositionsJson({}).empty());
}

// The text keeps the positions furthest from their signals, shown in position order; those
// without a signal outcome are not ranked.
TEST(PaperPositionsSectionTest, TextShowsThePositionsFurthestFromTheirSignals) {
  std::vector<PositionReconciliation> positions = {Position(1, 10, 9),     // 1 apart
                                                   Position(2, 5, -20),    // 25
                                                   Position(3, -3, -3.5),  // 0.5
                                                   Position(4, 0, 0),      // unmatched below
                                                   Position(5, 7, 15)};    // 8
  positions[3].steps.reset();
  positions[3].paper = -1000;
  const nlohmann::ordered_json j = PaperPositionsJson(positions);
  const std::string text = PaperPositionsText(j, 2);
  EXPECT_EQ(text.rfind("paper positions furthest from their signals (2 of 4):\n", 0), 0u) << text;
  const auto at = [&](const char* needle) { return text.find(needle); };
  // Positions 2 and 5, in that order; their steps and P&L with signs.
  ASSERT_NE(at("+5.00"), std::string::npos) << text;
  ASSERT_NE(at("-20.00"), std::string::npos) << text;
  ASSERT_NE(at("+15.00"), std::string::npos) << text;
  EXPECT_LT(at("-20.00"), at("+15.00"));
  EXPECT_EQ(at("+10.00"), std::string::npos) << text;    // position 1 left out
  EXPECT_EQ(at("-1000.00"), std::string::npos) << text;  // the unmatched one is not ranked
  EXPECT_NE(at("-12.50"), std::string::npos) << text;    // position 2's size step: -25 / 2
  EXPECT_NE(at("short"), std::string::npos) << text;
  // Five lines: the title, the header, its rule and two positions.
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 5);

  // Asking for more than there are shows every ranked one.
  EXPECT_NE(PaperPositionsText(j, 10).find("(4 of 4)"), std::string::npos);
  EXPECT_EQ(PaperPositionsText(j, 0), "");
  positions = {Position(4, 0, 0)};
  positions[0].steps.reset();
  EXPECT_EQ(PaperPositionsText(PaperPositionsJson(positions), 5), "");
  EXPECT_EQ(PaperPositionsText(nlohmann::ordered_json::array(), 5), "");
}

}  // namespace
}  // namespace pulse::app
