#include "app/table_printer.h"

#include <algorithm>

#include <fmt/format.h>

namespace pulse::app {

TablePrinter::TablePrinter(std::vector<std::string> headers) {
  for (std::string& h : headers) {
    const bool right = !h.empty() && h[0] == '>';
    right_.push_back(right);
    headers_.push_back(right ? h.substr(1) : std::move(h));
  }
}

void TablePrinter::AddRow(std::vector<std::string> cells) {
  cells.resize(headers_.size());
  rows_.push_back(std::move(cells));
}

void TablePrinter::Print(std::ostream& out) const {
  std::vector<size_t> width(headers_.size());
  for (size_t c = 0; c < headers_.size(); ++c) {
    width[c] = headers_[c].size();
    for (const auto& row : rows_) width[c] = std::max(width[c], row[c].size());
  }
  auto line = [&](const std::vector<std::string>& cells) {
    std::string s;
    for (size_t c = 0; c < cells.size(); ++c) {
      if (c > 0) s += "  ";
      s += right_[c] ? fmt::format("{:>{}}", cells[c], width[c])
                     : fmt::format("{:<{}}", cells[c], width[c]);
    }
    while (!s.empty() && s.back() == ' ') s.pop_back();
    out << s << '\n';
  };
  line(headers_);
  std::vector<std::string> rule;
  for (size_t w : width) rule.push_back(std::string(w, '-'));
  line(rule);
  for (const auto& row : rows_) line(row);
}

std::string FormatFixed(double value, int decimals) {
  return fmt::format("{:.{}f}", value, decimals);
}

std::string FormatOptional(const std::optional<double>& value, int decimals) {
  return value ? FormatFixed(*value, decimals) : "-";
}

}  // namespace pulse::app
