#include "adapters/storage/sql_signal_store.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "adapters/storage/sql_text.h"
#include "core/json_text.h"

namespace pulse::storage {

namespace {

constexpr std::string_view kSignalColumns =
    "id, symbol, exchange, timeframe, direction, entry_price, stop_loss, take_profit, "
    "confidence, size, source, status, created_at, notes, prediction, classification, "
    "trailing_activation_pct, trailing_pct, max_hold_minutes, model_version, feature_hash, "
    "gate_checks";

constexpr std::string_view kResultColumns =
    "signal_id, entry_price, entry_timestamp, exit_price, exit_timestamp, pnl_percent, pnl_usd, "
    "pnl_quote_total, outcome, exit_reason, hold_duration_minutes, mfe_percent, mae_percent, "
    "updated_at, pnl_percent_net, fees_quote, exit_resolution";

// The gate checks as a JSON array of {"gate", "value", "threshold", "passed", "reason"}, written
// directly (every stored signal has one; a document built first cost more than the insert).
std::string GateChecksJson(const std::vector<GateCheck>& checks) {
  std::string out = "[";
  for (const GateCheck& c : checks) {
    if (out.size() > 1) out += ',';
    out += R"({"gate":)";
    AppendJsonString(c.gate, out);
    out += R"(,"value":)";
    AppendJsonNumber(c.value, out);
    out += R"(,"threshold":)";
    AppendJsonNumber(c.threshold, out);
    out += c.passed ? R"(,"passed":true,"reason":)" : R"(,"passed":false,"reason":)";
    AppendJsonString(c.reason, out);
    out += '}';
  }
  out += ']';
  return out;
}

Result<std::vector<GateCheck>> GateChecksFromJson(const std::string& text, SignalId id) {
  const nlohmann::json array = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!array.is_array()) {
    return DataLossError("signal {}: gate_checks is not a JSON array: {}", id, text);
  }
  std::vector<GateCheck> checks;
  for (const nlohmann::json& item : array) {
    GateCheck c;
    if (!item.is_object() || !item.contains("gate") || !item["gate"].is_string() ||
        !item.contains("value") || !item["value"].is_number() || !item.contains("threshold") ||
        !item["threshold"].is_number() || !item.contains("passed") ||
        !item["passed"].is_boolean() || !item.contains("reason") || !item["reason"].is_string()) {
      return DataLossError("signal {}: malformed gate check {}", id, item.dump());
    }
    c.gate = item["gate"].get<std::string>();
    c.value = item["value"].get<double>();
    c.threshold = item["threshold"].get<double>();
    c.passed = item["passed"].get<bool>();
    c.reason = item["reason"].get<std::string>();
    checks.push_back(std::move(c));
  }
  return checks;
}

SqlValue NullableText(const std::string& text) {
  return text.empty() ? SqlValue() : SqlValue(text);
}

Result<Signal> SignalFromRow(const SqlRow& row) {
  Signal s;
  ASSIGN_OR_RETURN(s.id, row.GetInt64(0));
  ASSIGN_OR_RETURN(s.symbol, row.GetString(1));
  ASSIGN_OR_RETURN(s.exchange, row.GetString(2));
  ASSIGN_OR_RETURN(s.timeframe, row.GetString(3));
  ASSIGN_OR_RETURN(std::string direction, row.GetString(4));
  ASSIGN_OR_RETURN(s.direction, ParseDirection(direction));
  ASSIGN_OR_RETURN(s.entry_price, row.GetDouble(5));
  ASSIGN_OR_RETURN(s.stop_loss, row.GetDouble(6));
  ASSIGN_OR_RETURN(s.take_profit, row.GetDouble(7));
  ASSIGN_OR_RETURN(s.confidence, row.GetOptionalDouble(8));
  ASSIGN_OR_RETURN(s.size, row.GetOptionalDouble(9));
  ASSIGN_OR_RETURN(s.source, row.GetString(10));
  ASSIGN_OR_RETURN(std::string status, row.GetString(11));
  ASSIGN_OR_RETURN(s.status, ParseSignalStatus(status));
  ASSIGN_OR_RETURN(s.created_at, row.GetInt64(12));
  ASSIGN_OR_RETURN(s.notes, row.GetString(13));
  ASSIGN_OR_RETURN(s.prediction, row.GetOptionalDouble(14));
  ASSIGN_OR_RETURN(std::optional<std::string> classification, row.GetOptionalString(15));
  if (classification) {
    ASSIGN_OR_RETURN(s.classification, ParseSignalClass(*classification));
  }
  ASSIGN_OR_RETURN(s.trailing_activation_pct, row.GetOptionalDouble(16));
  ASSIGN_OR_RETURN(s.trailing_pct, row.GetOptionalDouble(17));
  ASSIGN_OR_RETURN(s.max_hold_minutes, row.GetOptionalInt64(18));
  ASSIGN_OR_RETURN(std::optional<std::string> model_version, row.GetOptionalString(19));
  s.model_version = model_version.value_or("");
  ASSIGN_OR_RETURN(std::optional<std::string> feature_hash, row.GetOptionalString(20));
  s.feature_hash = feature_hash.value_or("");
  ASSIGN_OR_RETURN(std::string gate_checks, row.GetString(21));
  ASSIGN_OR_RETURN(s.gate_checks, GateChecksFromJson(gate_checks, s.id));
  return s;
}

Result<SignalResult> ResultFromRow(const SqlRow& row) {
  SignalResult r;
  ASSIGN_OR_RETURN(r.signal_id, row.GetInt64(0));
  ASSIGN_OR_RETURN(r.entry_price, row.GetDouble(1));
  ASSIGN_OR_RETURN(r.entry_time, row.GetInt64(2));
  ASSIGN_OR_RETURN(r.exit_price, row.GetOptionalDouble(3));
  ASSIGN_OR_RETURN(r.exit_time, row.GetOptionalInt64(4));
  ASSIGN_OR_RETURN(r.pnl_percent, row.GetOptionalDouble(5));
  ASSIGN_OR_RETURN(r.pnl_quote, row.GetOptionalDouble(6));
  ASSIGN_OR_RETURN(r.pnl_quote_total, row.GetOptionalDouble(7));
  ASSIGN_OR_RETURN(std::string outcome, row.GetString(8));
  ASSIGN_OR_RETURN(r.outcome, ParseOutcome(outcome));
  ASSIGN_OR_RETURN(r.exit_reason, row.GetString(9));
  ASSIGN_OR_RETURN(r.hold_minutes, row.GetOptionalDouble(10));
  ASSIGN_OR_RETURN(r.mfe_percent, row.GetOptionalDouble(11));
  ASSIGN_OR_RETURN(r.mae_percent, row.GetOptionalDouble(12));
  ASSIGN_OR_RETURN(r.updated_at, row.GetInt64(13));
  ASSIGN_OR_RETURN(r.pnl_percent_net, row.GetOptionalDouble(14));
  ASSIGN_OR_RETURN(r.fees_quote, row.GetOptionalDouble(15));
  ASSIGN_OR_RETURN(r.exit_resolution, row.GetString(16));
  return r;
}

SqlValue OptionalTime(const std::optional<UnixNanos>& t) {
  return t ? SqlValue(std::int64_t{*t}) : SqlValue();
}

constexpr std::string_view kSignalInsertColumns =
    "symbol, exchange, timeframe, direction, entry_price, stop_loss, take_profit, confidence, "
    "size, source, source_kind, status, created_at, notes, prediction, classification, "
    "trailing_activation_pct, trailing_pct, max_hold_minutes, model_version, feature_hash, "
    "rejection_reasons, gate_checks";
constexpr std::size_t kSignalInsertWidth = 23;

constexpr std::string_view kResultInsertColumns =
    "signal_id, entry_price, entry_timestamp, exit_price, exit_timestamp, pnl_percent, pnl_usd, "
    "pnl_quote_total, outcome, exit_reason, hold_duration_minutes, mfe_percent, mae_percent, "
    "created_at, updated_at, pnl_percent_net, fees_quote, exit_resolution";
constexpr std::size_t kResultInsertWidth = 18;

constexpr std::string_view kContributionInsertColumns =
    "theory_name, signal_id, contribution_score, was_correct, source_kind, created_at";
constexpr std::size_t kContributionInsertWidth = 6;

// One table's multi-row INSERTs, of the columns above or of `id` and the columns above (built
// once each, as function-local statics of the callers below).
InsertValuesTexts Inserts(std::string_view table, std::string_view columns, std::size_t width,
                          bool with_id, std::size_t max_rows) {
  return InsertValuesTexts(
      fmt::format("INSERT INTO {} ({}{})", table, with_id ? "id, " : "", columns),
      width + (with_id ? 1 : 0), max_rows);
}

const InsertValuesTexts& SignalInserts(bool with_id) {
  static const InsertValuesTexts plain =
      Inserts("signals", kSignalInsertColumns, kSignalInsertWidth, false, 1);
  static const InsertValuesTexts ided =
      Inserts("signals", kSignalInsertColumns, kSignalInsertWidth, true, 16);
  return with_id ? ided : plain;
}

// Contributions go in multi-row INSERTs of up to 16 rows (rows keep their order, so their ids
// are those one INSERT per row would give).
const InsertValuesTexts& ContributionInserts(bool with_id) {
  static const InsertValuesTexts plain = Inserts("theory_performance", kContributionInsertColumns,
                                                 kContributionInsertWidth, false, 16);
  static const InsertValuesTexts ided =
      Inserts("theory_performance", kContributionInsertColumns, kContributionInsertWidth, true, 16);
  return with_id ? ided : plain;
}

const InsertValuesTexts& ResultInsertsWithId() {
  static const InsertValuesTexts ided =
      Inserts("signal_results", kResultInsertColumns, kResultInsertWidth, true, 16);
  return ided;
}

// The result row inserted or written over an existing one; with `with_id`, the first value is
// the id of a new row (SQLite's AUTOINCREMENT counts it even when the row exists).
const std::string& ResultUpsertSql(bool with_id) {
  auto build = [](bool id) {
    return Inserts("signal_results", kResultInsertColumns, kResultInsertWidth, id, 1).Sql(1) +
           " ON CONFLICT (signal_id) DO UPDATE SET entry_price = excluded.entry_price, "
           "entry_timestamp = excluded.entry_timestamp, exit_price = excluded.exit_price, "
           "exit_timestamp = excluded.exit_timestamp, pnl_percent = excluded.pnl_percent, "
           "pnl_usd = excluded.pnl_usd, pnl_quote_total = excluded.pnl_quote_total, outcome = "
           "excluded.outcome, exit_reason = excluded.exit_reason, hold_duration_minutes = "
           "excluded.hold_duration_minutes, mfe_percent = excluded.mfe_percent, mae_percent = "
           "excluded.mae_percent, updated_at = excluded.updated_at, pnl_percent_net = "
           "excluded.pnl_percent_net, fees_quote = excluded.fees_quote, exit_resolution = "
           "excluded.exit_resolution";
  };
  static const std::string plain = build(false);
  static const std::string ided = build(true);
  return with_id ? ided : plain;
}

// The values of kSignalInsertColumns.
void AppendSignalValues(const Signal& s, std::vector<SqlValue>& out) {
  out.emplace_back(s.symbol);
  out.emplace_back(s.exchange);
  out.emplace_back(s.timeframe);
  out.emplace_back(std::string(DirectionName(s.direction)));
  out.emplace_back(s.entry_price);
  out.emplace_back(s.stop_loss);
  out.emplace_back(s.take_profit);
  out.push_back(SqlNullable(s.confidence));
  out.push_back(SqlNullable(s.size));
  out.emplace_back(s.source);
  out.emplace_back(std::string(SourceKindOf(s.source, "manual")));
  out.emplace_back(std::string(SignalStatusName(s.status)));
  out.emplace_back(s.created_at);
  out.emplace_back(s.notes);
  out.push_back(SqlNullable(s.prediction));
  out.push_back(s.classification ? SqlValue(std::string(SignalClassName(*s.classification)))
                                 : SqlValue());
  out.push_back(SqlNullable(s.trailing_activation_pct));
  out.push_back(SqlNullable(s.trailing_pct));
  out.push_back(s.max_hold_minutes ? SqlValue(std::int64_t{*s.max_hold_minutes}) : SqlValue());
  out.push_back(NullableText(s.model_version));
  out.push_back(NullableText(s.feature_hash));
  out.push_back(NullableText(RejectionReasons(s)));
  out.emplace_back(GateChecksJson(s.gate_checks));
}

// The values of kContributionInsertColumns, for signal `signal_id`.
void AppendContributionValues(const TheoryContribution& c, SignalId signal_id,
                              std::vector<SqlValue>& out) {
  out.emplace_back(c.theory_name);
  out.emplace_back(signal_id);
  out.emplace_back(c.contribution_score);
  out.push_back(SqlNullable(c.was_correct));
  out.emplace_back(std::string(SourceKindOf(c.theory_name, "theory")));
  out.emplace_back(c.created_at);
}

// The values of kResultInsertColumns (created_at is the result's updated_at).
void AppendResultValues(const SignalResult& r, std::vector<SqlValue>& out) {
  out.emplace_back(r.signal_id);
  out.emplace_back(r.entry_price);
  out.emplace_back(r.entry_time);
  out.push_back(SqlNullable(r.exit_price));
  out.push_back(OptionalTime(r.exit_time));
  out.push_back(SqlNullable(r.pnl_percent));
  out.push_back(SqlNullable(r.pnl_quote));
  out.push_back(SqlNullable(r.pnl_quote_total));
  out.emplace_back(std::string(OutcomeName(r.outcome)));
  out.emplace_back(r.exit_reason);
  out.push_back(SqlNullable(r.hold_minutes));
  out.push_back(SqlNullable(r.mfe_percent));
  out.push_back(SqlNullable(r.mae_percent));
  out.emplace_back(r.updated_at);
  out.emplace_back(r.updated_at);
  out.push_back(SqlNullable(r.pnl_percent_net));
  out.push_back(SqlNullable(r.fees_quote));
  out.emplace_back(r.exit_resolution);
}

}  // namespace

