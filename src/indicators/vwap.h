// Session-anchored volume-weighted average price.
#pragma once

#include "core/time.h"
#include "indicators/indicator.h"

namespace pulse::indicators {

// VWAP anchored at the start of each session: sum(typical price * volume) / sum(volume) over the
// bars of the current session so far, typical price = (high + low + close) / 3. Sessions are
// consecutive spans of `session_minutes` counted from the Unix epoch (1440: the UTC day); a bar
// belongs to the session its open_time falls in, and the first bar of a new session restarts
// the sums. While the session's volume is 0 the value is the bar's typical price. Ready from the
// first bar (WarmUp = 0); the value at a bar depends only on that bar and earlier ones.
// Built once, updated bar by bar, Reset() to reuse. Single-threaded value object.
class Vwap final : public Indicator {
 public:
  explicit Vwap(int session_minutes);

  void Update(const Bar& bar) override;
  void Reset() override;
  bool Ready() const override { return started_; }
  int WarmUp() const override { return 0; }
  double Value(int = 0) const override { return Ready() ? value_ : kNaN; }

 private:
  // Index of the session `t` falls in (floor division, also before 1970).
  long long SessionOf(UnixNanos t) const;

  UnixNanos session_nanos_;
  bool started_ = false;
  long long session_ = 0;
  double price_volume_sum_ = 0;
  double volume_sum_ = 0;
  double value_ = kNaN;
};

}  // namespace pulse::indicators
