#include "engines/signal/signal_engine.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "engines/signal/feature_hash.h"

namespace pulse::signal {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The first difference between a model's feature names and the engine's, like
// FeatureSet::CheckNames.
Status CheckModelNames(const ModelManifest& manifest, std::span<const std::string> engine) {
  const std::vector<std::string>& model = manifest.feature_names;
  const std::size_t n = std::max(model.size(), engine.size());
  for (std::size_t i = 0; i < n; ++i) {
    const bool have_model = i < model.size();
    const bool have_engine = i < engine.size();
    if (have_model && have_engine && model[i] == engine[i]) continue;
    return FailedPreconditionError(
        "model '{}': feature names differ at position {}: the model expects {}, the engine has "
        "{} (model {} features, engine {})",
        manifest.Tag(), i, have_model ? "'" + model[i] + "'" : std::string("nothing"),
        have_engine ? "'" + engine[i] + "'" : std::string("nothing"), model.size(), engine.size());
  }
  return Status::Ok();
}

double WeightOf(const std::map<std::string, double>& weights, const std::string& name) {
  auto it = weights.find(name);
  return it == weights.end() ? 1.0 : it->second;
}

}  // namespace

// Everything the engine remembers about one symbol.
struct SignalEngine::SymbolState {
  SymbolState(std::string_view exchange_name, std::string_view symbol_name, std::size_t book_slot,
              const LevelContextConfig& context_config, std::size_t width, std::size_t sequence)
      : exchange(exchange_name),
        symbol(symbol_name),
        book_id(book_slot),
        context(context_config),
        previous(width, kNaN),
        history(width * sequence, kNaN),
        sequence_capacity(sequence) {}

  // The last `sequence_capacity` feature vectors, oldest first, into `out` (`count` vectors).
  void CopySequence(std::size_t count, std::size_t width, double* out) const {
    for (std::size_t k = 0; k < count; ++k) {
      const std::size_t age = count - 1 - k;  // 0 = newest
      const std::size_t slot = (history_next + sequence_capacity - 1 - age) % sequence_capacity;
      std::copy_n(history.data() + slot * width, width, out + k * width);
    }
  }

  std::string exchange;
  std::string symbol;
  std::size_t book_id;
  LevelContext context;
  std::vector<double> previous;
  std::vector<double> history;  // ring of feature vectors
  std::size_t sequence_capacity;
  std::size_t history_next = 0;
  std::size_t history_count = 0;
};

Result<std::unique_ptr<SignalEngine>> SignalEngine::Create(
    const SignalEngineConfig& config, Timeframe base, std::vector<std::string> feature_names,
    std::vector<std::unique_ptr<Theory>> theories,
    std::vector<std::unique_ptr<ModelRunner>> models) {
  if (config.volatility_period < 1) {
    return InvalidArgumentError("signal: volatility_period must be at least 1, got {}",
                                config.volatility_period);
  }
  std::vector<EnsembleSource> sources;
  std::vector<ModelScoring> model_scoring;
  for (const std::unique_ptr<Theory>& theory : theories) {
    if (theory == nullptr) return InvalidArgumentError("signal: a theory is missing (null)");
    const std::string name(theory->name());
    sources.push_back({"theory:" + name, WeightOf(config.theory_weights, name)});
  }
  for (const std::unique_ptr<ModelRunner>& model : models) {
    if (model == nullptr) return InvalidArgumentError("signal: a model is missing (null)");
    const ModelManifest& manifest = model->manifest();
    RETURN_IF_ERROR(CheckModelNames(manifest, feature_names));
    if (!manifest.base_timeframe.empty() && manifest.base_timeframe != base.ToString()) {
      return FailedPreconditionError(
          "model '{}' was trained on base timeframe {}, the engine runs on {}", manifest.Tag(),
          manifest.base_timeframe, base.ToString());
    }
    if (model->sequence_length() < 1) {
      return FailedPreconditionError("model '{}': sequence length must be at least 1, got {}",
                                     manifest.Tag(), model->sequence_length());
    }
    ASSIGN_OR_RETURN(ModelScoring scoring,
                     ModelScoring::ForManifest(manifest, config.levels.reward_risk));
    model_scoring.push_back(scoring);
    sources.push_back({"model:" + manifest.name, WeightOf(config.model_weights, manifest.name)});
  }
  ASSIGN_OR_RETURN(AdaptiveEnsemble ensemble,
                   AdaptiveEnsemble::Create(config.ensemble, std::move(sources)));
  ASSIGN_OR_RETURN(SignalClassifier classifier, SignalClassifier::Create(config.classification));
  ASSIGN_OR_RETURN(QualityGates gates, QualityGates::Create(config.gates));
  ASSIGN_OR_RETURN(LevelPlanner planner, LevelPlanner::Create(config.levels));
  ASSIGN_OR_RETURN(PositionSizer sizer, PositionSizer::Create(config.sizing));
  ASSIGN_OR_RETURN(OpenSignalBook book, OpenSignalBook::Create(config.open_signals));
  ASSIGN_OR_RETURN(ShadowBook shadows, ShadowBook::Create(config.shadows));
  std::unique_ptr<SignalEngine> engine(new SignalEngine(
      config, base, std::move(feature_names), std::move(ensemble), std::move(classifier),
      std::move(gates), std::move(planner), std::move(sizer), std::move(book), std::move(shadows),
      std::move(model_scoring)));
  for (std::unique_ptr<Theory>& theory : theories) {
    RETURN_IF_ERROR(theory->Bind(engine->lookup_));
  }
  engine->theories_ = std::move(theories);
  for (const std::unique_ptr<ModelRunner>& model : models) {
    engine->max_sequence_ = std::max(engine->max_sequence_, model->sequence_length());
  }
  engine->models_ = std::move(models);
  engine->contributions_.assign(engine->ensemble_.size(), 0.0);
  engine->votes_.assign(engine->ensemble_.size(), SourceVotes{});
  return engine;
}

