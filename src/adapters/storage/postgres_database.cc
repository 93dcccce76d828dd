#include "adapters/storage/postgres_database.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <exception>

#include <fmt/format.h>
#include <pqxx/pqxx>
#include <pqxx/tablewriter>

#include "adapters/storage/sql_text.h"

namespace pulse::storage {

namespace {

// Rows per multi-row INSERT in BulkUpsert (PostgreSQL allows at most 65535 parameters).
constexpr std::size_t kBulkRowsPerStatement = 1000;
// From this many rows on, BulkUpsert uses COPY into a temporary table and one merging INSERT.
constexpr std::size_t kCopyMinRows = 100;
constexpr std::size_t kMaxParameters = 65535;

// Type OIDs from pg_type.h.
constexpr pqxx::oid kBoolOid = 16;
constexpr pqxx::oid kInt8Oid = 20;
constexpr pqxx::oid kInt2Oid = 21;
constexpr pqxx::oid kInt4Oid = 23;
constexpr pqxx::oid kOidOid = 26;
constexpr pqxx::oid kFloat4Oid = 700;
constexpr pqxx::oid kFloat8Oid = 701;
constexpr pqxx::oid kNumericOid = 1700;

std::string PercentDecode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      int value = 0;
      const auto [ptr, ec] = std::from_chars(s.data() + i + 1, s.data() + i + 3, value, 16);
      if (ec == std::errc() && ptr == s.data() + i + 3) {
        out.push_back(static_cast<char>(value));
        i += 2;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  return out;
}

StatusCode CodeForSqlState(const std::string& state) {
  if (state == "23505") return StatusCode::kAlreadyExists;
  if (state == "23503") return StatusCode::kFailedPrecondition;
  if (state == "40001" || state == "40P01") return StatusCode::kAborted;
  if (state == "57014") return StatusCode::kCancelled;
  if (state == "42P01" || state == "42703") return StatusCode::kFailedPrecondition;
  if (state == "3D000") return StatusCode::kNotFound;
  const std::string cls = state.substr(0, 2);
  if (cls == "23" || cls == "22") return StatusCode::kInvalidArgument;
  if (cls == "08" || cls == "57") return StatusCode::kUnavailable;
  if (cls == "53") return StatusCode::kResourceExhausted;
  if (cls == "28") return StatusCode::kUnauthenticated;
  if (cls == "42") return StatusCode::kInternal;
  return StatusCode::kInternal;
}

std::string FormatDouble(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  return fmt::format("{}", d);
}

// Appends `v` in COPY text format: \N for NULL, backslash escapes for \\, tab, newline, CR.
void AppendCopyField(const SqlValue& v, std::string& out) {
  if (std::holds_alternative<std::monostate>(v)) {
    out += "\\N";
  } else if (const auto* n = std::get_if<std::int64_t>(&v)) {
    fmt::format_to(std::back_inserter(out), "{}", *n);
  } else if (const auto* d = std::get_if<double>(&v)) {
    out += FormatDouble(*d);
  } else {
    for (char c : std::get<std::string>(v)) {
      switch (c) {
        case '\\':
          out += "\\\\";
          break;
        case '\t':
          out += "\\t";
          break;
        case '\n':
          out += "\\n";
          break;
        case '\r':
          out += "\\r";
          break;
        default:
          out += c;
      }
    }
  }
}

// Text form of the parameters; `pointers[i]` is null for SQL NULL.
struct TextParams {
  std::vector<std::string> storage;
  std::vector<const char*> pointers;

