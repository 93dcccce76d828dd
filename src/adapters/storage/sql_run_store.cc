#include "adapters/storage/sql_run_store.h"

#include <string>

#include <fmt/format.h>

namespace pulse::storage {

namespace {

constexpr std::string_view kRunColumns =
    "name, fingerprint, signals_before, first_close, checkpoint_close, bar_closes, bars, "
    "bars_hash, finished, updated_at";
constexpr std::string_view kCommandColumns =
    "id, requested_at, command, requested_by, note, acknowledge_red, run_name, applied_close";

SqlValue Optional(const std::optional<UnixNanos>& v) { return v ? SqlValue(*v) : SqlValue(); }

Result<RunRecord> RunFromSql(const SqlRow& sql) {
  RunRecord run;
  ASSIGN_OR_RETURN(run.name, sql.GetString(0));
  ASSIGN_OR_RETURN(run.fingerprint, sql.GetString(1));
  ASSIGN_OR_RETURN(run.signals_before, sql.GetInt64(2));
  ASSIGN_OR_RETURN(run.first_close, sql.GetOptionalInt64(3));
  ASSIGN_OR_RETURN(run.checkpoint_close, sql.GetOptionalInt64(4));
  ASSIGN_OR_RETURN(run.bar_closes, sql.GetInt64(5));
  ASSIGN_OR_RETURN(run.bars, sql.GetInt64(6));
  ASSIGN_OR_RETURN(run.bars_hash, sql.GetString(7));
  ASSIGN_OR_RETURN(run.finished, sql.GetBool(8));
  ASSIGN_OR_RETURN(run.updated_at, sql.GetInt64(9));
  return run;
}

Result<ControllerCommand> CommandFromSql(const SqlRow& sql) {
  ControllerCommand c;
  ASSIGN_OR_RETURN(c.id, sql.GetInt64(0));
  ASSIGN_OR_RETURN(c.requested_at, sql.GetInt64(1));
  ASSIGN_OR_RETURN(std::string kind, sql.GetString(2));
  Result<ControllerCommandKind> parsed = ParseControllerCommandKind(kind);
  if (!parsed.ok()) {
    return DataLossError("controller_commands {}: {}", c.id, parsed.status().message());
  }
  c.kind = *parsed;
  ASSIGN_OR_RETURN(c.requested_by, sql.GetString(3));
  ASSIGN_OR_RETURN(c.note, sql.GetString(4));
  ASSIGN_OR_RETURN(c.acknowledge_red, sql.GetBool(5));
  ASSIGN_OR_RETURN(c.run_name, sql.GetOptionalString(6));
  ASSIGN_OR_RETURN(c.applied_close, sql.GetOptionalInt64(7));
  return c;
}

}  // namespace

Result<std::optional<RunRecord>> SqlRunStore::FindRun(std::string_view name) {
  ASSIGN_OR_RETURN(
      SqlRows rows,
      db_.Query(fmt::format("SELECT {} FROM pipeline_runs WHERE name = ?", kRunColumns),
                {SqlValue(std::string(name))}));
  if (rows.empty()) return std::optional<RunRecord>();
  ASSIGN_OR_RETURN(RunRecord run, RunFromSql(rows[0]));
  return std::optional<RunRecord>(std::move(run));
}

Status SqlRunStore::CreateRun(const RunRecord& run) {
  if (run.name.empty()) return InvalidArgumentError("a run needs a name");
  Result<std::int64_t> inserted = db_.Execute(
      fmt::format("INSERT INTO pipeline_runs ({}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  kRunColumns),
      {SqlValue(run.name), SqlValue(run.fingerprint), SqlValue(run.signals_before),
       Optional(run.first_close), Optional(run.checkpoint_close), SqlValue(run.bar_closes),
       SqlValue(run.bars), SqlValue(run.bars_hash), SqlValue(std::int64_t{run.finished ? 1 : 0}),
       SqlValue(run.updated_at)});
  if (!inserted.ok() && inserted.status().code() == StatusCode::kAlreadyExists) {
    return AlreadyExistsError("a run named '{}' exists already", run.name);
  }
  return inserted.status();
}

Status SqlRunStore::SaveProgress(const RunRecord& run, const RunRecord& from) {
  ASSIGN_OR_RETURN(
      std::int64_t changed,
      db_.Execute("UPDATE pipeline_runs SET first_close = ?, checkpoint_close = ?, "
                  "bar_closes = ?, bars = ?, bars_hash = ?, finished = ?, updated_at = ? "
                  "WHERE name = ? AND bar_closes = ? AND bars_hash = ?",
                  {Optional(run.first_close), Optional(run.checkpoint_close),
                   SqlValue(run.bar_closes), SqlValue(run.bars), SqlValue(run.bars_hash),
                   SqlValue(std::int64_t{run.finished ? 1 : 0}), SqlValue(run.updated_at),
                   SqlValue(run.name), SqlValue(from.bar_closes), SqlValue(from.bars_hash)}));
  if (changed == 1) return Status::Ok();
  ASSIGN_OR_RETURN(std::optional<RunRecord> stored, FindRun(run.name));
  if (!stored) return NotFoundError("no run named '{}'", run.name);
  return FailedPreconditionError(
      "run '{}' was moved on by another writer meanwhile (it is at {} bar closes, hash {}; this "
      "one started from {} bar closes, hash {}): is another `pulse run` using this store?",
      run.name, stored->bar_closes, stored->bars_hash, from.bar_closes, from.bars_hash);
}

Result<SignalId> SqlRunStore::MaxSignalId() {
  ASSIGN_OR_RETURN(SqlRows rows, db_.Query("SELECT MAX(id) FROM signals"));
  ASSIGN_OR_RETURN(std::optional<std::int64_t> max, rows.at(0).GetOptionalInt64(0));
  return max.value_or(0);
}

Result<std::vector<SignalId>> SqlRunStore::PipelineSignalIdsAfter(SignalId after) {
  ASSIGN_OR_RETURN(SqlRows rows,
                   db_.Query("SELECT id FROM signals WHERE id > ? AND source_kind <> 'manual' "
                             "ORDER BY id",
                             {SqlValue(after)}));
  std::vector<SignalId> ids;
  ids.reserve(rows.size());
  for (const SqlRow& r : rows) {
    ASSIGN_OR_RETURN(SignalId id, r.GetInt64(0));
    ids.push_back(id);
  }
  return ids;
}

Result<std::int64_t> SqlRunStore::RequestCommand(const ControllerCommand& command) {
  if (command.applied_close || command.run_name) {
    return InvalidArgumentError("a new controller command cannot be applied already");
  }
  return db_.InsertReturningId(
      "INSERT INTO controller_commands (requested_at, command, requested_by, note, "
      "acknowledge_red) VALUES (?, ?, ?, ?, ?)",
      {SqlValue(command.requested_at),
       SqlValue(std::string(ControllerCommandKindName(command.kind))),
       SqlValue(command.requested_by), SqlValue(command.note),
       SqlValue(std::int64_t{command.acknowledge_red ? 1 : 0})});
}

Result<std::vector<ControllerCommand>> SqlRunStore::ListCommands(std::string_view where,
                                                                 std::vector<SqlValue> params) {
  ASSIGN_OR_RETURN(SqlRows rows, db_.Query(fmt::format("SELECT {} FROM controller_commands {}",
                                                       kCommandColumns, where),
                                           params));
  std::vector<ControllerCommand> out;
  out.reserve(rows.size());
  for (const SqlRow& r : rows) {
    ASSIGN_OR_RETURN(ControllerCommand c, CommandFromSql(r));
    out.push_back(std::move(c));
  }
  return out;
}

Result<std::vector<ControllerCommand>> SqlRunStore::PendingCommands() {
  return ListCommands("WHERE applied_close IS NULL ORDER BY id", {});
}

Result<std::vector<ControllerCommand>> SqlRunStore::AppliedCommands(std::string_view run) {
  return ListCommands("WHERE run_name = ? AND applied_close IS NOT NULL ORDER BY applied_close, id",
                      {SqlValue(std::string(run))});
}

Status SqlRunStore::MarkApplied(std::int64_t id, std::string_view run, UnixNanos close) {
  ASSIGN_OR_RETURN(std::int64_t changed,
                   db_.Execute("UPDATE controller_commands SET run_name = ?, applied_close = ? "
                               "WHERE id = ? AND applied_close IS NULL",
                               {SqlValue(std::string(run)), SqlValue(close), SqlValue(id)}));
  if (changed == 1) return Status::Ok();
  ASSIGN_OR_RETURN(SqlRows rows, db_.Query("SELECT applied_close FROM controller_commands "
                                           "WHERE id = ?",
                                           {SqlValue(id)}));
  if (rows.empty()) return NotFoundError("no controller command {}", id);
  return FailedPreconditionError("controller command {} is applied already", id);
}

}  // namespace pulse::storage
