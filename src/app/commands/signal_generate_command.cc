// `pulse signals generate`: the signal engine over historical candles; a summary, optionally a
// CSV of every signal and rejected candidate, and with --db the stored signals.
#include <filesystem>
#include <fstream>
#include <iostream>

#include <fmt/format.h>

#include "app/commands/commands.h"
#include "app/config/features_config.h"
#include "app/detail_input.h"
#include "app/feature_input.h"
#include "app/progress_bar.h"
#include "app/report_sections.h"
#include "app/signal_generator.h"
#include "core/ids.h"

namespace pulse::app {

namespace {

struct GenerateFlags {
  std::vector<std::string> data, symbols, detail;
  std::string exchange, out, progress = "auto";
};

std::string Csv(std::string_view text) {
  if (text.find_first_of(",\"\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

template <typename T>
std::string Cell(const std::optional<T>& value) {
  return value ? fmt::format("{}", *value) : "";
}

Status WriteSignalsCsv(const std::vector<GeneratedSignal>& signals, std::ostream& out) {
  out << "created_at,symbol,status,direction,classification,prediction,confidence,entry,"
         "stop_loss,take_profit,size,rejection_reasons,exit_reason,exit_resolution,exit_time,"
         "exit_price,"
         "pnl_percent,outcome,sources,feature_hash\n";
  for (const GeneratedSignal& g : signals) {
    const Signal& s = g.signal;
    std::string sources;
    for (const TheoryContribution& c : g.contributions) {
      sources += fmt::format("{}{}={:.4f}", sources.empty() ? "" : " ", c.theory_name,
                             c.contribution_score);
    }
    out << FormatIso8601(s.created_at) << ',' << s.symbol << ',' << SignalStatusName(s.status)
        << ',' << DirectionName(s.direction) << ','
        << (s.classification ? SignalClassName(*s.classification) : "") << ',' << Cell(s.prediction)
        << ',' << Cell(s.confidence) << ',' << fmt::format("{}", s.entry_price) << ','
        << fmt::format("{}", s.stop_loss) << ',' << fmt::format("{}", s.take_profit) << ','
        << Cell(s.size) << ',' << Csv(RejectionReasons(s)) << ',' << g.followed.exit_reason << ','
        << g.followed.exit_resolution << ','
        << (g.followed.exit_time ? FormatIso8601(*g.followed.exit_time) : "") << ','
        << Cell(g.followed.exit_price) << ',' << Cell(g.followed.pnl_percent) << ','
        << (g.followed.outcome == Outcome::kOpen ? "" : OutcomeName(g.followed.outcome)) << ','
        << Csv(sources) << ',' << s.feature_hash << '\n';
  }
  return out ? Status::Ok() : InternalError("writing the CSV failed");
}

// "wins 12, losses 30, breakeven 2, still open 1 (win rate 27.3 %)"
std::string OutcomeLine(const std::vector<GeneratedSignal>& signals, SignalStatus status) {
  int wins = 0, losses = 0, even = 0, open = 0;
  for (const GeneratedSignal& g : signals) {
    if (g.signal.status != status) continue;
    switch (g.followed.outcome) {
      case Outcome::kWin:
        ++wins;
        break;
      case Outcome::kLoss:
        ++losses;
        break;
      case Outcome::kBreakeven:
        ++even;
        break;
      case Outcome::kOpen:
        ++open;
        break;
    }
  }
  const int closed = wins + losses + even;
  return fmt::format("wins {}, losses {}, breakeven {}, still open {}{}", wins, losses, even, open,
                     closed ? fmt::format(" (win rate {:.1f} %)", 100.0 * wins / closed) : "");
}

void PrintSummary(const SignalRunReport& r, std::size_t symbols) {
  const signal::BarCloseCounts& c = r.counts;
  std::cout << fmt::format(
      "signals generate: {} symbols, {} bars, {} bar closes\n"
      "  evaluated {} (warming up {}), hold {}\n"
      "  blocked: open signal {}, cooldown {}; invalid levels {}\n"
      "  candidates {}: passed {}, rejected {}\n"
      "  rejections by gate: confidence {}, volume {}, reward_risk {}, size {}\n"
      "  shadows recorded {}, not recorded while one of that symbol and direction was open {}\n"
      "  passed, followed on later bars: {}\n"
      "  rejected (shadow), followed on later bars: {}\n",
      symbols, r.bars, r.bar_closes, c.evaluated, c.warming_up, c.hold, c.blocked_by_open_signal,
      c.blocked_by_cooldown, c.invalid_levels, c.emitted + c.rejected, c.emitted, c.rejected,
      c.rejected_by_confidence, c.rejected_by_volume, c.rejected_by_reward_risk, c.rejected_by_size,
      c.rejected - c.rejected_while_shadow_open, c.rejected_while_shadow_open,
      OutcomeLine(r.signals, SignalStatus::kPending),
      OutcomeLine(r.signals, SignalStatus::kRejected));
  std::cout << "  votes by source on the symbols evaluated:\n"
            << SourcesText(SourcesJson(r.sources));
}

Status RunGenerate(CliContext& ctx, const GenerateFlags& f) {
  ASSIGN_OR_RETURN(const Config* config, ctx.GetConfig());
  ASSIGN_OR_RETURN(indicators::FeatureSetSpec spec, FeatureSetSpecFromConfig(config->features));
  const std::string exchange = f.exchange.empty() ? config->data.default_exchange : f.exchange;
  ASSIGN_OR_RETURN(std::vector<SymbolSeries> series,
                   ReadSymbolSeries(f.data, f.symbols, exchange, spec));
  RETURN_IF_ERROR(AttachDetailFiles(f.detail, spec.base, &series).WithContext("--detail"));
  ProgressBar progress("signals", TotalBars(series), ProgressBar::ModeFromFlag(f.progress));
  Result<SignalRunReport> report =
      GenerateSignals(*config, series, [&](std::int64_t done) { progress.Update(done); });
  progress.Finish();
  if (!report.ok()) return report.status();
  PrintSummary(*report, series.size());

  if (!f.out.empty()) {
    std::ofstream file(f.out, std::ios::binary | std::ios::trunc);
    if (!file) return InvalidArgumentError("cannot write '{}'", f.out);
    RETURN_IF_ERROR(WriteSignalsCsv(report->signals, file));
    std::cout << fmt::format("wrote {} signals and rejected candidates to {}\n",
                             report->signals.size(), f.out);
  }
  if (!ctx.db_url.empty()) {
    ASSIGN_OR_RETURN(SignalStore * store, ctx.GetSignalStore());
    std::vector<Signal> signals;
    std::vector<std::vector<TheoryContribution>> contributions;
    for (const GeneratedSignal& g : report->signals) {
      signals.push_back(g.signal);
      contributions.push_back(g.contributions);
    }
    ASSIGN_OR_RETURN(std::vector<SignalId> ids,
                     store->AddSignalsWithContributions(signals, contributions));
    std::cout << fmt::format("stored {} signals and rejected candidates in the database\n",
                             ids.size());
  }
  return Status::Ok();
}

}  // namespace

void AddSignalGenerateCommand(CLI::App& signals, CliContext& ctx) {
  auto f = std::make_shared<GenerateFlags>();
  CLI::App* generate = signals.add_subcommand(
      "generate", "Run the signal engine over historical candles (stores them with --db)");
  generate->add_option("--data", f->data, "Candle file(s) of the feature base timeframe")
      ->required();
  generate->add_option("--symbol", f->symbols,
                       "Symbol of each --data file (default: from the file name)");
  generate->add_option("--exchange", f->exchange, "Venue (default: data.default_exchange)");
  generate->add_option("--detail", f->detail,
                       "Candle file(s) of a finer timeframe, FILE or SYMBOL=FILE: they decide a "
                       "bar touching both the stop-loss and the take-profit");
  generate->add_option("--out", f->out, "Write every signal and rejected candidate as CSV");
  generate->add_option("--progress", f->progress, "auto, on or off")
      ->check(CLI::IsMember({"auto", "on", "off"}))
      ->capture_default_str();
  generate->callback([&ctx, f] { ctx.Finish(RunGenerate(ctx, *f)); });
}

}  // namespace pulse::app
