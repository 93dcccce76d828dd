// `pulse signals add|import|list`.
#include <algorithm>
#include <iostream>

#include <nlohmann/json.hpp>

#include "app/commands/commands.h"
#include "app/csv_table.h"
#include "app/json_views.h"
#include "app/report_sections.h"
#include "app/signal_fields.h"
#include "app/signal_file_parser.h"
#include "app/table_printer.h"
#include "control/trade_recorder.h"
#include "core/numbers.h"

namespace pulse::app {

namespace {

struct AddFlags {
  std::string symbol, direction, entry, stop, take, confidence, size, timeframe, exchange, source,
      notes;
};

Status RunAdd(CliContext& ctx, const AddFlags& f) {
  ASSIGN_OR_RETURN(const Config* config, ctx.GetConfig());
  SignalFieldSetter setter;
  RETURN_IF_ERROR(setter.Set("exchange", config->recorder.default_exchange));
  RETURN_IF_ERROR(setter.Set("timeframe", config->recorder.default_timeframe));
  const std::pair<const char*, const std::string*> fields[] = {
      {"symbol", &f.symbol}, {"direction", &f.direction}, {"entry", &f.entry},
      {"stop", &f.stop},     {"take", &f.take},           {"confidence", &f.confidence},
      {"size", &f.size},     {"timeframe", &f.timeframe}, {"exchange", &f.exchange},
      {"source", &f.source}, {"notes", &f.notes}};
  for (const auto& [name, value] : fields) {
    if (!value->empty()) RETURN_IF_ERROR(setter.Set(name, *value));
  }
  RETURN_IF_ERROR(setter.CheckRequired());
  ASSIGN_OR_RETURN(control::TradeRecorder recorder, ctx.MakeTradeRecorder());
  Signal s = setter.signal();
  ASSIGN_OR_RETURN(SignalId id, recorder.AddSignal(s));
  const double risk = std::abs(s.entry_price - s.stop_loss);
  const double reward = std::abs(s.take_profit - s.entry_price);
  std::cout << fmt::format(
      "signal {} recorded: {} {} entry {} stop {} take {} (reward/risk {:.2f})\n", id,
      NormalizeSymbol(s.symbol).value_or(s.symbol), DirectionName(s.direction), s.entry_price,
      s.stop_loss, s.take_profit, reward / risk);
  return Status::Ok();
}

Status RunImport(CliContext& ctx, const std::string& path) {
  ASSIGN_OR_RETURN(std::vector<Signal> signals, ReadSignalsFile(path));
  ASSIGN_OR_RETURN(control::TradeRecorder recorder, ctx.MakeTradeRecorder());
  Result<std::vector<SignalId>> ids = recorder.AddSignals(std::move(signals));
  if (!ids.ok()) return ids.status().WithContext(path);
  std::cout << fmt::format("imported {} signals (ids {}..{}) from {}\n", ids->size(), ids->front(),
                           ids->back(), path);
  return Status::Ok();
}

// A stored signal as a row of the CSV export: its fields in the order of the table, the failed
// checks' reasons of a rejected or denied one, then its result's as in a report's trade list, which
// CsvTable names "result.<key>" (empty cells while it has none).
nlohmann::ordered_json SignalCsvRow(const Signal& signal, const SignalResult* result) {
  const nlohmann::json j = SignalToJson(signal, nullptr);
  nlohmann::ordered_json row;
  for (const char* key :
       {"id", "created_at", "symbol", "exchange", "timeframe", "direction", "entry_price",
        "stop_loss", "take_profit", "confidence", "size", "source", "status", "notes"}) {
    row[key] = j[key];
  }
  const std::string rejected_by = RejectionReasons(signal);
  row["rejection_reasons"] = rejected_by.empty() ? nlohmann::json() : nlohmann::json(rejected_by);
  row["result"] = nullptr;
  if (result != nullptr) {
    row["result"] = TradeRowJson(signal, *result);
    for (const char* key : {"signal_id", "symbol", "direction"}) row["result"].erase(key);
  }
  return row;
}

// The check that stopped a rejected or denied signal (StoppedBy, as the reports group them) and
// how many more it failed ("risk:red_light:win_rate +2"); "-" for the others.
std::string StoppedByText(const Signal& signal) {
  const auto failed = std::count_if(signal.gate_checks.begin(), signal.gate_checks.end(),
                                    [](const GateCheck& c) { return !c.passed; });
  if (failed == 0) return "-";
  return StoppedBy(signal) + (failed > 1 ? fmt::format(" +{}", failed - 1) : "");
}

Status RunList(CliContext& ctx, const std::string& status, const std::string& format,
               const std::string& symbol, int limit) {
  SignalFilter filter;
  if (status == "open") {
    filter.statuses = {SignalStatus::kPending, SignalStatus::kOpen};
  } else if (status != "all") {
    ASSIGN_OR_RETURN(SignalStatus st, ParseSignalStatus(status));
    filter.statuses = {st};
  }
  if (!symbol.empty()) {
    ASSIGN_OR_RETURN(std::string normalized, NormalizeSymbol(symbol));
    filter.symbol = normalized;
  }
  if (limit < 0) return InvalidArgumentError("--limit must not be negative");
  filter.limit = limit;
  ASSIGN_OR_RETURN(SignalStore * store, ctx.GetSignalStore());
  ASSIGN_OR_RETURN(std::vector<Signal> signals, store->ListSignals(filter));
  std::vector<std::optional<SignalResult>> results;
  for (const Signal& s : signals) {
    ASSIGN_OR_RETURN(std::optional<SignalResult> r, store->GetResult(s.id));
    results.push_back(std::move(r));
  }
  if (format == "json") {
    nlohmann::json out = nlohmann::json::array();
    for (size_t i = 0; i < signals.size(); ++i) {
      out.push_back(SignalToJson(signals[i], results[i] ? &*results[i] : nullptr));
    }
    std::cout << out.dump(2) << "\n";
    return Status::Ok();
  }
  if (format == "csv") {
    nlohmann::ordered_json rows = nlohmann::ordered_json::array();
    for (size_t i = 0; i < signals.size(); ++i) {
      rows.push_back(SignalCsvRow(signals[i], results[i] ? &*results[i] : nullptr));
    }
    std::cout << CsvTable(rows);
    return Status::Ok();
  }
  TablePrinter table({">id", "created", "symbol", "dir", "tf", ">entry", ">stop", ">take", ">conf",
                      "source", "status", "stopped by", ">filled", ">exit", ">pnl%", "outcome"});
  for (size_t i = 0; i < signals.size(); ++i) {
    const Signal& s = signals[i];
    const SignalResult* r = results[i] ? &*results[i] : nullptr;
    table.AddRow({std::to_string(s.id), FormatIso8601(s.created_at), s.symbol,
                  std::string(DirectionName(s.direction)), s.timeframe, PriceText(s.entry_price),
                  PriceText(s.stop_loss), PriceText(s.take_profit), FormatOptional(s.confidence, 2),
                  s.source, std::string(SignalStatusName(s.status)), StoppedByText(s),
                  r ? PriceText(r->entry_price) : "-",
                  r && r->exit_price ? PriceText(*r->exit_price) : "-",
                  r ? FormatOptional(r->pnl_percent, 2) : "-",
                  r ? std::string(OutcomeName(r->outcome)) : "-"});
  }
  table.Print(std::cout);
  std::cout << fmt::format("{} signal(s)\n", signals.size());
  return Status::Ok();
}

}  // namespace

void AddSignalCommands(CLI::App& app, CliContext& ctx) {
  CLI::App* signals = app.add_subcommand("signals", "Record, import and list signals");
  signals->require_subcommand(1);

  auto flags = std::make_shared<AddFlags>();
  CLI::App* add = signals->add_subcommand("add", "Record a signal by hand");
  add->add_option("--symbol", flags->symbol, "Instrument, e.g. BTCUSDT")->required();
  add->add_option("--direction", flags->direction, "long or short")->required();
  add->add_option("--entry", flags->entry, "Entry price")->required();
  add->add_option("--stop", flags->stop, "Stop-loss price")->required();
  add->add_option("--take", flags->take, "Take-profit price")->required();
  add->add_option("--confidence", flags->confidence, "Model confidence 0..1");
  add->add_option("--size", flags->size, "Position size in base units");
  add->add_option("--timeframe", flags->timeframe, "Bar timeframe (default from config)");
  add->add_option("--exchange", flags->exchange, "Venue (default from config)");
  add->add_option("--source", flags->source, "manual, theory:<name> or model:<name>");
  add->add_option("--notes", flags->notes, "Free text");
  add->callback([&ctx, flags] { ctx.Finish(RunAdd(ctx, *flags)); });

  auto path = std::make_shared<std::string>();
  CLI::App* import = signals->add_subcommand("import", "Import many signals from CSV or JSON");
  import->add_option("file", *path, "FILE.csv or FILE.json")->required();
  import->callback([&ctx, path] { ctx.Finish(RunImport(ctx, *path));
});

struct ListFlags {
  std::string status = "all", format = "table", symbol;
  int limit = 0;
};
auto lf = std::make_shared<ListFlags>();
CLI::App* list = signals->add_subcommand("list", "List stored signals");
list->add_option("--status", lf->status, "open, closed, pending, rejected or all")
    ->capture_default_str();
list->add_option("--format", lf->format,
                 "table, json or csv (the result's columns as result.<key>, for spreadsheets)")
    ->check(CLI::IsMember({"table", "json", "csv"}))
    ->capture_default_str();
list->add_option("--symbol", lf->symbol, "Only this instrument");
list->add_option("--limit", lf->limit, "Only the newest N (0 = all)");
list->callback([&ctx, lf] {
  ctx.Finish(RunList(ctx, lf->status, lf->format, lf->symbol, lf->limit));
});
AddSignalGenerateCommand(*signals, ctx);
}  // namespace pulse::app

}  // namespace pulse::app
