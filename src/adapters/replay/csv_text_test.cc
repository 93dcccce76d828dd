#include "adapters/replay/csv_text.h"

#include <bit>
#include <charconv>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <system_error>

#include <gtest/gtest.h>

namespace pulse::replay {
namespace {

// What std::from_chars makes of the whole of `s` (the reference), as bits; nullopt if it
// refuses it or stops early.
std::optional<std::uint64_t> Reference(const std::string& s) {
  double value = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return std::bit_cast<std::uint64_t>(value);
}

std::optional<std::uint64_t> Parsed(const std::string& s) {
  double value = 0;
  if (!ParseDouble(s, &value)) return std::nullopt;
  return std::bit_cast<std::uint64_t>(value);
}

TEST(ParseDoubleTest, GivesFromCharsBitsOnRandomDecimals) {
  std::mt19937_64 rng(20261122);
  auto digits = [&](int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += static_cast<char>('0' + rng() % 10);
    return out;
  };
  int fast_shape = 0;
  for (int i = 0; i < 300000; ++i) {
    std::string s = (rng() % 4 == 0) ? "-" : "";
    const int whole = 1 + static_cast<int>(rng() % 20);
    const int fraction = static_cast<int>(rng() % 26);
    s += digits(whole);
    if (fraction > 0 || rng() % 8 == 0) s += "." + digits(fraction);
    if (whole + fraction <= 19) ++fast_shape;
    ASSERT_EQ(Parsed(s), Reference(s)) << s;
  }
  EXPECT_GT(fast_shape, 50000);  // the fast path's shapes were among them
}

TEST(ParseDoubleTest, GivesFromCharsBitsAtTheEdgesOfTheFastPath) {
  for (const std::string s : {"0",
                              "-0",
                              "0.0",
                              "-0.0",
                              "19695.87",
                              "19720.0",
                              "0.000123",
                              "794.500517",
                              "9007199254740992",
                              "9007199254740993",
                              "-9007199254740993",
                              "900719925474099.3",
                              "1234567890123456789",
                              "12345678901234567890",
                              "0.0000000000000000000001",
                              "0.00000000000000000000001",
                              "1.7976931348623157",
                              "4.9406564584124654",
                              "123456.78901234567",
                              "0.1",
                              "0.2",
                              "0.3",
                              "2.5",
                              "1e5",
                              "1E-5",
                              "-1.5e+300",
                              "inf",
                              "-inf",
                              "nan",
                              "infinity",
                              "1.",
                              ".5",
                              "-.5",
                              "00012.50",
                              "1e400",
                              "1e-400"}) {
    EXPECT_EQ(Parsed(s), Reference(s)) << s;
  }
}

TEST(ParseDoubleTest, RefusesWhatIsNotOneNumber) {
  double v = 7;
  for (const std::string s :
       {"", "-", "+", ".", "-.", "1.2.3", "1,5", "12a", " 1", "1 ", "--1", "0x10", "1e", "abc"}) {
    EXPECT_FALSE(ParseDouble(s, &v)) << "'" << s << "'";
  }
  // A leading '+' is accepted, as before.
  ASSERT_TRUE(ParseDouble("+2.5", &v));
  EXPECT_EQ(v, 2.5);
}

TEST(LooksLikeHeaderTest, FirstFieldStartingWithANameNotAQuotedNumber) {
  EXPECT_TRUE(LooksLikeHeader("timestamp_ms,open,high,low,close,volume"));
  EXPECT_TRUE(LooksLikeHeader(" \"Date\" ,\"Open\""));
  EXPECT_TRUE(LooksLikeHeader("_ts,o"));
  EXPECT_TRUE(LooksLikeHeader(",date,open,high,low,close,volume"));  // pandas index column
  EXPECT_TRUE(LooksLikeHeader("time"));
  EXPECT_FALSE(LooksLikeHeader("1606780800000,1,2,0.5,1,1"));
  EXPECT_FALSE(LooksLikeHeader("\"1606780800000\",\"1\",\"2\",\"0.5\",\"1\",\"1\""));
  EXPECT_FALSE(LooksLikeHeader("2021-01-01T00:05:00Z,1,2,0.5,1,1"));
  EXPECT_FALSE(LooksLikeHeader(",1,2,0.5,1,1"));
  EXPECT_FALSE(LooksLikeHeader(","));
  EXPECT_FALSE(LooksLikeHeader(""));
}

}  // namespace
}  // namespace pulse::replay