  explicit TextParams(SqlDatabase::Params params) {
    storage.resize(params.size());
    pointers.resize(params.size());
    for (std::size_t i = 0; i < params.size(); ++i) {
      const SqlValue& v = params[i];
      if (std::holds_alternative<std::monostate>(v)) {
        pointers[i] = nullptr;
        continue;
      }
      if (const auto* n = std::get_if<std::int64_t>(&v)) {
        storage[i] = fmt::format("{}", *n);
      } else if (const auto* d = std::get_if<double>(&v)) {
        storage[i] = FormatDouble(*d);
      } else {
        storage[i] = std::get<std::string>(v);
      }
      pointers[i] = storage[i].c_str();
    }
  }
};

Result<SqlValue> ConvertField(const pqxx::field& f) {
  if (f.is_null()) return SqlValue();
  const char* text = f.c_str();
  const std::size_t size = f.size();
  switch (f.type()) {
    case kBoolOid:
      return SqlValue(std::int64_t{text[0] == 't' ? 1 : 0});
    case kInt2Oid:
    case kInt4Oid:
    case kInt8Oid:
    case kOidOid: {
      std::int64_t value = 0;
      const auto [ptr, ec] = std::from_chars(text, text + size, value);
      if (ec != std::errc() || ptr != text + size) {
        return InternalError("column {}: bad integer '{}'", f.name(), text);
      }
      return SqlValue(value);
    }
    case kFloat4Oid:
    case kFloat8Oid:
    case kNumericOid: {
      double value = 0;
      const auto [ptr, ec] = std::from_chars(text, text + size, value);
      if (ec != std::errc() || ptr != text + size) {
        return InternalError("column {}: bad number '{}'", f.name(), text);
      }
      return SqlValue(value);
    }
    default:
      return SqlValue(std::string(text, size));
  }
}

}  // namespace

struct PostgresDatabase::Connection {
  std::unique_ptr<pqxx::connection> conn;
  // The open transaction (level 0, a pqxx::work) and its nested subtransactions (savepoints).
  // pqxx aborts a (sub)transaction whose statement fails; the levels above it stay usable.
  std::vector<std::unique_ptr<pqxx::dbtransaction>> txns;
};

PostgresDatabase::PostgresDatabase(DatabaseUrl url)
    : url_(std::move(url)), pq_(std::make_unique<Connection>()) {
  conninfo_ = url_.conninfo;
  bool has_timeout = false;
  for (const auto& [key, value] : url_.query) has_timeout |= key == "connect_timeout";
  if (!has_timeout) conninfo_ += url_.query.empty() ? "?connect_timeout=10" : "&connect_timeout=10";
}

PostgresDatabase::~PostgresDatabase() {
  try {
    while (!pq_->txns.empty()) pq_->txns.pop_back();
    pq_->conn.reset();
  } catch (...) {
    // Closing never fails loudly.
  }
}

Result<std::unique_ptr<PostgresDatabase>> PostgresDatabase::Open(const DatabaseUrl& url) {
  if (url.dialect != SqlDialect::kPostgres) {
    return InvalidArgumentError("'{}' is not a PostgreSQL URL", url.redacted);
  }
  std::unique_ptr<PostgresDatabase> db(new PostgresDatabase(url));
  RETURN_IF_ERROR(db->Connect());
  return db;
}

Status PostgresDatabase::CurrentError(std::string_view what) {
  StatusCode code = StatusCode::kInternal;
  std::string message;
  try {
    throw;
  } catch (const pqxx::broken_connection& e) {
    message = e.what();
    code = message.find("authentication failed") != std::string::npos ? StatusCode::kUnauthenticated
                                                                      : StatusCode::kUnavailable;
    // The connection is gone: the next call reconnects.
    while (!pq_->txns.empty()) pq_->txns.pop_back();
    pq_->conn.reset();
  } catch (const pqxx::sql_error& e) {
    message = e.what();
    code = CodeForSqlState(e.sqlstate());
    if (!e.sqlstate().empty()) message += fmt::format(" [SQLSTATE {}]", e.sqlstate());
  } catch (const pqxx::in_doubt_error& e) {
    message = fmt::format("commit outcome unknown: {}", e.what());
    code = StatusCode::kUnavailable;
  } catch (const pqxx::transaction_rollback& e) {
    message = e.what();
    code = StatusCode::kAborted;
  } catch (const pqxx::conversion_error& e) {
    message = e.what();
    code = StatusCode::kInvalidArgument;
  } catch (const pqxx::argument_error& e) {
    message = e.what();
    code = StatusCode::kInvalidArgument;
  } catch (const std::exception& e) {
    message = e.what();
  } catch (...) {
    message = "unknown exception";
  }
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
    message.pop_back();
  }
  message = MaskSecret(std::move(message), url_.password);
  message = MaskSecret(std::move(message), PercentDecode(url_.password));
  return Status(code, fmt::format("postgres {}: {}: {}", url_.redacted, what, message));
}

Status PostgresDatabase::Connect() {
  if (pq_->conn && pq_->conn->is_open()) return Status::Ok();
  try {
    pq_->conn = std::make_unique<pqxx::connection>(conninfo_);
    // No NOTICE chatter on stderr (e.g. from CREATE ... IF NOT EXISTS).
    pqxx::nontransaction setup(*pq_->conn);
    setup.exec("SET client_min_messages TO warning");
    return Status::Ok();
  } catch (...) {
    pq_->conn.reset();
    return CurrentError("cannot connect");
  }
}

