// `pulse record entry|exit` and `pulse stats`.
#include <cmath>
#include <iostream>

#include "app/commands/commands.h"
#include "app/json_views.h"
#include "app/table_printer.h"
#include "control/trade_recorder.h"
#include "core/numbers.h"

namespace pulse::app {

namespace {

struct RecordFlags {
  std::string id, price, reason, at;
};

struct ParsedRecord {
  SignalId id = 0;
  double price = 0;
  std::optional<UnixNanos> at;
};

Result<ParsedRecord> Parse(const RecordFlags& f) {
  ParsedRecord p;
  ASSIGN_OR_RETURN(p.id, ParseInt64(f.id, "signal id"));
  ASSIGN_OR_RETURN(p.price, ParsePositiveDouble(f.price, "price"));
  if (!f.at.empty()) {
    ASSIGN_OR_RETURN(UnixNanos at, ParseIso8601(f.at));
    p.at = at;
  }
  return p;
}

Status RunEntry(CliContext& ctx, const RecordFlags& f) {
  ASSIGN_OR_RETURN(ParsedRecord p, Parse(f));
  ASSIGN_OR_RETURN(control::TradeRecorder recorder, ctx.MakeTradeRecorder());
  ASSIGN_OR_RETURN(SignalResult r, recorder.RecordEntry(p.id, p.price, p.at));
  std::cout << fmt::format("signal {}: entry {} at {}\n", p.id, r.entry_price,
                           FormatIso8601(r.entry_time));
  return Status::Ok();
}

Status RunExit(CliContext& ctx, const RecordFlags& f) {
  ASSIGN_OR_RETURN(ParsedRecord p, Parse(f));
  ASSIGN_OR_RETURN(control::TradeRecorder recorder, ctx.MakeTradeRecorder());
  ASSIGN_OR_RETURN(SignalResult r, recorder.RecordExit(p.id, p.price, f.reason, p.at));
  std::string total;
  if (r.pnl_quote_total) total = fmt::format(", {:+.2f} for the position", *r.pnl_quote_total);
  std::cout << fmt::format(
      "signal {} closed: {} -> {}, {:+.2f}% ({:+.2f} per unit{}), {}, {}, held {:.0f} min\n", p.id,
      r.entry_price, *r.exit_price, *r.pnl_percent, *r.pnl_quote, total, OutcomeName(r.outcome),
      r.exit_reason, *r.hold_minutes);
  return Status::Ok();
}

std::string ProfitFactorText(const std::optional<double>& pf) {
  if (!pf) return "-";
  if (std::isinf(*pf)) return "inf";
  return FormatFixed(*pf, 2);
}

Status RunStats(CliContext& ctx, int days, const std::string& format) {
  ASSIGN_OR_RETURN(control::TradeRecorder recorder, ctx.MakeTradeRecorder());
  ASSIGN_OR_RETURN(control::RecorderReport rep, recorder.Report(days));
  if (format == "json") {
    std::cout << ReportToJson(rep).dump(2) << "\n";
    return Status::Ok();
  }
  const analytics::RecorderStats& s = rep.stats;
  std::cout << fmt::format("Performance over the last {} days (closed since {})\n", rep.days,
                           FormatIso8601(rep.since));
  TablePrinter summary({"figure", ">value"});
  summary.AddRow({"total trades", std::to_string(s.total_trades)});
  summary.AddRow({"wins", std::to_string(s.wins)});
  summary.AddRow({"losses", std::to_string(s.losses)});
  summary.AddRow({"breakevens", std::to_string(s.breakevens)});
  summary.AddRow({"win rate %", FormatFixed(s.win_rate_pct, 2)});
  summary.AddRow({"average win %", FormatFixed(s.avg_win_pct, 2)});
  summary.AddRow({"average loss %", FormatFixed(s.avg_loss_pct, 2)});
  summary.AddRow({"average P&L %", FormatFixed(s.avg_pnl_pct, 2)});
  summary.AddRow({"profit factor", ProfitFactorText(s.profit_factor)});
  summary.Print(std::cout);

  std::cout << fmt::format("\nOpen positions ({})\n", rep.open_positions.size());
  TablePrinter open({">id", "symbol", "dir", ">entry", "entered", ">age min"});
  for (const control::OpenPosition& p : rep.open_positions) {
    open.AddRow({std::to_string(p.signal.id), p.signal.symbol,
                 std::string(DirectionName(p.signal.direction)),
                 fmt::format("{}", p.result.entry_price), FormatIso8601(p.result.entry_time),
                 FormatFixed(p.age_minutes, 0)});
  }
  open.Print(std::cout);

  std::cout << fmt::format("\nRecent trades ({})\n", rep.recent_trades.size());
  TablePrinter recent({">id", "symbol", "dir", ">entry", ">exit", ">pnl%", "outcome", "reason",
                       "exited", ">held min"});
  for (const control::ClosedTrade& t : rep.recent_trades) {
    recent.AddRow(
        {std::to_string(t.signal.id), t.signal.symbol,
         std::string(DirectionName(t.signal.direction)), fmt::format("{}", t.result.entry_price),
         fmt::format("{}", t.result.exit_price.value_or(0)),
         FormatOptional(t.result.pnl_percent, 2), std::string(OutcomeName(t.result.outcome)),
         t.result.exit_reason, FormatIso8601(t.result.exit_time.value_or(0)),
         FormatOptional(t.result.hold_minutes, 0)});
  }
  recent.Print(std::cout);
  return Status::Ok();
}

}  // namespace

void AddRecordCommands(CLI::App& app, CliContext& ctx) {
  CLI::App* record = app.add_subcommand("record", "Record a signal's entry or exit");
  record->require_subcommand(1);

  auto ef = std::make_shared<RecordFlags>();
  CLI::App* entry = record->add_subcommand("entry", "Record (or update) the entry of a signal");
  entry->add_option("signal_id", ef->id, "Signal id")->required();
  entry->add_option("price", ef->price, "Fill price")->required();
  entry->add_option("--at", ef->at, "Time, ISO-8601 (default now)");
  entry->callback([&ctx, ef] { ctx.Finish(RunEntry(ctx, *ef)); });

  auto xf = std::make_shared<RecordFlags>();
  CLI::App* exit = record->add_subcommand("exit", "Record the exit of an entered signal");
  exit->add_option("signal_id", xf->id, "Signal id")->required();
  exit->add_option("price", xf->price, "Fill price")->required();
  exit->add_option("reason", xf->reason,
                   "Why: take_profit, stop_loss, manual, ... (default manual)");
  exit->add_option("--at", xf->at, "Time, ISO-8601 (default now)");
  exit->callback([&ctx, xf] { ctx.Finish(RunExit(ctx, *xf)); });
}

void AddStatsCommand(CLI::App& app, CliContext& ctx) {
  struct StatsFlags {
    int days = 30;
    std::string format = "table";
  };
  auto f = std::make_shared<StatsFlags>();
  CLI::App* stats =
      app.add_subcommand("stats", "Win rate, P&L and profit factor of recorded trades");
  stats->add_option("--days", f->days, "Window in days")->capture_default_str();
  stats->add_option("--format", f->format, "table or json")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  stats->callback([&ctx, f] { ctx.Finish(RunStats(ctx, f->days, f->format)); });
}

}  // namespace pulse::app