std::string_view SourceKindOf(std::string_view source, std::string_view fallback) {
  const std::string_view prefix = source.substr(0, source.find(':'));
  for (std::string_view kind : {"manual", "theory", "model", "ensemble"}) {
    if (prefix == kind) return kind;
  }
  return fallback;
}

// Rows held back for the commit of transaction `serial` (SqlSignalStoreOptions::defer_shadows).
struct SqlSignalStore::Deferred {
  // A rejected candidate not written yet, with its result once it resolved.
  struct Shadow {
    Signal signal;                                  // id set
    std::vector<TheoryContribution> contributions;  // signal_id set
    std::int64_t first_contribution_id = 0;
    std::optional<SignalResult> result;
    std::int64_t result_id = 0;
  };
  // The next id of one table: read at its first use while nothing is held, then counted here.
  struct NextId {
    std::string_view table;
    std::int64_t next = 0;  // 0: to be read
  };

  explicit Deferred(SqlDatabase& d) : db(d) {}

  // Forgets the rows of a transaction that ended without writing them (it rolled back: a
  // commit writes them first).
  void Sync() {
    if (serial == db.transaction_serial() && db.in_transaction()) return;
    serial = db.transaction_serial();
    hooked = false;
    held.clear();
    index.clear();
    Forget();
  }
  // Forgets the counted ids (nothing may be held): the next use reads them again.
  void Forget() { signals.next = contributions.next = results.next = 0; }
  // `count` consecutive ids of `id`'s table; returns the first.
  Result<std::int64_t> Take(NextId& id, std::int64_t count);
  // Takes the held rows of the signal in held[position] to its resolution.
  Status Resolve(std::size_t position, const SignalResult& result,
                 std::span<const TheoryContribution> verdicts);
  // Writes the held rows, then forgets them and the counted ids.
  Status Write();

