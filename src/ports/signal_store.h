// SignalStore: the port for signals, their results and per-source contributions
// (tables signals, signal_results, theory_performance).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/time.h"
#include "model/outcome_events.h"
#include "model/signal.h"

namespace pulse {

// Which signals ListSignals returns. Empty fields do not filter.
struct SignalFilter {
  std::vector<SignalStatus> statuses;  // any of these; empty = all
  std::optional<std::string> symbol;
  std::optional<UnixNanos> created_since;
  int limit = 0;  // 0 = no limit; newest first when set
};

// Which closed outcomes ListClosedOutcomes returns. Empty fields do not filter.
struct ClosedOutcomeFilter {
  // false: outcomes of traded signals (status not rejected), as ListClosedResults; true: the
  // shadow outcomes of rejected candidates (quality gates, controller denials) only.
  bool shadows = false;
  std::optional<UnixNanos> exit_since;     // exit_time >= exit_since
  std::optional<UnixNanos> exit_until;     // exit_time <= exit_until
  std::optional<UnixNanos> updated_since;  // the result's updated_at >= updated_since
  std::vector<std::string> symbols;        // any of these; empty = all
};

// Persistence of signals and outcomes. Implementations are thread-compatible.
class SignalStore {
 public:
  virtual ~SignalStore() = default;

  // Stores a new signal and returns its id (the `id` field of the argument is ignored).
  virtual Result<SignalId> AddSignal(const Signal& signal) = 0;
  // Stores many signals in one transaction: all or none. Ids in input order.
  virtual Result<std::vector<SignalId>> AddSignals(std::span<const Signal> signals) = 0;
  // Stores signals with their sources' contributions (contributions[i] belong to signals[i];
  // their signal_id is set to the new id) in one transaction: all or none. Ids in input order.
  // InvalidArgument when the two spans differ in length.
  virtual Result<std::vector<SignalId>> AddSignalsWithContributions(
      std::span<const Signal> signals,
      std::span<const std::vector<TheoryContribution>> contributions) = 0;
  // NotFound when there is no such id.
  virtual Result<Signal> GetSignal(SignalId id) = 0;
  // Oldest first unless filter.limit is set (then the newest `limit`, newest first).
  virtual Result<std::vector<Signal>> ListSignals(const SignalFilter& filter) = 0;

  // Inserts or replaces the result row of result.signal_id and sets the signal's status in
  // the same transaction (kOpen while outcome is kOpen, kClosed otherwise; a kRejected signal
  // keeps its status: its result is a shadow outcome). NotFound when the signal does not exist.
  virtual Status SaveResult(const SignalResult& result) = 0;
  // SaveResult and each contribution's was_correct (matched by theory_name) in one
  // transaction. NotFound when the signal or one of the named contributions does not exist.
  virtual Status SaveOutcome(const SignalResult& result,
                             std::span<const TheoryContribution> contributions) = 0;
  // std::nullopt when the signal has no result row yet.
  virtual Result<std::optional<SignalResult>> GetResult(SignalId id) = 0;
  // Closed results of traded signals (shadow outcomes of rejected candidates excluded) whose
  // exit_time >= since, ordered by exit_time ascending.
  virtual Result<std::vector<SignalResult>> ListClosedResults(UnixNanos since) = 0;
  // Closed results (outcome not open) with their signal and the signal's contributions (in
  // the order they were added), each as an OutcomeResolved whose `shadow` is filter.shadows;
  // ordered by exit_time, then signal id. Read-only.
  virtual Result<std::vector<OutcomeResolved>> ListClosedOutcomes(
      const ClosedOutcomeFilter& filter) = 0;

  // Contributions of sources to a signal (theory_performance).
  virtual Status AddContributions(std::span<const TheoryContribution> contributions) = 0;
  virtual Result<std::vector<TheoryContribution>> ListContributions(SignalId id) = 0;
};

}  // namespace pulse
