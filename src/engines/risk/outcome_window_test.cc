#include "engines/risk/outcome_window.h"

#include <cmath>

#include <gtest/gtest.h>

namespace pulse::risk {
namespace {

TEST(OutcomeWindowTest, WinRateStreakAndCalibration) {
  OutcomeWindow w(4, 10);
  w.Add(Outcome::kLoss, 0.9);
  w.Add(Outcome::kLoss, 0.9);
  EXPECT_EQ(w.consecutive_losses(), 2);
  w.Add(Outcome::kBreakeven, std::nullopt);  // ends the streak, counts as a non-win
  EXPECT_EQ(w.consecutive_losses(), 0);
  w.Add(Outcome::kWin, 0.7);
  w.Add(Outcome::kWin, 0.7);  // the first loss drops out
  EXPECT_EQ(w.size(), 4);
  EXPECT_DOUBLE_EQ(w.win_rate(), 0.5);
  // Calibrated: (0.9, 0), (0.7, 1), (0.7, 1): bins 0.9 -> |0 - 0.9| * 1/3, 0.7 -> |1 - 0.7| * 2/3.
  const WindowCalibration cal = w.Calibration();
  EXPECT_EQ(cal.count, 3);
  EXPECT_NEAR(cal.ece, 0.9 / 3 + 0.3 * 2 / 3, 1e-12);
  EXPECT_EQ(w.Outcomes(), (std::vector<Outcome>{Outcome::kLoss, Outcome::kBreakeven, Outcome::kWin,
                                                Outcome::kWin}));
  w.Clear();
  EXPECT_EQ(w.size(), 0);
  EXPECT_TRUE(std::isnan(w.win_rate()));
}

}  // namespace
}  // namespace pulse::risk
