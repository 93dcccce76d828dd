#include "core/check.h"

#include <cstdio>
#include <cstdlib>

namespace pulse::internal {

void CheckFailed(const char* expr, const char* file, int line, const char* msg) {
  std::fprintf(stderr, "FATAL %s:%d: CHECK(%s) failed %s\n", file, line, expr, msg);
  std::fflush(stderr);
  std::abort();
}

}  // namespace pulse::internal
