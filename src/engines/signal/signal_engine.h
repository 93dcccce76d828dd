// SignalEngine: turns each base-bar close of many symbols into signals. Per symbol it keeps its
// own market state (ATR, swing, volume and volatility averages, the previous and last N feature
// vectors); per bar close it asks every theory, runs every model once over all symbols (one
// batched Predict per model), blends them (AdaptiveEnsemble), classifies, checks the open-signal
// book, plans levels, applies the quality gates and sizes the position. Candidates that fail a
// gate become SignalRejected records (followed as shadows) as the shadow policy allows.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"
#include "core/string_map.h"
#include "core/timeframe.h"
#include "engines/signal/ensemble.h"
#include "engines/signal/feature_lookup.h"
#include "engines/signal/level_context.h"
#include "engines/signal/level_planner.h"
#include "engines/signal/model_scoring.h"
#include "engines/signal/open_signal_book.h"
#include "engines/signal/position_sizer.h"
#include "engines/signal/quality_gates.h"
#include "engines/signal/shadow_book.h"
#include "engines/signal/signal_classifier.h"
#include "engines/signal/signal_engine_config.h"
#include "engines/signal/theory.h"
#include "model/bar.h"
#include "model/signal_events.h"
#include "ports/model_runner.h"

namespace pulse::signal {

// One symbol's closed base bar and its feature vector (FeatureSet::Values(), in the engine's
// feature-name order). The views must stay valid for the OnBarClose call only.
struct BarCloseInput {
  std::string_view exchange;
  std::string_view symbol;
  Bar bar;
  std::span<const double> features;
};

// What happened to the symbols of one bar close.
struct BarCloseCounts {
  int evaluated = 0;   // symbols past warm-up that were blended
  int warming_up = 0;  // level, volume or volatility state not ready yet
  int hold = 0;        // too few sources, no direction, or classified hold
  int blocked_by_open_signal = 0;
  int blocked_by_cooldown = 0;
  int invalid_levels = 0;  // e.g. a swing stop on the wrong side of the entry
  int emitted = 0;
  int rejected = 0;  // candidates that failed at least one gate (recorded or not)
  // Rejected candidates not output because a shadow of that symbol and direction was open
  // (shadow policy one_per_symbol_direction); rejected - this = records, unless the policy is
  // none (no records).
  int rejected_while_shadow_open = 0;
  // Per gate (a candidate failing two gates counts in both).
  int rejected_by_confidence = 0;
  int rejected_by_volume = 0;
  int rejected_by_reward_risk = 0;
  int rejected_by_size = 0;
  int model_failures = 0;  // models whose Predict failed at this close (they abstained)
};

// How often one source (theory or model) voted on the symbols the engine evaluated, since Create:
// a source that never votes (a model whose probabilities stay under its break-even) shows here.
struct SourceVotes {
  std::int64_t long_votes = 0;   // score above 0.5
  std::int64_t short_votes = 0;  // score below 0.5
  std::int64_t neutral = 0;      // voted exactly 0.5 (no strength): counts toward the blend
  std::int64_t abstained = 0;    // no vote (NaN), also a model that failed or is warming up

  std::int64_t votes() const { return long_votes + short_votes + neutral; }
  bool operator==(const SourceVotes&) const = default;
};

// A source as a report shows it: its votes and where the ensemble stands on it now.
struct SourceActivity {
  std::string source;  // "theory:<name>" / "model:<name>"
  SourceVotes votes;
  double accuracy = 0;  // AdaptiveEnsemble::Accuracy: recent hit rate with the prior
  double weight = 0;    // AdaptiveEnsemble::EffectiveWeight
};

// A model whose Predict failed at one bar close: it abstained for every symbol of that close.
struct ModelFailure {
  std::string model;  // manifest Tag(), "name@version"
  Status status;      // the model's error
};

// The result of one bar close. Reuse one instance across calls: OnBarClose clears it.
struct BarCloseOutput {
  std::vector<SignalEmitted> emitted;
  std::vector<SignalRejected> rejected;
  std::vector<ModelFailure> model_failures;
  BarCloseCounts counts;
};

// What the outcome tracker reports when a signal the engine emitted is resolved, or (shadow) when
// a shadow is: a SignalRejected record or a signal reported through OnSignalDenied.
struct SignalClosed {
  std::string exchange;
  std::string symbol;
  Direction direction = Direction::kLong;
  UnixNanos closed_at = 0;
  double pnl_percent = 0;
  // Per contributing source ("theory:<name>" / "model:<name>"): was it right?
  std::vector<std::pair<std::string, bool>> source_correct;
  // A shadow resolved: only frees its shadow slot (pnl and sources are ignored).
  bool shadow = false;
};

// Lifecycle: Create once (binds the theories, checks the models' feature names and reads their
// labels), then OnBarClose per base-bar close, OnSignalDenied per emitted signal that was not
// traded and OnSignalClosed per resolved signal or shadow, in event order. A symbol's state is
// created on its first bar; nothing is allocated per bar afterwards except the output signals.
// Threading: single-threaded (the engine thread).
class SignalEngine {
 public:
  // InvalidArgument for a bad config; FailedPrecondition when a theory cannot bind its features
  // or a model's manifest feature names (or base timeframe) differ from the engine's, naming the
  // first difference, or a model's label is not one the engine can score (model_scoring.h).
  static Result<std::unique_ptr<SignalEngine>> Create(
      const SignalEngineConfig& config, Timeframe base, std::vector<std::string> feature_names,
      std::vector<std::unique_ptr<Theory>> theories,
      std::vector<std::unique_ptr<ModelRunner>> models);
  ~SignalEngine();
  SignalEngine(const SignalEngine&) = delete;
  SignalEngine& operator=(const SignalEngine&) = delete;

