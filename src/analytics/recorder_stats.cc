#include "analytics/recorder_stats.h"

#include <cmath>
#include <limits>

namespace pulse::analytics {

RecorderStats ComputeRecorderStats(std::span<const SignalResult> results) {
  RecorderStats s;
  double sum_all = 0, sum_win = 0, sum_loss = 0;
  for (const SignalResult& r : results) {
    if (r.outcome == Outcome::kOpen || !r.pnl_percent) continue;
    const double pnl = *r.pnl_percent;
    ++s.total_trades;
    sum_all += pnl;
    switch (r.outcome) {
      case Outcome::kWin:
        ++s.wins;
        sum_win += pnl;
        break;
      case Outcome::kLoss:
        ++s.losses;
        sum_loss += pnl;
        break;
      case Outcome::kBreakeven:
        ++s.breakevens;
        break;
      case Outcome::kOpen:
        break;
    }
  }
  if (s.total_trades == 0) return s;
  s.win_rate_pct = 100.0 * static_cast<double>(s.wins) / static_cast<double>(s.total_trades);
  s.avg_pnl_pct = sum_all / static_cast<double>(s.total_trades);
  if (s.wins > 0) s.avg_win_pct = sum_win / static_cast<double>(s.wins);
  if (s.losses > 0) s.avg_loss_pct = sum_loss / static_cast<double>(s.losses);
  if (s.losses > 0) {
    s.profit_factor = sum_win / std::fabs(sum_loss);
  } else if (s.wins > 0) {
    s.profit_factor = std::numeric_limits<double>::infinity();
  }
  return s;
}

}  // namespace pulse::analytics
