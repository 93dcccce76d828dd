#include "engines/signal/shadow_book.h"

#include <gtest/gtest.h>

namespace pulse::signal {
namespace {

TEST(ShadowBookTest, OnePerSymbolDirectionUntilItCloses) {
  ShadowBook book = *ShadowBook::Create(ShadowPolicy::kOnePerSymbolDirection);
  const std::size_t btc = book.AddSymbol();
  const std::size_t eth = book.AddSymbol();
  EXPECT_EQ(eth, 1u);
  EXPECT_TRUE(book.WantsRecord(btc, Direction::kLong));
  book.Open(btc, Direction::kLong);
  EXPECT_FALSE(book.WantsRecord(btc, Direction::kLong));
  EXPECT_TRUE(book.WantsRecord(btc, Direction::kShort));
  EXPECT_TRUE(book.WantsRecord(eth, Direction::kLong));
  // A denied signal opens a second shadow on the same slot: both must close.
  book.Open(btc, Direction::kLong);
  EXPECT_EQ(book.open_count(btc, Direction::kLong), 2);
  ASSERT_TRUE(book.Close(btc, Direction::kLong).ok());
  EXPECT_FALSE(book.WantsRecord(btc, Direction::kLong));
  ASSERT_TRUE(book.Close(btc, Direction::kLong).ok());
  EXPECT_TRUE(book.WantsRecord(btc, Direction::kLong));
  const Status st = book.Close(btc, Direction::kLong);
  EXPECT_EQ(st.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(st.message(), "no open long shadow to close");
}

TEST(ShadowBookTest, AllAndNonePolicies) {
  ShadowBook all = *ShadowBook::Create(ShadowPolicy::kAll);
  ShadowBook none = *ShadowBook::Create(ShadowPolicy::kNone);
  const std::size_t a = all.AddSymbol();
  const std::size_t n = none.AddSymbol();
  all.Open(a, Direction::kShort);
  EXPECT_TRUE(all.WantsRecord(a, Direction::kShort));
  EXPECT_FALSE(none.WantsRecord(n, Direction::kShort));
  none.Open(n, Direction::kShort);  // a denied signal still counts as a shadow
  EXPECT_EQ(none.open_count(n, Direction::kShort), 1);
  EXPECT_TRUE(none.Close(n, Direction::kShort).ok());
}

TEST(ShadowBookTest, PolicyNamesRoundTrip) {
  for (ShadowPolicy p :
       {ShadowPolicy::kOnePerSymbolDirection, ShadowPolicy::kAll, ShadowPolicy::kNone}) {
    Result<ShadowPolicy> parsed = ParseShadowPolicy(ShadowPolicyName(p));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, p);
  }
  EXPECT_EQ(ShadowPolicyName(ShadowPolicy::kOnePerSymbolDirection), "one_per_symbol_direction");
  Result<ShadowPolicy> bad = ParseShadowPolicy("some");
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(bad.status().message(),
            "unknown shadow policy 'some' (accepted: one_per_symbol_direction, all, none)");
  EXPECT_FALSE(ShadowBook::Create(static_cast<ShadowPolicy>(7)).ok());
}

}  // namespace
}  // namespace pulse::signal
