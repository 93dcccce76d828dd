// TradingController: the risk engine. Keeps the traffic light (traffic_light.h) and the circuit
// breakers (circuit_breakers.h) up to date from traded outcomes, equity and volatility, handles
// the manual states (pause, resume, emergency stop), and decides for every new signal whether
// it may be traded: SignalApproved, or SignalDenied with the reason.
#pragma once

#include <memory>
#include <optional>
#include <string_view>
#include <variant>
#include <vector>

#include "analytics/equity_curve.h"
#include "analytics/light_forecast.h"
#include "core/clock.h"
#include "core/status.h"
#include "engines/risk/circuit_breaker.h"
#include "engines/risk/equity_tracker.h"
#include "engines/risk/outcome_window.h"
#include "engines/risk/risk_config.h"
#include "engines/risk/traffic_light.h"
#include "model/controller_state.h"
#include "model/outcome_events.h"
#include "ports/controller_store.h"

namespace pulse::risk {

// What the controller produced since the last TakeOutputs(): every stored-state change (store
// each as a controller_status row and publish it), breaker trips, and requests to close paper
// positions (from an emergency stop or a breaker set to flatten), and predictive warnings.
struct ControllerOutputs {
  std::vector<RiskStateChanged> state_changes;
  std::vector<CircuitBreakerTripped> trips;
  std::vector<FlattenRequested> flatten;
  std::vector<LightForecastWarned> forecast_warnings;
};

using ReviewDecision = std::variant<SignalApproved, SignalDenied>;

// An equity point (time, equity), as the analytics build equity curves.
using EquityPoint = analytics::EquityPoint;

// What Restore rebuilds the controller from: the stored controller_status rows (oldest first;
// the last is the state to resume in), the traded outcomes resolved since (at least) the last
// acknowledged red or the start of the win-rate window (with risk.traffic_light.probation, the
// shadow outcomes of that time too: OnOutcome keeps the denied signals'), and the equity
// points of the current local day (more is fine: the peak and the breakers see them too).
struct ControllerHistory {
  std::vector<ControllerStatusRow> status;
  std::vector<OutcomeResolved> outcomes;
  std::vector<EquityPoint> equity;
};

// Lifecycle: Create (or Restore) once per run; feed it events in time order; call
// TakeOutputs() after each batch of calls. Threading: not thread-safe; lives on the engine
// thread. Deterministic: the time of an input is its own timestamp (an outcome's exit time,
// the equity or entry time); Review and the manual commands use the Clock.
class TradingController {
 public:
  // InvalidArgument (naming every bad field) when the config does not validate. Starts green
  // and active, and reports that first state as a change (previous empty) at Clock::Now().
  static Result<TradingController> Create(const RiskConfig& config, const Clock& clock);
  // Rebuilds the state after a restart: replays the equity points, outcomes and acknowledged
  // reds in time order with outputs muted (breaker locks come back from the replayed inputs),
  // then takes the mode and, for a light state, the light from the last status row, so the
  // hysteresis continues where it stopped. A light that differs after re-evaluation at
  // Clock::Now() is reported as a normal change. With no status rows it is Create + replay.
  static Result<TradingController> Restore(const RiskConfig& config, const Clock& clock,
                                           const ControllerHistory& history);

  TradingController(TradingController&&) noexcept;
  TradingController& operator=(TradingController&&) noexcept;
  ~TradingController();

  // Every input below, and Review and Refresh, first acknowledge a red light held longer than
  // risk.traffic_light.auto_acknowledge_after_s (when set) at the time it fell due.
  //
  // A tracked signal resolved. InvalidArgument for a traded outcome that is still open. With
  // risk.forecast.warn_probability set, the forecast is computed afresh and a
  // LightForecastWarned is published when it crosses the threshold. A shadow outcome counts
  // only on probation (OnProbation); any other is ignored (OK).
  Status OnOutcome(const OutcomeResolved& event);
  // Account equity (quote currency, marked to market) at `at`. InvalidArgument for a
  // non-positive or non-finite value or a time before the previous equity.
  Status OnEquity(UnixNanos at, double equity);
  // Realised volatility or ATR % of price of `symbol` (a fraction: 0.03 = 3 %).
  // InvalidArgument for a negative or non-finite value or an empty symbol.
  Status OnVolatility(UnixNanos at, std::string_view symbol, double value);
  // A position on `symbol` was entered at `at` (starts the minimum time between trades).
  void OnEntry(UnixNanos at, std::string_view symbol);
  // Re-evaluates at Clock::Now(): a new local day resets today's loss. Review calls it.
  void Refresh();

