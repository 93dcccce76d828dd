// TablePrinter: aligned plain-text tables for CLI output.
// Value type; not thread-safe.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace pulse::app {

// Collects rows, then prints them with every column padded to its widest cell. Columns whose
// header starts with '>' are right-aligned (the '>' is not printed).
class TablePrinter {
 public:
  explicit TablePrinter(std::vector<std::string> headers);
  void AddRow(std::vector<std::string> cells);
  void Print(std::ostream& out) const;
  size_t rows() const { return rows_.size(); }

 private:
  std::vector<std::string> headers_;
  std::vector<bool> right_;
  std::vector<std::vector<std::string>> rows_;
};

// "12.35", or "-" for a missing value.
std::string FormatFixed(double value, int decimals);
std::string FormatOptional(const std::optional<double>& value, int decimals);

}  // namespace pulse::app
