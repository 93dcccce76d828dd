// RunStore: the port for where a `pulse run` has got to (table pipeline_runs) and for the manual
// controller commands queued for a running pipeline (table controller_commands).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/time.h"
#include "model/controller_state.h"
#include "model/signal.h"

namespace pulse {

// One pipeline_runs row. A run commits its checkpoint in the same transaction as the rows of
// the bar closes up to it.
struct RunRecord {
  std::string name;
  std::string fingerprint;      // of the settings the run started with
  SignalId signals_before = 0;  // the highest signal id before the run: its signals are above
  std::optional<UnixNanos> first_close;
  std::optional<UnixNanos> checkpoint_close;  // the last bar close whose rows are stored
  std::int64_t bar_closes = 0;
  std::int64_t bars = 0;
  std::string bars_hash;  // of every bar up to the checkpoint
  bool finished = false;
  UnixNanos updated_at = 0;

  bool operator==(const RunRecord&) const = default;
};

// One controller_commands row: a manual pause, resume or emergency stop asked for from the
// command line, applied by the running pipeline at its next bar close.
struct ControllerCommand {
  std::int64_t id = 0;  // assigned by the store
  UnixNanos requested_at = 0;
  ControllerCommandKind kind = ControllerCommandKind::kPause;
  std::string requested_by;
  std::string note;
  bool acknowledge_red = false;            // resume only: start a fresh evaluation of a red light
  std::optional<std::string> run_name;     // set when applied
  std::optional<UnixNanos> applied_close;  // simulated time of the close it was applied at

  bool operator==(const ControllerCommand&) const = default;
};

// Persistence of runs and controller commands. Implementations are thread-compatible.
class RunStore {
 public:
  virtual ~RunStore() = default;

  // The run named `name`, or nullopt.
  virtual Result<std::optional<RunRecord>> FindRun(std::string_view name) = 0;
  // AlreadyExists when a run of that name exists; InvalidArgument for an empty name.
  virtual Status CreateRun(const RunRecord& run) = 0;
  // Writes every progress field of `run` (first_close .. updated_at) to the row of its name,
  // provided that row is still at `from`'s progress (its bar_closes and bars_hash): a run
  // saves only the progress it read or saved itself. NotFound when there is no such run;
  // FailedPrecondition when another writer moved the run on meanwhile (the caller's transaction
  // must then roll back).
  virtual Status SaveProgress(const RunRecord& run, const RunRecord& from) = 0;

  // The highest signals.id, 0 when there are none.
  virtual Result<SignalId> MaxSignalId() = 0;
  // The ids of the signals above `after` that a pipeline created (every source kind but
  // manual), in ascending order.
  virtual Result<std::vector<SignalId>> PipelineSignalIdsAfter(SignalId after) = 0;

  // Queues a command and returns its id. InvalidArgument when it is already applied.
  virtual Result<std::int64_t> RequestCommand(const ControllerCommand& command) = 0;
  // Commands not applied yet, oldest first.
  virtual Result<std::vector<ControllerCommand>> PendingCommands() = 0;
  // Commands `run` applied, in the order it applied them.
  virtual Result<std::vector<ControllerCommand>> AppliedCommands(std::string_view run) = 0;
  // Marks a pending command applied by `run` at `close`. FailedPrecondition when it is
  // already applied, NotFound for an unknown id.
  virtual Status MarkApplied(std::int64_t id, std::string_view run, UnixNanos close) = 0;
};

}  // namespace pulse
