#include "engines/signal/theories/volume_spike.h"

#include <algorithm>
#include <cmath>

#include "engines/signal/append_format.h"

namespace pulse::signal {

const TheoryInfo& VolumeSpike::Info() {
  static const TheoryInfo info = {
      "volume_spike",
      "volume above spike_ratio times its average with a price move votes with the move",
      {{"spike_ratio", 2.0, 1, 100, false, "volume / average volume strictly above this counts"},
       {"full_ratio", 4.0, 1, 1000, false, "volume ratio at which the volume part reaches 1"},
       {"min_return_pct", 0.1, 0, 100, false,
        "one-bar return in percent the move must exceed (price confirmation)"},
       {"full_return_pct", 1.0, 0, 100, false,
        "one-bar return in percent at which the price part reaches 1"}},
      {{"volume_ratio", "volume_ratio_20", "volume / SMA of the volume"},
       {"return_pct", "change_pct", "one-bar return of the close in percent"}}};
  return info;
}

Result<std::unique_ptr<Theory>> VolumeSpike::Create(const TheorySettings& settings) {
  const auto& p = settings.params;
  if (!(p[kSpikeRatio] < p[kFullRatio])) {
    return InvalidArgumentError(
        "theory volume_spike: full_ratio ({}) must be above spike_ratio ({})", p[kFullRatio],
        p[kSpikeRatio]);
  }
  if (!(p[kMinReturnPct] < p[kFullReturnPct])) {
    return InvalidArgumentError(
        "theory volume_spike: full_return_pct ({}) must be above min_return_pct ({})",
        p[kFullReturnPct], p[kMinReturnPct]);
  }
  return std::unique_ptr<Theory>(new VolumeSpike(settings));
}

VolumeSpike::VolumeSpike(const TheorySettings& settings)
    : RuleTheory(Info(), settings.features),
      spike_ratio_(settings.params[kSpikeRatio]),
      full_ratio_(settings.params[kFullRatio]),
      min_return_pct_(settings.params[kMinReturnPct]),
      full_return_pct_(settings.params[kFullReturnPct]) {}

Opinion VolumeSpike::Evaluate(const FeatureView& view) const {
  const double ratio = Current(view, kVolumeRatio);
  const double return_pct = Current(view, kReturnPct);
  if (AnyNaN({ratio, return_pct}) || !(ratio > spike_ratio_)) return {};
  const double strength = std::min(Ramp(ratio, spike_ratio_, full_ratio_),
                                   Ramp(std::abs(return_pct), min_return_pct_, full_return_pct_));
  if (return_pct > min_return_pct_) return {Vote::kLong, strength};
  if (return_pct < -min_return_pct_) return {Vote::kShort, strength};
  return {};
}

void VolumeSpike::AppendExplanation(const FeatureView& view, std::string* out) const {
  const double ratio = Current(view, kVolumeRatio);
  const double return_pct = Current(view, kReturnPct);
  const Opinion opinion = Evaluate(view);
  if (opinion.vote != Vote::kNone) {
    AppendFormat(
        out,
        FMT_COMPILE(
            "volume {:.2f}x its average (> {:g}x) with a {:+.3f}% move (beyond {:g}%): follows the "
            "{}, strength {:.2f}"),
        ratio, spike_ratio_, return_pct, min_return_pct_,
        opinion.vote == Vote::kLong ? "buyers" : "sellers", opinion.strength);
    return;
  }
  if (AnyNaN({ratio, return_pct})) {
    out->append("volume ratio or return not available yet: no vote");
    return;
  }
  if (!(ratio > spike_ratio_)) {
    AppendFormat(out, FMT_COMPILE("volume {:.2f}x its average, not above {:g}x: no vote"), ratio,
                 spike_ratio_);
    return;
  }
  AppendFormat(
      out, FMT_COMPILE("volume {:.2f}x its average but the move {:+.3f}% is within {:g}%: no vote"),
      ratio, return_pct, min_return_pct_);
}

}  // namespace pulse::signal
