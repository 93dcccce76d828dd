#include "adapters/storage/sql_text.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

namespace pulse::storage {

NumberedSql NumberPlaceholders(std::string_view sql) {
  NumberedSql out;
  out.sql.reserve(sql.size() + 16);
  std::size_t i = 0;
  const std::size_t n = sql.size();
  // Copies sql[i..end) verbatim and moves i past it.
  auto copy_until = [&](std::size_t end) {
    end = std::min(end, n);
    out.sql.append(sql.substr(i, end - i));
    i = end;
  };
  while (i < n) {
    const char c = sql[i];
    if (c == '\'' || c == '"') {
      // Quoted literal or identifier; a doubled quote is an escaped quote.
      std::size_t j = i + 1;
      while (j < n) {
        if (sql[j] == c) {
          if (j + 1 < n && sql[j + 1] == c) {
            j += 2;
            continue;
          }
          break;
        }
        ++j;
      }
      copy_until(j + 1);
    } else if (c == '-' && i + 1 < n && sql[i + 1] == '-') {
      const std::size_t eol = sql.find('\n', i);
      copy_until(eol == std::string_view::npos ? n : eol + 1);
    } else if (c == '/' && i + 1 < n && sql[i + 1] == '*') {
      const std::size_t end = sql.find("*/", i + 2);
      copy_until(end == std::string_view::npos ? n : end + 2);
    } else if (c == '$') {
      // Dollar quoting: $tag$ ... $tag$ where tag is empty or an identifier.
      std::size_t j = i + 1;
      while (j < n && (std::isalnum(static_cast<unsigned char>(sql[j])) || sql[j] == '_')) ++j;
      const bool is_tag = j < n && sql[j] == '$' &&
                          (j == i + 1 || !std::isdigit(static_cast<unsigned char>(sql[i + 1])));
      if (!is_tag) {
        copy_until(i + 1);
        continue;
      }
      const std::string_view tag = sql.substr(i, j - i + 1);
      const std::size_t end = sql.find(tag, j + 1);
      copy_until(end == std::string_view::npos ? n : end + tag.size());
    } else if (c == '?') {
      ++out.placeholders;
      fmt::format_to(std::back_inserter(out.sql), "${}", out.placeholders);
      ++i;
    } else {
      out.sql.push_back(c);
      ++i;
    }
  }
  return out;
}

std::string BuildInsertValuesSql(std::string_view insert, std::size_t columns, std::size_t rows) {
  std::string row = "(";
  for (std::size_t c = 0; c < columns; ++c) row += c == 0 ? "?" : ",?";
  row += ")";
  std::string sql(insert);
  sql.reserve(sql.size() + 8 + rows * (row.size() + 1));
  sql += " VALUES ";
  for (std::size_t r = 0; r < rows; ++r) {
    if (r > 0) sql += ',';
    sql += row;
  }
  return sql;
}

InsertValuesTexts::InsertValuesTexts(std::string_view insert, std::size_t columns,
                                     std::size_t max_rows)
    : columns_(columns), texts_(max_rows + 1) {
  for (std::size_t n = 1; n <= max_rows; ++n) texts_[n] = BuildInsertValuesSql(insert, columns, n);
}

std::string BuildUpsertSql(const BulkUpsertSpec& spec, std::size_t rows) {
  std::string sql = BuildInsertValuesSql(
      fmt::format("INSERT INTO {} ({})", spec.table, fmt::join(spec.columns, ", ")),
      spec.columns.size(), rows);
  fmt::format_to(std::back_inserter(sql), " ON CONFLICT ({}) ", fmt::join(spec.key_columns, ", "));
  std::string updates;
  for (const std::string& c : spec.columns) {
    if (std::find(spec.key_columns.begin(), spec.key_columns.end(), c) != spec.key_columns.end()) {
      continue;
    }
    if (!updates.empty()) updates += ", ";
    fmt::format_to(std::back_inserter(updates), "{0} = excluded.{0}", c);
  }
  sql += updates.empty() ? "DO NOTHING" : "DO UPDATE SET " + updates;
  return sql;
}

std::string SqlSnippet(std::string_view sql) {
  const std::size_t start = sql.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return "";
  sql.remove_prefix(start);
  std::size_t end = std::min<std::size_t>(sql.find('\n'), 80);
  std::string out(sql.substr(0, std::min(end, sql.size())));
  if (end < sql.size()) out += "...";
  return out;
}

}  // namespace pulse::storage
