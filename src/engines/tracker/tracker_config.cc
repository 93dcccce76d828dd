#include "engines/tracker/tracker_config.h"

#include <cmath>
#include <string>
#include <vector>

namespace pulse::tracker {

Status TrackerConfig::Validate() const {
  std::vector<std::string> problems;
  if (!std::isfinite(fee_pct_per_side) || fee_pct_per_side < 0 || fee_pct_per_side >= 10) {
    problems.push_back(
        fmt::format("tracker.fee_pct_per_side must be in [0, 10), got {}", fee_pct_per_side));
  }
  if (!std::isfinite(breakeven_band_pct) || breakeven_band_pct < 0 || breakeven_band_pct >= 100) {
    problems.push_back(
        fmt::format("tracker.breakeven_band_pct must be in [0, 100), got {}", breakeven_band_pct));
  }
  if (problems.empty()) return Status::Ok();
  std::string joined;
  for (const std::string& p : problems) joined += (joined.empty() ? "" : "; ") + p;
  return InvalidArgumentError("{}", joined);
}

}  // namespace pulse::tracker
