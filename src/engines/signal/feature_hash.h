// FeatureHash: the digest stored with each signal to identify the exact feature vector it saw
// (XXH64, seed 0, over the vector's bytes, 16 lowercase hex digits). XXH64 reads 8-byte words
// in four independent lanes, so a 68-value vector costs a few dozen multiplies instead of a
// serial chain of one per byte. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <string>

namespace pulse::signal {

// XXH64 of `bytes`, from the xxHash library (libxxhash): the value of `xxhsum -H1`.
std::uint64_t XxHash64(std::span<const unsigned char> bytes, std::uint64_t seed = 0);

// XxHash64 (seed 0) over the in-memory bytes of the doubles (IEEE-754, little endian: the
// machine's byte order on every platform Pulse runs on, checked at compile time), as 16
// lowercase hex digits. In Python: xxhash.xxh64(struct.pack('<%dd' % n, *v)).hexdigest().
std::string FeatureHash(std::span<const double> features);

}  // namespace pulse::signal
