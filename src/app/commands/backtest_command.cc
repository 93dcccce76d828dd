// `pulse backtest`: the pipeline of `pulse run` over candle files on a fresh in-memory store,
// then the report (text, JSON, HTML) and, with --store, a copy of the store in a new SQLite file.
#include <iostream>
#include <string_view>

#include <fmt/format.h>

#include "app/backtest.h"
#include "app/backtest_report.h"
#include "app/commands/commands.h"
#include "app/commands/output_file.h"
#include "app/config/features_config.h"
#include "app/config_warnings.h"
#include "app/csv_table.h"
#include "app/detail_input.h"
#include "app/progress_bar.h"
#include "core/numbers.h"

namespace pulse::app {

namespace {

struct BacktestFlags {
  std::vector<std::string> data, symbols, detail;
  std::string exchange, from, to, report, trades, store, format = "table", progress = "auto";
  int simulations = 1000;
  std::int64_t seed = 1;  // >= 0
};

// "197,227 bars in 1.23 s (160 k bars/s)" for the closing line on stderr.
std::string ThroughputText(std::int64_t bars, std::int64_t nanos) {
  const double seconds = static_cast<double>(std::max<std::int64_t>(nanos, 0)) / 1e9;
  std::string text =
      fmt::format("{} bars in {:.2f} s", FormatGrouped(static_cast<double>(bars), 0), seconds);
  if (seconds <= 0) return text;
  const double rate = static_cast<double>(bars) / seconds;
  if (rate >= 1e4) return text + fmt::format(" ({} k bars/s)", FormatGrouped(rate / 1e3, 0));
  return text + fmt::format(" ({} bars/s)", FormatGrouped(rate, 0));
}

// How to look into a kept store: the stats command that covers the whole backtest.
std::string StoreHint(const std::string& path, const BacktestRun& run) {
  const std::int64_t days = (run.end - run.start + kNanosPerDay - 1) / kNanosPerDay;
  return fmt::format("pulse stats --db sqlite://{} --at {} --days {}", path, FormatIso8601(run.end),
                     std::max<std::int64_t>(days, 1));
}

Status RunBacktestCommand(CliContext& ctx, const BacktestFlags& f) {
  ASSIGN_OR_RETURN(const Config* config, ctx.GetConfig());
  BacktestOptions options;
  ASSIGN_OR_RETURN(const TimeRange range, ParseTimeRange(f.from, "--from", f.to, "--to"));
  options.from = range.from;
  options.to = range.to;
  RETURN_IF_ERROR(CheckMonteCarloFlags(f.simulations, f.seed));
  ASSIGN_OR_RETURN(indicators::FeatureSetSpec spec, FeatureSetSpecFromConfig(config->features));
  if (!f.trades.empty() && (f.trades == f.report || f.trades == f.store)) {
    return InvalidArgumentError("--trades names the same file as --{}: {}",
                                f.trades == f.report ? "report" : "store", f.trades);
  }
  OutputFile report_file, trades_file, store_file;
  if (!f.report.empty()) RETURN_IF_ERROR(report_file.Open(f.report, "the report"));
  if (!f.trades.empty()) RETURN_IF_ERROR(trades_file.Open(f.trades, "the trade list"));
  // The store never replaces a file: it may be somebody's store.
  if (!f.store.empty()) RETURN_IF_ERROR(store_file.Create(f.store, "the backtest's store"));
  options.store_path = f.store;
  const std::string exchange = f.exchange.empty() ? config->data.default_exchange : f.exchange;
  ASSIGN_OR_RETURN(std::vector<SymbolSeries> series,
                   ReadSymbolSeries(f.data, f.symbols, exchange, spec));
  RETURN_IF_ERROR(AttachDetailFiles(f.detail, spec.base, &series).WithContext("--detail"));
  // Wall-clock time of the run itself, for the closing line on stderr only.
  const UnixNanos started = ctx.clock().Now();
  ProgressBar progress("backtest", TotalBars(series), ProgressBar::ModeFromFlag(f.progress));
  Result<BacktestRun> run =
      RunBacktest(*config, series, options, [&](std::int64_t done) { progress.Update(done); });
  progress.Finish();
  if (!run.ok()) return run.status();
  for (const std::string& warning : ConfigWarnings(*config)) {
    std::cerr << "warning: " << warning << "\n";
  }
  std::cerr << fmt::format("backtest: {}\n",
                           ThroughputText(run->bars_read, ctx.clock().Now() - started));
  if (!f.store.empty()) {
    RETURN_IF_ERROR(store_file.Keep());
    std::cerr << fmt::format("backtest: store written to {} ({})\n", f.store,
                             StoreHint(f.store, *run));
  }
  ASSIGN_OR_RETURN(
      nlohmann::ordered_json report,
      BacktestReportJson(*run, MonteCarloSettingsFor(config->risk, f.simulations,
                                                     static_cast<std::uint64_t>(f.seed))));
  if (f.format == "json") {
    std::cout << report.dump(2) << "\n";
  } else {
    std::cout << BacktestReportText(report);
  }
  if (!f.report.empty()) {
    RETURN_IF_ERROR(report_file.Write(BacktestReportHtml(report, *run)));
    std::cerr << fmt::format("backtest: report written to {}\n", f.report);
  }
  if (!f.trades.empty()) {
    RETURN_IF_ERROR(trades_file.Write(CsvTable(report["trade_list"])));
    std::cerr << fmt::format("backtest: {} trades written to {}\n", report["trade_list"].size(),
                             f.trades);
  }
  return Status::Ok();
}

}  // namespace

void AddBacktestCommand(CLI::App& app, CliContext& ctx) {
  auto f = std::make_shared<BacktestFlags>();
  CLI::App* cmd = app.add_subcommand(
      "backtest", "Run signals, controller, paper trading and outcome tracking over candle files");
  cmd->add_option("--data", f->data, "Candle file(s) of the feature base timeframe")->required();
  cmd->add_option("--symbol", f->symbols, "Symbol of each --data file (default: from the name)");
  cmd->add_option("--detail", f->detail,
                  "Candle file(s) of a finer timeframe, FILE or SYMBOL=FILE: they decide a bar "
                  "touching both the stop-loss and the take-profit");
  cmd->add_option("--exchange", f->exchange, "Venue (default: data.default_exchange)");
  cmd->add_option("--from", f->from, "First bar time traded (ISO-8601, inclusive)");
  cmd->add_option("--to", f->to, "End of the bars traded (ISO-8601, exclusive)");
  cmd->add_option("--report", f->report, "Write the report as HTML with charts to this file");
  cmd->add_option("--trades", f->trades,
                  "Write every trade (the report's trade list) as CSV to this file");
  cmd->add_option("--store", f->store,
                  "Keep the backtest's store (signals, shadows, outcomes, fills, controller rows, "
                  "snapshots) as this new SQLite file, for pulse stats / signals list --db "
                  "sqlite://FILE");
  cmd->add_option("--simulations", f->simulations,
                  "Monte Carlo paths of the trades, shuffled and bootstrapped (0: none)")
      ->capture_default_str();
  cmd->add_option("--seed", f->seed, "Seed of the Monte Carlo paths (>= 0)")->capture_default_str();
  cmd->add_option("--format", f->format, "table or json (json has no wall-clock figures)")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  cmd->add_option("--progress", f->progress, "auto, on or off (on stderr)")
      ->check(CLI::IsMember({"auto", "on", "off"}))
      ->capture_default_str();
  cmd->callback([&ctx, f] { ctx.Finish(RunBacktestCommand(ctx, *f)); });
}

}  // namespace pulse::app
