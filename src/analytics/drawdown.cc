#include "analytics/drawdown.h"

#include <cmath>
#include <limits>

namespace pulse::analytics {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}  // namespace

DrawdownInfo ComputeDrawdown(std::span<const double> returns) {
  DrawdownInfo info;
  if (returns.empty()) {
    info.max_drawdown = kNaN;
    info.current_drawdown = kNaN;
    return info;
  }
  double equity = 1, high = 1;
  std::int64_t high_index = -1;
  for (std::size_t i = 0; i < returns.size(); ++i) {
    const double r = returns[i];
    if (!std::isnan(r)) equity *= 1 + r;
    const auto idx = static_cast<std::int64_t>(i);
    if (equity >= high) {
      if (info.trough >= 0 && info.recovery < 0 && info.peak == high_index) info.recovery = idx;
      high = equity;
      high_index = idx;
      continue;
    }
    const double dd = equity / high - 1;
    if (dd < info.max_drawdown) {
      info.max_drawdown = dd;
      info.peak = high_index;
      info.trough = idx;
      info.recovery = -1;
    }
  }
  info.current_drawdown = equity / high - 1;
  return info;
}

double MaxDrawdown(std::span<const double> returns) {
  return ComputeDrawdown(returns).max_drawdown;
}

std::vector<double> UnderwaterCurve(std::span<const double> returns) {
  std::vector<double> out;
  out.reserve(returns.size());
  double equity = 1, high = 1;
  for (double r : returns) {
    if (!std::isnan(r)) equity *= 1 + r;
    if (equity > high) high = equity;
    out.push_back(equity / high - 1);
  }
  return out;
}

double UlcerIndex(std::span<const double> returns) {
  if (returns.empty()) return kNaN;
  double sum = 0;
  for (double d : UnderwaterCurve(returns)) sum += d * d;
  return std::sqrt(sum / static_cast<double>(returns.size()));
}

}  // namespace pulse::analytics
