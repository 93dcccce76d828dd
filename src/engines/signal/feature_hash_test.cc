#include "engines/signal/feature_hash.h"

#include <gtest/gtest.h>

namespace pulse::signal {
namespace {

// Reference values: the published FNV-1a 64 test vectors, and Python's struct.pack('<d', ...)
// bytes hashed with the same published algorithm.
TEST(FeatureHashTest, MatchesPublishedFnv1aVectors) {
  EXPECT_EQ(Fnv1a64({}), 0xcbf29ce484222325ULL);
  const unsigned char a[] = {'a'};
  EXPECT_EQ(Fnv1a64(a), 0xaf63dc4c8601ec8cULL);
}

TEST(FeatureHashTest, HashesTheDoublesBytesAsHex) {
  const double one[] = {1.0};
  EXPECT_EQ(FeatureHash(one), "aab1693229ba1db8");
  const double three[] = {0.6, 0.2, 0.9};
  EXPECT_EQ(FeatureHash(three), "5c10e40a55d9d648");
  EXPECT_EQ(FeatureHash({}), "cbf29ce484222325");
}

}  // namespace
}  // namespace pulse::signal
