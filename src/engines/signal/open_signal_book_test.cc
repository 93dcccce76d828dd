#include "engines/signal/open_signal_book.h"

#include <gtest/gtest.h>

namespace pulse::signal {
namespace {

using Admission = OpenSignalBook::Admission;

TEST(OpenSignalBookTest, OneOpenPerSymbolAndDirectionThenCooldown) {
  OpenSignalBook book = *OpenSignalBook::Create({});  // 1 open, 60 minutes
  const std::size_t btc = book.AddSymbol();
  const std::size_t eth = book.AddSymbol();
  EXPECT_EQ(btc, 0u);
  EXPECT_EQ(eth, 1u);
  const UnixNanos t0 = FromSeconds(1'700'000'000);
  EXPECT_EQ(book.Admit(btc, Direction::kLong, t0), Admission::kAllowed);
  book.Open(btc, Direction::kLong, 500);
  EXPECT_EQ(book.Admit(btc, Direction::kLong, t0), Admission::kBlockedByOpenSignal);
  EXPECT_EQ(book.Admit(btc, Direction::kShort, t0), Admission::kAllowed);
  EXPECT_EQ(book.Admit(eth, Direction::kLong, t0), Admission::kAllowed);
  EXPECT_DOUBLE_EQ(book.exposure(), 500.0);

  const UnixNanos closed = t0 + 30 * kNanosPerMinute;
  ASSERT_TRUE(book.Close(btc, Direction::kLong, closed).ok());
  EXPECT_DOUBLE_EQ(book.exposure(), 0.0);
  EXPECT_EQ(book.Admit(btc, Direction::kLong, closed + 59 * kNanosPerMinute),
            Admission::kBlockedByCooldown);
  EXPECT_EQ(book.Admit(btc, Direction::kLong, closed + 60 * kNanosPerMinute), Admission::kAllowed);
  EXPECT_EQ(book.Admit(btc, Direction::kShort, closed), Admission::kAllowed);
}

TEST(OpenSignalBookTest, SeveralOpenWhenConfiguredAndAverageRelease) {
  OpenSignalConfig config;
  config.max_open_per_symbol_direction = 2;
  config.cooldown_minutes = 0;
  OpenSignalBook book = *OpenSignalBook::Create(config);
  const std::size_t s = book.AddSymbol();
  book.Open(s, Direction::kShort, 100);
  EXPECT_EQ(book.Admit(s, Direction::kShort, 0), Admission::kAllowed);
  book.Open(s, Direction::kShort, 300);
  EXPECT_EQ(book.Admit(s, Direction::kShort, 0), Admission::kBlockedByOpenSignal);
  ASSERT_TRUE(book.Close(s, Direction::kShort, 0).ok());
  EXPECT_DOUBLE_EQ(book.exposure(), 200.0);  // (100 + 300) / 2 released
  EXPECT_EQ(book.open_count(s, Direction::kShort), 1);
  EXPECT_EQ(book.Admit(s, Direction::kShort, 0), Admission::kAllowed);  // no cooldown
}

TEST(OpenSignalBookTest, ReleaseFreesTheSlotWithoutCooldown) {
  OpenSignalBook book = *OpenSignalBook::Create({});  // 1 open, 60 minutes
  const std::size_t s = book.AddSymbol();
  const UnixNanos t0 = FromSeconds(1'700'000'000);
  book.Open(s, Direction::kLong, 400);
  book.Open(s, Direction::kShort, 100);
  ASSERT_TRUE(book.Release(s, Direction::kLong).ok());
  EXPECT_DOUBLE_EQ(book.exposure(), 100.0);
  EXPECT_EQ(book.open_count(s, Direction::kLong), 0);
  EXPECT_EQ(book.Admit(s, Direction::kLong, t0), Admission::kAllowed);  // no cooldown
  const Status st = book.Release(s, Direction::kLong);
  EXPECT_EQ(st.code(), StatusCode::kFailedPrecondition);
  EXPECT_DOUBLE_EQ(book.exposure(), 100.0);
}

TEST(OpenSignalBookTest, ClosingWhatIsNotOpenIsAnError) {
  OpenSignalBook book = *OpenSignalBook::Create({});
  const std::size_t s = book.AddSymbol();
  Status st = book.Close(s, Direction::kLong, 0);
  EXPECT_EQ(st.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(st.message(), "no open long signal to close");
  OpenSignalConfig bad;
  bad.max_open_per_symbol_direction = 0;
  EXPECT_FALSE(OpenSignalBook::Create(bad).ok());
}

}  // namespace
}  // namespace pulse::signal
