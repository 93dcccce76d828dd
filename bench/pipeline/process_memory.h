// Resident memory of this process, for the replay benchmarks' RSS counters (Linux: getrusage
// and /proc/self/statm; elsewhere 0). Thread-safe.
#pragma once

#include <cstdint>

namespace pulse::bench {

// The peak resident set size (ru_maxrss) since the process started or since the last
// ResetPeakRss(), in bytes.
std::int64_t PeakRssBytes();
// Starts a new peak at the current resident size (/proc/self/clear_refs, Linux 4.0+); false
// when the system does not allow it (the peak then stays the process's).
bool ResetPeakRss();
// The resident set size now (/proc/self/statm), in bytes; 0 when unavailable.
std::int64_t CurrentRssBytes();
// The resident set size after returning the allocator's free memory to the system
// (malloc_trim with glibc; the plain figure elsewhere), in bytes.
std::int64_t TrimmedRssBytes();

}  // namespace pulse::bench