  // InvalidArgument (before any state changes) when a feature vector has the wrong length or a
  // bar's close is not positive. A model whose Predict fails does not stop the close: it
  // abstains for that bar (the other sources decide) and the failure is reported in
  // `output->model_failures` and counted in `counts.model_failures`.
  Status OnBarClose(std::span<const BarCloseInput> inputs, BarCloseOutput* output);

  // Real signal: frees the one-open slot, starts the cooldown, feeds Kelly's trade statistics
  // and each source's accuracy. Shadow (`closed.shadow`): frees one shadow slot of that symbol
  // and direction, nothing else. NotFound for an unknown symbol or (real) source;
  // FailedPrecondition when that symbol and direction has no open signal (shadow). Nothing
  // changes on error.
  Status OnSignalClosed(const SignalClosed& closed);

  // An emitted signal was not traded (the controller denied it at `at`): frees its open-book
  // slot and its exposure without starting the cooldown and without touching trade statistics
  // or source accuracy; the signal now occupies the shadow slot of that symbol and direction
  // until OnSignalClosed reports its shadow closed. NotFound for an unknown symbol;
  // FailedPrecondition when that symbol and direction has no open signal. Nothing changes on
  // error.
  Status OnSignalDenied(std::string_view exchange, std::string_view symbol, Direction direction,
                        UnixNanos at);

  const AdaptiveEnsemble& ensemble() const { return ensemble_; }
  const TradeStats& trade_stats() const { return trade_stats_; }
  double exposure() const { return book_.exposure(); }
  // Open shadows of one symbol and direction (0 for a symbol the engine has not seen).
  int open_shadows(std::string_view exchange, std::string_view symbol, Direction direction) const;
  // Every source in ensemble order (theories, then models) with its votes so far.
  std::vector<SourceActivity> SourceActivities() const;
  // How each model's probability is scored, in model order.
  std::span<const ModelScoring> model_scoring() const { return model_scoring_; }
  std::span<const std::string> feature_names() const { return lookup_.names(); }

 private:
  struct SymbolState;
  using SymbolIndex = StringMap<std::size_t>;

  SignalEngine(const SignalEngineConfig& config, Timeframe base,
               std::vector<std::string> feature_names, AdaptiveEnsemble ensemble,
               SignalClassifier classifier, QualityGates gates, LevelPlanner planner,
               PositionSizer sizer, OpenSignalBook book, ShadowBook shadows,
               std::vector<ModelScoring> model_scoring);

  SymbolState& FindOrAddSymbol(std::string_view exchange, std::string_view symbol);
  SymbolState* FindSymbol(std::string_view exchange, std::string_view symbol) const;
  bool Ready(const SymbolState& state) const;
  void RunModels(std::span<const BarCloseInput> inputs, BarCloseOutput* output);
  // Adds one evaluated symbol's scores (one per source) to votes_.
  void CountVotes(std::span<const double> scores);
  void Decide(const BarCloseInput& input, std::size_t row, SymbolState& state,
              BarCloseOutput* output);
  // The record of a candidate that is output (emitted or rejected), but for its size and gate
  // checks (Decide adds them): levels, feature hash, notes, model versions and contributions.
  Signal MakeSignal(const BarCloseInput& in, const SymbolState& state,
                    std::span<const double> scores, const Blend& blend, SignalClass cls,
                    const Levels& levels, UnixNanos close_time,
                    std::vector<TheoryContribution>* contributions);

  SignalEngineConfig config_;
  Timeframe base_;
  FeatureLookup lookup_;
  std::vector<std::unique_ptr<Theory>> theories_;
  std::vector<std::unique_ptr<ModelRunner>> models_;
  AdaptiveEnsemble ensemble_;
  SignalClassifier classifier_;
  QualityGates gates_;
  LevelPlanner planner_;
  PositionSizer sizer_;
  OpenSignalBook book_;
  ShadowBook shadows_;
  std::vector<ModelScoring> model_scoring_;
  std::string base_name_;  // base_.ToString(), stored with every signal
  TradeStats trade_stats_;
  std::size_t max_sequence_ = 1;

  StringMap<SymbolIndex> symbols_;
  std::vector<std::unique_ptr<SymbolState>> states_;

  // Scratch of one bar close, grown to the largest batch seen.
  std::vector<SymbolState*> batch_states_;
  std::vector<char> batch_ready_;
  std::vector<double> scores_;         // batch x sources, NaN = abstains
  std::vector<double> contributions_;  // sources
  std::vector<SourceVotes> votes_;     // sources, since Create
  std::vector<double> model_rows_;
  std::vector<double> model_probabilities_;
  std::vector<std::size_t> model_row_of_;
  std::string notes_;  // the notes of the record being made
};

}  // namespace pulse::signal
