#include "model/bar_bucket.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <random>
#include <string>

#include <gtest/gtest.h>

namespace pulse {
namespace {

constexpr UnixNanos kStart = FromMillis(1609459200000);  // 2021-01-01 00:00 UTC
constexpr UnixNanos kFiveMinutes = FromSeconds(300);

Bar At(std::int64_t slot, double price, double volume) {
  return Bar{kStart + kFiveMinutes * slot, price, price + 1, price - 1, price + 0.5, volume};
}

void Feed(BarBucket& bucket, const Bar& bar) {
  const __int128 units = BarBucket::VolumeUnits(bar.volume);
  if (bucket.active()) {
    bucket.Add(bar, units);
  } else {
    bucket.Start(bar, units);
  }
}

TEST(BarBucket, FormsTheHigherBarWithAnExactVolume) {
  BarBucket bucket(Timeframe::Minutes(5), Timeframe::Minutes(15));
  Feed(bucket, At(0, 10, 0.1));
  EXPECT_FALSE(bucket.EndsWith(kStart));
  Feed(bucket, At(1, 12, 0.2));
  Feed(bucket, At(2, 9, 0.3));
  ASSERT_TRUE(bucket.EndsWith(kStart + 2 * kFiveMinutes));
  Bar out;
  ASSERT_TRUE(bucket.Complete(false, out));
  EXPECT_EQ(out, (Bar{kStart, 10, 13, 8, 9.5, 0.6}));  // 0.1 + 0.2 + 0.3 as doubles is not 0.6
  EXPECT_EQ(bucket.missing(), 0);
  EXPECT_EQ(bucket.end(), kStart + 3 * kFiveMinutes);
  EXPECT_FALSE(bucket.active());
}

TEST(BarBucket, DropsOnlyALeadingPartialBucket) {
  BarBucket bucket(Timeframe::Minutes(5), Timeframe::Hours(1));
  Feed(bucket, At(10, 1, 1));  // 00:50: the 00:00 hour is partial
  Feed(bucket, At(11, 1, 1));
  Bar out;
  EXPECT_FALSE(bucket.Complete(false, out));
  Feed(bucket, At(13, 2, 1));  // the 01:00 hour misses its first bar: still emitted
  EXPECT_EQ(bucket.missing(), 11);
  EXPECT_TRUE(bucket.Complete(false, out));
  EXPECT_EQ(out.open_time, kStart + FromSeconds(3600));
  EXPECT_EQ(out.open, 2);

  BarBucket kept(Timeframe::Minutes(5), Timeframe::Hours(1));
  Feed(kept, At(11, 1, 1));
  EXPECT_TRUE(kept.Complete(true, out));
  EXPECT_EQ(out.open_time, kStart);
}

TEST(BarBucket, CountsTheBaseBarsOfAMonth) {
  BarBucket bucket(Timeframe::Days(1), Timeframe::Months(1));
  const UnixNanos feb = FromMillis(1612137600000);  // 2021-02-01
  const __int128 units = BarBucket::VolumeUnits(5);
  bucket.Start(Bar{feb, 1, 1, 1, 1, 5}, units);
  EXPECT_EQ(bucket.missing(), 27);
  EXPECT_EQ(bucket.end(), FromMillis(1614556800000));  // 2021-03-01
}

TEST(BarBucket, VolumeUnits) {
  EXPECT_EQ(BarBucket::VolumeUnits(1.5), 150000000);
  EXPECT_EQ(BarBucket::VolumeUnits(0.1 + 0.2), BarBucket::kInexact);
  EXPECT_EQ(BarBucket::VolumeUnits(12345678.5), static_cast<__int128>(1234567850000000));
  EXPECT_EQ(BarBucket::UnitsToDouble(150000000), 1.5);
}

// The definition VolumeUnits implements: the digits of the shortest round-trip decimal form,
// as 1e-8 units, or kInexact beyond 8 decimals.
__int128 UnitsOfShortestForm(double volume) {
  char buf[400];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), volume, std::chars_format::fixed);
  if (ec != std::errc()) return BarBucket::kInexact;
  const std::string text(buf, end);
  const std::size_t dot = text.find('.');
  const std::string whole = text.substr(0, dot);
  std::string fraction = dot == std::string::npos ? "" : text.substr(dot + 1);
  if (fraction.size() > 8) return BarBucket::kInexact;
  fraction.resize(8, '0');
  __int128 units = 0;
  for (char c : whole + fraction) {
    if (c != '-') units = units * 10 + (c - '0');
  }
  return text.front() == '-' ? -units : units;
}

std::string Text(__int128 v) {
  const bool negative = v < 0;
  std::string out;
  do {
    const int digit = static_cast<int>(v % 10);
    out.insert(out.begin(), static_cast<char>('0' + (digit < 0 ? -digit : digit)));
    v /= 10;
  } while (v != 0);
  return negative ? "-" + out : out;
}

TEST(BarBucket, VolumeUnitsAreThoseOfTheShortestDecimalForm) {
  // Around and above the fast path's limit (2^24): decimals of up to 8 and more places, random
  // doubles, integers up to and past 2^53, both signs.
  std::mt19937_64 rng(20261122);
  std::uniform_real_distribution<double> magnitude(5.5, 17.5);  // log10 of the volume
  std::uniform_int_distribution<int> places(0, 10);
  int checked = 0;
  for (int i = 0; i < 200000; ++i) {
    double v = std::pow(10.0, magnitude(rng));
    switch (i % 4) {
      case 0: {  // a decimal with `p` places, as an exchange prints it
        const double scale = std::pow(10.0, places(rng));
        v = std::round(v * scale) / scale;
        break;
      }
      case 1:  // an integer
        v = std::round(v);
        break;
      default:  // any double
        break;
    }
    if (i % 8 == 7) v = -v;
    const __int128 expected = UnitsOfShortestForm(v);
    ASSERT_EQ(Text(BarBucket::VolumeUnits(v)), Text(expected)) << "volume " << v;
    ++checked;
  }
  EXPECT_EQ(checked, 200000);
  for (double edge : {16777216.0, 16777215.99999999, 16777216.00000001, 9007199254740991.0,
                      9007199254740992.0, 9007199254740994.0, 1e6, 999999.99999999}) {
    EXPECT_EQ(Text(BarBucket::VolumeUnits(edge)), Text(UnitsOfShortestForm(edge))) << edge;
  }
  EXPECT_EQ(BarBucket::VolumeUnits(123456789.0), static_cast<__int128>(12345678900000000));
  EXPECT_EQ(BarBucket::VolumeUnits(std::nan("")), BarBucket::kInexact);
}

}  // namespace
}  // namespace pulse
