#include "engines/signal/position_sizer.h"

#include <algorithm>
#include <cmath>

#include "engines/signal/append_format.h"

namespace pulse::signal {

std::string_view SizingMethodName(SizingMethod m) {
  switch (m) {
    case SizingMethod::kKelly:
      return "kelly";
    case SizingMethod::kFixedFractional:
      return "fixed_fractional";
    case SizingMethod::kVolatilityAdjusted:
      return "volatility";
  }
  return "fixed_fractional";
}

void TradeStats::Add(double pnl_percent) {
  if (pnl_percent > 0) {
    ++wins_;
    win_sum_ += pnl_percent;
  } else {
    ++losses_;
    loss_sum_ += -pnl_percent;
  }
}

Result<PositionSizer> PositionSizer::Create(const SizingConfig& c) {
  if (!(c.equity > 0))
    return InvalidArgumentError("sizing: equity must be positive, got {}", c.equity);
  if (!(c.risk_percent > 0 && c.risk_percent <= 100)) {
    return InvalidArgumentError("sizing: risk_percent must be in (0, 100], got {}", c.risk_percent);
  }
  if (!(c.kelly_fraction > 0 && c.kelly_fraction <= 1)) {
    return InvalidArgumentError("sizing: kelly_fraction must be in (0, 1], got {}",
                                c.kelly_fraction);
  }
  if (!(c.kelly_cap > 0 && c.kelly_cap <= 1)) {
    return InvalidArgumentError("sizing: kelly_cap must be in (0, 1], got {}", c.kelly_cap);
  }
  if (c.kelly_min_trades < 1) {
    return InvalidArgumentError("sizing: kelly_min_trades must be at least 1, got {}",
                                c.kelly_min_trades);
  }
  if (!(c.volatility_cap >= 1)) {
    return InvalidArgumentError("sizing: volatility_cap must be at least 1, got {}",
                                c.volatility_cap);
  }
  if (!(c.min_position_value >= 0)) {
    return InvalidArgumentError("sizing: min_position_value must not be negative, got {}",
                                c.min_position_value);
  }
  if (c.max_position_value && !(*c.max_position_value >= c.min_position_value)) {
    return InvalidArgumentError("sizing: max_position_value {} is below min_position_value {}",
                                *c.max_position_value, c.min_position_value);
  }
  if (!(c.max_exposure_percent > 0)) {
    return InvalidArgumentError("sizing: max_exposure_percent must be positive, got {}",
                                c.max_exposure_percent);
  }
  return PositionSizer(c);
}

SizeDecision PositionSizer::Size(const SizeRequest& r, const TradeStats& stats) const {
  SizeDecision d;
  const double fixed_value =
      config_.equity * config_.risk_percent / 100.0 / r.stop_distance * r.entry;
  double value = fixed_value;
  d.method = SizingMethod::kFixedFractional;
  if (config_.method == SizingMethod::kKelly && stats.trades() >= config_.kelly_min_trades &&
      stats.average_win() > 0 && stats.average_loss() > 0) {
    const double w = stats.win_rate();
    const double payoff = stats.average_win() / stats.average_loss();
    const double full = w - (1.0 - w) / payoff;
    d.method = SizingMethod::kKelly;
    d.kelly_fraction = std::min(config_.kelly_cap, full * config_.kelly_fraction);
    if (d.kelly_fraction <= 0) return d;  // no edge: no position
    value = config_.equity * d.kelly_fraction;
  } else if (config_.method == SizingMethod::kVolatilityAdjusted) {
    d.method = SizingMethod::kVolatilityAdjusted;
    const double ratio = std::isnan(r.volatility_ratio) ? 1.0 : r.volatility_ratio;
    value = fixed_value * std::min(config_.volatility_cap, std::max(0.0, ratio));
  }
  if (config_.max_position_value && value > *config_.max_position_value) {
    value = *config_.max_position_value;
    d.limit = SizeLimit::kMaxPositionValue;
  }
  const double room = std::max(0.0, max_exposure() - r.open_exposure);
  if (value > room) {
    value = room;
    d.limit = SizeLimit::kMaxExposure;
  }
  d.value = value;
  d.size = value / r.entry;
  d.ok = value >= config_.min_position_value && value > 0;
  return d;
}

GateCheck PositionSizer::SizeVerdict(const SizeDecision& d) const {
  GateCheck c;
  c.gate = "size";
  c.value = d.value;
  c.threshold = config_.min_position_value;
  c.passed = d.ok;
  return c;
}

std::string PositionSizer::SizeReason(const SizeDecision& d, const SizeRequest& r) const {
  std::string reason;
  AppendSizeReason(d, r, &reason);
  return reason;
}

void PositionSizer::AppendSizeReason(const SizeDecision& d, const SizeRequest& r,
                                     std::string* out) const {
  if (d.method == SizingMethod::kKelly && d.kelly_fraction <= 0) {
    AppendFormat(out, FMT_COMPILE("kelly fraction {:.4f} <= 0: no edge in the tracked trades"),
                 d.kelly_fraction);
    return;
  }
  AppendFormat(out, FMT_COMPILE("position value {:.2f} {} minimum {:.2f} ({}"), d.value,
               d.ok ? ">=" : "<", config_.min_position_value, SizingMethodName(d.method));
  if (d.limit == SizeLimit::kMaxPositionValue) out->append(", capped at the maximum value");
  if (d.limit == SizeLimit::kMaxExposure) {
    AppendFormat(out, FMT_COMPILE(", exposure room {:.2f} of {:.2f}"),
                 std::max(0.0, max_exposure() - r.open_exposure), max_exposure());
  }
  out->push_back(')');
}

GateCheck PositionSizer::SizeCheck(const SizeDecision& d, const SizeRequest& r) const {
  GateCheck c = SizeVerdict(d);
  c.reason = SizeReason(d, r);
  return c;
}

}  // namespace pulse::signal
