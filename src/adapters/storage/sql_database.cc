#include "adapters/storage/sql_database.h"

#include <algorithm>
#include <exception>
#include <utility>

namespace pulse::storage {

namespace {
bool IsPlainIdentifier(std::string_view name) {
  if (name.empty() || name.size() > 63) return false;
  if (!((name[0] >= 'a' && name[0] <= 'z') || name[0] == '_')) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}
}  // namespace

Status SqlDatabase::Atomically(const TransactionBody& body) {
  const int level = transaction_depth();
  if (level == 0) return InTransaction(body);
  Status status = RunTransactionBody(body, *this);
  // A doom already set belongs to this level or an enclosing one, which rolls back all of it.
  if (!status.ok() && doomed_level_ == 0) {
    doomed_level_ = level;
    doom_ = status;
  }
  return status;
}

Status SqlDatabase::SettleLevel(int level, Status status) {
  if (doomed_level_ == 0 || doomed_level_ < level) return status;
  Status doom = std::exchange(doom_, Status::Ok());
  doomed_level_ = 0;
  if (!status.ok()) return status;
  return doom.WithContext("a write inside this transaction failed, so it was rolled back");
}

Status SqlDatabase::BeforeCommit(TransactionBody hook) {
  if (!in_transaction()) {
    return FailedPreconditionError("a before-commit hook needs an open transaction");
  }
  before_commit_.push_back(std::move(hook));
  return Status::Ok();
}

void SqlDatabase::BeginOutermost() {
  ++transaction_serial_;
  before_commit_.clear();
}

Status SqlDatabase::RunBeforeCommit(Status status) {
  std::vector<TransactionBody> hooks = std::exchange(before_commit_, {});
  for (const TransactionBody& hook : hooks) {
    if (!status.ok()) break;
    status = SettleLevel(1, RunTransactionBody(hook, *this));
  }
  return status;
}

std::string_view SqlDialectName(SqlDialect dialect) {
  return dialect == SqlDialect::kSqlite ? "sqlite" : "postgres";
}

Status ValidateBulkUpsert(const BulkUpsertSpec& spec, std::size_t value_count) {
  if (!IsPlainIdentifier(spec.table)) {
    return InvalidArgumentError("bulk upsert: bad table name '{}'", spec.table);
  }
  if (spec.columns.empty())
    return InvalidArgumentError("bulk upsert into {}: no columns", spec.table);
  if (spec.key_columns.empty()) {
    return InvalidArgumentError("bulk upsert into {}: no key columns", spec.table);
  }
  for (const std::string& c : spec.columns) {
    if (!IsPlainIdentifier(c)) {
      return InvalidArgumentError("bulk upsert into {}: bad column name '{}'", spec.table, c);
    }
  }
  for (const std::string& k : spec.key_columns) {
    if (std::find(spec.columns.begin(), spec.columns.end(), k) == spec.columns.end()) {
      return InvalidArgumentError("bulk upsert into {}: key column '{}' is not among the columns",
                                  spec.table, k);
    }
  }
  if (value_count % spec.columns.size() != 0) {
    return InvalidArgumentError("bulk upsert into {}: {} values are not whole rows of {} columns",
                                spec.table, value_count, spec.columns.size());
  }
  return Status::Ok();
}

Status RunTransactionBody(const SqlDatabase::TransactionBody& body, SqlDatabase& db) {
  try {
    return body(db);
  } catch (const std::exception& e) {
    return InternalError("exception in transaction body: {}", e.what());
  } catch (...) {
    return InternalError("unknown exception in transaction body");
  }
}

}  // namespace pulse::storage
