#include "app/signal_file_parser.h"

#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "app/signal_fields.h"

namespace pulse::app {

std::vector<std::string> SplitCsvLine(std::string_view line) {
  std::vector<std::string> out;
  std::string cell;
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        cell.push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cell.push_back(c);
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.push_back(std::move(cell));
      cell.clear();
    } else if (c != '\r') {
      cell.push_back(c);
    }
  }
  out.push_back(std::move(cell));
  return out;
}

namespace {

Result<std::vector<Signal>> Finish(std::vector<Signal> signals, const std::string& problems,
                                   int bad, int total) {
  if (bad > 0) {
    return InvalidArgumentError("{} of {} rows are invalid, nothing imported:{}", bad, total,
                                problems);
  }
  if (total == 0) return InvalidArgumentError("the file holds no signals");
  return signals;
}

}  // namespace

Result<std::vector<Signal>> ParseSignalsCsv(std::string_view text) {
  std::istringstream in{std::string(text)};
  std::string line;
  std::vector<std::string> header;
  int line_no = 0;
  while (header.empty() && std::getline(in, line)) {
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    header = SplitCsvLine(line);
  }
  if (header.empty()) return InvalidArgumentError("the file holds no signals");
  std::vector<Signal> signals;
  std::string problems;
  int bad = 0, total = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    ++total;
    std::vector<std::string> cells = SplitCsvLine(line);
    if (cells.size() != header.size()) {
      ++bad;
      problems += fmt::format("\n  line {}: {} fields, the header has {}", line_no, cells.size(),
                              header.size());
      continue;
    }
    SignalFieldSetter setter;
    Status st;
    for (size_t i = 0; i < header.size() && st.ok(); ++i) {
      if (cells[i].empty()) continue;
      st = setter.Set(header[i], cells[i]);
    }
    if (st.ok()) st = setter.CheckRequired();
    if (!st.ok()) {
      ++bad;
      problems += fmt::format("\n  line {}: {}", line_no, st.message());
      continue;
    }
    signals.push_back(setter.signal());
  }
  return Finish(std::move(signals), problems, bad, total);
}

Result<std::vector<Signal>> ParseSignalsJson(std::string_view text) {
  nlohmann::json doc = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return InvalidArgumentError("the file is not valid JSON");
  if (!doc.is_array()) return InvalidArgumentError("expected a JSON array of signal objects");
  std::vector<Signal> signals;
  std::string problems;
  int bad = 0, total = 0;
  for (const nlohmann::json& item : doc) {
    ++total;
    Status st;
    SignalFieldSetter setter;
    if (!item.is_object()) {
      st = InvalidArgumentError("not an object");
    } else {
      for (auto it = item.begin(); it != item.end() && st.ok(); ++it) {
        if (it->is_null()) continue;
        st = setter.Set(it.key(), it->is_string() ? it->get<std::string>() : it->dump());
      }
      if (st.ok()) st = setter.CheckRequired();
    }
    if (!st.ok()) {
      ++bad;
      problems += fmt::format("\n  element {}: {}", total, st.message());
      continue;
    }
    signals.push_back(setter.signal());
  }
  return Finish(std::move(signals), problems, bad, total);
}

Result<std::vector<Signal>> ReadSignalsFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFoundError("cannot open '{}'", path);
  std::stringstream buf;
  buf << in.rdbuf();
  const bool json = path.size() >= 5 && path.compare(path.size() - 5, 5, ".json") == 0;
  const bool csv = path.size() >= 4 && path.compare(path.size() - 4, 4, ".csv") == 0;
  if (!json && !csv) return InvalidArgumentError("'{}': expected a .csv or .json file", path);
  Result<std::vector<Signal>> r = json ? ParseSignalsJson(buf.str()) : ParseSignalsCsv(buf.str());
  if (!r.ok()) return r.status().WithContext(path);
  return r;
}

}  // namespace pulse::app
