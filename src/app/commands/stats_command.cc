// `pulse stats` (the performance report on the store's data) and `pulse stats snapshots` (the
// stored performance snapshots).
#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "adapters/storage/sql_controller_store.h"
#include "adapters/storage/sql_database.h"
#include "adapters/storage/sql_performance_snapshot_store.h"
#include "adapters/storage/sql_portfolio_store.h"
#include "adapters/storage/sql_run_store.h"
#include "app/commands/commands.h"
#include "app/commands/output_file.h"
#include "app/performance_snapshots.h"
#include "app/report_sections.h"
#include "app/snapshots_html.h"
#include "app/stats_html.h"
#include "app/stats_report.h"
#include "app/table_printer.h"

namespace pulse::app {

namespace {

// When a report is as at: `--at T`, the simulated time `--run NAME` reached, or now.
struct MomentFlags {
  std::string at;
  std::string run;
};

struct StatsFlags {
  MomentFlags moment;
  int days = 30;
  int last = 20;
  std::vector<std::string> symbols;
  std::vector<std::string> sources;
  std::string format = "table";
  std::string report;  // --report FILE.html
  int simulations = 1000;
  std::int64_t seed = 1;  // >= 0
};

struct SnapshotFlags {
  MomentFlags moment;
  std::string scope;
  std::string window;
  int days = 0;
  CLI::Option* days_option = nullptr;
  std::string format = "table";
  std::string report;
};

// The moment the flags name; the run's is its last stored bar close.
Result<UnixNanos> ReportMoment(CliContext& ctx, storage::SqlDatabase& db, const MomentFlags& f) {
  if (!f.at.empty()) {
    ASSIGN_OR_RETURN(std::optional<UnixNanos> at, ParseTimeBound(f.at, "--at"));
    return *at;
  }
  if (f.run.empty()) return ctx.clock().Now();
  storage::SqlRunStore runs(db);
  ASSIGN_OR_RETURN(std::optional<RunRecord> run, runs.FindRun(f.run));
  if (!run) {
    return NotFoundError(
        "--run: no run named '{}' in the store (`pulse run` names its run by "
        "run.name, 'default' unless set)",
        f.run);
  }
  if (!run->checkpoint_close) {
    return FailedPreconditionError("--run: run '{}' has not stored a bar close yet", f.run);
  }
  return *run->checkpoint_close;
}

void AddMomentOptions(CLI::App& cmd, MomentFlags& f) {
  CLI::Option* at = cmd.add_option(
      "--at", f.at,
      "The report as at this time (ISO-8601; default now): later closes are left out");
  CLI::Option* run = cmd.add_option(
      "--run", f.run, "The report as at the simulated time this `pulse run` reached (its name)");
  at->excludes(run);
}

Status RunStats(CliContext& ctx, const StatsFlags& f) {
  ASSIGN_OR_RETURN(const StatsQuery query, CheckStatsQuery({f.days, f.last, f.symbols, f.sources}));
  RETURN_IF_ERROR(CheckMonteCarloFlags(f.simulations, f.seed));
  OutputFile report_file;
  if (!f.report.empty()) RETURN_IF_ERROR(report_file.Open(f.report, "the report"));
  ASSIGN_OR_RETURN(const Config* config, ctx.GetConfig());
  ASSIGN_OR_RETURN(storage::SqlDatabase * db, ctx.GetDatabase());
  ASSIGN_OR_RETURN(const UnixNanos at, ReportMoment(ctx, *db, f.moment));
  ASSIGN_OR_RETURN(SignalStore * signals, ctx.GetSignalStore());
  storage::SqlControllerStore controller(*db);
  StatsReportInputs inputs;
  inputs.signals = signals;
  inputs.controller = &controller;
  inputs.now = at;
  inputs.capital = config->paper.starting_balance;
  inputs.risk = &config->risk;
  inputs.monte_carlo =
      MonteCarloSettingsFor(config->risk, f.simulations, static_cast<std::uint64_t>(f.seed));
  storage::SqlPortfolioStore portfolio(*db);
  inputs.portfolio = &portfolio;
  inputs.paper_account = config->paper.account;
  ASSIGN_OR_RETURN(inputs.candles, ctx.GetCandleStore());
  StatsChartData charts;
  ASSIGN_OR_RETURN(nlohmann::ordered_json report,
                   BuildStatsReport(query, inputs, f.report.empty() ? nullptr : &charts));
  if (f.format == "json") {
    std::cout << report.dump(2) << "\n";
  } else {
    std::cout << StatsReportText(report);
  }
  if (!f.report.empty()) {
    RETURN_IF_ERROR(report_file.Write(StatsReportHtml(report, charts)));
    std::cerr << fmt::format("stats: report written to {}\n", f.report);
  }
  return Status::Ok();
}

// The rows as `--format json` prints them; DataLoss for metrics that are not JSON.
Result<nlohmann::ordered_json> SnapshotRowsJson(const std::vector<PerformanceSnapshot>& rows) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const PerformanceSnapshot& row : rows) {
    nlohmann::ordered_json metrics =
        nlohmann::ordered_json::parse(row.metrics, nullptr, /*allow_exceptions=*/false);
    if (metrics.is_discarded()) {
      return DataLossError("performance snapshot {}: metrics are not JSON", row.id);
    }
    out.push_back({{"taken_at", FormatIso8601(row.taken_at)},
                   {"scope", row.scope},
                   {"window", row.window},
                   {"metrics", std::move(metrics)}});
  }
  return out;
}