  SqlDatabase& db;
  std::uint64_t serial = 0;
  bool hooked = false;  // the BeforeCommit hook of transaction `serial` is registered
  NextId signals{"signals"}, contributions{"theory_performance"}, results{"signal_results"};
  std::vector<Shadow> held;                         // in id order
  std::unordered_map<SignalId, std::size_t> index;  // signal id -> position in `held`
};

Result<std::int64_t> SqlSignalStore::Deferred::Take(NextId& id, std::int64_t count) {
  if (id.next == 0) {
    // The id AUTOINCREMENT would give: past the largest stored and the largest ever used.
    ASSIGN_OR_RETURN(SqlRows rows,
                     db.Query(fmt::format("SELECT max(coalesce((SELECT seq FROM sqlite_sequence "
                                          "WHERE name = '{0}'), 0), coalesce((SELECT max(id) "
                                          "FROM {0}), 0))",
                                          id.table)));
    if (rows.empty()) return InternalError("no largest id of {}", id.table);
    ASSIGN_OR_RETURN(std::int64_t last, rows[0].GetInt64(0));
    id.next = last + 1;
  }
  const std::int64_t first = id.next;
  id.next += count;
  return first;
}

Status SqlSignalStore::Deferred::Resolve(std::size_t position, const SignalResult& result,
                                         std::span<const TheoryContribution> verdicts) {
  Shadow& shadow = held[position];
  for (const TheoryContribution& v : verdicts) {
    if (std::none_of(shadow.contributions.begin(), shadow.contributions.end(),
                     [&](const TheoryContribution& c) { return c.theory_name == v.theory_name; })) {
      return NotFoundError("signal {} has no contribution from '{}'", result.signal_id,
                           v.theory_name);
    }
  }
  if (!shadow.result) {
    ASSIGN_OR_RETURN(shadow.result_id, Take(results, 1));
  }
  shadow.result = result;
  for (const TheoryContribution& v : verdicts) {
    for (TheoryContribution& c : shadow.contributions) {
      if (c.theory_name == v.theory_name) c.was_correct = v.was_correct;
    }
  }
  return Status::Ok();
}

