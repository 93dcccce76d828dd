#include "analytics/select_nth.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace pulse::analytics {
namespace {

// SelectNth at every k of interest must give the sorted value there, keep the multiset, and
// leave nothing larger before it nor smaller after it.
void ExpectSelects(std::vector<double> values, std::size_t k, const std::string& what) {
  SCOPED_TRACE(what + " n=" + std::to_string(values.size()) + " k=" + std::to_string(k));
  std::vector<double> sorted = values;
  std::sort(sorted.begin(), sorted.end());
  SelectNth(values.data(), values.data() + k, values.data() + values.size());
  ASSERT_EQ(values[k], sorted[k]);
  for (std::size_t i = 0; i < k; ++i) ASSERT_LE(values[i], values[k]) << i;
  for (std::size_t i = k + 1; i < values.size(); ++i) ASSERT_GE(values[i], values[k]) << i;
  std::sort(values.begin(), values.end());
  ASSERT_EQ(values, sorted);
}

TEST(SelectNthTest, RandomValuesAtManyRanks) {
  std::mt19937_64 rng(1);
  std::normal_distribution<double> noise(0, 1);
  for (std::size_t n : {1u, 2u, 5u, 33u, 100u, 1000u, 100000u}) {
    std::vector<double> v(n);
    for (double& x : v) x = noise(rng);
    for (std::size_t k : {std::size_t{0}, n / 100, n / 20, n / 2, n - 1 - n / 20, n - 1}) {
      ExpectSelects(v, k, "normal");
    }
  }
}

TEST(SelectNthTest, DuplicatesAndOrderedInputs) {
  std::mt19937_64 rng(2);
  std::uniform_int_distribution<int> few(0, 4);
  const std::size_t n = 50000;
  std::vector<double> dup(n), equal(n, 0.25), up(n), down(n), pipe(n);
  for (std::size_t i = 0; i < n; ++i) {
    dup[i] = few(rng) * 0.01;
    up[i] = static_cast<double>(i);
    down[i] = -static_cast<double>(i);
    pipe[i] = static_cast<double>(std::min(i, n - i));
  }
  for (std::size_t k : {std::size_t{0}, n / 20, n / 2, n - 1}) {
    ExpectSelects(dup, k, "five distinct values");
    ExpectSelects(equal, k, "all equal");
    ExpectSelects(up, k, "ascending");
    ExpectSelects(down, k, "descending");
    ExpectSelects(pipe, k, "organ pipe");
  }
}

TEST(SelectNthTest, EmptyRangeAndNthAtTheEnd) {
  std::vector<double> v = {3, 1, 2};
  SelectNth(v.data(), v.data() + 3, v.data() + 3);  // nth == last: nothing to do
  EXPECT_EQ(v, (std::vector<double>{3, 1, 2}));
  SelectNth(v.data(), v.data(), v.data());
}

}  // namespace
}  // namespace pulse::analytics
