#include "model/bar_bucket.h"

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

}  // namespace
}  // namespace pulse
