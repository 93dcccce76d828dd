// Rolling statistics against values pandas 1.5.3 computed on TA-Lib's 252 reference closes
// (c = close, r = numpy.log(c / c.shift(1))):
//   zscore    (c - c.rolling(20).mean()) / c.rolling(20).std()
//   skew      r.rolling(20).skew()          kurtosis  r.rolling(20).kurt()
//   autocorr  r.rolling(n).apply(lambda w: pd.Series(w).autocorr(k), raw=True), (n, k) = (20, 1)
//             and (30, 3)
// at bars 30, 100 and 251. An independent implementation of the conventions the docs promise.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "indicators/registry.h"
#include "indicators/test_series.h"

namespace pulse::indicators {
namespace {

struct PandasCase {
  std::string name;
  std::vector<double> params;
  double at30;
  double at100;
  double at251;
};

TEST(PandasReference, RollingStatisticsOnTalibCandles) {
  const auto closes = testing::Closes(testing::ReferenceBars());
  ASSERT_EQ(closes.size(), 252u);
  const std::vector<PandasCase> cases = {
      {"zscore", {20}, -0.7287570684239216, 0.5643965977992057, -0.8728484550167077},
      {"skew", {20}, -0.6148926174389797, 1.4709487807485824, 0.4368550071881163},
      {"kurtosis", {20}, 1.718522361578206, 2.213450813253104, 1.656138498971569},
      {"autocorr", {20, 1}, -0.1804607988332119, -0.12743946841827045, 0.3486579957010063},
      {"autocorr", {30, 3}, 0.06565370848370436, -0.09744758840352792, -0.0918046383218633},
  };
  for (const PandasCase& c : cases) {
    SCOPED_TRACE(c.name);
    auto ind = CreateIndicator(c.name, c.params);
    ASSERT_TRUE(ind.ok()) << ind.status();
    const auto out = RunBatch(**ind, closes)[0];
    EXPECT_TRUE(testing::Near(out[30], c.at30));
    EXPECT_TRUE(testing::Near(out[100], c.at100));
    EXPECT_TRUE(testing::Near(out[251], c.at251));
  }
}

}  // namespace
}  // namespace pulse::indicators