Status SqlSignalStore::Deferred::Write() {
  Sync();
  if (held.empty()) {
    Forget();
    return Status::Ok();
  }
  RETURN_IF_ERROR(InsertRowsInChunks(db, SignalInserts(/*with_id=*/true), held.size(),
                                     [&](std::size_t i, std::vector<SqlValue>& params) {
                                       params.emplace_back(held[i].signal.id);
                                       AppendSignalValues(held[i].signal, params);
                                     }));
  std::vector<std::pair<const TheoryContribution*, std::int64_t>> contribution_rows;
  std::vector<const Shadow*> resolved;
  for (const Shadow& shadow : held) {
    for (std::size_t k = 0; k < shadow.contributions.size(); ++k) {
      contribution_rows.emplace_back(&shadow.contributions[k],
                                     shadow.first_contribution_id + static_cast<std::int64_t>(k));
    }
    if (shadow.result) resolved.push_back(&shadow);
  }
  RETURN_IF_ERROR(
      InsertRowsInChunks(db, ContributionInserts(/*with_id=*/true), contribution_rows.size(),
                         [&](std::size_t i, std::vector<SqlValue>& params) {
                           params.emplace_back(contribution_rows[i].second);
                           AppendContributionValues(*contribution_rows[i].first,
                                                    contribution_rows[i].first->signal_id, params);
                         }));
  std::sort(resolved.begin(), resolved.end(),
            [](const Shadow* a, const Shadow* b) { return a->result_id < b->result_id; });
  RETURN_IF_ERROR(InsertRowsInChunks(db, ResultInsertsWithId(), resolved.size(),
                                     [&](std::size_t i, std::vector<SqlValue>& params) {
                                       params.emplace_back(resolved[i]->result_id);
                                       AppendResultValues(*resolved[i]->result, params);
                                     }));
  held.clear();
  index.clear();
  Forget();
  return Status::Ok();
}

SqlSignalStore::SqlSignalStore(SqlDatabase& db, SqlSignalStoreOptions options)
    : db_(db), options_(options) {
  if (options_.defer_shadows && db_.dialect() == SqlDialect::kSqlite) {
    deferred_ = std::make_shared<Deferred>(db_);
  }
}

SqlSignalStore::~SqlSignalStore() = default;

