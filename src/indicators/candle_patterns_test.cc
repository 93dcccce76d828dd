// Candlestick patterns on hand-built candle sequences: each pattern (bullish and bearish where
// both exist) must fire on a sequence built to meet TA-Lib's definition with margin, and stay
// silent when one condition is broken. The background candles are all alike (body 1, range 2,
// shadows 0.5), so the averages are easy to work out by hand; they are written in the comments.
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "indicators/candle_averager.h"
#include "indicators/candle_patterns_single.h"
#include "indicators/registry.h"

namespace pulse::indicators {
namespace {

Bar C(double open, double high, double low, double close) {
  Bar b;
  b.open = open;
  b.high = high;
  b.low = low;
  b.close = close;
  return b;
}

// 15 white candles: open 100, close 101, high 101.5, low 99.5. Averages over them: body 1,
// high-low range 2, so BodyLong / BodyShort = 1, BodyDoji = ShadowVeryShort = 0.2, Near = 0.4,
// Far = 1.2.
std::vector<Bar> Background() { return std::vector<Bar>(15, C(100, 101.5, 99.5, 101)); }

// The pattern's output on the last bar of background + `tail`.
double LastValue(const std::string& name, const std::vector<Bar>& tail,
                 std::vector<double> params = {}) {
  std::vector<Bar> bars = Background();
  bars.insert(bars.end(), tail.begin(), tail.end());
  Result<std::unique_ptr<Indicator>> ind = CreateIndicator(name, params);
  EXPECT_TRUE(ind.ok()) << ind.status();
  if (!ind.ok()) return kNaN;
  for (const Bar& b : bars) (*ind)->Update(b);
  EXPECT_TRUE((*ind)->Ready());
  return (*ind)->Value(0);
}

TEST(CandlePatterns, SingleCandle) {
  // Doji: body 0.1 <= 0.2.
  EXPECT_EQ(LastValue("cdldoji", {C(101, 102, 100, 101.1)}), 100);
  EXPECT_EQ(LastValue("cdldoji", {C(101, 102, 100, 101.3)}), 0);  // body 0.3 > 0.2
  // Hammer: body 0.4 < 1, lower shadow 1.8 > body, upper 0.1 < 0.2, body bottom 99.8 <=
  // previous low 99.5 + Near 0.4.
  EXPECT_EQ(LastValue("cdlhammer", {C(99.8, 100.3, 98.0, 100.2)}), 100);
  EXPECT_EQ(LastValue("cdlhammer", {C(99.8, 100.5, 98.0, 100.2)}), 0);   // upper 0.3
  EXPECT_EQ(LastValue("cdlhammer", {C(100.0, 100.5, 98.0, 100.4)}), 0);  // bottom 100 > 99.9
  // Hanging man: the same shape with the body bottom 101.3 >= previous high 101.5 - 0.4.
  EXPECT_EQ(LastValue("cdlhangingman", {C(101.3, 101.8, 99.5, 101.7)}), -100);
  EXPECT_EQ(LastValue("cdlhangingman", {C(101.0, 101.5, 99.0, 101.4)}), 0);  // 101 < 101.1
  // Inverted hammer: body 0.3, upper 1.2, lower 0.05, body top 99.8 below the previous body.
  EXPECT_EQ(LastValue("cdlinvertedhammer", {C(99.5, 101, 99.45, 99.8)}), 100);
  EXPECT_EQ(LastValue("cdlinvertedhammer", {C(100.5, 102, 100.45, 100.8)}), 0);  // no gap
  // Shooting star: black body 0.3, upper 1.3, lower 0.05, body bottom 101.2 above 101.
  EXPECT_EQ(LastValue("cdlshootingstar", {C(101.5, 102.8, 101.15, 101.2)}), -100);
  EXPECT_EQ(LastValue("cdlshootingstar", {C(100.9, 102.2, 100.55, 100.6)}), 0);  // no gap
  // Marubozu: body 2 > 1, shadows 0.05 and 0.02 < 0.2; signed by colour.
  EXPECT_EQ(LastValue("cdlmarubozu", {C(100, 102.05, 99.98, 102)}), 100);
  EXPECT_EQ(LastValue("cdlmarubozu", {C(102, 102.1, 99.95, 100)}), -100);
  EXPECT_EQ(LastValue("cdlmarubozu", {C(100, 102.3, 99.98, 102)}), 0);  // upper 0.3
  // Spinning top: body 0.3 < 1, shadows 0.9 and 0.8 longer than the body.
  EXPECT_EQ(LastValue("cdlspinningtop", {C(100.3, 101.5, 99.5, 100.6)}), 100);
  EXPECT_EQ(LastValue("cdlspinningtop", {C(100.6, 101.5, 99.5, 100.3)}), -100);
  EXPECT_EQ(LastValue("cdlspinningtop", {C(100.3, 100.8, 99.5, 100.6)}), 0);  // upper 0.2
  // Dragonfly: body 0.05 <= 0.2, upper 0.05 < 0.2, lower 1.5 > 0.2.
  EXPECT_EQ(LastValue("cdldragonflydoji", {C(101, 101.1, 99.5, 101.05)}), 100);
  EXPECT_EQ(LastValue("cdldragonflydoji", {C(101, 101.5, 99.5, 101.05)}), 0);
  // Gravestone: body 0.05, lower 0.05, upper 1.45.
  EXPECT_EQ(LastValue("cdlgravestonedoji", {C(100, 101.5, 99.95, 100.05)}), 100);
  EXPECT_EQ(LastValue("cdlgravestonedoji", {C(100, 101.5, 99.5, 100.05)}), 0);
}

TEST(CandlePatterns, TwoCandles) {
  // Engulfing: a black candle (101 -> 100.5), then a white one from 100.4 to 101.2.
  const Bar black = C(101, 101.2, 100.3, 100.5);
  EXPECT_EQ(LastValue("cdlengulfing", {black, C(100.4, 101.3, 100.3, 101.2)}), 100);
  // Opening exactly at the previous close: TA-Lib's weaker form.
  EXPECT_EQ(LastValue("cdlengulfing", {black, C(100.5, 101.3, 100.4, 101.2)}), 80);
  EXPECT_EQ(LastValue("cdlengulfing", {black, C(100.6, 101.3, 100.4, 100.9)}), 0);
  // After the last white background candle (100 -> 101): black from 101.2 to 99.8.
  EXPECT_EQ(LastValue("cdlengulfing", {C(101.2, 101.3, 99.7, 99.8)}), -100);

  // Harami: 1st long (body 3 > 1); 2nd body 0.5 <= (9 * 1 + 3) / 10 inside the 1st body.
  const Bar long_black = C(102, 102.2, 98.8, 99);
  const Bar long_white = C(99, 102.2, 98.8, 102);
  EXPECT_EQ(LastValue("cdlharami", {long_black, C(100, 100.7, 99.8, 100.5)}), 100);
  EXPECT_EQ(LastValue("cdlharami", {long_white, C(100.5, 100.7, 99.8, 100)}), -100);
  EXPECT_EQ(LastValue("cdlharami", {long_black, C(99, 99.7, 98.9, 99.5)}), 80);    // equal bottom
  EXPECT_EQ(LastValue("cdlharami", {long_black, C(100, 101.7, 99.8, 101.5)}), 0);  // 1.5 > 1.2
  // Harami cross: doji 2nd (body 0.1 <= 0.1 * (9 * 2 + 3.4) / 10 = 0.214).
  EXPECT_EQ(LastValue("cdlharamicross", {long_black, C(100.5, 100.8, 100.3, 100.6)}), 100);
  EXPECT_EQ(LastValue("cdlharamicross", {long_white, C(100.6, 100.8, 100.3, 100.5)}), -100);
  EXPECT_EQ(LastValue("cdlharamicross", {long_black, C(100, 100.8, 99.8, 100.5)}), 0);

  // Piercing: long black, then white (body 2.5 > 1.2) opening below 98.8, closing above the
  // midpoint 100.5 and below the open 102.
  EXPECT_EQ(LastValue("cdlpiercing", {long_black, C(98.5, 101.1, 98.4, 101)}), 100);
  EXPECT_EQ(LastValue("cdlpiercing", {long_black, C(98.5, 100.5, 98.4, 100.4)}), 0);
  // Dark cloud cover: long white, black opening above 102.2 closing under 102 - 0.5 * 3.
  EXPECT_EQ(LastValue("cdldarkcloudcover", {long_white, C(102.5, 102.6, 99.9, 100)}), -100);
  EXPECT_EQ(LastValue("cdldarkcloudcover", {long_white, C(102.5, 102.6, 100.7, 100.8)}), 0);
  // A smaller penetration (0.3: close under 101.1) accepts the shallower close.
  EXPECT_EQ(LastValue("cdldarkcloudcover", {long_white, C(102.5, 102.6, 100.7, 100.8)}, {0.3}),
            -100);

  // Doji star: long body, doji (body 0.05 <= 0.214) gapping away from it.
  EXPECT_EQ(LastValue("cdldojistar", {long_white, C(102.5, 102.7, 102.3, 102.55)}), -100);
  EXPECT_EQ(LastValue("cdldojistar", {long_black, C(98.5, 98.7, 98.2, 98.45)}), 100);
  EXPECT_EQ(LastValue("cdldojistar", {long_white, C(101.5, 102.7, 101.3, 101.55)}), 0);
}

TEST(CandlePatterns, ThreeCandles) {
  const Bar long_black = C(102, 102.2, 98.8, 99);
  const Bar long_white = C(99, 102.2, 98.8, 102);
  // Morning star: long black (3 > 1); short white star (0.2 <= 1.2) whose body tops out at 98.7,
  // under 99; white 3rd (2 > (8 + 3 + 0.2) / 10) closing at 101 > 99 + 0.3 * 3.
  const Bar low_star = C(98.5, 98.9, 98.3, 98.7);
  EXPECT_EQ(LastValue("cdlmorningstar", {long_black, low_star, C(99, 101.1, 98.9, 101)}), 100);
  EXPECT_EQ(LastValue("cdlmorningstar", {long_black, low_star, C(99, 99.9, 98.9, 99.8)}), 0);
  // A penetration of 0.1 only asks for a close above 99.3.
  EXPECT_EQ(LastValue("cdlmorningstar", {long_black, low_star, C(98.5, 99.9, 98.4, 99.8)}, {0.1}),
            100);
  // Evening star: the mirror.
  const Bar high_star = C(102.3, 102.6, 102.2, 102.5);
  EXPECT_EQ(LastValue("cdleveningstar", {long_white, high_star, C(102, 102.1, 99.9, 100)}), -100);
  EXPECT_EQ(LastValue("cdleveningstar", {long_white, high_star, C(102, 102.1, 101.2, 101.3)}), 0);
  // Doji forms: the star's body 0.05 <= 0.1 * (9 * 2 + 3.4) / 10 = 0.214; a 0.3 body is not a
  // doji.
  const Bar low_doji = C(98.5, 98.7, 98.3, 98.55);
  const Bar high_doji = C(102.3, 102.5, 102.2, 102.35);
  const Bar low_short = C(98.4, 98.9, 98.3, 98.7);
  const Bar high_short = C(102.3, 102.7, 102.2, 102.6);
  EXPECT_EQ(LastValue("cdlmorningdojistar", {long_black, low_doji, C(99, 101.1, 98.9, 101)}), 100);
  EXPECT_EQ(LastValue("cdlmorningdojistar", {long_black, low_short, C(99, 101.1, 98.9, 101)}), 0);
  EXPECT_EQ(LastValue("cdleveningdojistar", {long_white, high_doji, C(102, 102.1, 99.9, 100)}),
            -100);
  EXPECT_EQ(LastValue("cdleveningdojistar", {long_white, high_short, C(102, 102.1, 99.9, 100)}), 0);

  // Three white soldiers: upper shadows 0.05 (< ~0.18), rising closes, each open inside the
  // previous body (101.8 <= 102 + 0.4; 102.6 <= 102.8 + 0.366), bodies 1, 1, 1.2, the last
  // longer than the average body (8 + 1 + 1) / 10 = 1.
  const Bar a = C(101, 102.05, 100.9, 102);
  const Bar b = C(101.8, 102.85, 101.7, 102.8);
  EXPECT_EQ(LastValue("cdl3whitesoldiers", {a, b, C(102.6, 103.85, 102.5, 103.8)}), 100);
  EXPECT_EQ(LastValue("cdl3whitesoldiers", {a, b, C(102.6, 103.55, 102.5, 103.5)}), 0);  // 0.9
  EXPECT_EQ(LastValue("cdl3whitesoldiers", {a, b, C(102.6, 104.2, 102.5, 103.8)}), 0);   // shadow

  // Three black crows after the white background candle (high 101.5): lower shadows 0.05, each
  // opening inside the previous body, closes 100.2 > 99.9 > 99.6.
  const Bar c1 = C(101.2, 101.3, 100.15, 100.2);
  const Bar c2 = C(100.9, 101.0, 99.85, 99.9);
  EXPECT_EQ(LastValue("cdl3blackcrows", {c1, c2, C(100.6, 100.7, 99.55, 99.6)}), -100);
  EXPECT_EQ(LastValue("cdl3blackcrows", {c1, c2, C(101.0, 101.1, 99.55, 99.6)}), 0);  // open
}

TEST(CandlePatterns, WarmUpIsTaLibLookbackWithDefaultSettings) {
  // TA-Lib's lookback formulas with the default periods (10 for bodies and very short shadows,
  // 0 for long shadows, 5 for near/far).
  const std::vector<std::pair<std::string, int>> expected = {{"cdldoji", 10},
                                                             {"cdlhammer", 11},
                                                             {"cdlhangingman", 11},
                                                             {"cdlinvertedhammer", 11},
                                                             {"cdlshootingstar", 11},
                                                             {"cdlmarubozu", 10},
                                                             {"cdlspinningtop", 10},
                                                             {"cdldragonflydoji", 10},
                                                             {"cdlgravestonedoji", 10},
                                                             {"cdlengulfing", 2},
                                                             {"cdlharami", 11},
                                                             {"cdlharamicross", 11},
                                                             {"cdlpiercing", 11},
                                                             {"cdldarkcloudcover", 11},
                                                             {"cdldojistar", 11},
                                                             {"cdlmorningstar", 12},
                                                             {"cdleveningstar", 12},
                                                             {"cdlmorningdojistar", 12},
                                                             {"cdleveningdojistar", 12},
                                                             {"cdl3whitesoldiers", 12},
                                                             {"cdl3blackcrows", 13}};
  for (const auto& [name, lookback] : expected) {
    Result<int> warm = WarmUpOf(name);
    ASSERT_TRUE(warm.ok()) << name;
    EXPECT_EQ(*warm, lookback) << name;
  }
}

TEST(CandlePatterns, CustomSettingsChangeLookbackAndThreshold) {
  CandleSettings settings = CandleSettings::Defaults();
  settings[CandleSettingType::kBodyDoji] = {CandleRangeType::kHighLow, 3, 0.5};
  CdlDoji doji(settings);
  EXPECT_EQ(doji.WarmUp(), 3);
  // Ranges 2, 2, 2: a body of 0.9 is within half the average range.
  for (int i = 0; i < 3; ++i) doji.Update(C(100, 101.5, 99.5, 101));
  EXPECT_FALSE(doji.Ready());
  doji.Update(C(100, 101, 99, 100.9));
  EXPECT_TRUE(doji.Ready());
  EXPECT_EQ(doji.Value(), 100);
}

// The averager against the definition recomputed from scratch for every bar: factor times the
// mean of the setting's range over the `period` candles before the judged one (the candle itself
// when the period is 0), halved for shadows.
TEST(CandleAverager, EqualsFreshWindowAverageOnRandomCandles) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<Bar> bars;
  double price = 100;
  for (int i = 0; i < 400; ++i) {
    const double open = price;
    const double close = open + (u(rng) - 0.5) * 4;
    const double high = std::max(open, close) + u(rng) * 2;
    const double low = std::min(open, close) - u(rng) * 2;
    bars.push_back(C(open, high, low, close));
    price = close;
  }
  for (CandleRangeType type :
       {CandleRangeType::kRealBody, CandleRangeType::kHighLow, CandleRangeType::kShadows}) {
    for (int period : {0, 1, 5, 10}) {
      for (int offset = 0; offset <= 3; ++offset) {
        const CandleSetting setting{type, period, 0.7};
        const int start = period + offset + 2;
        CandleAverager avg(setting, offset, start);
        for (int i = 0; i < static_cast<int>(bars.size()); ++i) {
          avg.Push(bars[i]);
          if (i < start) continue;
          auto range = [&](const Bar& b) {
            switch (type) {
              case CandleRangeType::kRealBody:
                return std::fabs(b.close - b.open);
              case CandleRangeType::kHighLow:
                return b.high - b.low;
              case CandleRangeType::kShadows:
                return (b.high - std::max(b.open, b.close)) + (std::min(b.open, b.close) - b.low);
            }
            return 0.0;
          };
          const int judged = i - offset;
          double base = 0;
          if (period == 0) {
            base = range(bars[judged]);
          } else {
            for (int j = judged - period; j < judged; ++j) base += range(bars[j]);
            base /= period;
          }
          const double want = 0.7 * base / (type == CandleRangeType::kShadows ? 2 : 1);
          ASSERT_NEAR(avg.Average(), want, 1e-9 * std::max(1.0, std::fabs(want)))
              << "type " << static_cast<int>(type) << " period " << period << " offset " << offset
              << " bar " << i;
        }
      }
    }
  }
}

TEST(CandleAverager, HandComputedShadowAverage) {
  // Shadows of the two candles before the judged one: (0.5 + 0.5) and (1 + 0): mean 1, halved.
  CandleAverager avg({CandleRangeType::kShadows, 2, 1.0}, 0, 2);
  avg.Push(C(100, 101.5, 99.5, 101));
  avg.Push(C(100, 102, 100, 101));
  avg.Push(C(100, 100, 100, 100));
  EXPECT_DOUBLE_EQ(avg.Average(), 0.5);
  // Next bar: the window moves to bars 1 and 2: (1 + 0) and 0 -> 0.5 / 2.
  avg.Push(C(100, 100, 100, 100));
  EXPECT_DOUBLE_EQ(avg.Average(), 0.25);
  avg.Reset();
  avg.Push(C(100, 100, 100, 100));
  avg.Push(C(100, 100, 100, 100));
  avg.Push(C(100, 100, 100, 100));
  EXPECT_DOUBLE_EQ(avg.Average(), 0.0);
}

}  // namespace
}  // namespace pulse::indicators
