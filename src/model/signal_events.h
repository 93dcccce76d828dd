// Events of the signal engine: a candidate that passed every quality gate (SignalEmitted) and
// one that failed at least one (SignalRejected, shadow-tracked later). Plain value types.
#pragma once

#include <vector>

#include "model/signal.h"

namespace pulse {

// A fully specified signal the engine emitted: status kPending, every gate passed.
// `contributions` are each source's share (theory_performance rows; signal_id 0 until stored).
struct SignalEmitted {
  Signal signal;
  std::vector<TheoryContribution> contributions;
};

// A candidate that failed one or more quality gates: status kRejected, `signal.gate_checks`
// holds every gate's verdict with the values seen.
struct SignalRejected {
  Signal signal;
  std::vector<TheoryContribution> contributions;
};

}  // namespace pulse