Result<SqlSignalStore::Deferred*> SqlSignalStore::Deferring() {
  if (!deferred_) return nullptr;
  Deferred& d = *deferred_;
  d.Sync();
  if (d.held.empty()) d.Forget();  // another writer may have inserted since the ids were read
  if (db_.transaction_depth() == 1) return &d;
  if (!d.held.empty()) {
    return FailedPreconditionError(
        "{} rejected candidates are held for the commit of the open transaction: this store "
        "cannot read or write signals inside a savepoint until they are written",
        d.held.size());
  }
  return nullptr;
}

Status SqlSignalStore::WriteHeld() {
  ASSIGN_OR_RETURN(Deferred * deferred, Deferring());
  if (deferred == nullptr || deferred->held.empty()) return Status::Ok();
  return db_.Atomically([&](SqlDatabase&) { return deferred->Write(); });
}

Result<SignalId> SqlSignalStore::Insert(SqlDatabase& db, const Signal& s,
                                        std::optional<SignalId> id) {
  if (s.symbol.empty()) return InvalidArgumentError("signal has no symbol");
  std::vector<SqlValue> params;
  params.reserve(kSignalInsertWidth + 1);
  if (id) {
    params.emplace_back(*id);
    AppendSignalValues(s, params);
    RETURN_IF_ERROR(db.Execute(SignalInserts(/*with_id=*/true).Sql(1), params).status());
    return *id;
  }
  AppendSignalValues(s, params);
  return db.InsertReturningId(SignalInserts(/*with_id=*/false).Sql(1), params);
}

Result<SignalId> SqlSignalStore::AddSignal(const Signal& signal) {
  ASSIGN_OR_RETURN(std::vector<SignalId> ids, AddSignals(std::span<const Signal>(&signal, 1)));
  return ids.at(0);
}

Result<std::vector<SignalId>> SqlSignalStore::AddSignals(std::span<const Signal> signals) {
  const std::vector<std::vector<TheoryContribution>> none(signals.size());
  return AddSignalsWithContributions(signals, none);
}

Result<std::vector<SignalId>> SqlSignalStore::AddSignalsWithContributions(
    std::span<const Signal> signals,
    std::span<const std::vector<TheoryContribution>> contributions) {
  if (signals.size() != contributions.size()) {
    return InvalidArgumentError("{} signals but {} contribution lists", signals.size(),
                                contributions.size());
  }
  for (std::size_t i = 0; i < signals.size(); ++i) {
    if (signals[i].symbol.empty()) return InvalidArgumentError("signal has no symbol");
    for (const TheoryContribution& c : contributions[i]) {
      if (c.theory_name.empty()) return InvalidArgumentError("contribution without theory_name");
    }
  }
  ASSIGN_OR_RETURN(Deferred * deferred, Deferring());
  std::vector<SignalId> ids;
  ids.reserve(signals.size());
  bool held = false;
  RETURN_IF_ERROR(db_.Atomically([&](SqlDatabase& db) -> Status {
    for (std::size_t i = 0; i < signals.size(); ++i) {
      const std::vector<TheoryContribution>& mine = contributions[i];
      if (deferred == nullptr) {
        ASSIGN_OR_RETURN(SignalId id, Insert(db, signals[i]));
        RETURN_IF_ERROR(InsertContributions(db, mine, id));
        ids.push_back(id);
        continue;
      }
      ASSIGN_OR_RETURN(SignalId id, deferred->Take(deferred->signals, 1));
      std::int64_t first_contribution = 0;
      if (!mine.empty()) {
        ASSIGN_OR_RETURN(
            first_contribution,
            deferred->Take(deferred->contributions, static_cast<std::int64_t>(mine.size())));
      }
      ids.push_back(id);
      if (signals[i].status != SignalStatus::kRejected) {
        RETURN_IF_ERROR(Insert(db, signals[i], id).status());
        RETURN_IF_ERROR(InsertContributions(db, mine, id, first_contribution));
        continue;
      }
      Deferred::Shadow shadow{signals[i], mine, first_contribution, std::nullopt, 0};
      shadow.signal.id = id;
      for (TheoryContribution& c : shadow.contributions) c.signal_id = id;
      deferred->index.emplace(id, deferred->held.size());
      deferred->held.push_back(std::move(shadow));
      held = true;
    }
    return Status::Ok();
  }));
  if (held && !deferred->hooked) {
    RETURN_IF_ERROR(db_.BeforeCommit([d = deferred_](SqlDatabase&) { return d->Write(); }));
    deferred->hooked = true;
  }
  if (held && deferred->held.size() >= options_.max_held_shadows) RETURN_IF_ERROR(WriteHeld());
  return ids;
}

Result<Signal> SqlSignalStore::GetSignal(SignalId id) {
  RETURN_IF_ERROR(WriteHeld());
  ASSIGN_OR_RETURN(SqlRows rows,
                   db_.Query(fmt::format("SELECT {} FROM signals WHERE id = ?", kSignalColumns),
                             {SqlValue(id)}));
  if (rows.empty()) return NotFoundError("signal {} not found", id);
  return SignalFromRow(rows[0]);
}