SignalEngine::SignalEngine(const SignalEngineConfig& config, Timeframe base,
                           std::vector<std::string> feature_names, AdaptiveEnsemble ensemble,
                           SignalClassifier classifier, QualityGates gates, LevelPlanner planner,
                           PositionSizer sizer, OpenSignalBook book, ShadowBook shadows,
                           std::vector<ModelScoring> model_scoring)
    : config_(config),
      base_(base),
      lookup_(base, feature_names),
      ensemble_(std::move(ensemble)),
      classifier_(std::move(classifier)),
      gates_(std::move(gates)),
      planner_(std::move(planner)),
      sizer_(std::move(sizer)),
      book_(std::move(book)),
      shadows_(std::move(shadows)),
      model_scoring_(std::move(model_scoring)),
      base_name_(base.ToString()) {}

SignalEngine::~SignalEngine() = default;

SignalEngine::SymbolState* SignalEngine::FindSymbol(std::string_view exchange,
                                                    std::string_view symbol) const {
  auto by_exchange = symbols_.find(exchange);
  if (by_exchange == symbols_.end()) return nullptr;
  auto it = by_exchange->second.find(symbol);
  return it == by_exchange->second.end() ? nullptr : states_[it->second].get();
}

SignalEngine::SymbolState& SignalEngine::FindOrAddSymbol(std::string_view exchange,
                                                         std::string_view symbol) {
  if (SymbolState* state = FindSymbol(exchange, symbol)) return *state;
  LevelContextConfig context = planner_.ContextConfig();
  context.volume_period = config_.gates.volume_period;
  context.volatility_period = config_.volatility_period;
  // Only what the stop method and the sizing read is kept up to date.
  context.track_swing = config_.levels.stop == StopMethod::kSwing;
  context.track_volatility = config_.sizing.method == SizingMethod::kVolatilityAdjusted;
  const std::size_t slot = book_.AddSymbol();
  shadows_.AddSymbol();  // the same numbering: one slot pair per symbol in both books
  states_.push_back(std::make_unique<SymbolState>(exchange, symbol, slot, context,
                                                  lookup_.names().size(), max_sequence_));
  auto by_exchange = symbols_.find(exchange);
  if (by_exchange == symbols_.end()) {
    by_exchange = symbols_.emplace(std::string(exchange), SymbolIndex()).first;
  }
  by_exchange->second.emplace(std::string(symbol), states_.size() - 1);
  return *states_.back();
}

bool SignalEngine::Ready(const SymbolState& state) const {
  const LevelContext& c = state.context;
  if (!planner_.Ready(c)) return false;
  if (config_.gates.volume_enabled && !c.VolumeReady()) return false;
  if (config_.sizing.method == SizingMethod::kVolatilityAdjusted && !c.VolatilityReady()) {
    return false;
  }
  return true;
}

