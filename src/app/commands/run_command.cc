// `pulse run`: the pipeline over the configured replay feed, written to the store, resumable;
// `pulse control pause|resume|emergency-stop|status`: the manual controller commands a running
// pipeline applies at its next bar close.
#include <atomic>
#include <csignal>
#include <iostream>

#include <fmt/format.h>

#include "adapters/storage/sql_controller_store.h"
#include "adapters/storage/sql_run_store.h"
#include "app/commands/commands.h"
#include "app/controller_time.h"
#include "app/light_forecast_view.h"
#include "app/market_comparison.h"
#include "app/paper_positions_section.h"
#include "app/pipeline_run.h"
#include "app/progress_bar.h"
#include "app/report_sections.h"
#include "app/table_printer.h"
#include "core/numbers.h"

namespace pulse::app {

namespace {

std::atomic<bool> g_stop{false};

extern "C" void OnStopSignal(int) { g_stop.store(true, std::memory_order_release); }

// SIGINT / SIGTERM stop the run after the current bar close; restored when destroyed.
class StopSignals {
 public:
  StopSignals() {
    g_stop.store(false);
    previous_int_ = std::signal(SIGINT, OnStopSignal);
    previous_term_ = std::signal(SIGTERM, OnStopSignal);
  }
  ~StopSignals() {
    std::signal(SIGINT, previous_int_);
    std::signal(SIGTERM, previous_term_);
  }
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

