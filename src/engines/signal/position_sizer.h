// PositionSizer: how much to buy or sell for a signal (seed 004): Kelly from the tracked win rate
// and average win / loss, fixed fractional risk, or a volatility-adjusted size; then the minimum
// and maximum position value and the room left under the maximum exposure.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "model/signal.h"

namespace pulse::signal {

enum class SizingMethod { kKelly, kFixedFractional, kVolatilityAdjusted };
std::string_view SizingMethodName(SizingMethod m);  // "kelly", "fixed_fractional", "volatility"

// Money in quote currency. The engine does not track the portfolio: `equity` is the configured
// account value the sizes are computed against.
struct SizingConfig {
  SizingMethod method = SizingMethod::kFixedFractional;
  double equity = 10000;
  double risk_percent = 1.0;    // fixed fractional: equity at risk per signal, in %
  double kelly_fraction = 0.5;  // half-Kelly
  double kelly_cap = 0.25;      // at most this share of equity
  int kelly_min_trades = 20;    // fixed fractional until this many closed signals
  double volatility_cap = 2.0;  // volatility multiplier at most this
  double min_position_value = 10;
  std::optional<double> max_position_value;
  double max_exposure_percent = 100;  // sum of open position values, % of equity
};

// Win rate and average win / loss of closed signals (P&L %), for Kelly. Plain value type.
class TradeStats {
 public:
  void Add(double pnl_percent);

  int trades() const { return wins_ + losses_; }
  double win_rate() const { return trades() ? static_cast<double>(wins_) / trades() : 0.0; }
  double average_win() const { return wins_ ? win_sum_ / wins_ : 0.0; }
  double average_loss() const { return losses_ ? loss_sum_ / losses_ : 0.0; }  // positive

 private:
  int wins_ = 0;
  int losses_ = 0;  // P&L <= 0
  double win_sum_ = 0;
  double loss_sum_ = 0;
};

// What the sizer needs to know about one candidate.
struct SizeRequest {
  double entry = 0;
  double stop_distance = 0;     // > 0, price units
  double volatility_ratio = 1;  // average / current volatility; NaN counts as 1
  double open_exposure = 0;     // value of the open signals, quote currency
};

// Why a size is what it is.
enum class SizeLimit { kNone, kMaxPositionValue, kMaxExposure };

struct SizeDecision {
  bool ok = false;   // false: below the minimum position value (or Kelly sees no edge)
  double size = 0;   // base-currency units
  double value = 0;  // quote currency
  SizingMethod method = SizingMethod::kFixedFractional;  // the method actually used
  double kelly_fraction = 0;                             // when Kelly was used
  SizeLimit limit = SizeLimit::kNone;
};

// Lifecycle: created once; Size per candidate; trade stats come in from outside. Immutable;
// thread-safe.
class PositionSizer {
 public:
  // InvalidArgument naming the field (equity not positive, percents out of range, ...).
  static Result<PositionSizer> Create(const SizingConfig& config);

  // Kelly f = W - (1 - W) / R (R = average win / average loss) x kelly_fraction, at most
  // kelly_cap, value = f x equity; falls back to fixed fractional before kelly_min_trades or
  // without both wins and losses. Fixed fractional: units = equity x risk% / stop distance.
  // Volatility adjusted: the fixed fractional value x min(volatility_cap, ratio).
  // Then capped by max_position_value and the exposure room; not ok below the minimum.
  SizeDecision Size(const SizeRequest& request, const TradeStats& stats) const;

  // The "size" gate check for a decision (passed when ok), e.g. "position value 4.20 < minimum
  // 10.00 (exposure room 4.20)".
  GateCheck SizeCheck(const SizeDecision& decision, const SizeRequest& request) const;
  // SizeCheck without the reason (no formatting): gate, value, threshold and passed.
  GateCheck SizeVerdict(const SizeDecision& decision) const;
  // The reason SizeCheck writes.
  std::string SizeReason(const SizeDecision& decision, const SizeRequest& request) const;
  // SizeReason appended to `*out`.
  void AppendSizeReason(const SizeDecision& decision, const SizeRequest& request,
                        std::string* out) const;

  double max_exposure() const { return config_.equity * config_.max_exposure_percent / 100.0; }
  const SizingConfig& config() const { return config_; }

 private:
  explicit PositionSizer(const SizingConfig& config) : config_(config) {}

  SizingConfig config_;
};

}  // namespace pulse::signal
