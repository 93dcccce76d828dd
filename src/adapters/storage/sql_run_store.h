// SqlRunStore: the RunStore port on any SqlDatabase (tables pipeline_runs and
// controller_commands).
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "adapters/storage/sql_database.h"
#include "ports/run_store.h"

namespace pulse::storage {

// Runs and queued controller commands. Semantics as documented in ports/run_store.h. A row
// whose command name is unknown reads as DataLoss naming the row.
// Lifecycle: borrows `db`, which must outlive it; cheap to construct per use.
// Threading: thread-compatible, like the database it uses.
class SqlRunStore final : public RunStore {
 public:
  explicit SqlRunStore(SqlDatabase& db) : db_(db) {}

  Result<std::optional<RunRecord>> FindRun(std::string_view name) override;
  Status CreateRun(const RunRecord& run) override;
  Status SaveProgress(const RunRecord& run, const RunRecord& from) override;
  Result<SignalId> MaxSignalId() override;
  Result<std::vector<SignalId>> PipelineSignalIdsAfter(SignalId after) override;
  Result<std::int64_t> RequestCommand(const ControllerCommand& command) override;
  Result<std::vector<ControllerCommand>> PendingCommands() override;
  Result<std::vector<ControllerCommand>> AppliedCommands(std::string_view run) override;
  Status MarkApplied(std::int64_t id, std::string_view run, UnixNanos close) override;

 private:
  Result<std::vector<ControllerCommand>> ListCommands(std::string_view where,
                                                      std::vector<SqlValue> params);

  SqlDatabase& db_;
};

}  // namespace pulse::storage
