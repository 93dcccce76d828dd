// SqlSignalStore: the SignalStore port on any SqlDatabase (tables signals, signal_results,
// theory_performance).
#pragma once

#include <cstddef>
#include <memory>
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

// How a SqlSignalStore writes.
struct SqlSignalStoreOptions {
  // SQLite only (ignored on PostgreSQL). Inside an outermost transaction, a rejected candidate
  // (status rejected: a shadow) is held in memory with its contributions, and with its result
  // and verdicts once it resolves, and all of them are written just before the transaction
  // commits (a BeforeCommit hook), in multi-row INSERTs. A shadow that resolves before the
  // commit then costs three rows and no updates instead of eight statements. The stored rows,
  // ids included, are those the writes one at a time give: while deferring, the store assigns
  // every id of signals, signal_results and theory_performance itself, at the time of the
  // write, from the largest stored (the transaction holds SQLite's write lock, so no other
  // connection can take one). Reads through this store that could see a held row write the
  // held rows first. While rows are held, nothing else on the connection may insert into
  // those three tables, and this store's writes inside a savepoint fail (kFailedPrecondition);
  // a rolled-back transaction drops its held rows with everything else.
  bool defer_shadows = false;
  // With defer_shadows: once this many shadows are held, they are written at once (a long
  // transaction then holds at most this many in memory).
  std::size_t max_held_shadows = 4096;
};

// Signals and their outcomes. Semantics as documented in ports/signal_store.h, plus:
// SaveOutcome and AddContributions return NotFound for a signal that does not exist;
// source_kind is derived from Signal::source (unknown sources count as manual) and from
// TheoryContribution::theory_name (unknown names count as theory).
// Lifecycle: borrows `db`, which must outlive it; cheap to construct per use (with
// defer_shadows, keep one store for the whole transaction: it holds the rows).
// Threading: thread-compatible, like the database it uses.
class SqlSignalStore final : public SignalStore {
 public:
  explicit SqlSignalStore(SqlDatabase& db, SqlSignalStoreOptions options = {});
  ~SqlSignalStore() override;

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
  struct Deferred;

  // The deferred state when this call may defer (defer_shadows on SQLite, at the outermost
  // level of a transaction), else nullptr; kFailedPrecondition inside a savepoint while rows
  // are held.
  Result<Deferred*> Deferring();
  // Writes the held rows (before a read that could see them, or an insert with an id the
  // database assigns).
  Status WriteHeld();

  // Inserts one signal; with `id` set, under that id.
  static Result<SignalId> Insert(SqlDatabase& db, const Signal& signal,
                                 std::optional<SignalId> id = std::nullopt);
  static Status RequireSignal(SqlDatabase& db, SignalId id);
  // Inserts or replaces the result row; with `deferred`, a new row takes its id from it.
  static Status WriteResult(SqlDatabase& db, const SignalResult& result, Deferred* deferred);
  // Sets theory_performance.was_correct of each contribution of `signal_id`.
  static Status WriteVerdicts(SqlDatabase& db, SignalId signal_id,
                              std::span<const TheoryContribution> contributions);
  // Inserts the rows in order, a few per statement; with `signal_id` set, for that signal
  // whatever their own signal_id says. InvalidArgument (nothing inserted) for an empty
  // theory_name.
  // With `first_id`, the rows take the ids first_id, first_id + 1, ...
  static Status InsertContributions(SqlDatabase& db,
                                    std::span<const TheoryContribution> contributions,
                                    std::optional<SignalId> signal_id,
                                    std::optional<std::int64_t> first_id = std::nullopt);

  SqlDatabase& db_;
  SqlSignalStoreOptions options_;
  std::shared_ptr<Deferred> deferred_;  // shared with the BeforeCommit hook
};

}  // namespace pulse::storage