Status RunSnapshots(CliContext& ctx, const SnapshotFlags& f) {
  PerformanceSnapshotFilter filter;
  if (!f.scope.empty()) {
    ASSIGN_OR_RETURN(filter.scope, ParseSnapshotScope(f.scope));
  }
  if (!f.window.empty()) {
    RETURN_IF_ERROR(CheckSnapshotWindow(f.window));
    filter.window = f.window;
  }
  const bool history = f.days_option != nullptr && f.days_option->count() > 0;
  if (history) RETURN_IF_ERROR(CheckStatsDays(f.days));
  OutputFile report_file;
  if (!f.report.empty()) RETURN_IF_ERROR(report_file.Open(f.report, "the report"));
  ASSIGN_OR_RETURN(storage::SqlDatabase * db, ctx.GetDatabase());
  ASSIGN_OR_RETURN(const UnixNanos at, ReportMoment(ctx, *db, f.moment));
  storage::SqlPerformanceSnapshotStore store(*db);
  std::vector<PerformanceSnapshot> rows;
  filter.until = at + 1;  // taken at or before the moment
  if (history) {
    // The figures in effect over the period: for each scope and window the newest row taken
    // before it (interval rounds leave out unchanged figures, so it may be days old), then
    // every row taken in it.
    const UnixNanos since = SubtractDaysSaturating(at, f.days);
    PerformanceSnapshotFilter before = filter;
    before.until = since;
    ASSIGN_OR_RETURN(rows, store.Latest(before));
    filter.since = since;
    ASSIGN_OR_RETURN(std::vector<PerformanceSnapshot> taken, store.List(filter));
    std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
      return a.taken_at != b.taken_at ? a.taken_at < b.taken_at : a.id < b.id;
    });
    rows.insert(rows.end(), std::make_move_iterator(taken.begin()),
                std::make_move_iterator(taken.end()));
  } else {
    ASSIGN_OR_RETURN(rows, store.Latest(filter));
  }
  ASSIGN_OR_RETURN(const nlohmann::ordered_json out, SnapshotRowsJson(rows));
  if (f.format == "json") {
    std::cout << out.dump(2) << "\n";
  } else {
    std::vector<std::string> headers = SnapshotHeaders();
    for (std::size_t i = 3; i < headers.size(); ++i) headers[i] = ">" + headers[i];
    TablePrinter table(headers);
    for (const nlohmann::ordered_json& row : out) {
      std::vector<std::string> cells;
      for (auto& [header, text] : SnapshotCells(row)) cells.push_back(std::move(text));
      table.AddRow(cells);
    }
    std::cout << fmt::format(
        "{} performance snapshots{}\n", out.size(),
        history ? fmt::format(" in effect in the {} days to {} (the newest "
                              "before them, then every one taken since)",
                              f.days, FormatIso8601(at))
                : fmt::format(", the newest of each scope and window at {}", FormatIso8601(at)));
    table.Print(std::cout);
  }
  if (!f.report.empty()) {
    // The charts: the period's rows, or without --days every row taken up to the moment.
    const std::string window = f.window.empty() ? "30d" : f.window;
    nlohmann::ordered_json every_row;
    if (!history) {
      filter.window = window;
      ASSIGN_OR_RETURN(const std::vector<PerformanceSnapshot> all, store.List(filter));
      ASSIGN_OR_RETURN(every_row, SnapshotRowsJson(all));
    }
    RETURN_IF_ERROR(report_file.Write(SnapshotsReportHtml(history ? out : every_row, window, at)));
    std::cerr << fmt::format("stats snapshots: report written to {}\n", f.report);
  }
  return Status::Ok();
}

}  // namespace

