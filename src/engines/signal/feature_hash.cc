#include "engines/signal/feature_hash.h"

#include <fmt/format.h>

namespace pulse::signal {

std::uint64_t Fnv1a64(std::span<const unsigned char> bytes) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (unsigned char b : bytes) {
    hash ^= b;
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

std::string FeatureHash(std::span<const double> features) {
  const auto* data = reinterpret_cast<const unsigned char*>(features.data());
  return fmt::format("{:016x}", Fnv1a64({data, features.size() * sizeof(double)}));
}

}  // namespace pulse::signal
