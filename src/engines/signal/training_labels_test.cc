#include "engines/signal/training_labels.h"

#include <gtest/gtest.h>

namespace pulse::signal {
namespace {

Bar MakeBar(double open, double high, double low, double close) {
  Bar b;
  b.open = open;
  b.high = high;
  b.low = low;
  b.close = close;
  b.volume = 1;
  return b;
}

LevelConfig PercentStop() {
  LevelConfig levels;
  levels.stop = StopMethod::kPercent;
  levels.stop_percent = 1.0;
  return levels;
}

TEST(ParseLabelSpecTest, ParsesSettings) {
  LabelSpec plain = *ParseLabelSpec("tp-before-sl");
  EXPECT_FALSE(plain.reward_risk.has_value());
  LabelSpec spec = *ParseLabelSpec("tp-before-sl:rr=2,stop=atr:14:2.5,both=tp");
  EXPECT_DOUBLE_EQ(*spec.reward_risk, 2.0);
  EXPECT_EQ(*spec.stop, StopMethod::kAtr);
  EXPECT_EQ(*spec.atr_period, 14);
  EXPECT_DOUBLE_EQ(*spec.atr_multiple, 2.5);
  EXPECT_EQ(spec.both, analytics::BothHitPolicy::kTakeProfitFirst);
  LevelConfig applied = spec.Apply(PercentStop());
  EXPECT_EQ(applied.stop, StopMethod::kAtr);
  EXPECT_DOUBLE_EQ(applied.reward_risk, 2.0);
  EXPECT_EQ(*ParseLabelSpec("tp-before-sl:stop=swing:10")->swing_lookback, 10);
  EXPECT_DOUBLE_EQ(*ParseLabelSpec("tp-before-sl:stop=percent:0.5")->stop_percent, 0.5);
}

TEST(ParseLabelSpecTest, ClearErrors) {
  EXPECT_EQ(ParseLabelSpec("sl-before-tp:rr=2").status().message(),
            "unknown label kind 'sl-before-tp' in 'sl-before-tp:rr=2' (accepted: tp-before-sl)");
  EXPECT_EQ(ParseLabelSpec("tp-before-sl:risk=2").status().message(),
            "unknown label setting 'risk' in 'tp-before-sl:risk=2' (accepted: rr, stop, both)");
  EXPECT_EQ(ParseLabelSpec("tp-before-sl:rr").status().message(),
            "label setting 'rr' in 'tp-before-sl:rr' is not key=value");
  EXPECT_EQ(ParseLabelSpec("tp-before-sl:rr=-2").status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(ParseLabelSpec("tp-before-sl:stop=atr:14")
                .status()
                .message()
                .find("is not one of atr:<period>:<multiple>"),
            std::string::npos);
  EXPECT_EQ(ParseLabelSpec("tp-before-sl:both=first").status().message(),
            "label both='first' must be sl or tp");
}

// Stop 1 %, take-profit 2x: from 100 the bracket is 99 / 102.
const std::vector<Bar> kPath = {
    MakeBar(100, 100.5, 99.5, 100),   // 0: 99 / 102
    MakeBar(100, 101, 99.5, 100.5),   // 1: 99.495 / 102.51
    MakeBar(100.5, 102.5, 100, 102),  // 2: take-profit of bar 0
    MakeBar(102, 102, 98, 99),        // 3: stop-loss of bars 1 and 2
    MakeBar(99, 99.2, 98.8, 99),      // 4
};

TEST(TpBeforeSlLabelsTest, TakeProfitFirstStopFirstAndNotEnoughFuture) {
  LabelSpec spec = *ParseLabelSpec("tp-before-sl:rr=2");
  std::vector<Label> labels = *MakeTpBeforeSlLabels(kPath, PercentStop(), spec, 2);
  EXPECT_EQ(labels, (std::vector<Label>{Label::kYes, Label::kNo, Label::kNo, Label::kUnknown,
                                        Label::kUnknown}));
  // Horizon 1: bar 1's bracket sees only bar 2, which reaches neither level.
  labels = *MakeTpBeforeSlLabels(kPath, PercentStop(), spec, 1);
  EXPECT_EQ(labels[0], Label::kNo);
  EXPECT_EQ(labels[1], Label::kNo);
  EXPECT_EQ(labels[3], Label::kNo);  // bar 4 stays inside 98.01 / 100.98
  EXPECT_EQ(labels[4], Label::kUnknown);
}

TEST(TpBeforeSlLabelsTest, BothInOneBarFollowsThePolicy) {
  const std::vector<Bar> bars = {MakeBar(100, 100, 100, 100), MakeBar(100, 103, 98, 100)};
  EXPECT_EQ(
      (*MakeTpBeforeSlLabels(bars, PercentStop(), *ParseLabelSpec("tp-before-sl:rr=2"), 1))[0],
      Label::kNo);
  EXPECT_EQ((*MakeTpBeforeSlLabels(bars, PercentStop(),
                                   *ParseLabelSpec("tp-before-sl:rr=2,both=tp"), 1))[0],
            Label::kYes);
}

TEST(TpBeforeSlLabelsTest, NextOpenEntryAndAtrWarmUp) {
  LevelConfig next_open = PercentStop();
  next_open.entry = EntryMode::kNextOpen;
  // Bar 0 enters at bar 1's open 100: 99 / 102, reached at bar 2. Bar 2 enters at bar 3's open
  // 102: 100.98 / 104.04; bar 3 (the entry bar) falls to 98.
  std::vector<Label> labels =
      *MakeTpBeforeSlLabels(kPath, next_open, *ParseLabelSpec("tp-before-sl:rr=2"), 2);
  EXPECT_EQ(labels[0], Label::kYes);
  EXPECT_EQ(labels[2], Label::kNo);
  EXPECT_EQ(labels[4], Label::kUnknown);

  // ATR(3) is ready after bar 3: bars 0..2 are warm-up.
  labels = *MakeTpBeforeSlLabels(kPath, LevelConfig(),
                                 *ParseLabelSpec("tp-before-sl:rr=2,stop=atr:3:1"), 1);
  EXPECT_EQ(labels[0], Label::kUnknown);
  EXPECT_EQ(labels[2], Label::kUnknown);
  // Bar 3: true ranges 1.5, 2.5, 4 -> ATR 8/3; 99 -> 96.33 / 104.33; bar 4 reaches neither.
  EXPECT_EQ(labels[3], Label::kNo);
  EXPECT_EQ(MakeTpBeforeSlLabels(kPath, LevelConfig(), LabelSpec(), 0).status().code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace pulse::signal