Result<std::vector<Signal>> SqlSignalStore::ListSignals(const SignalFilter& filter) {
  RETURN_IF_ERROR(WriteHeld());
  std::string sql = fmt::format("SELECT {} FROM signals", kSignalColumns);
  std::vector<SqlValue> params;
  std::vector<std::string> conditions;
  if (!filter.statuses.empty()) {
    std::string in = "status IN (";
    for (std::size_t i = 0; i < filter.statuses.size(); ++i) {
      in += i == 0 ? "?" : ", ?";
      params.emplace_back(std::string(SignalStatusName(filter.statuses[i])));
    }
    conditions.push_back(in + ")");
  }
  if (filter.symbol) {
    conditions.push_back("symbol = ?");
    params.emplace_back(*filter.symbol);
  }
  if (filter.created_since) {
    conditions.push_back("created_at >= ?");
    params.emplace_back(*filter.created_since);
  }
  if (!conditions.empty()) sql += fmt::format(" WHERE {}", fmt::join(conditions, " AND "));
  if (filter.limit < 0) return InvalidArgumentError("negative limit {}", filter.limit);
  if (filter.limit > 0) {
    sql += " ORDER BY created_at DESC, id DESC LIMIT ?";
    params.emplace_back(std::int64_t{filter.limit});
  } else {
    sql += " ORDER BY created_at, id";
  }
  ASSIGN_OR_RETURN(SqlRows rows, db_.Query(sql, params));
  std::vector<Signal> signals;
  signals.reserve(rows.size());
  for (const SqlRow& row : rows) {
    ASSIGN_OR_RETURN(Signal s, SignalFromRow(row));
    signals.push_back(std::move(s));
  }
  return signals;
}

Status SqlSignalStore::RequireSignal(SqlDatabase& db, SignalId id) {
  ASSIGN_OR_RETURN(SqlRows rows, db.Query("SELECT id FROM signals WHERE id = ?", {SqlValue(id)}));
  if (rows.empty()) return NotFoundError("signal {} not found", id);
  return Status::Ok();
}

Status SqlSignalStore::SaveResult(const SignalResult& r) { return SaveOutcome(r, {}); }

Status SqlSignalStore::SaveOutcome(const SignalResult& result,
                                   std::span<const TheoryContribution> contributions) {
  ASSIGN_OR_RETURN(Deferred * deferred, Deferring());
  if (deferred != nullptr) {
    auto it = deferred->index.find(result.signal_id);
    if (it != deferred->index.end()) {
      // Through Atomically, so a failure dooms the transaction as a failed write would.
      return db_.Atomically(
          [&](SqlDatabase&) { return deferred->Resolve(it->second, result, contributions); });
    }
  }
  return db_.Atomically([&](SqlDatabase& db) -> Status {
    RETURN_IF_ERROR(WriteResult(db, result, deferred));
    return WriteVerdicts(db, result.signal_id, contributions);
  });
}

// SQLite (in process): one single-row UPDATE per contribution through the cached prepared
// statement; measured, that is cheaper than one multi-row UPDATE (SQLite runs those in two
// passes with a statement journal). PostgreSQL (a round trip per statement): one UPDATE per
// distinct verdict (correct, wrong, unset: at most three, usually one or two). Either way a name
// listed twice ends with its last verdict, and every name must match a row of the signal (else
// NotFound naming the first that does not; the caller's transaction undoes the rest).
Status SqlSignalStore::WriteVerdicts(SqlDatabase& db, SignalId signal_id,
                                     std::span<const TheoryContribution> contributions) {
  if (contributions.empty()) return Status::Ok();
  if (db.dialect() == SqlDialect::kSqlite) {
    for (const TheoryContribution& c : contributions) {
      ASSIGN_OR_RETURN(
          std::int64_t changed,
          db.Execute("UPDATE theory_performance SET was_correct = ? WHERE signal_id = ? AND "
                     "theory_name = ?",
                     {c.was_correct ? SqlValue(std::int64_t{*c.was_correct ? 1 : 0}) : SqlValue(),
                      SqlValue(signal_id), SqlValue(c.theory_name)}));
      if (changed == 0) {
        return NotFoundError("signal {} has no contribution from '{}'", signal_id, c.theory_name);
      }
    }
    return Status::Ok();
  }
  auto verdict_of = [](const TheoryContribution& c) { return c.was_correct ? *c.was_correct : 2; };
  std::vector<char> matched(contributions.size(), 0);
  std::vector<SqlValue> params;
  std::string sql;
  for (int verdict = 0; verdict < 3; ++verdict) {
    params.clear();
    params.push_back(verdict == 2 ? SqlValue() : SqlValue(std::int64_t{verdict}));
    params.emplace_back(signal_id);
    for (std::size_t i = 0; i < contributions.size(); ++i) {
      const TheoryContribution& c = contributions[i];
      if (verdict_of(c) != verdict) continue;
      bool later = false;  // the same name again further on: its verdict is the one kept
      for (std::size_t j = i + 1; j < contributions.size() && !later; ++j) {
        later = contributions[j].theory_name == c.theory_name;
      }
      if (!later) params.emplace_back(c.theory_name);
    }
    const std::size_t names = params.size() - 2;
    if (names == 0) continue;
    sql = "UPDATE theory_performance SET was_correct = ? WHERE signal_id = ? AND theory_name ";
    if (names == 1) {
      sql += "= ?";
    } else {
      sql += "IN (?";
      for (std::size_t k = 1; k < names; ++k) sql += ", ?";
      sql += ")";
    }
    sql += " RETURNING theory_name";
    ASSIGN_OR_RETURN(SqlRows rows, db.Query(sql, params));
    for (const SqlRow& row : rows) {
      ASSIGN_OR_RETURN(std::string name, row.GetString(0));
      for (std::size_t i = 0; i < contributions.size(); ++i) {
        if (contributions[i].theory_name == name) matched[i] = 1;
      }
    }
  }
  for (std::size_t i = 0; i < contributions.size(); ++i) {
    if (!matched[i]) {
      return NotFoundError("signal {} has no contribution from '{}'", signal_id,
                           contributions[i].theory_name);
    }
  }
  return Status::Ok();
}

