#include "adapters/storage/sql_controller_store.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace pulse::storage {

namespace {

constexpr std::string_view kColumns = "id, changed_at, state, previous_state, reasons";

nlohmann::ordered_json Number(double v) {
  return std::isfinite(v) ? nlohmann::ordered_json(v) : nlohmann::ordered_json(nullptr);
}

std::string ReasonsJson(const std::vector<ControllerReason>& reasons) {
  nlohmann::ordered_json array = nlohmann::ordered_json::array();
  for (const ControllerReason& r : reasons) {
    array.push_back({{"rule", r.rule},
                     {"value", Number(r.value)},
                     {"threshold", Number(r.threshold)},
                     {"text", r.text}});
  }
  return array.dump();
}

Result<double> NumberFromJson(const nlohmann::json& item, const char* key, std::int64_t id) {
  if (!item.contains(key)) return DataLossError("controller_status {}: reason without {}", id, key);
  const nlohmann::json& v = item[key];
  if (v.is_null()) return std::numeric_limits<double>::quiet_NaN();
  if (!v.is_number()) {
    return DataLossError("controller_status {}: reason {} is not a number: {}", id, key, v.dump());
  }
  return v.get<double>();
}

Result<std::vector<ControllerReason>> ReasonsFromJson(const std::string& text, std::int64_t id) {
  const nlohmann::json array = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!array.is_array()) {
    return DataLossError("controller_status {}: reasons is not a JSON array: {}", id, text);
  }
  std::vector<ControllerReason> reasons;
  for (const nlohmann::json& item : array) {
    if (!item.is_object() || !item.contains("rule") || !item["rule"].is_string() ||
        !item.contains("text") || !item["text"].is_string()) {
      return DataLossError("controller_status {}: malformed reason {}", id, item.dump());
    }
    ControllerReason r;
    r.rule = item["rule"].get<std::string>();
    r.text = item["text"].get<std::string>();
    ASSIGN_OR_RETURN(r.value, NumberFromJson(item, "value", id));
    ASSIGN_OR_RETURN(r.threshold, NumberFromJson(item, "threshold", id));
    reasons.push_back(std::move(r));
  }
  return reasons;
}

Result<ControllerStatusRow> RowFromSql(const SqlRow& sql) {
  ControllerStatusRow row;
  ASSIGN_OR_RETURN(row.id, sql.GetInt64(0));
  ASSIGN_OR_RETURN(row.changed_at, sql.GetInt64(1));
  ASSIGN_OR_RETURN(std::string state, sql.GetString(2));
  auto parsed = ParseRiskState(state);
  if (!parsed.ok()) {
    return DataLossError("controller_status {}: {}", row.id, parsed.status().message());
  }
  row.state = *parsed;
  ASSIGN_OR_RETURN(std::optional<std::string> previous, sql.GetOptionalString(3));
  if (previous) {
    auto p = ParseRiskState(*previous);
    if (!p.ok()) return DataLossError("controller_status {}: {}", row.id, p.status().message());
    row.previous_state = *p;
  }
  ASSIGN_OR_RETURN(std::string reasons, sql.GetString(4));
  ASSIGN_OR_RETURN(row.reasons, ReasonsFromJson(reasons, row.id));
  return row;
}

}  // namespace

Result<std::int64_t> SqlControllerStore::AppendStatus(const ControllerStatusRow& row) {
  for (std::size_t i = 0; i < row.reasons.size(); ++i) {
    if (row.reasons[i].rule.empty()) {
      return InvalidArgumentError("controller status reason {} has no rule", i);
    }
  }
  return db_.InsertReturningId(
      "INSERT INTO controller_status (changed_at, state, previous_state, reasons) "
      "VALUES (?, ?, ?, ?)",
      {SqlValue(row.changed_at), SqlValue(std::string(RiskStateName(row.state))),
       row.previous_state ? SqlValue(std::string(RiskStateName(*row.previous_state))) : SqlValue(),
       SqlValue(ReasonsJson(row.reasons))});
}

Result<std::vector<ControllerStatusRow>> SqlControllerStore::ListStatus(
    const ControllerStatusFilter& filter) {
  if (filter.limit < 0) return InvalidArgumentError("negative limit {}", filter.limit);
  std::string sql = fmt::format("SELECT {} FROM controller_status", kColumns);
  std::vector<SqlValue> params;
  const char* keyword = " WHERE ";
  if (filter.since) {
    sql += fmt::format("{}changed_at >= ?", keyword);
    params.emplace_back(*filter.since);
    keyword = " AND ";
  }
  if (filter.until) {
    sql += fmt::format("{}changed_at <= ?", keyword);
    params.emplace_back(*filter.until);
  }
  if (filter.limit > 0) {
    sql += " ORDER BY changed_at DESC, id DESC LIMIT ?";
    params.emplace_back(std::int64_t{filter.limit});
  } else {
    sql += " ORDER BY changed_at, id";
  }
  ASSIGN_OR_RETURN(SqlRows rows, db_.Query(sql, params));
  std::vector<ControllerStatusRow> out;
  out.reserve(rows.size());
  for (const SqlRow& r : rows) {
    ASSIGN_OR_RETURN(ControllerStatusRow row, RowFromSql(r));
    out.push_back(std::move(row));
  }
  if (filter.limit > 0) std::reverse(out.begin(), out.end());
  return out;
}

Result<std::optional<ControllerStatusRow>> SqlControllerStore::Latest() {
  ASSIGN_OR_RETURN(std::vector<ControllerStatusRow> rows, ListStatus({.limit = 1}));
  if (rows.empty()) return std::optional<ControllerStatusRow>();
  return std::optional<ControllerStatusRow>(std::move(rows.front()));
}

}  // namespace pulse::storage
