#include "indicators/volume_features.h"

namespace pulse::indicators {

// ---- Cmf ----

Cmf::Cmf(int period) : period_(period), flows_(period), volumes_(period) {}

void Cmf::Update(const Bar& bar) {
  const double range = bar.high - bar.low;
  const double flow =
      range != 0.0 ? ((bar.close - bar.low) - (bar.high - bar.close)) / range * bar.volume : 0.0;
  if (flows_.Full()) {
    flow_sum_ -= flows_.Oldest();
    const double old_volume = volumes_.Oldest();
    volume_sum_ -= old_volume;
    if (old_volume != 0.0) --nonzero_volumes_;
  }
  flows_.Push(flow);
  volumes_.Push(bar.volume);
  flow_sum_ += flow;
  volume_sum_ += bar.volume;
  if (bar.volume != 0.0) ++nonzero_volumes_;
  if (++count_ < period_) return;
  value_ = nonzero_volumes_ > 0 ? flow_sum_ / volume_sum_ : 0.0;
}

void Cmf::Reset() {
  flows_.Clear();
  volumes_.Clear();
  flow_sum_ = volume_sum_ = 0;
  nonzero_volumes_ = 0;
  value_ = kNaN;
  count_ = 0;
}

// ---- ForceIndex ----

void ForceIndex::Update(const Bar& bar) {
  if (++count_ > 1) ema_.Add((bar.close - prev_close_) * bar.volume);
  prev_close_ = bar.close;
}

void ForceIndex::Reset() {
  ema_.Reset();
  prev_close_ = 0;
  count_ = 0;
}

// ---- Eom ----

void Eom::Update(const Bar& bar) {
  const double mid = (bar.high + bar.low) / 2.0;
  if (++count_ > 1) {
    const double raw =
        bar.volume != 0.0 ? (mid - prev_mid_) * (bar.high - bar.low) * divisor_ / bar.volume : 0.0;
    sma_.Add(raw);
  }
  prev_mid_ = mid;
}

void Eom::Reset() {
  sma_.Reset();
  prev_mid_ = 0;
  count_ = 0;
}

// ---- VolumeChange ----

void VolumeChange::Update(const Bar& bar) {
  if (++count_ > 1) {
    value_ = prev_volume_ != 0.0 ? 100.0 * (bar.volume / prev_volume_ - 1.0) : 0.0;
  }
  prev_volume_ = bar.volume;
}

void VolumeChange::Reset() {
  prev_volume_ = 0;
  value_ = kNaN;
  count_ = 0;
}

// ---- VolumeRatio ----

void VolumeRatio::Update(const Bar& bar) {
  sma_.Add(bar.volume);
  if (!sma_.Ready()) return;
  const double average = sma_.value();
  value_ = average > 0.0 ? bar.volume / average : 0.0;
}

void VolumeRatio::Reset() {
  sma_.Reset();
  value_ = kNaN;
}

}  // namespace pulse::indicators
