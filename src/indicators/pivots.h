// Pivots: classic floor-trader pivot points of the previous completed session.
#pragma once

#include <cstdint>

#include "indicators/indicator.h"

namespace pulse::indicators {

// Classic (floor) pivot points from the high H, low L and last close C of the previous completed
// session: P = (H + L + C) / 3, R1 = 2P - L, S1 = 2P - H, R2 = P + (H - L), S2 = P - (H - L),
// R3 = H + 2 (P - L), S3 = L - 2 (H - P).
// Outputs: 0 p, 1 r1, 2 r2, 3 r3, 4 s1, 5 s2, 6 s3.
//
// Sessions are fixed UTC buckets of `session_minutes` from the Unix epoch, by `bar.open_time`
// (1440 = UTC days). A bar in a later bucket completes the current session; the levels then stay
// fixed for the whole new session. Empty sessions (gaps, weekends) are skipped: the levels come
// from the last session that had bars. No look-ahead: the output at a bar uses only earlier
// sessions.
//
// Readiness depends on the data: the first valid output is the first bar of the second session
// seen. WarmUp() is therefore 1 (the least possible) until then, and afterwards the index of that
// first valid bar, so Ready() == (index >= WarmUp()) holds for every bar fed.
//
// Lifecycle: built with the session length, Update() per closed bar in time order, Reset() to
// start over. O(1), no allocation. Single-threaded value object.
class Pivots final : public Indicator {
 public:
  explicit Pivots(int session_minutes = 1440);

  void Update(const Bar& bar) override;
  void Reset() override;
  bool Ready() const override { return first_ready_ >= 0; }
  int WarmUp() const override;
  int NumOutputs() const override { return 7; }
  double Value(int index = 0) const override;

 private:
  std::int64_t session_nanos_;
  std::int64_t session_ = 0;               // bucket of the current session
  double high_ = 0, low_ = 0, close_ = 0;  // of the current session so far
  double levels_[7] = {};
  long long count_ = 0;
  long long first_ready_ = -1;  // index of the first valid bar
};

}  // namespace pulse::indicators
