// `pulse record entry|exit`.
#include <iostream>

#include "app/commands/commands.h"
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

}  // namespace pulse::app
