// ThreadCpuSeconds: the CPU time of the calling thread, what the replay benchmarks time with
// (the machine is shared; CPU time is steadier than wall time).
#pragma once

#include <time.h>

namespace pulse::bench {

// Seconds of CPU the calling thread has used.
inline double ThreadCpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

}  // namespace pulse::bench
