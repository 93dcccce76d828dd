#include "analytics/select_nth.h"

#include <algorithm>
#include <cstddef>

namespace pulse::analytics {

namespace {

// Ranges this short go to std::nth_element directly.
constexpr std::ptrdiff_t kSmall = 32;

double Median3(double a, double b, double c) {
  return std::max(std::min(a, b), std::min(std::max(a, b), c));
}

// A pivot from nine values spread over the range (Tukey's ninther).
double Ninther(const double* first, std::ptrdiff_t n) {
  const double* p = first;
  return Median3(Median3(p[0], p[n / 8], p[n / 4]), Median3(p[3 * n / 8], p[n / 2], p[5 * n / 8]),
                 Median3(p[3 * n / 4], p[7 * n / 8], p[n - 1]));
}

// Lomuto partitions without branches: every value is written back (to where it was, or swapped
// with the first value of the upper part) and the boundary moves by the comparison's result.
// Returns the first value of the upper part.
template <typename Lower>
double* Partition(double* first, double* last, Lower lower) {
  double* boundary = first;
  for (double* it = first; it != last; ++it) {
    const double v = *it;
    const bool goes_low = lower(v);
    *it = *boundary;
    *boundary = v;
    boundary += goes_low;
  }
  return boundary;
}

}  // namespace

void SelectNth(double* first, double* nth, double* last) {
  if (nth == last) return;
  int rounds_left = 64;
  while (last - first > kSmall) {
    if (--rounds_left == 0) break;
    const double pivot = Ninther(first, last - first);
    // [first, below) < pivot <= [below, last); the pivot itself is in the upper part.
    double* below = Partition(first, last, [pivot](double v) { return v < pivot; });
    if (nth < below) {
      last = below;
      continue;
    }
    // [below, equal) == pivot < [equal, last); not empty, so every round shrinks the range.
    double* equal = Partition(below, last, [pivot](double v) { return v <= pivot; });
    if (nth < equal) return;
    first = equal;
  }
  std::nth_element(first, nth, last);
}

}  // namespace pulse::analytics
