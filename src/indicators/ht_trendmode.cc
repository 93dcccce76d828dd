#include "indicators/ht_trendmode.h"

#include <cmath>

#include "indicators/ht_sine.h"

namespace pulse::indicators {

void HtTrendMode::Add(double x) {
  const double prev_phase = cycle_.phase();
  if (!cycle_.Add(x)) return;
  const double phase = cycle_.phase();
  const double smooth_period = cycle_.hilbert().smooth_period();
  const double prev_sine = sine_;
  const double prev_lead_sine = lead_sine_;
  sine_ = HtSine::Sine(phase);
  lead_sine_ = HtSine::LeadSine(phase);

  int trend = 1;
  // Days in trend since the sine and lead sine last crossed.
  if (((sine_ > lead_sine_) && (prev_sine <= prev_lead_sine)) ||
      ((sine_ < lead_sine_) && (prev_sine >= prev_lead_sine))) {
    days_in_trend_ = 0;
    trend = 0;
  }
  ++days_in_trend_;
  if (static_cast<double>(days_in_trend_) < 0.5 * smooth_period) trend = 0;
  const double advance = phase - prev_phase;
  if ((smooth_period != 0.0) &&
      ((advance > (0.67 * 360.0 / smooth_period)) && (advance < (1.5 * 360.0 / smooth_period)))) {
    trend = 0;
  }
  const double trendline = cycle_.trendline();
  const double smoothed = cycle_.hilbert().smoothed();
  if ((trendline != 0.0) && (std::fabs((smoothed - trendline) / trendline) >= 0.015)) trend = 1;
  trend_ = trend;
}

void HtTrendMode::Reset() {
  cycle_.Reset();
  sine_ = lead_sine_ = 0;
  days_in_trend_ = 0;
  trend_ = 0;
}

double HtTrendMode::Value(int index) const {
  if (!Ready() || index != 0) return kNaN;
  return static_cast<double>(trend_);
}

}  // namespace pulse::indicators