Status SqlSignalStore::WriteResult(SqlDatabase& db, const SignalResult& r, Deferred* deferred) {
  std::vector<SqlValue> params;
  params.reserve(kResultInsertWidth + 1);
  RETURN_IF_ERROR(RequireSignal(db, r.signal_id));
  if (deferred != nullptr) {
    // The statement takes the next id counted here, as AUTOINCREMENT would (a row that exists
    // keeps its own id, but the number is used up all the same).
    ASSIGN_OR_RETURN(std::int64_t id, deferred->Take(deferred->results, 1));
    params.emplace_back(id);
  }
  AppendResultValues(r, params);
  RETURN_IF_ERROR(db.Execute(ResultUpsertSql(deferred != nullptr), params).status());
  // A rejected candidate keeps its status: its result is a shadow outcome.
  const SignalStatus status =
      r.outcome == Outcome::kOpen ? SignalStatus::kOpen : SignalStatus::kClosed;
  return db
      .Execute("UPDATE signals SET status = ? WHERE id = ? AND status <> 'rejected'",
               {SqlValue(std::string(SignalStatusName(status))), SqlValue(r.signal_id)})
      .status();
}

Result<std::optional<SignalResult>> SqlSignalStore::GetResult(SignalId id) {
  RETURN_IF_ERROR(WriteHeld());
  ASSIGN_OR_RETURN(SqlRows rows, db_.Query(fmt::format("SELECT {} FROM signal_results WHERE "
                                                       "signal_id = ?",
                                                       kResultColumns),
                                           {SqlValue(id)}));
  if (rows.empty()) return std::optional<SignalResult>();
  ASSIGN_OR_RETURN(SignalResult r, ResultFromRow(rows[0]));
  return std::optional<SignalResult>(std::move(r));
}

Result<std::vector<SignalResult>> SqlSignalStore::ListClosedResults(UnixNanos since) {
  ASSIGN_OR_RETURN(SqlRows rows,
                   db_.Query(fmt::format("SELECT {} FROM signal_results WHERE outcome <> 'open' "
                                         "AND exit_timestamp >= ? AND signal_id IN "
                                         "(SELECT id FROM signals WHERE status <> 'rejected') "
                                         "ORDER BY exit_timestamp, signal_id",
                                         kResultColumns),
                             {SqlValue(since)}));
  std::vector<SignalResult> results;
  results.reserve(rows.size());
  for (const SqlRow& row : rows) {
    ASSIGN_OR_RETURN(SignalResult r, ResultFromRow(row));
    results.push_back(std::move(r));
  }
  return results;
}

namespace {

// "a, b" -> "t.a, t.b".
std::string Qualified(std::string_view columns, std::string_view alias) {
  std::string out;
  std::size_t start = 0;
  while (start < columns.size()) {
    std::size_t end = columns.find(", ", start);
    if (end == std::string_view::npos) end = columns.size();
    if (!out.empty()) out += ", ";
    out.append(alias).append(".").append(columns.substr(start, end - start));
    start = end + 2;
  }
  return out;
}

std::size_t ColumnCount(std::string_view columns) {
  return static_cast<std::size_t>(std::count(columns.begin(), columns.end(), ',')) + 1;
}

Result<TheoryContribution> ContributionFromRow(const SqlRow& row) {
  TheoryContribution c;
  ASSIGN_OR_RETURN(c.signal_id, row.GetInt64(0));
  ASSIGN_OR_RETURN(c.theory_name, row.GetString(1));
  ASSIGN_OR_RETURN(c.contribution_score, row.GetDouble(2));
  ASSIGN_OR_RETURN(c.was_correct, row.GetOptionalBool(3));
  ASSIGN_OR_RETURN(c.created_at, row.GetInt64(4));
  return c;
}

}  // namespace

