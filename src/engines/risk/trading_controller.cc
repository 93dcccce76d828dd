#include "engines/risk/trading_controller.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "analytics/confidence_interval.h"
#include "engines/risk/circuit_breakers.h"

namespace pulse::risk {

namespace {

constexpr const char* kAcknowledgedRed = "acknowledged_red";

std::string Who(const std::string& by, const std::string& note) {
  std::string out = by.empty() ? std::string("by an operator") : "by " + by;
  if (!note.empty()) out += ": " + note;
  return out;
}

// The text of an acknowledged red; `who` says by whom ("by alice: reviewed the losses").
std::string AcknowledgedText(const std::string& who) {
  return "red light acknowledged " + who +
         "; win rate, calibration and streak start afresh, drawdown and today's loss from the "
         "current equity";
}

std::string JoinTexts(const std::vector<ControllerReason>& reasons) {
  std::string out;
  for (const ControllerReason& r : reasons) {
    if (!out.empty()) out += "; ";
    out += r.text;
  }
  return out;
}

}  // namespace

TradingController::TradingController(const RiskConfig& config, const Clock& clock,
                                     CalendarDay calendar)
    : config_(config),
      clock_(&clock),
      window_(config.light.window, config.light.calibration_bins),
      equity_(std::move(calendar)),
      breakers_(MakeCircuitBreakers(config.breakers)),
      win_rate_z_(analytics::WinRateConfidenceZ(config.light.win_rate_confidence)) {}

TradingController::TradingController(TradingController&&) noexcept = default;
TradingController& TradingController::operator=(TradingController&&) noexcept = default;
TradingController::~TradingController() = default;

Result<TradingController> TradingController::Create(const RiskConfig& config, const Clock& clock) {
  RETURN_IF_ERROR(config.Validate());
  ASSIGN_OR_RETURN(CalendarDay calendar, CalendarDay::Create(config.time_zone));
  TradingController c(config, clock, std::move(calendar));
  c.SetState(clock.Now(), TrafficLight::kGreen, ControllerMode::kActive,
             {{"start", 0, 0, "controller started"}});
  return c;
}

Status TradingController::Replay(const ControllerHistory& history) {
  // Merge the inputs in time order: equity, then outcomes, then acknowledgements at equal times.
  struct Step {
    UnixNanos at;
    int kind;  // 0 equity, 1 outcome, 2 acknowledgement
    std::size_t index;
  };
  std::vector<Step> steps;
  for (std::size_t i = 0; i < history.equity.size(); ++i) {
    steps.push_back({history.equity[i].time, 0, i});
  }
  for (std::size_t i = 0; i < history.outcomes.size(); ++i) {
    const OutcomeResolved& o = history.outcomes[i];
    steps.push_back({o.result.exit_time.value_or(o.result.updated_at), 1, i});
  }
  for (std::size_t i = 0; i < history.status.size(); ++i) {
    for (const ControllerReason& r : history.status[i].reasons) {
      if (r.rule == kAcknowledgedRed) steps.push_back({history.status[i].changed_at, 2, i});
    }
  }
  std::stable_sort(steps.begin(), steps.end(), [](const Step& a, const Step& b) {
    return a.at != b.at ? a.at < b.at : a.kind < b.kind;
  });
  for (const Step& s : steps) {
    switch (s.kind) {
      case 0:
        RETURN_IF_ERROR(OnEquity(history.equity[s.index].time, history.equity[s.index].equity)
                            .WithContext("restoring equity"));
        break;
      case 1:
        RETURN_IF_ERROR(OnOutcome(history.outcomes[s.index]).WithContext("restoring outcome"));
        break;
      default:
        // As Resume does: a fresh evaluation from green.
        Acknowledge();
        Hold(LightOf(figures(), config_.light, HeldLight{}));
        break;
    }
  }
  return Status::Ok();
}

Result<TradingController> TradingController::Restore(const RiskConfig& config, const Clock& clock,
                                                     const ControllerHistory& history) {
  ASSIGN_OR_RETURN(TradingController c, Create(config, clock));
  c.outputs_ = {};
  c.muted_ = true;
  RETURN_IF_ERROR(c.Replay(history));
  if (history.status.empty()) {
    // Nothing stored yet: report the state the replay arrived at as the first one.
    c.Evaluate(clock.Now());
    c.muted_ = false;
    c.outputs_.state_changes.push_back(
        {std::nullopt, c.state_.stored(), clock.Now(), c.StateReasons()});
    return c;
  }

  const ControllerStatusRow& last = history.status.back();
  const HeldLight replayed = c.held();
  switch (last.state) {
    case RiskState::kGreen:
      c.state_.light = TrafficLight::kGreen;
      break;
    case RiskState::kYellow:
      c.state_.light = TrafficLight::kYellow;
      break;
    case RiskState::kRed:
      c.state_.light = TrafficLight::kRed;
      break;
    case RiskState::kPaused:
    case RiskState::kStopped:
      break;  // the light is the replayed one
  }
  // The replay's fired rules hold when it arrived at the stored light; otherwise the stored
  // light holds every rule of its colour.
  if (replayed.light != c.state_.light) c.Hold(HeldLight::Presumed(c.state_.light));
  c.state_.mode = last.state == RiskState::kPaused    ? ControllerMode::kPaused
                  : last.state == RiskState::kStopped ? ControllerMode::kStopped
                                                      : ControllerMode::kActive;
  c.SetStateReasons(last.reasons);
  c.state_.since = last.changed_at;
  c.SetLightReasons(EvaluateLight(c.figures(), config.light, c.held()).reasons);
  c.outputs_ = {};
  c.muted_ = false;
  c.Evaluate(clock.Now());
  return c;
}

bool TradingController::OnProbation(const OutcomeResolved& event) const {
  if (!config_.light.probation || state_.light != TrafficLight::kRed ||
      state_.mode != ControllerMode::kActive || event.signal.created_at < state_.since) {
    return false;
  }
  // Denied by the controller alone: every failed check is a risk: check (a candidate a
  // quality gate rejected would not have been traded on any light).
  bool denied = false;
  for (const GateCheck& check : event.signal.gate_checks) {
    if (check.passed) continue;
    if (!check.gate.starts_with("risk:")) return false;
    denied = true;
  }
  return denied;
}

Status TradingController::OnOutcome(const OutcomeResolved& event) {
  if (event.shadow && !config_.light.probation) return Status::Ok();
  if (event.result.outcome == Outcome::kOpen) {
    if (event.shadow) return Status::Ok();
    return InvalidArgumentError("signal {}: outcome is still open; only resolved outcomes count",
                                event.signal.id);
  }
  const UnixNanos at = event.result.exit_time.value_or(clock_->Now());
  AutoAcknowledge(at);
  if (event.shadow) {
    if (!OnProbation(event)) return Status::Ok();
    window_.Add(event.result.outcome, event.signal.confidence, /*denied=*/true);
    Evaluate(at);
    return Status::Ok();
  }
  window_.Add(event.result.outcome, event.signal.confidence);
  std::vector<CircuitBreakerTripped> trips;
  for (auto& b : breakers_) b->OnOutcome(at, event.signal.symbol, event.result.outcome, &trips);
  PublishTrips(trips);
  Evaluate(at);
  return CheckForecast(at);
}

Status TradingController::CheckForecast(UnixNanos at) {
  const double threshold = config_.forecast.warn_probability;
  if (threshold <= 0) return Status::Ok();
  ASSIGN_OR_RETURN(const analytics::LightForecast f, Forecast());
  if (state_.light == TrafficLight::kRed || f.p_red < threshold) {
    forecast_warned_ = false;
    return Status::Ok();
  }
  if (forecast_warned_) return Status::Ok();
  forecast_warned_ = true;
  if (muted_) return Status::Ok();
  outputs_.forecast_warnings.push_back(
      {at, state_.light, f.horizon, f.p_red, f.p_yellow_or_worse, f.win_probability, threshold,
       fmt::format("P(red within the next {} trades) {:.1f} % >= {:.1f} % (win rate estimate "
                   "{:.1f} % from {} resolved, losing streak {})",
                   f.horizon, 100 * f.p_red, 100 * threshold, 100 * f.win_probability,
                   window_.size(), window_.consecutive_losses())});
  return Status::Ok();
}

Status TradingController::OnEquity(UnixNanos at, double equity) {
  RETURN_IF_ERROR(equity_.Check(at, equity));
  AutoAcknowledge(at);
  RETURN_IF_ERROR(equity_.Add(at, equity));
  std::vector<CircuitBreakerTripped> trips;
  for (auto& b : breakers_) b->OnEquity(at, equity_, &trips);
  PublishTrips(trips);
  Evaluate(at);
  return Status::Ok();
}

Status TradingController::OnVolatility(UnixNanos at, std::string_view symbol, double value) {
  if (symbol.empty()) return InvalidArgumentError("volatility reading has no symbol");
  if (!std::isfinite(value) || value < 0) {
    return InvalidArgumentError("{} volatility must be a non-negative number, got {}", symbol,
                                value);
  }
  std::vector<CircuitBreakerTripped> trips;
  for (auto& b : breakers_) b->OnVolatility(at, symbol, value, &trips);
  PublishTrips(trips);
  return Status::Ok();
}

void TradingController::OnEntry(UnixNanos at, std::string_view symbol) {
  for (auto& b : breakers_) b->OnEntry(at, symbol);
}

void TradingController::Refresh() {
  AutoAcknowledge(clock_->Now());
  Evaluate(clock_->Now());
}

LightFigures TradingController::figures() const {
  LightFigures f;
  f.resolved = window_.size();
  f.denied = window_.denied();
  f.win_rate = window_.win_rate();
  if (config_.light.win_rate_confidence > 0 && window_.size() > 0) {
    f.win_rate_bound = analytics::WilsonUpper(window_.wins(), window_.size(), win_rate_z_);
  }
  f.loss_today = equity_.loss_today();
  f.consecutive_losses = window_.consecutive_losses();
  const WindowCalibration cal = window_.Calibration();
  f.ece = cal.ece;
  f.calibrated = static_cast<int>(cal.count);
  f.drawdown = equity_.drawdown();
  return f;
}

const ControllerState& TradingController::state() const {
  StateReasons();
  return state_;
}

const std::vector<ControllerReason>& TradingController::LightReasons() const {
  if (pending_light_reasons_) {
    const PendingReasons& p = *pending_light_reasons_;
    light_reasons_ = EvaluateLight(p.figures, config_.light, p.held).reasons;
    pending_light_reasons_.reset();
  }
  return light_reasons_;
}

const std::vector<ControllerReason>& TradingController::StateReasons() const {
  if (pending_state_reasons_) {
    const PendingReasons& p = *pending_state_reasons_;
    state_.reasons = EvaluateLight(p.figures, config_.light, p.held).reasons;
    pending_state_reasons_.reset();
  }
  return state_.reasons;
}

void TradingController::SetLightReasons(std::vector<ControllerReason> reasons) {
  light_reasons_ = std::move(reasons);
  pending_light_reasons_.reset();
}

void TradingController::SetStateReasons(std::vector<ControllerReason> reasons) {
  state_.reasons = std::move(reasons);
  pending_state_reasons_.reset();
}

void TradingController::Evaluate(UnixNanos at) {
  equity_.RollTo(at);
  const LightFigures f = figures();
  const HeldLight before = held();
  const HeldLight judged = LightOf(f, config_.light, before);
  fired_ = judged.fired;
  if (started_ && judged.light == before.light) {
    // Same light: keep the reasons of the change that set it, but follow the figures while
    // it is not green (what keeps it yellow or red now). Both are written when read.
    if (state_.mode == ControllerMode::kActive && before.light != TrafficLight::kGreen) {
      pending_state_reasons_ = PendingReasons{f, before};
    }
    pending_light_reasons_ = PendingReasons{f, before};
    return;
  }
  LightVerdict v = EvaluateLight(f, config_.light, before);
  SetLightReasons(v.reasons);
  std::vector<ControllerReason> reasons =
      state_.mode == ControllerMode::kActive ? std::move(v.reasons) : StateReasons();
  if (state_.mode == ControllerMode::kActive && before.light == TrafficLight::kRed &&
      f.denied > 0) {
    reasons.insert(reasons.begin(),
                   {"probation", static_cast<double>(f.denied), 0,
                    fmt::format("red light cleared on probation: {} of the last {} resolved are "
                                "signals it denied, judged on their shadows",
                                f.denied, f.resolved)});
  }
  SetState(at, v.held.light, state_.mode, std::move(reasons));
}

void TradingController::SetState(UnixNanos at, TrafficLight light, ControllerMode mode,
                                 std::vector<ControllerReason> reasons) {
  const RiskState before = state_.stored();
  const RiskState after = RiskStateOf(light, mode);
  state_.light = light;
  state_.mode = mode;
  if (started_ && before == after) return;
  SetStateReasons(std::move(reasons));
  state_.since = at;
  if (!muted_) {
    outputs_.state_changes.push_back(
        {started_ ? std::optional<RiskState>(before) : std::nullopt, after, at, state_.reasons});
  }
  started_ = true;
}

void TradingController::Hold(const HeldLight& judged) {
  state_.light = judged.light;
  fired_ = judged.fired;
}

void TradingController::Acknowledge() {
  window_.Clear();
  equity_.Rebase();
  forecast_warned_ = false;
}

void TradingController::PublishTrips(std::vector<CircuitBreakerTripped>& trips) {
  if (muted_ || trips.empty()) return;
  for (CircuitBreakerTripped& t : trips) {
    if (t.flatten) outputs_.flatten.push_back({t.symbol, t.breaker, t.at});
    outputs_.trips.push_back(std::move(t));
  }
}

ReviewDecision TradingController::Review(const Signal& signal) {
  const UnixNanos now = clock_->Now();
  AutoAcknowledge(now);
  Evaluate(now);
  std::vector<std::pair<DenyReason, ControllerReason>> causes;
  if (state_.mode == ControllerMode::kStopped) {
    causes.push_back({DenyReason::kEmergencyStop,
                      {"emergency_stop", 0, 0, "trading is stopped (emergency stop)"}});
  } else if (state_.mode == ControllerMode::kPaused) {
    causes.push_back({DenyReason::kPaused, {"paused", 0, 0, "trading is paused"}});
  }
  if (state_.light == TrafficLight::kRed) {
    for (const ControllerReason& r : LightReasons()) {
      // "red_light:<rule>": the light's rules share names with breakers (daily_loss,
      // consecutive_losses), and a report grouping denials by rule must tell them apart.
      ControllerReason red = r;
      red.rule = fmt::format("{}:{}", DenyReasonName(DenyReason::kRedLight), r.rule);
      red.text = "red light: " + r.text;
      causes.push_back({DenyReason::kRedLight, std::move(red)});
    }
  }
  for (const auto& b : breakers_) {
    if (auto why = b->Blocks(now, signal.symbol)) causes.push_back({b->reason(), *why});
  }
  if (causes.empty()) {
    // An approval is an entry decided now: the next signal of this close (or before the fill)
    // is as close to it as to the fill (the fill's OnEntry restarts the wait).
    for (auto& b : breakers_) b->OnEntry(now, signal.symbol);
    return SignalApproved{signal};
  }

  SignalDenied denied;
  denied.signal = signal;
  denied.reason = causes.front().first;
  for (auto& [reason, why] : causes) denied.reasons.push_back(std::move(why));
  denied.text = JoinTexts(denied.reasons);
  return denied;
}

void TradingController::Pause(const PauseTrading& command) {
  // Paused already, or stopped: an emergency stop is the stronger state (only a resume ends it).
  if (state_.mode != ControllerMode::kActive) return;
  SetState(clock_->Now(), state_.light, ControllerMode::kPaused,
           {{"manual_pause", 0, 0, "trading paused " + Who(command.by, command.note)}});
}

void TradingController::Resume(const ResumeTrading& command) {
  const bool acknowledge = command.acknowledge_red && state_.light == TrafficLight::kRed;
  if (state_.mode == ControllerMode::kActive && !acknowledge) return;
  const std::string who = Who(command.by, command.note);
  ResumeAt(clock_->Now(), acknowledge,
           acknowledge ? ControllerReason{kAcknowledgedRed, 0, 0, AcknowledgedText(who)}
                       : ControllerReason{"manual_resume", 0, 0, "trading resumed " + who});
}

void TradingController::ResumeAt(UnixNanos at, bool acknowledge, ControllerReason why) {
  if (acknowledge) Acknowledge();
  std::vector<ControllerReason> reasons = {std::move(why)};
  const LightVerdict v =
      EvaluateLight(figures(), config_.light, acknowledge ? HeldLight{} : held());
  fired_ = v.held.fired;
  SetLightReasons(v.reasons);
  reasons.insert(reasons.end(), v.reasons.begin(), v.reasons.end());
  const RiskState before = state_.stored();
  SetState(at, v.held.light, ControllerMode::kActive, reasons);
  if (before == state_.stored() && !muted_) {
    // An acknowledged red that is still red (an equity rule) is recorded all the same.
    outputs_.state_changes.push_back({before, before, at, reasons});
    SetStateReasons(std::move(reasons));
    state_.since = at;
  }
}

void TradingController::AutoAcknowledge(UnixNanos at) {
  const std::int64_t after_s = config_.light.auto_acknowledge_after_s;
  if (after_s <= 0 || muted_ || state_.mode != ControllerMode::kActive ||
      state_.light != TrafficLight::kRed) {
    return;
  }
  const UnixNanos due = state_.since + after_s * kNanosPerSecond;
  if (at <= due) return;
  const std::string held = after_s % 3600 == 0 ? fmt::format("{} h", after_s / 3600)
                           : after_s % 60 == 0 ? fmt::format("{} min", after_s / 60)
                                               : fmt::format("{} s", after_s);
  ResumeAt(
      due, /*acknowledge=*/true,
      {kAcknowledgedRed, static_cast<double>(after_s), static_cast<double>(after_s),
       AcknowledgedText(fmt::format(
           "by the controller: red for {} (risk.traffic_light.auto_acknowledge_after_s)", held))});
}

void TradingController::EmergencyStop(const pulse::EmergencyStop& command) {
  const UnixNanos now = clock_->Now();
  SetState(now, state_.light, ControllerMode::kStopped,
           {{"emergency_stop", 0, 0, "emergency stop " + Who(command.by, command.note)}});
  if (!muted_) outputs_.flatten.push_back({"", "emergency_stop", now});
}

Result<analytics::LightForecast> TradingController::Forecast() const {
  analytics::LightForecastConfig f;
  f.window = config_.light.window;
  f.min_sample = config_.light.min_sample;
  f.red_win_rate = config_.light.red_win_rate;
  f.yellow_win_rate = config_.light.yellow_win_rate;
  f.win_rate_confidence = config_.light.win_rate_confidence;
  f.red_consecutive_losses = config_.light.red_consecutive_losses;
  f.horizon = config_.forecast.horizon;
  f.estimate_window = config_.forecast.estimate_window;
  f.half_life = config_.forecast.half_life;
  f.prior_wins = config_.forecast.prior_wins;
  f.prior_losses = config_.forecast.prior_losses;
  f.use_uncertainty = config_.forecast.use_uncertainty;
  const std::vector<Outcome> outcomes = window_.Outcomes();
  return analytics::ForecastLight(outcomes, window_.consecutive_losses(), f);
}

ControllerOutputs TradingController::TakeOutputs() { return std::exchange(outputs_, {}); }

}  // namespace pulse::risk
