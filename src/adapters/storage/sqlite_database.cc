#include "adapters/storage/sqlite_database.h"

#include <sqlite3.h>

#include <exception>
#include <filesystem>
#include <system_error>

#include <fmt/format.h>

#include "adapters/storage/sql_text.h"

namespace pulse::storage {

namespace {

constexpr std::size_t kMaxCachedStatements = 256;

bool IsBlank(std::string_view s) {
  return s.find_first_not_of(" \t\r\n;") == std::string_view::npos;
}

StatusCode CodeFor(int rc, std::string_view message) {
  switch (rc) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return StatusCode::kAlreadyExists;
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return StatusCode::kFailedPrecondition;
    default:
      break;
  }
  switch (rc & 0xff) {
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH:
    case SQLITE_RANGE:
    case SQLITE_TOOBIG:
      return StatusCode::kInvalidArgument;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_PROTOCOL:
      return StatusCode::kUnavailable;
    case SQLITE_FULL:
    case SQLITE_NOMEM:
      return StatusCode::kResourceExhausted;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return StatusCode::kDataLoss;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return StatusCode::kPermissionDenied;
    case SQLITE_INTERRUPT:
      return StatusCode::kCancelled;
    default:
      break;
  }
  if (message.starts_with("no such table") || message.starts_with("no such column")) {
    return StatusCode::kFailedPrecondition;
  }
  return StatusCode::kInternal;
}

}  // namespace

Result<std::unique_ptr<SqliteDatabase>> SqliteDatabase::Open(const std::string& path,
                                                             std::string redacted_url) {
  if (redacted_url.empty()) redacted_url = "sqlite://" + path;
  if (path.empty()) return InvalidArgumentError("SQLite database path is empty");
  if (path != ":memory:") {
    const std::filesystem::path parent = std::filesystem::path(path).parent_path();
    std::error_code ec;
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    if (ec) {
      return UnavailableError("cannot create directory '{}' for SQLite database: {}",
                              parent.string(), ec.message());
    }
  }
  // SQLite counts every allocation it makes under a process-wide mutex unless told otherwise
  // before its first use; Pulse never reads those counts (a twentieth of the instructions of a
  // replay with a store).
  // When the library was already in use in this process the call is refused and changes nothing.
  static const int memstatus_off = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  (void)memstatus_off;
  sqlite3* raw = nullptr;
  const int rc =
      sqlite3_open_v2(path.c_str(), &raw,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
    sqlite3_close(raw);
    return UnavailableError("cannot open SQLite database '{}': {}", path, message);
  }
  sqlite3_extended_result_codes(raw, 1);
  std::unique_ptr<SqliteDatabase> db(new SqliteDatabase(raw, std::move(redacted_url)));
  for (const char* pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL",
                             "PRAGMA busy_timeout=5000", "PRAGMA foreign_keys=ON"}) {
    Status st = db->ExecuteScript(pragma);
    if (!st.ok()) return st.WithContext(fmt::format("cannot set up SQLite database '{}'", path));
  }
  return db;
}

SqliteDatabase::~SqliteDatabase() {
  for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
  sqlite3_close_v2(db_);
}

Status SqliteDatabase::Error(int rc, std::string_view what) const {
  std::string message = sqlite3_errmsg(db_);
  if (message == "not an error" || message.empty()) message = sqlite3_errstr(rc);
  return Status(CodeFor(rc, message), fmt::format("sqlite: {} ({}): {}", message, rc, what));
}

