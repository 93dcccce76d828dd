// `pulse metrics --returns FILE.csv`: the return statistics of a column of per-period returns,
// so anyone can check Pulse's figures against their own tools.
#include <cctype>
#include <cmath>
#include <fstream>
#include <iostream>
#include <limits>
#include <sstream>

#include <nlohmann/json.hpp>

#include "analytics/return_stats.h"
#include "app/commands/commands.h"
#include "app/json_views.h"
#include "app/signal_file_parser.h"
#include "app/table_printer.h"
#include "core/numbers.h"
#include "core/time.h"

namespace pulse::app {

namespace {

struct MetricsFlags {
  std::string returns_path;
  double periods_per_year = analytics::kDailyPeriodsPerYear;
  double risk_free = 0;
  std::string var_method = "historical";
  std::string format = "table";
};

// The returns read from the file, with their times when the file has a timestamp column.
struct ReturnSeries {
  std::vector<double> returns;
  std::vector<UnixNanos> times;
};

std::string Trim(std::string s) {
  const auto not_space = [](unsigned char c) { return !std::isspace(c) && c != '"'; };
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
  s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
  return s;
}

// Cells of a CSV line, each trimmed of spaces.
std::vector<std::string> SplitCells(const std::string& line) {
  std::vector<std::string> cells = SplitCsvLine(line);
  for (std::string& cell : cells) cell = Trim(cell);
  return cells;
}

// True for a cell that holds no return: empty, or NaN in any case with or without a sign.
bool IsMissing(std::string_view cell) {
  if (!cell.empty() && (cell.front() == '-' || cell.front() == '+')) cell.remove_prefix(1);
  if (cell.empty()) return true;
  if (cell.size() != 3) return false;
  return std::tolower(static_cast<unsigned char>(cell[0])) == 'n' &&
         std::tolower(static_cast<unsigned char>(cell[1])) == 'a' &&
         std::tolower(static_cast<unsigned char>(cell[2])) == 'n';
}

Result<ReturnSeries> ReadReturnsCsv(const std::string& path) {
  std::ifstream in(path);
  if (!in) return NotFoundError("cannot open '{}'", path);
  std::string line;
  int line_no = 0;
  std::vector<std::string> header;
  while (header.empty() && std::getline(in, line)) {
    ++line_no;
    if (line_no == 1 && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);  // a UTF-8 BOM
    if (Trim(line).empty()) continue;
    header = SplitCells(line);
  }
  const auto col = std::find(header.begin(), header.end(), "return");
  if (col == header.end()) {
    return InvalidArgumentError(
        "'{}': no `return` column in the header (a CSV with a header row "
        "naming a `return` column, optionally a `timestamp` column)",
        path);
  }
  const auto return_col = static_cast<std::size_t>(col - header.begin());
  const auto time_col = static_cast<std::size_t>(
      std::find(header.begin(), header.end(), "timestamp") - header.begin());
  const bool timed = time_col < header.size();
  // In a file of the one `return` column an empty line is an empty cell: a missing return.
  // Empty lines at the end of the file are not rows.
  const bool one_column = header.size() == 1;
  int blank_rows = 0;
  ReturnSeries s;
  std::size_t observations = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (Trim(line).empty()) {
      blank_rows += one_column ? 1 : 0;
      continue;
    }
    for (; blank_rows > 0; --blank_rows) {
      s.returns.push_back(std::numeric_limits<double>::quiet_NaN());
    }
    const std::vector<std::string> cells = SplitCells(line);
    const std::string where = fmt::format("'{}' line {}", path, line_no);
    if (cells.size() != header.size()) {
      return InvalidArgumentError("{}: {} fields, the header has {}", where, cells.size(),
                                  header.size());
    }
    const std::string& cell = cells[return_col];
    // A missing return is ignored by the means and counts as 0 when compounding.
    if (IsMissing(cell)) {
      s.returns.push_back(std::numeric_limits<double>::quiet_NaN());
    } else {
      Result<double> r = ParseFiniteDouble(cell, "return");
      if (!r.ok()) return r.status().WithContext(where);
      if (*r < -1) {
        return InvalidArgumentError(
            "{}: return {} is below -1 (a loss of more than the whole equity)", where, cell);
      }
      s.returns.push_back(*r);
      ++observations;
    }
    if (timed) {
      Result<UnixNanos> t = ParseEpochOrIso8601(cells[time_col]);
      if (!t.ok()) return t.status().WithContext(fmt::format("{}: timestamp", where));
      if (!s.times.empty() && *t <= s.times.back()) {
        return InvalidArgumentError(
            "{}: timestamp {} is not after the previous row's {} (rows in time order, one per "
            "period)",
            where, FormatIso8601(*t), FormatIso8601(s.times.back()));
      }
      s.times.push_back(*t);
    }
  }
  if (observations < 2) {
    return InvalidArgumentError(
        "'{}' holds {} return(s) that are not missing; at least 2 are needed", path, observations);
  }
  return s;
}

std::string Text(double v) {
  if (std::isnan(v)) return "-";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  return fmt::format("{:.6f}", v);
}

// A drawdown index as the row's time when the file has times, else the row number (1-based);
// -1 (the starting equity / not recovered) stays null.
nlohmann::json Where(std::int64_t index, const ReturnSeries& s) {
  if (index < 0) return nullptr;
  if (!s.times.empty()) return FormatIso8601(s.times[static_cast<std::size_t>(index)]);
  return index + 1;
}

std::string WhereText(std::int64_t index, const ReturnSeries& s, const char* none) {
  const nlohmann::json j = Where(index, s);
  if (j.is_null()) return none;
  return j.is_string() ? j.get<std::string>() : "row " + j.dump();
}

Status RunMetrics(const MetricsFlags& f) {
  ASSIGN_OR_RETURN(ReturnSeries series, ReadReturnsCsv(f.returns_path));
  analytics::ReturnStatsOptions o;
  o.periods_per_year = f.periods_per_year;
  o.risk_free = f.risk_free;
  o.var_method = f.var_method == "parametric" ? analytics::VarMethod::kParametric
                                              : analytics::VarMethod::kHistorical;
  ASSIGN_OR_RETURN(analytics::ReturnStats s, analytics::ComputeReturnStats(series.returns, o));
  const std::vector<std::pair<std::string_view, double>> figures = ReturnFigures(s);
  if (f.format == "json") {
    nlohmann::json j = nlohmann::json::object();
    for (const auto& [name, value] : figures) j[name] = FigureToJson(value);
    j["periods"] = s.periods;
    j["observations"] = s.observations;
    j["max_drawdown_peak"] = Where(s.drawdown.peak, series);
    j["max_drawdown_trough"] = Where(s.drawdown.trough, series);
    j["max_drawdown_recovery"] = Where(s.drawdown.recovery, series);
    j["periods_per_year"] = f.periods_per_year;
    j["risk_free"] = f.risk_free;
    j["var_method"] = f.var_method;
    std::cout << j.dump(2) << "\n";
    return Status::Ok();
  }
  std::cout << fmt::format(
      "Return statistics of {} ({} returns, {} missing; {} periods a year, risk-free {} per "
      "period, {} VaR)\n",
      f.returns_path, s.periods, s.periods - s.observations, f.periods_per_year, f.risk_free,
      f.var_method);
  TablePrinter table({"figure", ">value"});
  for (const auto& [name, value] : figures) table.AddRow({std::string(name), Text(value)});
  table.AddRow({"max_drawdown_peak", WhereText(s.drawdown.peak, series, "start")});
  table.AddRow({"max_drawdown_trough", WhereText(s.drawdown.trough, series, "-")});
  table.AddRow({"max_drawdown_recovery",
                s.drawdown.trough < 0 ? "-" : WhereText(s.drawdown.recovery, series, "not yet")});
  table.Print(std::cout);
  return Status::Ok();
}

}  // namespace

void AddMetricsCommand(CLI::App& app, CliContext& ctx) {
  auto f = std::make_shared<MetricsFlags>();
  CLI::App* metrics = app.add_subcommand(
      "metrics", "Return statistics (Sharpe, Sortino, drawdown, VaR, ...) of a returns CSV");
  metrics
      ->add_option("--returns", f->returns_path,
                   "CSV with a `return` column (and optionally a `timestamp` column)")
      ->required();
  metrics
      ->add_option("--periods-per-year", f->periods_per_year,
                   "Periods per year (252 trading days, 365 for daily crypto, ...)")
      ->capture_default_str();
  metrics
      ->add_option("--risk-free", f->risk_free,
                   "Risk-free return per period (also Sortino's and the downside risk's target, "
                   "and Omega's)")
      ->capture_default_str();
  metrics->add_option("--var", f->var_method, "VaR method: historical or parametric")
      ->check(CLI::IsMember({"historical", "parametric"}))
      ->capture_default_str();
  metrics->add_option("--format", f->format, "table or json")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  metrics->callback([&ctx, f] { ctx.Finish(RunMetrics(*f)); });
}

}  // namespace pulse::app
