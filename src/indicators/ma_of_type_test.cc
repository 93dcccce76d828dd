#include "indicators/ma_of_type.h"

#include <cmath>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "indicators/random_bars_test_util.h"
#include "indicators/registry.h"

namespace pulse::indicators {
namespace {

TEST(IndicatorsMaOfType, PeriodOnePassesTheInputThroughForEveryType) {
  for (int type = 0; type <= MaOfType::kMaxType; ++type) {
    MaOfType ma(1, static_cast<MaOfType::Type>(type));
    EXPECT_EQ(ma.WarmUp(), 0);
    for (double x : {3.0, -1.5, 7.25}) {
      ma.Add(x);
      EXPECT_EQ(ma.Value(), x) << type;
    }
  }
}

// Each type number builds the named average with TA-Lib's lookback.
TEST(IndicatorsMaOfType, TypesAreTheNamedAverages) {
  const auto closes = testing::Closes(testing::RandomBars(300, 47));
  const char* names[] = {"sma", "ema", "wma", "dema", "tema", "trima", "kama", "mama", "t3"};
  const int lookbacks[] = {9, 9, 9, 18, 27, 9, 10, 32, 54};
  for (int type = 0; type <= MaOfType::kMaxType; ++type) {
    MaOfType ma(10, static_cast<MaOfType::Type>(type));
    EXPECT_EQ(ma.WarmUp(), lookbacks[type]) << names[type];
    auto named =
        CreateIndicator(names[type], type == 7 ? std::vector<double>{} : std::vector<double>{10});
    ASSERT_TRUE(named.ok());
    const auto a = RunBatch(ma, closes);
    const auto b = RunBatch(**named, closes);
    for (size_t i = 0; i < closes.size(); ++i) {
      if (std::isnan(b[0][i])) {
        EXPECT_TRUE(std::isnan(a[0][i])) << names[type] << " bar " << i;
      } else {
        EXPECT_EQ(a[0][i], b[0][i]) << names[type] << " bar " << i;
      }
    }
  }
}

TEST(IndicatorsMaOfType, RegistryMaAcceptsTalibTypeNumbers) {
  std::vector<double> bad = {30, 9};
  EXPECT_FALSE(CreateIndicator("ma", bad).ok());
  std::vector<double> mama = {30, 7};
  EXPECT_EQ(*WarmUpOf("ma", mama), 32);
  // A 3-bar SMA by hand.
  std::vector<double> sma3 = {3, 0};
  auto ma = CreateIndicator("ma", sma3);
  ASSERT_TRUE(ma.ok());
  const auto out = RunBatch(**ma, std::vector<double>{1, 2, 6, 10});
  EXPECT_EQ(out[0][2], 3);
  EXPECT_EQ(out[0][3], 6);
}

}  // namespace
}  // namespace pulse::indicators
