// FeatureHash: the digest stored with each signal to identify the exact feature vector it saw
// (FNV-1a 64 over the vector's bytes, 16 lowercase hex digits). Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <string>

namespace pulse::signal {

// FNV-1a, 64 bits (offset basis 0xcbf29ce484222325, prime 0x100000001b3).
std::uint64_t Fnv1a64(std::span<const unsigned char> bytes);

// Fnv1a64 over the in-memory bytes of the doubles (IEEE-754, the machine's byte order: little
// endian on every platform Pulse runs on), as 16 lowercase hex digits.
std::string FeatureHash(std::span<const double> features);

}  // namespace pulse::signal