Status PostgresDatabase::Run(const std::string& sql, Params params, SqlRows* rows,
                             std::int64_t* affected) {
  if (depth_ > 0 && pq_->txns.size() != static_cast<std::size_t>(depth_)) {
    return UnavailableError("postgres {}: connection lost inside a transaction", url_.redacted);
  }
  if (depth_ == 0) RETURN_IF_ERROR(Connect());
  try {
    TextParams text(params);
    pqxx::result result;
    auto exec = [&](pqxx::transaction_base& t) {
      result = params.empty() ? t.exec(sql)
                              : t.exec_params(sql, pqxx::prepare::make_dynamic_params(
                                                       text.pointers.begin(), text.pointers.end()));
    };
    if (depth_ > 0) {
      exec(*pq_->txns.back());
    } else {
      pqxx::nontransaction autocommit(*pq_->conn);
      exec(autocommit);
    }
    if (affected) *affected = static_cast<std::int64_t>(result.affected_rows());
    if (rows) {
      rows->reserve(result.size());
      for (const pqxx::row& r : result) {
        std::vector<SqlValue> values;
        values.reserve(r.size());
        for (const pqxx::field& f : r) {
          ASSIGN_OR_RETURN(SqlValue v, ConvertField(f));
          values.push_back(std::move(v));
        }
        rows->emplace_back(std::move(values));
      }
    }
    return Status::Ok();
  } catch (...) {
    return CurrentError(SqlSnippet(sql));
  }
}

namespace {

// `sql` with its ? placeholders numbered $1..$n; InvalidArgument when `params` does not supply
// exactly one value per placeholder.
Result<std::string> NumberedFor(std::string_view sql, SqlDatabase::Params params) {
  NumberedSql numbered = NumberPlaceholders(sql);
  if (numbered.placeholders != params.size()) {
    return InvalidArgumentError("statement has {} placeholders but {} parameters were given: {}",
                                numbered.placeholders, params.size(), SqlSnippet(sql));
  }
  return std::move(numbered.sql);
}

}  // namespace

Result<std::int64_t> PostgresDatabase::DoExecute(std::string_view sql, Params params) {
  ASSIGN_OR_RETURN(std::string numbered, NumberedFor(sql, params));
  std::int64_t affected = 0;
  RETURN_IF_ERROR(Run(numbered, params, nullptr, &affected));
  return affected;
}

Result<SqlRows> PostgresDatabase::DoQuery(std::string_view sql, Params params) {
  ASSIGN_OR_RETURN(std::string numbered, NumberedFor(sql, params));
  SqlRows rows;
  RETURN_IF_ERROR(Run(numbered, params, &rows, nullptr));
  return rows;
}

Status PostgresDatabase::DoInsertReturningIds(std::string_view sql, Params params,
                                              std::int64_t rows, std::int64_t* ids) {
  std::string returning(sql);
  returning += " RETURNING id";
  ASSIGN_OR_RETURN(SqlRows returned, DoQuery(returning, params));
  if (static_cast<std::int64_t>(returned.size()) != rows) {
    return InternalError("expected {} inserted row(s), got {}: {}", rows, returned.size(),
                         SqlSnippet(sql));
  }
  for (std::int64_t r = 0; r < rows; ++r) {
    ASSIGN_OR_RETURN(ids[r], returned[static_cast<std::size_t>(r)].GetInt64(0));
  }
  // The ids come from the sequence in the order of the VALUES tuples; RETURNING does not
  // promise that order, the sequence does.
  std::sort(ids, ids + rows);
  return Status::Ok();
}

Status PostgresDatabase::ExecuteScript(std::string_view sql) {
  // No parameters: the simple query protocol runs every statement of the script.
  return Run(std::string(sql), {}, nullptr, nullptr);
}

Status PostgresDatabase::InTransaction(const TransactionBody& body) {
  const std::size_t level = static_cast<std::size_t>(depth_);
  if (level == 0) RETURN_IF_ERROR(Connect());
  if (pq_->txns.size() != level) {
    return UnavailableError("postgres {}: connection lost inside a transaction", url_.redacted);
  }
  try {
    if (level == 0) {
      pq_->txns.push_back(std::make_unique<pqxx::work>(*pq_->conn));
      BeginOutermost();
    } else {
      auto savepoint = std::make_unique<pqxx::subtransaction>(*pq_->txns.back(),
                                                              fmt::format("pulse_sp_{}", level));
      // libpqxx 6 issues the SAVEPOINT lazily, on the subtransaction's first exec() but not on
      // exec_params(): a body whose statements all have parameters would run outside the
      // savepoint, and rolling it back would undo nothing. Begin it now.
      savepoint->exec("SELECT 1");
      pq_->txns.push_back(std::move(savepoint));
    }
  } catch (...) {
    return CurrentError(level == 0 ? "BEGIN" : "SAVEPOINT");
  }
  ++depth_;
  Status status = SettleLevel(depth_, RunTransactionBody(body, *this));
  if (level == 0) status = RunBeforeCommit(std::move(status));
  --depth_;
  if (pq_->txns.size() != level + 1) {
    // The connection broke inside the body; the server rolled everything back.
    return status.ok() ? UnavailableError("postgres {}: connection lost inside a transaction",
                                          url_.redacted)
                       : status;
  }
  std::unique_ptr<pqxx::dbtransaction> txn = std::move(pq_->txns.back());
  pq_->txns.pop_back();
  if (status.ok()) {
    try {
      txn->commit();
      return Status::Ok();
    } catch (...) {
      return CurrentError(level == 0 ? "COMMIT" : "RELEASE SAVEPOINT");
    }
  }
  try {
    txn->abort();
  } catch (...) {
    (void)CurrentError("ROLLBACK");
  }
  return status;
}