 private:
  void (*previous_int_)(int) = SIG_DFL;
  void (*previous_term_)(int) = SIG_DFL;
};

struct RunFlags {
  std::vector<std::string> data, symbols, trades, detail;
  std::string name, from, to, detail_timeframe, progress = "auto";
  bool exit_at_end = false;
};

std::string Join(const std::vector<std::string>& items) {
  return fmt::format("{}", fmt::join(items, ","));
}

Status RunRunCommand(CliContext& ctx, const RunFlags& f) {
  ASSIGN_OR_RETURN(const Config* loaded, ctx.GetConfig());
  Config config = *loaded;
  if (!f.data.empty()) config.run.data = Join(f.data);
  if (!f.symbols.empty()) config.run.symbols = Join(f.symbols);
  if (!f.trades.empty()) config.run.trades = Join(f.trades);
  if (!f.detail.empty()) config.run.detail = Join(f.detail);
  if (!f.detail_timeframe.empty()) config.run.detail_timeframe = f.detail_timeframe;
  if (!f.name.empty()) config.run.name = f.name;
  if (!f.from.empty()) config.run.from = f.from;
  if (!f.to.empty()) config.run.to = f.to;
  ASSIGN_OR_RETURN(storage::SqlDatabase * db, ctx.GetDatabase());

  const std::string progress_flag =
      f.progress == "auto" ? std::string(ProgressModeName(config.replay.progress)) : f.progress;
  std::optional<ProgressBar> bar;
  RunOptions options;
  options.exit_at_end = f.exit_at_end;
  options.stop = &g_stop;
  options.progress = [&](std::int64_t done, std::int64_t total) {
    if (!bar)
      bar.emplace("run " + config.run.name, total, ProgressBar::ModeFromFlag(progress_flag));
    bar->Update(done);
  };
  StopSignals signals;
  Result<RunSummary> run = RunPipeline(config, *db, ctx.clock(), options);
  if (bar) bar->Finish();
  if (!run.ok()) return run.status();

  const RunSummary& s = *run;
  std::cout << fmt::format("run {}: {}{} .. {}\n", s.name,
                           s.resumed ? fmt::format("resumed after {} ({} closes replayed), ",
                                                   FormatIso8601(s.resumed_from), s.replayed_closes)
                                     : "",
                           FormatIso8601(s.first_close), FormatIso8601(s.last_close));
  TablePrinter table({"", ">value"});
  table.AddRow({"bar closes stored", std::to_string(s.bar_closes)});
  table.AddRow({"bars stored", std::to_string(s.bars)});
  table.AddRow({"trade prints", std::to_string(s.trades)});
  if (s.trades_skipped > 0) {
    table.AddRow({"  skipped (before the first bar traded)", std::to_string(s.trades_skipped)});
  }
  table.AddRow({"signals emitted", std::to_string(s.counts.emitted)});
  table.AddRow({"candidates rejected", std::to_string(s.counts.candidates_rejected)});
  table.AddRow({"  recorded as shadows", std::to_string(s.counts.rejected)});
  table.AddRow({"signals denied", std::to_string(s.counts.denied)});
  table.AddRow({"signals resolved", std::to_string(s.counts.resolved)});
  table.AddRow({"shadows resolved", std::to_string(s.counts.shadows_resolved)});
  table.AddRow({"paper fills", std::to_string(s.counts.fills)});
  table.AddRow({"controller commands applied", std::to_string(s.commands_applied)});
  table.AddRow({"paper equity", FormatFixed(s.portfolio.equity, 2)});
  table.AddRow({"open positions", std::to_string(s.portfolio.open_positions.size())});
  table.AddRow(
      {"controller", s.controller_state ? std::string(RiskStateName(*s.controller_state)) : "-"});
  table.AddRow({"light forecast warnings", std::to_string(s.counts.forecast_warnings)});
  table.Print(std::cout);
  std::cout << "controller's time in each state: " << StateTimeText(s.controller_time_pct) << "\n"
            << LightForecastText(LightForecastJson(s.forecast)) << "\n"
            << PaperVsSignalsText(PaperVsSignalsJson(s.paper_vs_signals)) << "\n"
            << PaperPositionsText(PaperPositionsJson(s.paper_positions), kPaperPositionsShown);
  if (s.market) {
    ASSIGN_OR_RETURN(const nlohmann::ordered_json market, MarketJson(*s.market, {}));
    ASSIGN_OR_RETURN(const nlohmann::ordered_json monthly, MonthlyReturnsJson(*s.market));
    std::cout << MarketText(market, monthly);
  }
  std::cout << "votes by source on the symbols evaluated in this process:\n"
            << SourcesText(SourcesJson(s.sources));
  std::cout << (s.finished ? "end of the data: the run is finished\n"
                           : "stopped; run the same command again to resume\n");
  return Status::Ok();
}

struct ControlFlags {
  std::string by = "cli", note;
  bool acknowledge_red = false;
};

Status QueueCommand(CliContext& ctx, ControllerCommandKind kind, const ControlFlags& f) {
  ASSIGN_OR_RETURN(storage::SqlDatabase * db, ctx.GetDatabase());
  storage::SqlRunStore runs(*db);
  ControllerCommand command;
  command.requested_at = ctx.clock().Now();
  command.kind = kind;
  command.requested_by = f.by;
  command.note = f.note;
  command.acknowledge_red = f.acknowledge_red;
  ASSIGN_OR_RETURN(std::int64_t id, runs.RequestCommand(command));
  std::cout << fmt::format(
      "{} queued (command {}): a running `pulse run` applies it at its next bar close\n",
      ControllerCommandKindName(kind), id);
  return Status::Ok();
}

// The stored state, its reasons and, while red, how it clears.
std::string StatusText(const ControllerStatusRow& latest, const risk::TrafficLightConfig& light) {
  std::string out = fmt::format("controller: {} since {}\n", RiskStateName(latest.state),
                                FormatIso8601(latest.changed_at));
  for (const ControllerReason& r : latest.reasons) out += "  " + r.text + "\n";
  if (latest.state != RiskState::kRed) return out;
  if (light.probation) {
    out +=
        "  on probation: the shadows of the signals it denies join the win rate and the losing "
        "streak as they resolve, so it clears once those signals would have won again "
        "(risk.traffic_light.probation)\n";
  }
  if (light.auto_acknowledge_after_s > 0) {
    out += fmt::format(
        "  if still red at {}, the controller acknowledges it "
        "(risk.traffic_light.auto_acknowledge_after_s {})\n",
        FormatIso8601(latest.changed_at + light.auto_acknowledge_after_s * kNanosPerSecond),
        light.auto_acknowledge_after_s);
  } else {
    out +=
        "  to clear it: pulse control resume --acknowledge-red (or set "
        "risk.traffic_light.auto_acknowledge_after_s)\n";
  }
  return out;
}

Status ShowControl(CliContext& ctx) {
  ASSIGN_OR_RETURN(storage::SqlDatabase * db, ctx.GetDatabase());
  storage::SqlControllerStore controller(*db);
  storage::SqlRunStore runs(*db);
  ASSIGN_OR_RETURN(const Config* config, ctx.GetConfig());
  ASSIGN_OR_RETURN(std::optional<ControllerStatusRow> latest, controller.Latest());
  if (latest) {
    std::cout << StatusText(*latest, config->risk.light);
  } else {
    std::cout << "controller: no state stored yet (no run has started)\n";
  }
  ASSIGN_OR_RETURN(SignalStore * signals, ctx.GetSignalStore());
  ASSIGN_OR_RETURN(const LightForecastView forecast,
                   LightForecastAt(*signals, controller, config->risk, ctx.clock().Now()));
  std::cout << LightForecastText(LightForecastJson(forecast)) << "\n";
  ASSIGN_OR_RETURN(std::vector<ControllerCommand> pending, runs.PendingCommands());
  std::cout << fmt::format("pending commands: {}\n", pending.size());
  for (const ControllerCommand& c : pending) {
    std::cout << fmt::format("  {} {} by {} at {}{}\n", c.id, ControllerCommandKindName(c.kind),
                             c.requested_by, FormatIso8601(c.requested_at),
                             c.note.empty() ? "" : ": " + c.note);
  }
  return Status::Ok();
}

}  // namespace

void AddRunCommand(CLI::App& app, CliContext& ctx) {
  auto f = std::make_shared<RunFlags>();
  CLI::App* cmd = app.add_subcommand(
      "run",
      "Run signals, controller, paper trading and outcome tracking over the replay feed, "
      "storing everything; started again, a run resumes where it stopped");
  cmd->add_option("--data", f->data, "Candle file(s) (default run.data; none: the ohlcv table)");
  cmd->add_option("--symbol", f->symbols, "Symbols (default run.symbols)");
  cmd->add_option("--trades", f->trades,
                  "Trade file(s) replayed between the bar closes, FILE or SYMBOL=FILE (default "
                  "run.trades)");
  cmd->add_option("--detail", f->detail,
                  "Candle file(s) of a finer timeframe, FILE or SYMBOL=FILE, deciding a bar "
                  "touching both the stop-loss and the take-profit (default run.detail)");
  cmd->add_option("--detail-timeframe", f->detail_timeframe,
                  "With the ohlcv table: the finer timeframe whose stored bars do the same, e.g. "
                  "1m (default run.detail_timeframe)");
  cmd->add_option("--name", f->name, "Run name (default run.name)");
  cmd->add_option("--from", f->from, "First bar time (ISO-8601, default run.from)");
  cmd->add_option("--to", f->to, "End of the bars (ISO-8601, exclusive; default run.to)");
  cmd->add_flag("--exit-at-end", f->exit_at_end,
                "Stop at the end of the data instead of waiting for new bars");
  cmd->add_option("--progress", f->progress, "auto, on or off (on stderr)")
      ->check(CLI::IsMember({"auto", "on", "off"}))
      ->capture_default_str();
  cmd->callback([&ctx, f] { ctx.Finish(RunRunCommand(ctx, *f)); });

  CLI::App* control =
      app.add_subcommand("control", "Pause, resume or stop trading; the controller's state");
  control->require_subcommand(1);
  auto add = [&](const char* name, ControllerCommandKind kind, const char* help) {
    auto cf = std::make_shared<ControlFlags>();
    CLI::App* sub = control->add_subcommand(name, help);
    sub->add_option("--by", cf->by, "Who asks")->capture_default_str();
    sub->add_option("--note", cf->note, "Why");
    if (kind == ControllerCommandKind::kResume) {
      sub->add_flag("--acknowledge-red", cf->acknowledge_red,
                    "Also start a fresh evaluation when the light is red");
    }
    sub->callback([&ctx, kind, cf] { ctx.Finish(QueueCommand(ctx, kind, *cf)); });
  };
  add("pause", ControllerCommandKind::kPause, "Deny new entries until resumed");
  add("resume", ControllerCommandKind::kResume, "Allow new entries again");
  add("emergency-stop", ControllerCommandKind::kEmergencyStop,
      "Close every paper position and stop new entries");
  CLI::App* status =
      control->add_subcommand("status", "The controller's state and queued commands");
  status->callback([&ctx] { ctx.Finish(ShowControl(ctx)); });
}

}  // namespace pulse::app