  // Approved, or denied with the reason: stopped, paused, red light, then any breaker
  // blocking the signal's symbol. Yellow approves. An approval counts as an entry at
  // Clock::Now() for the minimum time between trades (the next signal of the same close is
  // denied; the fill's OnEntry restarts the wait).
  ReviewDecision Review(const Signal& signal);

  // Pauses an active controller; paused or stopped (an emergency stop) stays as it is.
  void Pause(const PauseTrading& command);
  void Resume(const ResumeTrading& command);
  // Stops new entries and asks to close every paper position (FlattenRequested, symbol "").
  void EmergencyStop(const pulse::EmergencyStop& command);

  // The reasons in it are written when asked for (see Evaluate).
  const ControllerState& state() const;
  LightFigures figures() const;
  // The probability that the light turns yellow / red within the next forecast.horizon trades.
  Result<analytics::LightForecast> Forecast() const;
  // Outputs since the last call; clears them.
  ControllerOutputs TakeOutputs();

 private:
  TradingController(const RiskConfig& config, const Clock& clock, CalendarDay calendar);

  // Re-judges the light at `at`. While the light stays as it is, only the figures are kept
  // and the reasons (light_reasons_, and state_.reasons while active and not green) are
  // written from them when read: LightReasons(), StateReasons().
  void Evaluate(UnixNanos at);
  const std::vector<ControllerReason>& LightReasons() const;
  const std::vector<ControllerReason>& StateReasons() const;
  void SetLightReasons(std::vector<ControllerReason> reasons);
  void SetStateReasons(std::vector<ControllerReason> reasons);
  void SetState(UnixNanos at, TrafficLight light, ControllerMode mode,
                std::vector<ControllerReason> reasons);
  // Starts a fresh evaluation: empties the window, ends the streak, re-bases the equity.
  void Acknowledge();
  // Back to active at `at` with `why` as the first reason; `acknowledge` (a red acknowledged)
  // starts a fresh evaluation first. The change is recorded even when the state stays.
  void ResumeAt(UnixNanos at, bool acknowledge, ControllerReason why);
  // risk.traffic_light.auto_acknowledge_after_s: a red held that long while active is
  // acknowledged at the time it fell due, before an input later than that is taken (an input
  // at that very time is taken first, as Restore replays it). Not while muted: the stored
  // acknowledgements are replayed instead.
  void AutoAcknowledge(UnixNanos at);
  // risk.traffic_light.probation: `event` (a shadow) is the outcome of a signal created while
  // the light has been red and trading active, that passed every quality gate and was denied
  // by the controller. It joins the win-rate window and the streak; the breakers never see it.
  bool OnProbation(const OutcomeResolved& event) const;
  // The light and the rules that fired at the last evaluation.
  HeldLight held() const { return {state_.light, fired_}; }
  // Takes a judgement's light and fired rules as the light held (the mode stays).
  void Hold(const HeldLight& judged);
  Status Replay(const ControllerHistory& history);
  // The predictive warning after a traded outcome at `at` (see LightForecastWarned).
  Status CheckForecast(UnixNanos at);
  // Moves `trips` into the outputs (nothing while muted).
  void PublishTrips(std::vector<CircuitBreakerTripped>& trips);

  RiskConfig config_;
  const Clock* clock_;
  OutcomeWindow window_;
  EquityTracker equity_;
  std::vector<std::unique_ptr<CircuitBreaker>> breakers_;
  double win_rate_z_;  // of risk.traffic_light.win_rate_confidence (0 when off)
  // Figures judged against the light held at the time: what lazily written reasons are
  // written from.
  struct PendingReasons {
    LightFigures figures;
    HeldLight held;
  };

  // state_.reasons and light_reasons_ are caches written on first read after a pending change.
  mutable ControllerState state_;
  std::uint8_t fired_ = 0;  // the rules behind state_.light (HeldLight::fired)
  mutable std::vector<ControllerReason> light_reasons_;  // why the light is what it is
  mutable std::optional<PendingReasons> pending_light_reasons_;
  mutable std::optional<PendingReasons> pending_state_reasons_;
  bool started_ = false;
  bool muted_ = false;
  // A forecast warning was given and the chance has not fallen below the threshold since.
  bool forecast_warned_ = false;
  ControllerOutputs outputs_;
};

}  // namespace pulse::risk