void AddStatsCommand(CLI::App& app, CliContext& ctx) {
  auto f = std::make_shared<StatsFlags>();
  CLI::App* stats = app.add_subcommand(
      "stats",
      "Performance of the closed trades: statistics, daily returns, calibration, breakdowns, "
      "controller history and what the gates cost or saved");
  stats->require_subcommand(0, 1);
  stats->add_option("--days", f->days, "Trades closed in the last N days (up to --at or --run)")
      ->capture_default_str();
  stats->add_option("--last", f->last, "The rolling view: the last N trades, whatever their age")
      ->capture_default_str();
  stats
      ->add_option("--simulations", f->simulations,
                   "Monte Carlo paths of the trades' account, shuffled and bootstrapped (0: none)")
      ->capture_default_str();
  stats->add_option("--seed", f->seed, "Seed of the Monte Carlo paths (>= 0)")
      ->capture_default_str();
  stats->add_option("--symbol", f->symbols, "Only these symbols (repeat or comma-separate)")
      ->delimiter(',');
  stats
      ->add_option("--source", f->sources,
                   "Only trades of these sources: a signal's source (manual, ensemble, ...) or a "
                   "contributing theory / model as stored (theory:<name>, model:<name>); repeat "
                   "or comma-separate")
      ->delimiter(',');
  stats->add_option("--format", f->format, "table or json")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  stats->add_option("--report", f->report,
                    "Also write the report as HTML with charts to this file");
  AddMomentOptions(*stats, f->moment);

  auto s = std::make_shared<SnapshotFlags>();
  CLI::App* snapshots = stats->add_subcommand(
      "snapshots",
      "Stored performance snapshots: the newest of each scope and window, or with --days the "
      "ones in effect in the last N days: the newest of each taken before them, then every one "
      "taken since (oldest first)");
  snapshots->add_option("--scope", s->scope, "overall, source:<name> or symbol:<SYMBOL>");
  snapshots->add_option("--window", s->window, "day, 7d, 30d or all");
  s->days_option =
      snapshots->add_option("--days", s->days, "The snapshots in effect in the last N days");
  snapshots->add_option("--report", s->report,
                        "Also write the figures of one window (--window, 30d unless given) over "
                        "time as charts, a line per scope, to this HTML file: over the --days "
                        "period, else every snapshot up to the moment");
  snapshots->add_option("--format", s->format, "table or json")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  AddMomentOptions(*snapshots, s->moment);
  snapshots->callback([&ctx, s] { ctx.Finish(RunSnapshots(ctx, *s)); });

  stats->callback([&ctx, f, snapshots] {
    if (snapshots->parsed()) return;
    ctx.Finish(RunStats(ctx, *f));
  });
}

}  // namespace pulse::app