Result<std::int64_t> PostgresDatabase::CopyUpsert(const BulkUpsertSpec& spec, Params values) {
  // Runs inside a transaction (BulkUpsert makes sure of it).
  const std::size_t columns = spec.columns.size();
  const std::string staging = "pulse_bulk_" + spec.table;
  const std::string column_list = fmt::format("{}", fmt::join(spec.columns, ", "));
  RETURN_IF_ERROR(Run(fmt::format("CREATE TEMP TABLE IF NOT EXISTS {} AS SELECT {} FROM {} "
                                  "WITH NO DATA",
                                  staging, column_list, spec.table),
                      {}, nullptr, nullptr));
  RETURN_IF_ERROR(Run("TRUNCATE " + staging, {}, nullptr, nullptr));
  try {
    // libpqxx 6.4's stream_to only takes tuples of static types; tablewriter takes raw COPY
    // lines, which we build ourselves.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
    pqxx::tablewriter copy(*pq_->txns.back(), staging, spec.columns.begin(), spec.columns.end());
#pragma GCC diagnostic pop
    std::string line;
    for (std::size_t first = 0; first < values.size(); first += columns) {
      line.clear();
      for (std::size_t c = 0; c < columns; ++c) {
        if (c > 0) line += '\t';
        AppendCopyField(values[first + c], line);
      }
      copy.write_raw_line(line);
    }
    copy.complete();
  } catch (...) {
    return CurrentError(fmt::format("COPY {}", staging));
  }
  // The merge: BuildUpsertSql's conflict clause after a SELECT instead of VALUES.
  const std::string upsert = BuildUpsertSql(spec, 1);
  const std::string conflict = upsert.substr(upsert.find(" ON CONFLICT"));
  std::int64_t affected = 0;
  RETURN_IF_ERROR(Run(fmt::format("INSERT INTO {} ({}) SELECT {} FROM {}{}", spec.table,
                                  column_list, column_list, staging, conflict),
                      {}, nullptr, &affected));
  return affected;
}

Result<std::int64_t> PostgresDatabase::BulkUpsert(const BulkUpsertSpec& spec, Params values) {
  RETURN_IF_ERROR(ValidateBulkUpsert(spec, values.size()));
  const std::size_t columns = spec.columns.size();
  const std::size_t rows = values.size() / columns;
  if (rows == 0) return std::int64_t{0};
  const std::size_t per_statement = std::min(kBulkRowsPerStatement, kMaxParameters / columns);
  std::int64_t affected = 0;
  auto run = [&](SqlDatabase&) -> Status {
    if (rows >= kCopyMinRows) {
      ASSIGN_OR_RETURN(affected, CopyUpsert(spec, values));
      return Status::Ok();
    }
    std::string full_sql;
    std::size_t full_rows = 0;
    for (std::size_t first = 0; first < rows; first += per_statement) {
      const std::size_t n = std::min(per_statement, rows - first);
      std::string partial_sql;
      const std::string* sql = &full_sql;
      if (n == per_statement) {
        if (full_rows != n) {
          full_sql = NumberPlaceholders(BuildUpsertSql(spec, n)).sql;
          full_rows = n;
        }
      } else {
        partial_sql = NumberPlaceholders(BuildUpsertSql(spec, n)).sql;
        sql = &partial_sql;
      }
      std::int64_t chunk = 0;
      RETURN_IF_ERROR(Run(*sql, values.subspan(first * columns, n * columns), nullptr, &chunk));
      affected += chunk;
    }
    return Status::Ok();
  };
  RETURN_IF_ERROR(in_transaction() ? run(*this) : InTransaction(run));
  return affected;
}

}  // namespace pulse::storage
