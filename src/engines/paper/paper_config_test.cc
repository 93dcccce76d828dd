#include "engines/paper/paper_config.h"

#include <gtest/gtest.h>

namespace pulse::paper {
namespace {

TEST(PaperConfigTest, DefaultsAreTheIssuesNumbersAndValid) {
  PaperConfig c;
  EXPECT_EQ(c.starting_balance, 10000);
  EXPECT_EQ(c.taker_fee, 0.001);
  EXPECT_EQ(c.slippage, 0.0005);
  EXPECT_EQ(c.max_position_fraction, 0.25);
  EXPECT_EQ(c.fill_mode, FillMode::kNextOpen);
  EXPECT_EQ(c.max_volume_participation, 0);  // no limit unless set
  EXPECT_EQ(c.both_hit_policy, analytics::BothHitPolicy::kStopLossFirst);
  EXPECT_TRUE(c.Validate().ok()) << c.Validate();
}

TEST(PaperConfigTest, ReportsEveryProblemNamingTheField) {
  PaperConfig c;
  c.account = "";
  c.starting_balance = 0;
  c.taker_fee = -0.001;
  c.slippage = 0.2;
  c.max_position_fraction = 1.5;
  c.max_total_exposure = 0.5;
  c.max_volume_participation = 1.5;
  Status s = c.Validate();
  ASSERT_EQ(s.code(), StatusCode::kInvalidArgument);
  for (const char* field :
       {"paper.account", "paper.starting_balance must be > 0, got 0", "paper.taker_fee",
        "paper.slippage", "paper.max_position_fraction must be in (0, 1], got 1.5",
        "must not exceed paper.max_total_exposure",
        "paper.max_volume_participation must be in [0, 1], got 1.5"}) {
    EXPECT_NE(s.message().find(field), std::string::npos) << field << " in " << s.message();
  }
  EXPECT_EQ(s.message().find("paper.impact_coefficient"), std::string::npos);
}

TEST(PaperConfigTest, NamesRoundTrip) {
  for (FillMode m : {FillMode::kNextOpen, FillMode::kSignalPrice}) {
    EXPECT_EQ(*ParseFillMode(FillModeName(m)), m);
  }
  for (auto p :
       {analytics::BothHitPolicy::kStopLossFirst, analytics::BothHitPolicy::kTakeProfitFirst}) {
    EXPECT_EQ(*analytics::ParseBothHitPolicy(analytics::BothHitPolicyName(p)), p);
  }
  EXPECT_FALSE(ParseFillMode("close").ok());
  EXPECT_FALSE(analytics::ParseBothHitPolicy("random").ok());
}

}  // namespace
}  // namespace pulse::paper
