// CHECK: aborts on a broken invariant. Never for anything input can trigger; use Status then.
#pragma once

namespace pulse::internal {
[[noreturn]] void CheckFailed(const char* expr, const char* file, int line, const char* msg);
}  // namespace pulse::internal

#define CHECK(cond)                                                             \
  do {                                                                          \
    if (!(cond)) ::pulse::internal::CheckFailed(#cond, __FILE__, __LINE__, ""); \
  } while (false)

#define CHECK_MSG(cond, msg)                                                     \
  do {                                                                           \
    if (!(cond)) ::pulse::internal::CheckFailed(#cond, __FILE__, __LINE__, msg); \
  } while (false)