Status SignalEngine::OnBarClose(std::span<const BarCloseInput> inputs, BarCloseOutput* output) {
  output->emitted.clear();
  output->rejected.clear();
  output->model_failures.clear();
  output->counts = BarCloseCounts();
  const std::size_t width = lookup_.names().size();
  for (const BarCloseInput& in : inputs) {
    if (in.features.size() != width) {
      return InvalidArgumentError("{}:{}: feature vector has {} values, the engine expects {}",
                                  in.exchange, in.symbol, in.features.size(), width);
    }
    if (!(in.bar.close > 0)) {
      return InvalidArgumentError("{}:{}: bar close must be positive, got {}", in.exchange,
                                  in.symbol, in.bar.close);
    }
  }
  const std::size_t n = inputs.size();
  const std::size_t sources = ensemble_.size();
  if (n > 0) ensemble_.AdvanceTo(base_.Next(inputs.front().bar.open_time));
  if (batch_states_.size() < n) {
    batch_states_.resize(n);
    batch_ready_.resize(n);
    scores_.resize(n * sources);
  }
  const std::unique_ptr<Theory>* theories = theories_.data();
  const std::size_t theory_count = theories_.size();
  // Update each symbol's state and ask the theories.
  for (std::size_t i = 0; i < n; ++i) {
    const BarCloseInput& in = inputs[i];
    // Callers usually pass the same symbols in the same order at every close: check the state
    // this row had last time before looking the names up.
    SymbolState* last = batch_states_[i];
    SymbolState& state =
        last != nullptr && last->symbol == in.symbol && last->exchange == in.exchange
            ? *last
            : FindOrAddSymbol(in.exchange, in.symbol);
    batch_states_[i] = &state;
    state.context.Update(in.bar);
    if (!models_.empty()) {  // the history is the models' input only
      std::copy(in.features.begin(), in.features.end(),
                state.history.begin() + state.history_next * width);
      state.history_next = (state.history_next + 1) % state.sequence_capacity;
      state.history_count = std::min(state.history_count + 1, state.sequence_capacity);
    }
    batch_ready_[i] = Ready(state);
    if (!batch_ready_[i]) {
      ++output->counts.warming_up;
      continue;
    }
    ++output->counts.evaluated;
    const FeatureView view{in.features, state.previous, &in.bar};
    // Locals, not members: the virtual calls would make the compiler reload every member.
    double* row_scores = scores_.data() + i * sources;
    for (std::size_t t = 0; t < theory_count; ++t) {
      row_scores[t] = VoteScore(theories[t]->Evaluate(view));
    }
  }
  RunModels(inputs, output);
  for (std::size_t i = 0; i < n; ++i) {
    if (!batch_ready_[i]) continue;
    CountVotes(std::span<const double>(scores_.data() + i * sources, sources));
    Decide(inputs[i], i, *batch_states_[i], output);
  }
  for (std::size_t i = 0; i < n; ++i) {
    std::copy(inputs[i].features.begin(), inputs[i].features.end(),
              batch_states_[i]->previous.begin());
  }
  return Status::Ok();
}

void SignalEngine::CountVotes(std::span<const double> scores) {
  for (std::size_t s = 0; s < scores.size(); ++s) {
    SourceVotes& v = votes_[s];
    const double score = scores[s];
    if (score > 0.5) {
      ++v.long_votes;
    } else if (score < 0.5) {
      ++v.short_votes;
    } else if (score == 0.5) {
      ++v.neutral;
    } else {
      ++v.abstained;  // NaN
    }
  }
}

std::vector<SourceActivity> SignalEngine::SourceActivities() const {
  std::vector<SourceActivity> out;
  out.reserve(ensemble_.size());
  for (std::size_t s = 0; s < ensemble_.size(); ++s) {
    out.push_back(
        {ensemble_.source(s).name, votes_[s], ensemble_.Accuracy(s), ensemble_.EffectiveWeight(s)});
  }
  return out;
}

void SignalEngine::RunModels(std::span<const BarCloseInput> inputs, BarCloseOutput* output) {
  const std::size_t n = inputs.size();
  const std::size_t width = lookup_.names().size();
  const std::size_t sources = ensemble_.size();
  if (model_row_of_.size() < n) model_row_of_.resize(n);
  for (std::size_t m = 0; m < models_.size(); ++m) {
    ModelRunner& model = *models_[m];
    const std::size_t source = theories_.size() + m;
    const std::size_t sequence = model.sequence_length();
    const std::size_t row_width = sequence * width;
    std::size_t rows = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (!batch_ready_[i]) continue;
      const SymbolState& state = *batch_states_[i];
      scores_[i * sources + source] = kNaN;
      if (state.history_count < sequence) continue;  // abstains until it has N vectors
      if (model_rows_.size() < (rows + 1) * row_width) model_rows_.resize((rows + 1) * row_width);
      state.CopySequence(sequence, width, model_rows_.data() + rows * row_width);
      model_row_of_[i] = rows++;
    }
    if (rows == 0) continue;
    if (model_probabilities_.size() < rows) model_probabilities_.resize(rows);
    Status status = model.Predict(std::span<const double>(model_rows_.data(), rows * row_width),
                                  std::span<double>(model_probabilities_.data(), rows));
    if (!status.ok()) {
      // The model abstains for this bar: its scores stay NaN.
      ++output->counts.model_failures;
      output->model_failures.push_back(
          {model.manifest().Tag(), status.WithContext("model '" + model.manifest().Tag() + "'")});
      continue;
    }
    for (std::size_t i = 0; i < n; ++i) {
      if (!batch_ready_[i] || batch_states_[i]->history_count < sequence) continue;
      const double p = model_probabilities_[model_row_of_[i]];
      scores_[i * sources + source] = model_scoring_[m].Score(p);
    }
  }
}

