#include "engines/signal/feature_hash.h"

#include <gtest/gtest.h>

#include <vector>

namespace pulse::signal {
namespace {

// Reference values: the xxHash library's own XXH64() (libxxhash 0.8.1, seed 0 unless given),
// called on the same bytes; for the doubles on Python's struct.pack('<%dd' % n, *v).
TEST(FeatureHashTest, MatchesTheXxHashLibrary) {
  const unsigned char abc[] = {'a', 'b', 'c'};
  EXPECT_EQ(XxHash64({}), 0xef46db3751d8e999ULL);
  EXPECT_EQ(XxHash64(std::span<const unsigned char>(abc, 1)), 0xd24ec4f1a98c6e5bULL);
  EXPECT_EQ(XxHash64(abc), 0x44bc2cf5ad770999ULL);
  EXPECT_EQ(XxHash64(abc, 0x9E3779B185EBCA87ULL), 0xa7cb2aac405e36c7ULL);
}

// Bytes 0, 1, 2, ... of every length that takes another path: the 1-byte, 4-byte and 8-byte
// tails, exactly one 32-byte stripe, stripes plus tails.
TEST(FeatureHashTest, EveryTailLength) {
  std::vector<unsigned char> bytes(100);
  for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<unsigned char>(i);
  const std::pair<std::size_t, std::uint64_t> cases[] = {
      {1, 0xe934a84adb052768ULL},  {3, 0xe5c7bb4533bc65ddULL},  {4, 0xffced8604453cc1eULL},
      {7, 0x14cc643f630c72d2ULL},  {12, 0x424af23f1f08dca5ULL}, {31, 0xc346d2b59b4d8ee1ULL},
      {32, 0xcbf59c5116ff32b4ULL}, {33, 0x0c535d1acafb8eadULL}, {63, 0xe26aa9e2a95f8e4fULL},
      {100, 0x6ac1e58032166597ULL}};
  for (const auto& [length, want] : cases) {
    EXPECT_EQ(XxHash64({bytes.data(), length}), want) << length;
  }
}

TEST(FeatureHashTest, HashesTheDoublesBytesAsHex) {
  const double one[] = {1.0};
  EXPECT_EQ(FeatureHash(one), "949522f153a1a395");
  const double three[] = {0.6, 0.2, 0.9};
  EXPECT_EQ(FeatureHash(three), "44dc8a2650ca26c6");
  EXPECT_EQ(FeatureHash({}), "ef46db3751d8e999");
  // The engine's size: 68 values -3.0, -2.75, ..., 13.75.
  std::vector<double> wide(68);
  for (std::size_t i = 0; i < wide.size(); ++i) wide[i] = static_cast<double>(i) * 0.25 - 3;
  EXPECT_EQ(FeatureHash(wide), "9e0cc228c122dbaf");
  // One changed value changes the digest.
  wide[40] = -wide[40];
  EXPECT_NE(FeatureHash(wide), "9e0cc228c122dbaf");
}

}  // namespace
}  // namespace pulse::signal
