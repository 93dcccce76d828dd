#include "indicators/ring_buffer.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <gtest/gtest.h>

namespace pulse::indicators {
namespace {

TEST(IndicatorsRingBuffer, KeepsTheLastValuesNewestFirst) {
  RingBuffer ring(3);
  for (double x : {1.0, 2.0, 3.0, 4.0}) ring.Push(x);
  EXPECT_TRUE(ring.Full());
  EXPECT_EQ(ring.Back(0), 4.0);
  EXPECT_EQ(ring.Back(2), 2.0);
  EXPECT_EQ(ring.Oldest(), 2.0);
  ring.Clear();
  EXPECT_EQ(ring.Size(), 0);
}

TEST(IndicatorsMinMaxWindow, MatchesANaiveScan) {
  std::vector<double> xs;
  for (int i = 0; i < 300; ++i) xs.push_back(std::round(std::sin(i * 0.7) * 10 + i % 7));
  for (int window : {1, 2, 5, 14}) {
    MinMaxWindow max(window, MinMaxWindow::Kind::kMax);
    MinMaxWindow min(window, MinMaxWindow::Kind::kMin);
    for (size_t i = 0; i < xs.size(); ++i) {
      max.Push(xs[i]);
      min.Push(xs[i]);
      const size_t from = i + 1 >= static_cast<size_t>(window) ? i + 1 - window : 0;
      EXPECT_EQ(max.Value(), *std::max_element(xs.begin() + from, xs.begin() + i + 1));
      EXPECT_EQ(min.Value(), *std::min_element(xs.begin() + from, xs.begin() + i + 1));
    }
  }
}

TEST(IndicatorsMinMaxWindow, AnswersEveryShorterWindowOverTheSameInput) {
  std::vector<double> xs;
  for (int i = 0; i < 300; ++i) xs.push_back(std::round(std::cos(i * 0.3) * 8 + i % 5));
  const int window = 26;
  MinMaxWindow max(window, MinMaxWindow::Kind::kMax);
  MinMaxWindow min(window, MinMaxWindow::Kind::kMin);
  for (size_t i = 0; i < xs.size(); ++i) {
    max.Push(xs[i]);
    min.Push(xs[i]);
    for (int n : {1, 2, 9, 25, 26}) {
      const size_t from = i + 1 >= static_cast<size_t>(n) ? i + 1 - n : 0;
      EXPECT_EQ(max.ValueOver(n), *std::max_element(xs.begin() + from, xs.begin() + i + 1));
      EXPECT_EQ(min.ValueOver(n), *std::min_element(xs.begin() + from, xs.begin() + i + 1));
    }
    const int ns[5] = {26, 25, 9, 9, 1};
    double highs[5];
    double lows[5];
    max.ValuesOverDescending(ns, 5, highs);
    min.ValuesOverDescending(ns, 5, lows);
    for (int j = 0; j < 5; ++j) {
      EXPECT_EQ(highs[j], max.ValueOver(ns[j]));
      EXPECT_EQ(lows[j], min.ValueOver(ns[j]));
    }
  }
}

}  // namespace
}  // namespace pulse::indicators
