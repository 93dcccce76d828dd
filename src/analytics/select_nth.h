// SelectNth: std::nth_element for doubles, with partitions that do not branch on the data, so
// random values cost no branch mispredictions (several times faster than libstdc++'s
// introselect on a million returns: BM_SelectNth_* in bench/analytics). Used for the quantiles
// of ComputeReturnStats.
// Pure; thread-safe.
#pragma once

namespace pulse::analytics {

// Rearranges [first, last) so that *nth is the value a full sort would put there, every value
// before it is <= *nth and every value after it is >= *nth. No value may be NaN. Falls back to
// std::nth_element when pivots keep failing (adversarial input), so the worst case stays
// O(n log n).
void SelectNth(double* first, double* nth, double* last);

}  // namespace pulse::analytics
