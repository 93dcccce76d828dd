// The circuit breakers of the trading controller, each a small CircuitBreaker:
//   DailyLossBreaker          today's loss > max_daily_loss of the day's starting equity ->
//                             blocks every entry until the next local midnight (the
//                             configured time zone).
//   MaxDrawdownBreaker        equity more than max_drawdown_limit below the breaker's peak ->
//                             blocks for cooldown_s; the peak then restarts at the equity of
//                             the trip, so it trips again only on a further drawdown.
//   ConsecutiveLossesBreaker  max_consecutive_losses losses in a row (a win or breakeven ends
//                             the run) -> blocks for cooldown_s; the count restarts at the trip.
//                             Per symbol: each symbol's own run, blocking that symbol only (as
//                             Freqtrade's StoplossGuard with only_per_pair).
//   MinTimeBetweenTradesBreaker  an entry blocks the next one for min_seconds_between_trades
//                             (quiet: no trip event, it is routine). Per symbol: the next one
//                             of the same symbol only (as Freqtrade's CooldownPeriod).
//   VolatilityBreaker         realised volatility or ATR % of a symbol above max_volatility ->
//                             blocks that symbol for cooldown_s after the last high reading.
// A breaker with `flatten` set reports trips with flatten = true (the controller then asks to
// close the positions concerned: all, or the symbol's).
#pragma once

#include <memory>
#include <vector>

#include "engines/risk/circuit_breaker.h"
#include "engines/risk/risk_config.h"

namespace pulse::risk {

class DailyLossBreaker final : public CircuitBreaker {
 public:
  DailyLossBreaker(double max_loss, bool flatten) : max_loss_(max_loss), flatten_(flatten) {}
  std::string_view name() const override { return "daily_loss"; }
  DenyReason reason() const override { return DenyReason::kDailyLoss; }
  void OnEquity(UnixNanos at, const EquityTracker& equity,
                std::vector<CircuitBreakerTripped>* trips) override;

 private:
  double max_loss_;
  bool flatten_;
};

class MaxDrawdownBreaker final : public CircuitBreaker {
 public:
  MaxDrawdownBreaker(double limit, std::int64_t cooldown_s, bool flatten)
      : limit_(limit), cooldown_(FromSeconds(cooldown_s)), flatten_(flatten) {}
  std::string_view name() const override { return "max_drawdown"; }
  DenyReason reason() const override { return DenyReason::kMaxDrawdown; }
  void OnEquity(UnixNanos at, const EquityTracker& equity,
                std::vector<CircuitBreakerTripped>* trips) override;

 private:
  double limit_;
  std::int64_t cooldown_;
  bool flatten_;
  double peak_ = 0;
};

class ConsecutiveLossesBreaker final : public CircuitBreaker {
 public:
  ConsecutiveLossesBreaker(int max_losses, std::int64_t cooldown_s, bool flatten,
                           bool per_symbol = false)
      : max_losses_(max_losses),
        cooldown_(FromSeconds(cooldown_s)),
        flatten_(flatten),
        per_symbol_(per_symbol) {}
  std::string_view name() const override { return "consecutive_losses"; }
  DenyReason reason() const override { return DenyReason::kConsecutiveLosses; }
  void OnOutcome(UnixNanos at, std::string_view symbol, Outcome outcome,
                 std::vector<CircuitBreakerTripped>* trips) override;

 private:
  int max_losses_;
  std::int64_t cooldown_;
  bool flatten_;
  bool per_symbol_;
  StringMap<int> streaks_;  // by symbol; "" holds the one run when not per symbol
};

class MinTimeBetweenTradesBreaker final : public CircuitBreaker {
 public:
  explicit MinTimeBetweenTradesBreaker(std::int64_t min_seconds, bool per_symbol = false)
      : min_seconds_(min_seconds), gap_(FromSeconds(min_seconds)), per_symbol_(per_symbol) {}
  std::string_view name() const override { return "min_time_between_trades"; }
  DenyReason reason() const override { return DenyReason::kMinTimeBetweenTrades; }
  void OnEntry(UnixNanos at, std::string_view symbol) override;

 private:
  std::int64_t min_seconds_;
  std::int64_t gap_;
  bool per_symbol_;
};

class VolatilityBreaker final : public CircuitBreaker {
 public:
  VolatilityBreaker(double max_volatility, std::int64_t cooldown_s, bool flatten)
      : max_(max_volatility), cooldown_(FromSeconds(cooldown_s)), flatten_(flatten) {}
  std::string_view name() const override { return "volatility"; }
  DenyReason reason() const override { return DenyReason::kVolatility; }
  void OnVolatility(UnixNanos at, std::string_view symbol, double value,
                    std::vector<CircuitBreakerTripped>* trips) override;

 protected:
  std::string LockText(const CircuitBreakerTripped& lock) const override;

 private:
  // "BTCUSDT volatility 5.01% > 5.00%".
  std::string Text(std::string_view symbol, double value) const;

  double max_;
  std::int64_t cooldown_;
  bool flatten_;
};

// The enabled breakers of `config`, in the order above.
std::vector<std::unique_ptr<CircuitBreaker>> MakeCircuitBreakers(
    const CircuitBreakerConfig& config);

}  // namespace pulse::risk
