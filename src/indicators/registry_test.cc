#include "indicators/registry.h"

#include <cmath>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "indicators/oracle_test_util.h"

namespace pulse::indicators {
namespace {

using ::testing::HasSubstr;

TEST(IndicatorsRegistry, NamesAreSortedLowerCaseAndUnique) {
  auto all = AllIndicators();
  ASSERT_GE(all.size(), 4u);
  for (size_t i = 1; i < all.size(); ++i) EXPECT_LT(all[i - 1].name, all[i].name);
  for (const IndicatorSpec& spec : all) {
    for (char c : spec.name) EXPECT_FALSE(std::isupper(static_cast<unsigned char>(c)));
    EXPECT_FALSE(spec.outputs.empty()) << spec.name;
    EXPECT_NE(spec.factory, nullptr) << spec.name;
  }
}

TEST(IndicatorsRegistry, UnknownNameListsAcceptedNames) {
  auto r = CreateIndicator("rsx");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(r.status().message(), HasSubstr("unknown indicator 'rsx' (accepted: "));
  EXPECT_THAT(r.status().message(), HasSubstr("ema"));
  EXPECT_THAT(r.status().message(), HasSubstr("rsi"));
}

TEST(IndicatorsRegistry, BadParametersNameTheRange) {
  std::vector<double> one = {1};
  auto r = CreateIndicator("rsi", one);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "rsi: period must be between 2 and 100000, got 1");

  std::vector<double> fractional = {2.5};
  r = CreateIndicator("sma", fractional);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "sma: period must be a whole number, got 2.5");

  std::vector<double> too_many = {14, 3};
  r = CreateIndicator("rsi", too_many);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "rsi: takes at most 1 parameter(s) (period), got 2");

  std::vector<double> nan = {std::nan("")};
  EXPECT_FALSE(CreateIndicator("ema", nan).ok());
}

TEST(IndicatorsRegistry, DefaultsAndWarmUpFollowTalib) {
  EXPECT_EQ(*WarmUpOf("rsi"), 14);
  EXPECT_EQ(*WarmUpOf("sma"), 29);
  std::vector<double> p = {20};
  EXPECT_EQ(*WarmUpOf("ema", p), 19);
  EXPECT_EQ(*WarmUpOf("RSI", p), 20);  // names are case-insensitive
}

// Streaming (Update bar by bar) and batch (RunBatch) must agree exactly for every indicator, and
// Ready() must turn true exactly at WarmUp().
TEST(IndicatorsRegistry, StreamingEqualsBatchForEveryIndicator) {
  const auto doc = testing::LoadOracle("talib_regtest_tables.json");
  ASSERT_FALSE(doc.is_null());
  const std::vector<Bar> bars = testing::BarsFromColumns(doc["input_data"]);
  for (const IndicatorSpec& spec : AllIndicators()) {
    SCOPED_TRACE(std::string(spec.name));
    auto batch_ind = CreateIndicator(spec.name);
    auto stream_ind = CreateIndicator(spec.name);
    ASSERT_TRUE(batch_ind.ok());
    ASSERT_TRUE(stream_ind.ok());
    const auto columns = RunBatch(**batch_ind, bars);
    ASSERT_EQ(static_cast<int>(columns.size()), (*stream_ind)->NumOutputs());
    ASSERT_EQ(columns.size(), spec.outputs.size());
    // Twice, to prove Reset() restores the initial state.
    for (int pass = 0; pass < 2; ++pass) {
      Indicator& ind = **stream_ind;
      ind.Reset();
      for (size_t i = 0; i < bars.size(); ++i) {
        ind.Update(bars[i]);
        ASSERT_EQ(ind.Ready(), static_cast<int>(i) >= ind.WarmUp()) << "bar " << i;
        for (int k = 0; k < ind.NumOutputs(); ++k) {
          const double s = ind.Value(k);
          const double b = columns[k][i];
          if (std::isnan(b)) {
            EXPECT_TRUE(std::isnan(s)) << "bar " << i;
          } else {
            EXPECT_EQ(s, b) << "bar " << i << " output " << k;
          }
        }
      }
    }
  }
}

TEST(IndicatorsRegistry, BatchOverCloseSeriesMatchesBars) {
  std::vector<double> closes;
  for (int i = 0; i < 50; ++i) closes.push_back(100 + std::sin(i * 0.3) * 5);
  std::vector<double> p = {10};
  auto a = CreateIndicator("sma", p);
  ASSERT_TRUE(a.ok());
  const auto out = RunBatch(**a, closes);
  ASSERT_EQ(out.size(), 1u);
  for (int i = 0; i < 9; ++i) EXPECT_TRUE(std::isnan(out[0][i]));
  double sum = 0;
  for (int i = 0; i < 10; ++i) sum += closes[i];
  EXPECT_DOUBLE_EQ(out[0][9], sum / 10);
}

}  // namespace
}  // namespace pulse::indicators
