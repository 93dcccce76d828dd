#include "engines/risk/risk_config.h"

#include <cmath>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "analytics/confidence_interval.h"
#include "engines/risk/calendar_day.h"

namespace pulse::risk {

namespace {

class Problems {
 public:
  void Fraction(std::string_view field, double v, bool allow_zero = false) {
    const bool ok = std::isfinite(v) && (allow_zero ? v >= 0 : v > 0) && v <= 1;
    if (!ok) {
      Add("{} must be in {}0, 1], got {}", field, allow_zero ? "[" : "(", v);
    }
  }
  void NonNegative(std::string_view field, double v) {
    if (!(std::isfinite(v) && v >= 0)) Add("{} must be >= 0, got {}", field, v);
  }
  void AtLeast(std::string_view field, std::int64_t v, std::int64_t min) {
    if (v < min) Add("{} must be >= {}, got {}", field, min, v);
  }
  template <typename... Args>
  void Add(fmt::format_string<Args...> f, Args&&... args) {
    list_.push_back(fmt::format(f, std::forward<Args>(args)...));
  }
  Status ToStatus() const {
    if (list_.empty()) return Status::Ok();
    return InvalidArgumentError("risk config: {}", fmt::join(list_, "; "));
  }

 private:
  std::vector<std::string> list_;
};

void CheckSwitch(Problems& p, std::string_view name, const BreakerSwitch& s) {
  p.AtLeast(fmt::format("risk.circuit_breakers.{}.cooldown_s", name), s.cooldown_s, 0);
}

}  // namespace

Status RiskConfig::Validate() const {
  Problems p;
  const TrafficLightConfig& l = light;
  p.Fraction("risk.traffic_light.red_win_rate", l.red_win_rate);
  p.Fraction("risk.traffic_light.yellow_win_rate", l.yellow_win_rate);
  if (l.yellow_win_rate < l.red_win_rate) {
    p.Add("risk.traffic_light.yellow_win_rate ({}) must be >= red_win_rate ({})", l.yellow_win_rate,
          l.red_win_rate);
  }
  if (!analytics::IsWinRateConfidence(l.win_rate_confidence)) {
    p.Add("risk.traffic_light.win_rate_confidence must be 0 (off) or in [0.5, 1), got {}",
          l.win_rate_confidence);
  }
  p.Fraction("risk.traffic_light.red_daily_loss", l.red_daily_loss);
  p.AtLeast("risk.traffic_light.red_consecutive_losses", l.red_consecutive_losses, 1);
  p.Fraction("risk.traffic_light.red_ece", l.red_ece);
  p.Fraction("risk.traffic_light.red_drawdown", l.red_drawdown);
  p.AtLeast("risk.traffic_light.min_sample", l.min_sample, 1);
  p.AtLeast("risk.traffic_light.window", l.window, 1);
  if (l.window >= 1 && l.min_sample > l.window) {
    p.Add("risk.traffic_light.min_sample ({}) must not exceed window ({})", l.min_sample, l.window);
  }
  if (l.calibration_bins < 1 || l.calibration_bins > 10000) {
    p.Add("risk.traffic_light.calibration_bins must be in [1, 10000], got {}", l.calibration_bins);
  }
  p.Fraction("risk.traffic_light.win_rate_margin", l.win_rate_margin, true);
  p.Fraction("risk.traffic_light.daily_loss_margin", l.daily_loss_margin, true);
  p.Fraction("risk.traffic_light.ece_margin", l.ece_margin, true);
  p.Fraction("risk.traffic_light.drawdown_margin", l.drawdown_margin, true);
  p.AtLeast("risk.traffic_light.auto_acknowledge_after_s", l.auto_acknowledge_after_s, 0);
  if (l.daily_loss_margin >= l.red_daily_loss) {
    p.Add("risk.traffic_light.daily_loss_margin ({}) must be below red_daily_loss ({})",
          l.daily_loss_margin, l.red_daily_loss);
  }
  if (l.ece_margin >= l.red_ece) {
    p.Add("risk.traffic_light.ece_margin ({}) must be below red_ece ({})", l.ece_margin, l.red_ece);
  }
  if (l.drawdown_margin >= l.red_drawdown) {
    p.Add("risk.traffic_light.drawdown_margin ({}) must be below red_drawdown ({})",
          l.drawdown_margin, l.red_drawdown);
  }

  const CircuitBreakerConfig& b = breakers;
  CheckSwitch(p, "daily_loss", b.daily_loss);
  CheckSwitch(p, "max_drawdown", b.max_drawdown);
  CheckSwitch(p, "consecutive_losses", b.consecutive_losses);
  CheckSwitch(p, "min_time_between_trades", b.min_time_between_trades);
  CheckSwitch(p, "volatility", b.volatility);
  p.Fraction("risk.circuit_breakers.daily_loss.max_loss", b.max_daily_loss);
  p.Fraction("risk.circuit_breakers.max_drawdown.max_drawdown", b.max_drawdown_limit);
  p.AtLeast("risk.circuit_breakers.consecutive_losses.max_losses", b.max_consecutive_losses, 1);
  p.AtLeast("risk.circuit_breakers.min_time_between_trades.seconds", b.min_seconds_between_trades,
            0);
  if (!(std::isfinite(b.max_volatility) && b.max_volatility > 0)) {
    p.Add("risk.circuit_breakers.volatility.max_volatility must be > 0, got {}", b.max_volatility);
  }
  if (b.max_drawdown.enabled && b.max_drawdown.cooldown_s <= 0) {
    p.Add("risk.circuit_breakers.max_drawdown.cooldown_s must be > 0 when enabled");
  }
  if (b.consecutive_losses.enabled && b.consecutive_losses.cooldown_s <= 0) {
    p.Add("risk.circuit_breakers.consecutive_losses.cooldown_s must be > 0 when enabled");
  }
  if (b.volatility.enabled && b.volatility.cooldown_s <= 0) {
    p.Add("risk.circuit_breakers.volatility.cooldown_s must be > 0 when enabled");
  }

  const ForecastSettings& f = forecast;
  if (f.horizon < 1 || f.horizon > 1000) {
    p.Add("risk.forecast.horizon must be in [1, 1000], got {}", f.horizon);
  } else if (f.horizon > l.window) {
    p.Add("risk.forecast.horizon ({}) must not exceed risk.traffic_light.window ({})", f.horizon,
          l.window);
  }
  p.AtLeast("risk.forecast.estimate_window", f.estimate_window, 1);
  p.NonNegative("risk.forecast.half_life", f.half_life);
  if (!(std::isfinite(f.prior_wins) && f.prior_wins > 0)) {
    p.Add("risk.forecast.prior_wins must be > 0, got {}", f.prior_wins);
  }
  if (!(std::isfinite(f.prior_losses) && f.prior_losses > 0)) {
    p.Add("risk.forecast.prior_losses must be > 0, got {}", f.prior_losses);
  }
  if (!(f.warn_probability >= 0 && f.warn_probability <= 1)) {
    p.Add("risk.forecast.warn_probability must be in [0, 1], got {}", f.warn_probability);
  }

  if (auto day = CalendarDay::Create(time_zone); !day.ok()) {
    p.Add("risk.time_zone: {}", day.status().message());
  }
  return p.ToStatus();
}

}  // namespace pulse::risk
