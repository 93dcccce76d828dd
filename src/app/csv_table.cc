#include "app/csv_table.h"

#include <algorithm>
#include <map>
#include <vector>

namespace pulse::app {

namespace {

using Json = nlohmann::ordered_json;

// The cells of one row by column name, nested objects flattened; `columns` gains the names not
// seen before, in order.
void Flatten(const Json& object, const std::string& prefix,
             std::map<std::string, const Json*>* cells, std::vector<std::string>* columns) {
  for (const auto& [key, value] : object.items()) {
    const std::string name = prefix + key;
    if (value.is_object()) {
      Flatten(value, name + ".", cells, columns);
      continue;
    }
    (*cells)[name] = &value;
    if (std::find(columns->begin(), columns->end(), name) == columns->end()) {
      columns->push_back(name);
    }
  }
}

std::string Quoted(const std::string& text) {
  const bool plain = text.find_first_of(",\"\r\n") == std::string::npos &&
                     (text.empty() || (text.front() != ' ' && text.back() != ' '));
  if (plain) return text;
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string Cell(const Json* value) {
  if (value == nullptr || value->is_null()) return "";
  if (value->is_string()) return Quoted(value->get<std::string>());
  return Quoted(value->dump());
}

}  // namespace

std::string CsvTable(const Json& rows) {
  std::vector<std::map<std::string, const Json*>> cells(rows.size());
  std::vector<std::string> columns;
  for (std::size_t i = 0; i < rows.size(); ++i) Flatten(rows[i], "", &cells[i], &columns);
  // A key that is null in some rows and an object in others is the object's columns alone.
  std::vector<std::string> kept;
  for (const std::string& name : columns) {
    const bool parent = std::any_of(columns.begin(), columns.end(), [&name](const auto& other) {
      return other.size() > name.size() && other.compare(0, name.size() + 1, name + ".") == 0;
    });
    if (!parent) kept.push_back(name);
  }
  columns = std::move(kept);
  if (columns.empty()) return "";
  std::string out;
  for (std::size_t c = 0; c < columns.size(); ++c) out += (c ? "," : "") + Quoted(columns[c]);
  out += "\n";
  for (const auto& row : cells) {
    for (std::size_t c = 0; c < columns.size(); ++c) {
      const auto it = row.find(columns[c]);
      out += (c ? "," : "") + Cell(it == row.end() ? nullptr : it->second);
    }
    out += "\n";
  }
  return out;
}

}  // namespace pulse::app