Result<sqlite3_stmt*> SqliteDatabase::Prepare(std::string_view sql, Params params) {
  sqlite3_stmt* stmt = nullptr;
  auto it = cache_.find(sql);
  if (it != cache_.end()) {
    stmt = it->second;
  } else {
    const char* tail = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &stmt, &tail);
    if (rc != SQLITE_OK) return Error(rc, SqlSnippet(sql));
    if (stmt == nullptr) return InvalidArgumentError("empty SQL statement");
    if (tail != nullptr && !IsBlank(std::string_view(tail, sql.data() + sql.size() - tail))) {
      sqlite3_finalize(stmt);
      return InvalidArgumentError("more than one statement in '{}'; use ExecuteScript",
                                  SqlSnippet(sql));
    }
    if (cache_.size() >= kMaxCachedStatements) {
      for (auto& [text, cached] : cache_) sqlite3_finalize(cached);
      cache_.clear();
    }
    cache_.emplace(std::string(sql), stmt);
  }
  RETURN_IF_ERROR(Bind(stmt, sql, params));
  return stmt;
}

Status SqliteDatabase::Bind(sqlite3_stmt* stmt, std::string_view sql, Params params) {
  const int expected = sqlite3_bind_parameter_count(stmt);
  if (expected != static_cast<int>(params.size())) {
    return InvalidArgumentError("statement has {} placeholders but {} parameters were given: {}",
                                expected, params.size(), SqlSnippet(sql));
  }
  for (int i = 0; i < expected; ++i) {
    const SqlValue& v = params[i];
    int rc = SQLITE_OK;
    if (const auto* n = std::get_if<std::int64_t>(&v)) {
      rc = sqlite3_bind_int64(stmt, i + 1, *n);
    } else if (const auto* d = std::get_if<double>(&v)) {
      rc = sqlite3_bind_double(stmt, i + 1, *d);
    } else if (const auto* s = std::get_if<std::string>(&v)) {
      rc = sqlite3_bind_text64(stmt, i + 1, s->data(), s->size(), SQLITE_STATIC, SQLITE_UTF8);
    } else {
      rc = sqlite3_bind_null(stmt, i + 1);
    }
    if (rc != SQLITE_OK) return Error(rc, fmt::format("binding parameter {}", i + 1));
  }
  return Status::Ok();
}

Status SqliteDatabase::Run(sqlite3_stmt* stmt, std::string_view sql, SqlRows* rows) {
  for (;;) {
    const int rc = sqlite3_step(stmt);
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_ROW) {
      Status error = Error(rc, SqlSnippet(sql));
      sqlite3_reset(stmt);
      return error;
    }
    if (rows == nullptr) continue;
    const int columns = sqlite3_column_count(stmt);
    std::vector<SqlValue> values;
    values.reserve(columns);
    for (int c = 0; c < columns; ++c) {
      switch (sqlite3_column_type(stmt, c)) {
        case SQLITE_INTEGER:
          values.emplace_back(static_cast<std::int64_t>(sqlite3_column_int64(stmt, c)));
          break;
        case SQLITE_FLOAT:
          values.emplace_back(sqlite3_column_double(stmt, c));
          break;
        case SQLITE_NULL:
          values.emplace_back(std::monostate());
          break;
        default: {
          const auto* text = static_cast<const char*>(sqlite3_column_blob(stmt, c));
          values.emplace_back(std::string(text ? text : "", sqlite3_column_bytes(stmt, c)));
          break;
        }
      }
    }
    rows->emplace_back(std::move(values));
  }
  sqlite3_reset(stmt);
  return Status::Ok();
}

Result<std::int64_t> SqliteDatabase::DoExecute(std::string_view sql, Params params) {
  ASSIGN_OR_RETURN(sqlite3_stmt * stmt, Prepare(sql, params));
  const sqlite3_int64 before = sqlite3_total_changes64(db_);
  RETURN_IF_ERROR(Run(stmt, sql, nullptr));
  return static_cast<std::int64_t>(sqlite3_total_changes64(db_) - before);
}

Result<SqlRows> SqliteDatabase::DoQuery(std::string_view sql, Params params) {
  ASSIGN_OR_RETURN(sqlite3_stmt * stmt, Prepare(sql, params));
  SqlRows rows;
  RETURN_IF_ERROR(Run(stmt, sql, &rows));
  return rows;
}