Result<std::vector<OutcomeResolved>> SqlSignalStore::ListClosedOutcomes(
    const ClosedOutcomeFilter& filter) {
  // The held rows are all shadows.
  if (filter.shadows) RETURN_IF_ERROR(WriteHeld());
  // signal_results r joined with signals s, and the conditions on them.
  std::string from =
      "FROM signal_results r JOIN signals s ON s.id = r.signal_id WHERE r.outcome <> 'open'";
  from += filter.shadows ? " AND s.status = 'rejected'" : " AND s.status <> 'rejected'";
  std::vector<SqlValue> params;
  if (filter.exit_since) {
    from += " AND r.exit_timestamp >= ?";
    params.emplace_back(*filter.exit_since);
  }
  if (filter.exit_until) {
    from += " AND r.exit_timestamp <= ?";
    params.emplace_back(*filter.exit_until);
  }
  if (filter.updated_since) {
    from += " AND r.updated_at >= ?";
    params.emplace_back(*filter.updated_since);
  }
  if (!filter.symbols.empty()) {
    from += " AND s.symbol IN (";
    for (std::size_t i = 0; i < filter.symbols.size(); ++i) {
      from += i == 0 ? "?" : ", ?";
      params.emplace_back(filter.symbols[i]);
    }
    from += ")";
  }
  // Sorted here rather than by ORDER BY, so the database is free to find the rows by the index
  // that narrows them most (updated_at for the snapshots' reads) instead of walking the exit
  // index for its order.
  static const std::string columns =
      fmt::format("{}, {}", Qualified(kSignalColumns, "s"), Qualified(kResultColumns, "r"));
  ASSIGN_OR_RETURN(SqlRows rows, db_.Query(fmt::format("SELECT {} {}", columns, from), params));
  const std::size_t signal_width = ColumnCount(kSignalColumns);
  std::vector<OutcomeResolved> out;
  out.reserve(rows.size());
  for (const SqlRow& row : rows) {
    const std::vector<SqlValue>& cells = row.values();
    if (cells.size() != signal_width + ColumnCount(kResultColumns)) {
      return InternalError("closed outcome row has {} columns", cells.size());
    }
    OutcomeResolved o;
    ASSIGN_OR_RETURN(o.signal,
                     SignalFromRow(SqlRow({cells.begin(), cells.begin() + signal_width})));
    ASSIGN_OR_RETURN(o.result, ResultFromRow(SqlRow({cells.begin() + signal_width, cells.end()})));
    o.shadow = filter.shadows;
    out.push_back(std::move(o));
  }
  if (out.empty()) return out;
  std::sort(out.begin(), out.end(), [](const OutcomeResolved& a, const OutcomeResolved& b) {
    const UnixNanos ea = a.result.exit_time.value_or(0), eb = b.result.exit_time.value_or(0);
    return ea != eb ? ea < eb : a.signal.id < b.signal.id;
  });
  std::map<SignalId, std::size_t> index_of;
  for (std::size_t i = 0; i < out.size(); ++i) index_of[out[i].signal.id] = i;
  ASSIGN_OR_RETURN(SqlRows contributions,
                   db_.Query(fmt::format("SELECT c.signal_id, c.theory_name, c.contribution_score, "
                                         "c.was_correct, c.created_at FROM theory_performance c "
                                         "WHERE c.signal_id IN (SELECT r.signal_id {}) "
                                         "ORDER BY c.signal_id, c.id",
                                         from),
                             params));
  for (const SqlRow& row : contributions) {
    ASSIGN_OR_RETURN(TheoryContribution c, ContributionFromRow(row));
    auto it = index_of.find(c.signal_id);
    if (it == index_of.end()) continue;  // a result written between the two queries
    out[it->second].contributions.push_back(std::move(c));
  }
  return out;
}

Status SqlSignalStore::AddContributions(std::span<const TheoryContribution> contributions) {
  if (contributions.empty()) return Status::Ok();
  RETURN_IF_ERROR(WriteHeld());  // then the database assigns the ids
  return db_.Atomically([&](SqlDatabase& db) -> Status {
    std::set<SignalId> checked;
    for (const TheoryContribution& c : contributions) {
      if (checked.insert(c.signal_id).second) RETURN_IF_ERROR(RequireSignal(db, c.signal_id));
      if (c.theory_name.empty()) return InvalidArgumentError("contribution without theory_name");
    }
    return InsertContributions(db, contributions, std::nullopt);
  });
}

Status SqlSignalStore::InsertContributions(SqlDatabase& db,
                                           std::span<const TheoryContribution> contributions,
                                           std::optional<SignalId> signal_id,
                                           std::optional<std::int64_t> first_id) {
  for (const TheoryContribution& c : contributions) {
    if (c.theory_name.empty()) return InvalidArgumentError("contribution without theory_name");
  }
  return InsertRowsInChunks(db, ContributionInserts(first_id.has_value()), contributions.size(),
                            [&](std::size_t i, std::vector<SqlValue>& params) {
                              const TheoryContribution& c = contributions[i];
                              if (first_id) {
                                params.emplace_back(*first_id + static_cast<std::int64_t>(i));
                              }
                              AppendContributionValues(c, signal_id.value_or(c.signal_id), params);
                            });
}

Result<std::vector<TheoryContribution>> SqlSignalStore::ListContributions(SignalId id) {
  RETURN_IF_ERROR(WriteHeld());
  ASSIGN_OR_RETURN(SqlRows rows,
                   db_.Query("SELECT signal_id, theory_name, contribution_score, was_correct, "
                             "created_at FROM theory_performance WHERE signal_id = ? ORDER BY id",
                             {SqlValue(id)}));
  std::vector<TheoryContribution> out;
  out.reserve(rows.size());
  for (const SqlRow& row : rows) {
    ASSIGN_OR_RETURN(TheoryContribution c, ContributionFromRow(row));
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace pulse::storage
