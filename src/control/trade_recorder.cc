#include "control/trade_recorder.h"

#include <algorithm>
#include <cmath>

#include "analytics/signal_exit.h"
#include "analytics/trade_pnl.h"
#include "model/outcome_events.h"

namespace pulse::control {

namespace {

Status CheckPrice(double price, std::string_view what) {
  if (!std::isfinite(price)) return InvalidArgumentError("{} must be a finite number", what);
  if (price <= 0) return InvalidArgumentError("{} must be positive, got {}", what, price);
  return Status::Ok();
}

// Times more than this far ahead of the clock are refused as typos.
constexpr std::int64_t kFutureTolerance = 5 * kNanosPerMinute;

Status CheckNotFuture(UnixNanos at, UnixNanos now, std::string_view what) {
  if (at > now + kFutureTolerance) {
    return InvalidArgumentError("{} {} is in the future (now {})", what, FormatIso8601(at),
                                FormatIso8601(now));
  }
  return Status::Ok();
}

}  // namespace

TradeRecorder::TradeRecorder(SignalStore& store, const Clock& clock, Options options)
    : store_(store), clock_(clock), options_(options) {}

Status TradeRecorder::ValidateSignal(Signal& s) const {
  ASSIGN_OR_RETURN(s.symbol, NormalizeSymbol(s.symbol));
  RETURN_IF_ERROR(CheckPrice(s.entry_price, "entry price"));
  RETURN_IF_ERROR(CheckPrice(s.stop_loss, "stop-loss"));
  RETURN_IF_ERROR(CheckPrice(s.take_profit, "take-profit"));
  if (s.direction == Direction::kLong) {
    if (s.stop_loss >= s.entry_price) {
      return InvalidArgumentError("a long's stop-loss ({}) must be below its entry ({})",
                                  s.stop_loss, s.entry_price);
    }
    if (s.take_profit <= s.entry_price) {
      return InvalidArgumentError("a long's take-profit ({}) must be above its entry ({})",
                                  s.take_profit, s.entry_price);
    }
  } else {
    if (s.stop_loss <= s.entry_price) {
      return InvalidArgumentError("a short's stop-loss ({}) must be above its entry ({})",
                                  s.stop_loss, s.entry_price);
    }
    if (s.take_profit >= s.entry_price) {
      return InvalidArgumentError("a short's take-profit ({}) must be below its entry ({})",
                                  s.take_profit, s.entry_price);
    }
  }
  if (s.confidence && (!std::isfinite(*s.confidence) || *s.confidence < 0 || *s.confidence > 1)) {
    return InvalidArgumentError("confidence must be between 0 and 1, got {}", *s.confidence);
  }
  if (s.size && (!std::isfinite(*s.size) || *s.size <= 0)) {
    return InvalidArgumentError("size must be positive, got {}", *s.size);
  }
  if (s.source.empty()) s.source = "manual";
  if (s.created_at == 0) s.created_at = clock_.Now();
  s.status = SignalStatus::kPending;
  return Status::Ok();
}

Result<SignalId> TradeRecorder::AddSignal(Signal signal) {
  RETURN_IF_ERROR(ValidateSignal(signal));
  return store_.AddSignal(signal);
}

Result<std::vector<SignalId>> TradeRecorder::AddSignals(std::vector<Signal> signals) {
  std::string problems;
  int bad = 0;
  for (size_t i = 0; i < signals.size(); ++i) {
    Status st = ValidateSignal(signals[i]);
    if (!st.ok()) {
      ++bad;
      problems += fmt::format("\n  signal {}: {}", i + 1, st.message());
    }
  }
  if (bad > 0) {
    return InvalidArgumentError("{} of {} signals are invalid, none stored:{}", bad, signals.size(),
                                problems);
  }
  return store_.AddSignals(signals);
}

Result<SignalResult> TradeRecorder::RecordEntry(SignalId id, double price,
                                                std::optional<UnixNanos> at) {
  RETURN_IF_ERROR(CheckPrice(price, "entry price"));
  const UnixNanos entry_time = at.value_or(clock_.Now());
  RETURN_IF_ERROR(CheckNotFuture(entry_time, clock_.Now(), "entry time"));
  ASSIGN_OR_RETURN(Signal signal, store_.GetSignal(id));
  if (signal.status == SignalStatus::kClosed) {
    return FailedPreconditionError("signal {} is already closed; its entry cannot change", id);
  }
  if (signal.status == SignalStatus::kRejected) {
    return FailedPreconditionError("signal {} was rejected by the quality gates", id);
  }
  ASSIGN_OR_RETURN(std::optional<SignalResult> existing, store_.GetResult(id));
  SignalResult result = existing.value_or(SignalResult{});
  result.signal_id = id;
  result.entry_price = price;
  result.entry_time = entry_time;
  result.outcome = Outcome::kOpen;
  result.updated_at = clock_.Now();
  RETURN_IF_ERROR(store_.SaveResult(result));
  return result;
}

Result<SignalResult> TradeRecorder::RecordExit(SignalId id, double price, std::string reason,
                                               std::optional<UnixNanos> at) {
  RETURN_IF_ERROR(CheckPrice(price, "exit price"));
  ASSIGN_OR_RETURN(Signal signal, store_.GetSignal(id));
  ASSIGN_OR_RETURN(std::optional<SignalResult> existing, store_.GetResult(id));
  if (!existing) {
    return FailedPreconditionError("signal {} has no entry; record the entry first", id);
  }
  if (signal.status == SignalStatus::kClosed || existing->outcome != Outcome::kOpen) {
    return FailedPreconditionError("signal {} is already closed (exit {} at {})", id,
                                   existing->exit_price.value_or(0),
                                   FormatIso8601(existing->exit_time.value_or(0)));
  }
  const UnixNanos exit_time = at.value_or(clock_.Now());
  RETURN_IF_ERROR(CheckNotFuture(exit_time, clock_.Now(), "exit time"));
  if (exit_time < existing->entry_time) {
    return InvalidArgumentError("exit time {} is before the entry time {}",
                                FormatIso8601(exit_time), FormatIso8601(existing->entry_time));
  }
  SignalResult result = analytics::CloseSignalResult(
      signal, *existing, price, exit_time, reason.empty() ? kExitManual : std::move(reason),
      analytics::ExitCosts{0.0, options_.breakeven_band_pct});
  result.updated_at = clock_.Now();
  ASSIGN_OR_RETURN(std::vector<TheoryContribution> contributions, store_.ListContributions(id));
  for (TheoryContribution& c : contributions) {
    c.was_correct = analytics::ContributionWasCorrect(c.contribution_score, result.outcome);
  }
  RETURN_IF_ERROR(store_.SaveOutcome(result, contributions));
  return result;
}

}  // namespace pulse::control
