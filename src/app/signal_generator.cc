#include "app/signal_generator.h"

#include <algorithm>
#include <limits>
#include <map>

#include "analytics/bracket_exit.h"
#include "analytics/trade_pnl.h"
#include "app/config/features_config.h"
#include "app/features_builder.h"
#include "app/signal_engine_builder.h"

namespace pulse::app {

namespace {

void AddCounts(const signal::BarCloseCounts& c, signal::BarCloseCounts* total) {
  total->evaluated += c.evaluated;
  total->warming_up += c.warming_up;
  total->hold += c.hold;
  total->blocked_by_open_signal += c.blocked_by_open_signal;
  total->blocked_by_cooldown += c.blocked_by_cooldown;
  total->invalid_levels += c.invalid_levels;
  total->emitted += c.emitted;
  total->rejected += c.rejected;
  total->rejected_by_confidence += c.rejected_by_confidence;
  total->rejected_by_volume += c.rejected_by_volume;
  total->rejected_by_reward_risk += c.rejected_by_reward_risk;
  total->rejected_by_size += c.rejected_by_size;
}

// A signal being followed bar by bar after the bar that produced it.
struct FollowedBracket {
  std::size_t signal_index = 0;
  analytics::Bracket bracket;
  std::optional<analytics::TrailingStop> trailing;
  bool shadow = false;  // a rejected candidate: followed, but not reported to the engine
};

// Applies one bar to a followed bracket; true when the trade ended on it.
bool FollowBar(const Bar& bar, Timeframe tf, double breakeven_band, FollowedBracket& f,
               GeneratedSignal& g) {
  const analytics::BracketHit hit = analytics::CheckBracket(f.bracket, bar);
  const analytics::BracketHit resolved =
      analytics::ResolveBoth(hit, analytics::BothHitPolicy::kStopLossFirst);
  double exit_price = 0;
  std::string reason;
  if (resolved == analytics::BracketHit::kStopLoss ||
      resolved == analytics::BracketHit::kTakeProfit) {
    exit_price = analytics::ExitPrice(f.bracket, resolved, bar);
    reason = resolved == analytics::BracketHit::kTakeProfit ? "take_profit" : "stop_loss";
    if (reason == "stop_loss" && f.trailing && f.trailing->armed) reason = "trailing_stop";
  } else if (g.signal.max_hold_minutes && bar.open_time + tf.NominalNanos() - g.signal.created_at >=
                                              *g.signal.max_hold_minutes * 60 * kNanosPerSecond) {
    exit_price = bar.close;
    reason = "time_stop";
  } else {
    if (f.trailing) analytics::UpdateTrailingStop(bar, &f.bracket, &*f.trailing);
    return false;
  }
  FollowedOutcome& out = g.followed;
  out.exit_reason = reason;
  out.exit_time = bar.open_time + tf.NominalNanos();
  out.exit_price = exit_price;
  out.pnl_percent =
      analytics::ComputeTradePnl(f.bracket.direction, f.bracket.entry, exit_price).pnl_percent;
  out.outcome = analytics::ClassifyOutcome(*out.pnl_percent, breakeven_band);
  out.both_in_one_bar = hit == analytics::BracketHit::kBoth;
  return true;
}

}  // namespace

Result<SignalRunReport> GenerateSignals(const Config& config,
                                        const std::vector<SymbolSeries>& series,
                                        const std::function<void(std::int64_t)>& progress) {
  if (series.empty()) return InvalidArgumentError("no candle series to generate signals from");
  ASSIGN_OR_RETURN(indicators::FeatureSetSpec spec, FeatureSetSpecFromConfig(config.features));
  const Timeframe tf = spec.base;
  std::vector<FeatureMatrix> matrices;
  std::map<std::string, std::size_t> index_of;  // "exchange:symbol" -> series
  SignalRunReport report;
  for (std::size_t i = 0; i < series.size(); ++i) {
    const SymbolSeries& s = series[i];
    if (!index_of.emplace(s.exchange + ":" + s.symbol, i).second) {
      return InvalidArgumentError("{} {} is given twice", s.exchange, s.symbol);
    }
    Result<FeatureMatrix> matrix = ComputeFeatureMatrix(s.bars, spec);
    if (!matrix.ok()) return matrix.status().WithContext(s.symbol);
    matrices.push_back(std::move(*matrix));
    report.bars += static_cast<std::int64_t>(s.bars.size());
  }
  ASSIGN_OR_RETURN(std::unique_ptr<signal::SignalEngine> engine,
                   BuildSignalEngine(config.signal, tf, matrices.front().names));

  const double band = config.recorder.breakeven_band_pct;
  std::vector<std::size_t> cursor(series.size(), 0);
  std::vector<std::vector<FollowedBracket>> followed(series.size());
  std::vector<signal::BarCloseInput> inputs;
  signal::BarCloseOutput output;
  std::int64_t done = 0;
  while (true) {
    UnixNanos now = std::numeric_limits<UnixNanos>::max();
    for (std::size_t i = 0; i < series.size(); ++i) {
      if (cursor[i] < series[i].bars.size())
        now = std::min(now, series[i].bars[cursor[i]].open_time);
    }
    if (now == std::numeric_limits<UnixNanos>::max()) break;
    inputs.clear();
    for (std::size_t i = 0; i < series.size(); ++i) {
      if (cursor[i] >= series[i].bars.size() || series[i].bars[cursor[i]].open_time != now)
        continue;
      const Bar& bar = series[i].bars[cursor[i]];
      // Brackets opened on earlier bars meet this bar before the engine sees it.
      auto& open = followed[i];
      for (std::size_t k = 0; k < open.size();) {
        GeneratedSignal& g = report.signals[open[k].signal_index];
        if (!FollowBar(bar, tf, band, open[k], g)) {
          ++k;
          continue;
        }
        if (!open[k].shadow) {
          signal::SignalClosed closed;
          closed.exchange = g.signal.exchange;
          closed.symbol = g.signal.symbol;
          closed.direction = g.signal.direction;
          closed.closed_at = *g.followed.exit_time;
          closed.pnl_percent = *g.followed.pnl_percent;
          for (const TheoryContribution& c : g.contributions) {
            closed.source_correct.emplace_back(
                c.theory_name, (c.contribution_score > 0) == (closed.pnl_percent > 0));
          }
          RETURN_IF_ERROR(engine->OnSignalClosed(closed));
        }
        open.erase(open.begin() + static_cast<std::ptrdiff_t>(k));
      }
      inputs.push_back(signal::BarCloseInput{series[i].exchange, series[i].symbol, bar,
                                             matrices[i].Row(cursor[i])});
      ++cursor[i];
    }
    output.emitted.clear();
    output.rejected.clear();
    output.counts = {};
    RETURN_IF_ERROR(engine->OnBarClose(inputs, &output));
    AddCounts(output.counts, &report.counts);
    ++report.bar_closes;
    auto track = [&](Signal signal, std::vector<TheoryContribution> contributions, bool shadow) {
      const std::size_t i = index_of.at(signal.exchange + ":" + signal.symbol);
      FollowedBracket f;
      f.signal_index = report.signals.size();
      f.bracket = {signal.direction, signal.entry_price, signal.stop_loss, signal.take_profit};
      if (signal.trailing_activation_pct && signal.trailing_pct) {
        f.trailing = analytics::TrailingStop{*signal.trailing_activation_pct, *signal.trailing_pct};
      }
      f.shadow = shadow;
      followed[i].push_back(f);
      report.signals.push_back(GeneratedSignal{std::move(signal), std::move(contributions), {}});
    };
    for (SignalEmitted& e : output.emitted) {
      track(std::move(e.signal), std::move(e.contributions), false);
    }
    for (SignalRejected& r : output.rejected) {
      track(std::move(r.signal), std::move(r.contributions), true);
    }
    done += static_cast<std::int64_t>(inputs.size());
    if (progress && (report.bar_closes % 1024 == 0)) progress(done);
  }
  if (progress) progress(done);
  return report;
}

}  // namespace pulse::app
