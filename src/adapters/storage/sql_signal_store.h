// SqlSignalStore: the SignalStore port on any SqlDatabase (tables signals, signal_results,
// theory_performance).
#pragma once

#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "adapters/storage/sql_database.h"
#include "ports/signal_store.h"

namespace pulse::storage {

// source_kind column value for a signal source or theory name: "theory:x" -> theory,
// "model:x" -> model, "ensemble" / "ensemble:x" -> ensemble, "manual" -> manual. Anything else
// is `fallback`.
std::string_view SourceKindOf(std::string_view source, std::string_view fallback);

// Signals and their outcomes. Semantics as documented in ports/signal_store.h, plus:
// SaveOutcome and AddContributions return NotFound for a signal that does not exist;
// source_kind is derived from Signal::source (unknown sources count as manual) and from
// TheoryContribution::theory_name (unknown names count as theory).
// Lifecycle: borrows `db`, which must outlive it; cheap to construct per use.
// Threading: thread-compatible, like the database it uses.
class SqlSignalStore final : public SignalStore {
 public:
  explicit SqlSignalStore(SqlDatabase& db) : db_(db) {}

  Result<SignalId> AddSignal(const Signal& signal) override;
  Result<std::vector<SignalId>> AddSignals(std::span<const Signal> signals) override;
  Result<std::vector<SignalId>> AddSignalsWithContributions(
      std::span<const Signal> signals,
      std::span<const std::vector<TheoryContribution>> contributions) override;
  Result<Signal> GetSignal(SignalId id) override;
  Result<std::vector<Signal>> ListSignals(const SignalFilter& filter) override;

  Status SaveResult(const SignalResult& result) override;
  Result<std::optional<SignalResult>> GetResult(SignalId id) override;
  Result<std::vector<SignalResult>> ListClosedResults(UnixNanos since) override;
  // Three queries (results, their signals, their contributions) over one set of conditions.
  Result<std::vector<OutcomeResolved>> ListClosedOutcomes(
      const ClosedOutcomeFilter& filter) override;

  Status AddContributions(std::span<const TheoryContribution> contributions) override;
  Result<std::vector<TheoryContribution>> ListContributions(SignalId id) override;
  Status SaveOutcome(const SignalResult& result,
                     std::span<const TheoryContribution> contributions) override;

 private:
  Result<SignalId> Insert(SqlDatabase& db, const Signal& signal);
  Status RequireSignal(SqlDatabase& db, SignalId id);
  Status WriteResult(SqlDatabase& db, const SignalResult& result);
  // Sets theory_performance.was_correct of each contribution of `signal_id`.
  static Status WriteVerdicts(SqlDatabase& db, SignalId signal_id,
                              std::span<const TheoryContribution> contributions);
  // Inserts the rows in order, a few per statement; with `signal_id` set, for that signal
  // whatever their own signal_id says. InvalidArgument (nothing inserted) for an empty
  // theory_name.
  static Status InsertContributions(SqlDatabase& db,
                                    std::span<const TheoryContribution> contributions,
                                    std::optional<SignalId> signal_id);

  SqlDatabase& db_;
};

}  // namespace pulse::storage