void SignalEngine::Decide(const BarCloseInput& in, std::size_t row, SymbolState& state,
                          BarCloseOutput* output) {
  BarCloseCounts& counts = output->counts;
  const std::size_t sources = ensemble_.size();
  const std::span<const double> scores(scores_.data() + row * sources, sources);
  const Blend blend = ensemble_.Combine(scores);  // contributions only for a record
  if (!blend.direction) {
    ++counts.hold;
    return;
  }
  const SignalClass cls = classifier_.Classify(blend.prediction, blend.confidence);
  if (cls == SignalClass::kHold) {
    ++counts.hold;
    return;
  }
  const Direction direction = *blend.direction;
  const UnixNanos close_time = base_.Next(in.bar.open_time);
  switch (book_.Admit(state.book_id, direction, close_time)) {
    case OpenSignalBook::Admission::kBlockedByOpenSignal:
      ++counts.blocked_by_open_signal;
      return;
    case OpenSignalBook::Admission::kBlockedByCooldown:
      ++counts.blocked_by_cooldown;
      return;
    case OpenSignalBook::Admission::kAllowed:
      break;
  }
  // Both entry modes plan from the close: at a bar close the next open is not known yet, and in
  // continuous markets it is the close.
  Result<Levels> levels = planner_.Plan(direction, in.bar.close, state.context);
  if (!levels.ok()) {
    ++counts.invalid_levels;
    return;
  }
  GateInputs gate_inputs;
  gate_inputs.confidence = blend.confidence;
  gate_inputs.volume = in.bar.volume;
  gate_inputs.volume_average = state.context.volume_average();
  gate_inputs.entry = levels->entry;
  gate_inputs.stop_loss = levels->stop_loss;
  gate_inputs.take_profit = levels->take_profit;
  GateVerdicts verdicts;
  gates_.Judge(gate_inputs, &verdicts);
  SizeRequest size_request;
  size_request.entry = levels->entry;
  size_request.stop_distance = levels->stop_distance;
  size_request.volatility_ratio = state.context.VolatilityRatio();
  size_request.open_exposure = book_.exposure();
  const SizeDecision size = sizer_.Size(size_request, trade_stats_);
  const bool passed = verdicts.AllPassed() && size.ok;  // the size check passes when ok
  if (!passed) {
    ++counts.rejected;
    for (const GateVerdict& v : verdicts) {
      if (v.passed) continue;
      switch (v.gate) {
        case Gate::kConfidence:
          ++counts.rejected_by_confidence;
          break;
        case Gate::kVolume:
          ++counts.rejected_by_volume;
          break;
        case Gate::kRewardRisk:
          ++counts.rejected_by_reward_risk;
          break;
      }
    }
    if (!size.ok) ++counts.rejected_by_size;
    if (!shadows_.WantsRecord(state.book_id, direction)) {
      if (shadows_.policy() == ShadowPolicy::kOnePerSymbolDirection) {
        ++counts.rejected_while_shadow_open;
      }
      return;  // counted only: no record, so no reasons, hash, notes or contributions
    }
  }
  // Only a candidate that becomes a record pays for its reasons and the rest of the record.
  std::vector<TheoryContribution> contributions;
  Signal signal = MakeSignal(in, state, scores, blend, cls, *levels, close_time, &contributions);
  signal.size = size.size;
  signal.gate_checks.reserve(static_cast<std::size_t>(verdicts.size) + 1);
  for (const GateVerdict& v : verdicts) signal.gate_checks.push_back(gates_.ToCheck(v));
  GateCheck& size_check = signal.gate_checks.emplace_back(sizer_.SizeVerdict(size));
  sizer_.AppendSizeReason(size, size_request, &size_check.reason);  // the size check is last
  if (passed) {
    signal.status = SignalStatus::kPending;
    book_.Open(state.book_id, direction, size.value);
    ++counts.emitted;
    output->emitted.push_back({std::move(signal), std::move(contributions)});
    return;
  }
  signal.status = SignalStatus::kRejected;
  shadows_.Open(state.book_id, direction);
  output->rejected.push_back({std::move(signal), std::move(contributions)});
}

