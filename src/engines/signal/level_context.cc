#include "engines/signal/level_context.h"

#include <cmath>
#include <limits>

namespace pulse::signal {

LevelContext::LevelContext(const LevelContextConfig& config)
    : config_(config),
      atr_(config.atr_period),
      lows_(config.swing_lookback, indicators::MinMaxWindow::Kind::kMin),
      highs_(config.swing_lookback, indicators::MinMaxWindow::Kind::kMax),
      volume_average_(config.volume_period),
      atr_percent_average_(config.volatility_period) {}

void LevelContext::Update(const Bar& bar) {
  atr_.Update(bar);
  if (config_.track_swing) {
    lows_.Push(bar.low);
    highs_.Push(bar.high);
  }
  volume_average_.Add(bar.volume);
  if (config_.track_volatility && atr_.Ready() && bar.close > 0) {
    atr_percent_ = 100.0 * atr_.value() / bar.close;
    atr_percent_average_.Add(atr_percent_);
  }
  last_bar_ = bar;
  ++bars_;
}

double LevelContext::VolatilityRatio() const {
  if (!VolatilityReady()) return std::numeric_limits<double>::quiet_NaN();
  if (atr_percent_ <= 0) return std::numeric_limits<double>::infinity();
  return atr_percent_average_.value() / atr_percent_;
}

}  // namespace pulse::signal