Status SqliteDatabase::DoInsertReturningIds(std::string_view sql, Params params, std::int64_t rows,
                                            std::int64_t* ids) {
  ASSIGN_OR_RETURN(std::int64_t inserted, DoExecute(sql, params));
  if (inserted != rows) {
    return InternalError("expected {} inserted row(s), got {}: {}", rows, inserted,
                         SqlSnippet(sql));
  }
  // The rows of one INSERT take consecutive rowids (each the largest so far plus one).
  const std::int64_t last = sqlite3_last_insert_rowid(db_);
  for (std::int64_t r = 0; r < rows; ++r) ids[r] = last - rows + 1 + r;
  return Status::Ok();
}

Status SqliteDatabase::ExecuteScript(std::string_view sql) {
  char* error = nullptr;
  const std::string text(sql);
  const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error);
  if (rc == SQLITE_OK) return Status::Ok();
  std::string message = error ? error : sqlite3_errstr(rc);
  sqlite3_free(error);
  return Status(CodeFor(rc, message),
                fmt::format("sqlite: {} ({}): script {}", message, rc, SqlSnippet(sql)));
}

Status SqliteDatabase::ExecSimple(const char* sql) { return Execute(sql).status(); }

Status SqliteDatabase::InTransaction(const TransactionBody& body) {
  const int level = depth_;
  const std::string savepoint = fmt::format("pulse_sp_{}", level);
  if (level == 0) {
    RETURN_IF_ERROR(ExecSimple("BEGIN IMMEDIATE"));
    BeginOutermost();
  } else {
    RETURN_IF_ERROR(Execute("SAVEPOINT " + savepoint).status());
  }
  ++depth_;
  Status status = SettleLevel(depth_, RunTransactionBody(body, *this));
  if (level == 0) status = RunBeforeCommit(std::move(status));
  --depth_;
  const bool still_open = sqlite3_get_autocommit(db_) == 0;
  if (level == 0) {
    if (status.ok()) {
      Status commit = ExecSimple("COMMIT");
      if (commit.ok()) return commit;
      status = commit.WithContext("commit failed");
    }
    if (sqlite3_get_autocommit(db_) == 0) (void)ExecSimple("ROLLBACK");
    return status;
  }
  if (!still_open) {
    // SQLite rolled the whole transaction back by itself (e.g. disk full).
    return status.ok() ? InternalError("transaction ended inside a savepoint") : status;
  }
  if (status.ok()) return Execute("RELEASE " + savepoint).status();
  (void)Execute("ROLLBACK TO " + savepoint);
  (void)Execute("RELEASE " + savepoint);
  return status;
}

Result<std::int64_t> SqliteDatabase::BulkUpsert(const BulkUpsertSpec& spec, Params values) {
  RETURN_IF_ERROR(ValidateBulkUpsert(spec, values.size()));
  const std::size_t columns = spec.columns.size();
  const std::size_t rows = values.size() / columns;
  if (rows == 0) return std::int64_t{0};
  const std::string sql = BuildUpsertSql(spec, 1);
  std::int64_t affected = 0;
  auto run = [&](SqlDatabase&) -> Status {
    ASSIGN_OR_RETURN(sqlite3_stmt * stmt, Prepare(sql, values.subspan(0, columns)));
    const sqlite3_int64 before = sqlite3_total_changes64(db_);
    for (std::size_t r = 0; r < rows; ++r) {
      if (r > 0) RETURN_IF_ERROR(Bind(stmt, sql, values.subspan(r * columns, columns)));
      const int rc = sqlite3_step(stmt);
      if (rc != SQLITE_DONE) {
        Status error = Error(rc, fmt::format("bulk upsert into {}, row {}", spec.table, r));
        sqlite3_reset(stmt);
        return error;
      }
      sqlite3_reset(stmt);
    }
    affected = sqlite3_total_changes64(db_) - before;
    return Status::Ok();
  };
  RETURN_IF_ERROR(in_transaction() ? run(*this) : InTransaction(run));
  return affected;
}

}  // namespace pulse::storage