Signal SignalEngine::MakeSignal(const BarCloseInput& in, const SymbolState& state,
                                std::span<const double> scores, const Blend& blend, SignalClass cls,
                                const Levels& levels, UnixNanos close_time,
                                std::vector<TheoryContribution>* contributions) {
  const Direction direction = *blend.direction;
  const std::size_t sources = ensemble_.size();
  Signal signal;
  signal.symbol = state.symbol;
  signal.exchange = state.exchange;
  signal.timeframe = base_name_;
  signal.direction = direction;
  signal.entry_price = levels.entry;
  signal.stop_loss = levels.stop_loss;
  signal.take_profit = levels.take_profit;
  signal.confidence = blend.confidence;
  signal.source = "ensemble";
  signal.created_at = close_time;
  signal.prediction = blend.prediction;
  signal.classification = cls;
  signal.trailing_activation_pct = config_.levels.trailing_activation_pct;
  signal.trailing_pct = config_.levels.trailing_pct;
  signal.max_hold_minutes = config_.levels.max_hold_minutes;
  signal.feature_hash = FeatureHash(in.features);
  const FeatureView view{in.features, state.previous, &in.bar};
  const double side = direction == Direction::kLong ? 1.0 : -1.0;
  ensemble_.Contributions(scores, blend, contributions_);
  contributions->reserve(sources);
  // The notes are written into a reused buffer and copied once, at their final length.
  notes_.clear();
  for (std::size_t s = 0; s < sources; ++s) {
    if (std::isnan(scores[s])) continue;
    contributions->push_back(
        {0, ensemble_.source(s).name, contributions_[s], std::nullopt, close_time});
    if (s < theories_.size()) {
      if (side * (scores[s] - 0.5) > 0) {
        if (!notes_.empty()) notes_ += " | ";
        theories_[s]->AppendExplanation(view, &notes_);
      }
    } else {
      if (!signal.model_version.empty()) signal.model_version += ",";
      signal.model_version += models_[s - theories_.size()]->manifest().Tag();
    }
  }
  signal.notes = notes_;
  return signal;
}

Status SignalEngine::OnSignalClosed(const SignalClosed& closed) {
  SymbolState* state = FindSymbol(closed.exchange, closed.symbol);
  if (state == nullptr) {
    return NotFoundError("signal closed for {}:{}, a symbol the engine has not seen",
                         closed.exchange, closed.symbol);
  }
  if (closed.shadow) {
    return shadows_.Close(state->book_id, closed.direction)
        .WithContext(closed.exchange + ":" + closed.symbol);
  }
  std::vector<std::pair<std::size_t, bool>> outcomes;
  for (const auto& [name, correct] : closed.source_correct) {
    std::optional<std::size_t> index = ensemble_.Find(name);
    if (!index) {
      return NotFoundError("signal closed for {}:{}: unknown source '{}'", closed.exchange,
                           closed.symbol, name);
    }
    outcomes.emplace_back(*index, correct);
  }
  RETURN_IF_ERROR(book_.Close(state->book_id, closed.direction, closed.closed_at)
                      .WithContext(closed.exchange + ":" + closed.symbol));
  trade_stats_.Add(closed.pnl_percent);
  for (const auto& [index, correct] : outcomes) {
    ensemble_.RecordOutcome(index, correct, closed.closed_at);
  }
  return Status::Ok();
}

Status SignalEngine::OnSignalDenied(std::string_view exchange, std::string_view symbol,
                                    Direction direction, UnixNanos /*at*/) {
  SymbolState* state = FindSymbol(exchange, symbol);
  if (state == nullptr) {
    return NotFoundError("signal denied for {}:{}, a symbol the engine has not seen", exchange,
                         symbol);
  }
  Status released = book_.Release(state->book_id, direction);
  if (!released.ok()) return released.WithContext(fmt::format("{}:{}", exchange, symbol));
  shadows_.Open(state->book_id, direction);
  return Status::Ok();
}

int SignalEngine::open_shadows(std::string_view exchange, std::string_view symbol,
                               Direction direction) const {
  const SymbolState* state = FindSymbol(exchange, symbol);
  return state == nullptr ? 0 : shadows_.open_count(state->book_id, direction);
}

}  // namespace pulse::signal
