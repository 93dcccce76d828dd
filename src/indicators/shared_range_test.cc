#include "indicators/shared_range.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

#include <gtest/gtest.h>

#include "indicators/aroon.h"
#include "indicators/ichimoku.h"
#include "indicators/random_bars_test_util.h"
#include "indicators/ring_buffer.h"
#include "indicators/stoch.h"

namespace pulse::indicators {
namespace {

// Prices with many ties (rounded) and flat stretches, so the tie rule and the ages are checked.
std::vector<Bar> TiedBars(int n) {
  std::vector<Bar> bars = testing::RandomBars(n, 7);
  for (Bar& b : bars) {
    b.high = std::round(b.high);
    b.low = std::round(b.low);
  }
  return bars;
}

TEST(IndicatorsSharedRange, EqualsOneMinMaxWindowPerWindow) {
  const int windows[] = {52, 9, 14, 1, 26, 15, 2};
  const int n = static_cast<int>(std::size(windows));
  SharedRange range(windows, n);
  std::vector<MinMaxWindow> highs;
  std::vector<MinMaxWindow> lows;
  for (int w : windows) {
    highs.emplace_back(w, MinMaxWindow::Kind::kMax);
    lows.emplace_back(w, MinMaxWindow::Kind::kMin);
  }
  for (int pass = 0; pass < 2; ++pass) {
    for (const Bar& bar : TiedBars(600)) {
      range.Update(bar);
      for (int j = 0; j < n; ++j) {
        highs[j].Push(bar.high);
        lows[j].Push(bar.low);
        const int slot = range.Slot(windows[j]);
        ASSERT_EQ(slot, j);
        ASSERT_EQ(range.Highest(slot), highs[j].Value()) << "window " << windows[j];
        ASSERT_EQ(range.Lowest(slot), lows[j].Value()) << "window " << windows[j];
        ASSERT_EQ(range.HighestAge(slot), highs[j].Age()) << "window " << windows[j];
        ASSERT_EQ(range.LowestAge(slot), lows[j].Age()) << "window " << windows[j];
      }
    }
    range.Reset();
    for (int j = 0; j < n; ++j) {
      highs[j].Clear();
      lows[j].Clear();
    }
  }
  EXPECT_EQ(range.Slot(3), -1);
}

// Readers attached to one SharedRange give the numbers they give alone, bit for bit.
TEST(IndicatorsSharedRange, AttachedReadersMatchTheStandaloneIndicators) {
  std::vector<std::unique_ptr<Indicator>> alone;
  std::vector<std::unique_ptr<Indicator>> shared;
  const auto add_both = [&](auto make) {
    alone.push_back(make());
    shared.push_back(make());
  };
  add_both([] { return std::make_unique<Stoch>(14, 3, 3); });
  add_both([] { return std::make_unique<WillR>(14); });
  add_both([] { return std::make_unique<Aroon>(14); });
  add_both([] { return std::make_unique<Ichimoku>(9, 26, 52, 26); });
  add_both([] { return std::make_unique<Ichimoku>(20, 5, 20, 3); });
  std::vector<int> windows;
  for (const auto& indicator : shared) {
    int w[3];
    for (int k = 0, n = indicator->RangeWindows(w); k < n; ++k) {
      if (std::find(windows.begin(), windows.end(), w[k]) == windows.end()) windows.push_back(w[k]);
    }
  }
  SharedRange range(windows.data(), static_cast<int>(windows.size()));
  for (const auto& indicator : shared) indicator->AttachRange(&range);
  for (const Bar& bar : TiedBars(700)) {
    range.Update(bar);
    for (std::size_t i = 0; i < alone.size(); ++i) {
      double a[8];
      double s[8];
      alone[i]->UpdateInto(bar, a);
      shared[i]->UpdateInto(bar, s);
      for (int k = 0; k < alone[i]->NumOutputs(); ++k) {
        if (std::isnan(a[k])) {
          ASSERT_TRUE(std::isnan(s[k]));
        } else {
          ASSERT_EQ(a[k], s[k]) << "indicator " << i << " output " << k;
        }
      }
    }
  }
}

}  // namespace
}  // namespace pulse::indicators
