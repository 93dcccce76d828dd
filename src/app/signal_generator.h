// Historical signal generation: the signal engine run over candle files as it would run live
// (features from closed bars only, one engine call per bar close across all symbols), with a
// simple bracket follower that resolves each emitted signal on the bars after it so the
// one-open rule, cooldowns and adaptive weights behave as they would (a bar touching both
// levels decided by the series' detail bars when it has them). Used by
// `pulse signals generate`.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/config/config.h"
#include "app/feature_input.h"
#include "core/status.h"
#include "engines/signal/signal_engine.h"
#include "model/bar.h"
#include "model/signal.h"

namespace pulse::app {

// A signal or rejected candidate with its sources' contributions and what followed.
struct GeneratedSignal {
  Signal signal;  // status kPending (emitted) or kRejected
  std::vector<TheoryContribution> contributions;
  SignalResult followed;  // what the tracker resolved; outcome kOpen while still open
};

// What a run produced.
struct SignalRunReport {
  std::int64_t bars = 0;
  std::int64_t bar_closes = 0;                  // engine calls (distinct bar times)
  signal::BarCloseCounts counts;                // summed over every bar close
  std::vector<GeneratedSignal> signals;         // in time order
  std::vector<signal::SourceActivity> sources;  // each source's votes, at the end
};

// Runs the configured feature set and signal engine over `series` (bars of the feature base
// timeframe). `progress` gets the number of bars done. InvalidArgument / FailedPrecondition from
// the feature set or engine set-up, naming the series.
Result<SignalRunReport> GenerateSignals(
    const Config& config, const std::vector<SymbolSeries>& series,
    const std::function<void(std::int64_t)>& progress = nullptr);

}  // namespace pulse::app
