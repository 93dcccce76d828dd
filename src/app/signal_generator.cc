#include "app/signal_generator.h"

#include <algorithm>
#include <map>

#include "app/bar_close_cursor.h"
#include "app/config/features_config.h"
#include "app/features_builder.h"
#include "app/signal_engine_builder.h"
#include "core/clock.h"
#include "engines/tracker/outcome_tracker.h"

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
  total->rejected_while_shadow_open += c.rejected_while_shadow_open;
  total->rejected_by_confidence += c.rejected_by_confidence;
  total->rejected_by_volume += c.rejected_by_volume;
  total->rejected_by_reward_risk += c.rejected_by_reward_risk;
  total->rejected_by_size += c.rejected_by_size;
  total->model_failures += c.model_failures;
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

  const tracker::TrackerConfig tracker_config = TrackerConfigFrom(config);
  RETURN_IF_ERROR(tracker_config.Validate());
  SimulatedClock clock;
  tracker::OutcomeTracker tracker(tracker_config, clock);
  // The tracker reports by signal id: generated signals get their report index + 1 while
  // followed (they are not stored), and id 0 again in the report.
  auto report_index = [](const Signal& s) { return static_cast<std::size_t>(s.id - 1); };
  BarCloseCursor cursor(series, tf);
  std::vector<std::size_t> row(series.size(), 0);  // per series, the feature row of its next bar
  std::vector<SymbolBar> close;
  std::vector<signal::BarCloseInput> inputs;
  std::vector<OutcomeResolved> resolved;
  signal::BarCloseOutput output;
  std::int64_t done = 0;
  while (cursor.Next(&close)) {
    const UnixNanos now = close.front().bar.open_time;
    clock.SetTime(now + tf.NominalNanos());
    inputs.clear();
    resolved.clear();
    std::size_t i = 0;  // the close lists its bars in series order
    for (const SymbolBar& b : close) {
      while (series[i].symbol != b.symbol || series[i].exchange != b.exchange) ++i;
      // Signals opened on earlier bars meet this bar (and its finer bars) before the engine
      // sees it.
      tracker.OnBar(b.exchange, b.symbol, tf, b.bar, b.finer, &resolved);
      inputs.push_back(signal::BarCloseInput{series[i].exchange, series[i].symbol, b.bar,
                                             matrices[i].Row(row[i])});
      ++row[i];
    }
    for (OutcomeResolved& r : resolved) {
      GeneratedSignal& g = report.signals[report_index(r.signal)];
      g.followed = std::move(r.result);
      g.followed.signal_id = 0;
      signal::SignalClosed closed;
      closed.exchange = g.signal.exchange;
      closed.symbol = g.signal.symbol;
      closed.direction = g.signal.direction;
      closed.closed_at = *g.followed.exit_time;
      closed.shadow = r.shadow;  // a shadow only frees its slot
      if (!r.shadow) {
        closed.pnl_percent = *g.followed.pnl_percent_net;
        for (const TheoryContribution& c : r.contributions) {
          if (c.was_correct) closed.source_correct.emplace_back(c.theory_name, *c.was_correct);
        }
      }
      RETURN_IF_ERROR(engine->OnSignalClosed(closed));
    }
    output.emitted.clear();
    output.rejected.clear();
    output.counts = {};
    RETURN_IF_ERROR(engine->OnBarClose(inputs, &output));
    AddCounts(output.counts, &report.counts);
    ++report.bar_closes;
    auto track = [&](Signal signal, std::vector<TheoryContribution> contributions,
                     bool shadow) -> Status {
      signal.id = static_cast<SignalId>(report.signals.size() + 1);
      RETURN_IF_ERROR(tracker.Track(signal, contributions, shadow));
      signal.id = 0;
      report.signals.push_back(GeneratedSignal{std::move(signal), std::move(contributions), {}});
      return Status::Ok();
    };
    for (SignalEmitted& e : output.emitted) {
      RETURN_IF_ERROR(track(std::move(e.signal), std::move(e.contributions), false));
    }
    for (SignalRejected& r : output.rejected) {
      RETURN_IF_ERROR(track(std::move(r.signal), std::move(r.contributions), true));
    }
    done += static_cast<std::int64_t>(inputs.size());
    if (progress && (report.bar_closes % 1024 == 0)) progress(done);
  }
  if (progress) progress(done);
  report.sources = engine->SourceActivities();
  return report;
}

}  // namespace pulse::app
