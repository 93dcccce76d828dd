#include "engines/signal/feature_hash.h"

#include <bit>

#include <xxhash.h>

namespace pulse::signal {

static_assert(std::endian::native == std::endian::little,
              "FeatureHash hashes the doubles' little-endian bytes");

std::uint64_t XxHash64(std::span<const unsigned char> bytes, std::uint64_t seed) {
  return XXH64(bytes.data(), bytes.size(), seed);
}

std::string FeatureHash(std::span<const double> features) {
  const auto* data = reinterpret_cast<const unsigned char*>(features.data());
  std::uint64_t h = XxHash64({data, features.size() * sizeof(double)});
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4) out[static_cast<std::size_t>(i)] = kHex[h & 0xf];
  return out;
}

}  // namespace pulse::signal
