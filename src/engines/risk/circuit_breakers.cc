#include "engines/risk/circuit_breakers.h"

#include <algorithm>
#include <string>

#include <fmt/format.h>

namespace pulse::risk {

namespace {
std::string Pct(double v) { return fmt::format("{:.2f}%", v * 100); }
}  // namespace

void DailyLossBreaker::OnEquity(UnixNanos at, const EquityTracker& equity,
                                std::vector<CircuitBreakerTripped>* trips) {
  const double loss = equity.loss_today();
  if (loss <= max_loss_ || ActiveLock(at, "") != nullptr) return;
  Lock(at, equity.calendar().NextDayStart(at), "", flatten_,
       {"daily_loss", loss, max_loss_,
        fmt::format("loss today {} > {} of the day's starting equity ({})", Pct(loss),
                    Pct(max_loss_), equity.calendar().time_zone())},
       trips);
}

void MaxDrawdownBreaker::OnEquity(UnixNanos at, const EquityTracker& equity,
                                  std::vector<CircuitBreakerTripped>* trips) {
  const double e = equity.equity();
  peak_ = std::max(peak_, e);
  if (peak_ <= 0 || ActiveLock(at, "") != nullptr) return;
  const double drawdown = (peak_ - e) / peak_;
  if (drawdown <= limit_) return;
  Lock(at, at + cooldown_, "", flatten_,
       {"max_drawdown", drawdown, limit_,
        fmt::format("drawdown {} > {} (peak {}, equity {})", Pct(drawdown), Pct(limit_), peak_, e)},
       trips);
  peak_ = e;  // the next trip needs a further drawdown from here
}

void ConsecutiveLossesBreaker::OnOutcome(UnixNanos at, std::string_view symbol, Outcome outcome,
                                         std::vector<CircuitBreakerTripped>* trips) {
  const std::string_view scope = per_symbol_ ? symbol : std::string_view();
  auto it = streaks_.find(scope);
  if (it == streaks_.end()) it = streaks_.emplace(std::string(scope), 0).first;
  int& streak = it->second;
  streak = outcome == Outcome::kLoss ? streak + 1 : 0;
  if (streak < max_losses_) return;
  Lock(at, at + cooldown_, scope, flatten_,
       {"consecutive_losses", static_cast<double>(streak), static_cast<double>(max_losses_),
        scope.empty() ? fmt::format("{} losses in a row >= {}", streak, max_losses_)
                      : fmt::format("{}: {} losses in a row >= {}", scope, streak, max_losses_)},
       trips);
  streak = 0;
}

void MinTimeBetweenTradesBreaker::OnEntry(UnixNanos at, std::string_view symbol) {
  if (gap_ <= 0) return;
  const std::string_view scope = per_symbol_ ? symbol : std::string_view();
  Lock(at, at + gap_, scope, false,
       {"min_time_between_trades", 0, static_cast<double>(min_seconds_),
        scope.empty()
            ? fmt::format("last entry at {}, less than {} s ago", FormatIso8601(at), min_seconds_)
            : fmt::format("last {} entry at {}, less than {} s ago", scope, FormatIso8601(at),
                          min_seconds_)},
       nullptr, /*report=*/false);
}

void VolatilityBreaker::OnVolatility(UnixNanos at, std::string_view symbol, double value,
                                     std::vector<CircuitBreakerTripped>* trips) {
  if (!(value > max_)) return;
  const bool already = ActiveLock(at, symbol) != nullptr;
  // A lock extended at every bar above the limit keeps the latest value; its text is written
  // when it is reported (the first bar) or read (LockText), not at every bar.
  Lock(at, at + cooldown_, symbol, flatten_,
       {"volatility", value, max_, already ? std::string() : Text(symbol, value)}, trips,
       /*report=*/!already);
}

std::string VolatilityBreaker::Text(std::string_view symbol, double value) const {
  // One format call: the same text as Pct() twice.
  return fmt::format("{} volatility {:.2f}% > {:.2f}%", symbol, value * 100, max_ * 100);
}

std::string VolatilityBreaker::LockText(const CircuitBreakerTripped& lock) const {
  return lock.why.text.empty() ? Text(lock.symbol, lock.why.value) : lock.why.text;
}

std::vector<std::unique_ptr<CircuitBreaker>> MakeCircuitBreakers(const CircuitBreakerConfig& c) {
  std::vector<std::unique_ptr<CircuitBreaker>> out;
  if (c.daily_loss.enabled) {
    out.push_back(std::make_unique<DailyLossBreaker>(c.max_daily_loss, c.daily_loss.flatten));
  }
  if (c.max_drawdown.enabled) {
    out.push_back(std::make_unique<MaxDrawdownBreaker>(
        c.max_drawdown_limit, c.max_drawdown.cooldown_s, c.max_drawdown.flatten));
  }
  if (c.consecutive_losses.enabled) {
    out.push_back(std::make_unique<ConsecutiveLossesBreaker>(
        c.max_consecutive_losses, c.consecutive_losses.cooldown_s, c.consecutive_losses.flatten,
        c.consecutive_losses_per_symbol));
  }
  if (c.min_time_between_trades.enabled) {
    out.push_back(std::make_unique<MinTimeBetweenTradesBreaker>(
        c.min_seconds_between_trades, c.min_time_between_trades_per_symbol));
  }
  if (c.volatility.enabled) {
    out.push_back(std::make_unique<VolatilityBreaker>(c.max_volatility, c.volatility.cooldown_s,
                                                      c.volatility.flatten));
  }
  return out;
}

}  // namespace pulse::risk
