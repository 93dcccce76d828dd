#include "core/json_text.h"

#include <gtest/gtest.h>

#include <charconv>
#include <cmath>
#include <limits>
#include <random>
#include <string>

namespace pulse {
namespace {

std::string String(std::string_view text) {
  std::string out;
  AppendJsonString(text, out);
  return out;
}

std::string Number(double value) {
  std::string out;
  AppendJsonNumber(value, out);
  return out;
}

TEST(JsonTextTest, StringsAreQuotedAndEscaped) {
  EXPECT_EQ(String(""), R"("")");
  EXPECT_EQ(String("confidence 0.60 < 0.77"), R"("confidence 0.60 < 0.77")");
  EXPECT_EQ(String("a\"b\\c"), R"("a\"b\\c")");
  EXPECT_EQ(String("line\nnext\r\ttab"), R"("line\nnext\r\ttab")");
  EXPECT_EQ(String(std::string("\x01\x1f", 2) + std::string(1, '\0')), R"("\u0001\u001f\u0000")");
}

TEST(JsonTextTest, Utf8PassesThroughAndBadBytesBecomeReplacementCharacters) {
  EXPECT_EQ(String("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x93\x88"),
            "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x93\x88\"");
  EXPECT_EQ(String("a\xff"
                   "b"),
            R"("a\ufffdb")");                                              // not a UTF-8 byte
  EXPECT_EQ(String("\x80"), R"("\ufffd")");                                // stray continuation
  EXPECT_EQ(String("\xc3"), R"("\ufffd")");                                // cut short
  EXPECT_EQ(String("\xc0\xaf"), R"("\ufffd\ufffd")");                      // overlong '/'
  EXPECT_EQ(String("\xed\xa0\x80"), R"("\ufffd\ufffd\ufffd")");            // surrogate
  EXPECT_EQ(String("\xf4\x90\x80\x80"), R"("\ufffd\ufffd\ufffd\ufffd")");  // above U+10FFFF
}

TEST(JsonTextTest, NumbersAreTheShortestTextThatReadsBack) {
  EXPECT_EQ(Number(0.6), "0.6");
  EXPECT_EQ(Number(1.0), "1");
  EXPECT_EQ(Number(-2.5), "-2.5");
  EXPECT_EQ(Number(1e-7), "1e-07");
  EXPECT_EQ(Number(2.5e20), "2.5e+20");
  EXPECT_EQ(Number(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(Number(std::nan("")), "null");
  EXPECT_EQ(Number(std::numeric_limits<double>::infinity()), "null");
  EXPECT_EQ(Number(-std::numeric_limits<double>::infinity()), "null");
  std::mt19937_64 random(7);
  for (int i = 0; i < 10000; ++i) {
    const double value = std::ldexp(std::uniform_real_distribution<double>(-1, 1)(random),
                                    std::uniform_int_distribution<int>(-60, 60)(random));
    const std::string text = Number(value);
    double back = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), back);
    ASSERT_EQ(ec, std::errc()) << text;
    ASSERT_EQ(end, text.data() + text.size()) << text;
    ASSERT_EQ(back, value) << text;
  }
}

}  // namespace
}  // namespace pulse
