#include "engines/signal/decimal_text.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "engines/signal/append_format.h"

namespace pulse::signal {
namespace {

// Prices, ratios and percents of every size, exact binary ties and decimal near-ties.
std::vector<double> Values() {
  std::vector<double> values = {0.0,      -0.0,      0.125,    -0.125,  2.5,        0.005,
                                999999.5, 9.9999995, 99999.95, 0.00001, 9.99999e-5, 1e-5,
                                123456.5, 100000.0,  1e-9,     1e-12,   5e-324,     1e15,
                                17610.0,  -0.0001,   0.5,      1.5,     1e300,      -1e-300};
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> unit(-1, 1);
  std::uniform_int_distribution<int> power(-14, 14);
  for (int i = 0; i < 40000; ++i) {
    values.push_back(unit(rng) * std::pow(10.0, power(rng)));
    values.push_back(static_cast<double>(static_cast<std::int64_t>(rng() % 2000000)) / 64.0);
    values.push_back(std::round(unit(rng) * 1e7) / 1e4 + 0.005);
  }
  return values;
}

TEST(DecimalTextTest, FixedMatchesFmt) {
  for (double v : Values()) {
    for (int precision : {0, 2, 3, 4, 6}) {
      for (bool plus : {false, true}) {
        char text[kDecimalTextMax];
        const int size = FixedText(v, precision, plus, text);
        if (size < 0) continue;
        const std::string expected =
            plus ? fmt::format("{:+.{}f}", v, precision) : fmt::format("{:.{}f}", v, precision);
        ASSERT_EQ(std::string(text, static_cast<std::size_t>(size)), expected)
            << fmt::format("{:a} precision {}", v, precision);
      }
    }
  }
}

TEST(DecimalTextTest, GeneralMatchesFmt) {
  for (double v : Values()) {
    for (int precision : {1, 3, 6, 9}) {
      for (bool plus : {false, true}) {
        char text[kDecimalTextMax];
        const int size = GeneralText(v, precision, plus, text);
        if (size < 0) continue;
        const std::string expected =
            plus ? fmt::format("{:+.{}g}", v, precision) : fmt::format("{:.{}g}", v, precision);
        ASSERT_EQ(std::string(text, static_cast<std::size_t>(size)), expected)
            << fmt::format("{:a} precision {}", v, precision);
      }
    }
  }
}

TEST(DecimalTextTest, DeclinesWhatItDoesNotHandle) {
  char text[kDecimalTextMax];
  EXPECT_EQ(FixedText(std::numeric_limits<double>::quiet_NaN(), 2, false, text), -1);
  EXPECT_EQ(FixedText(std::numeric_limits<double>::infinity(), 2, false, text), -1);
  EXPECT_EQ(FixedText(1e17, 2, false, text), -1);
  EXPECT_EQ(GeneralText(1234567.0, 6, false, text), -1);
  EXPECT_EQ(GeneralText(-std::numeric_limits<double>::infinity(), 6, false, text), -1);
}

TEST(DecimalTextTest, AppendFormatWritesWhatFmtWrites) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::string text = "x";
  AppendFormat(&text, FMT_COMPILE(" {:.2f} {:+.6g} {:g} {} {:.3f} {}"), 0.125, 1234567.0, 30.0, nan,
               -2.0005, 7);
  EXPECT_EQ(text, "x" + fmt::format(" {:.2f} {:+.6g} {:g} {} {:.3f} {}", 0.125, 1234567.0, 30.0,
                                    nan, -2.0005, 7));
}

}  // namespace
}  // namespace pulse::signal
