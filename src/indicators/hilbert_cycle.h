// HilbertCycle: the dominant-cycle phase and instantaneous trendline that TA-Lib's HT_DCPHASE,
// HT_SINE, HT_TRENDLINE and HT_TRENDMODE compute on top of the shared Hilbert stage.
#pragma once

#include "indicators/hilbert_transform.h"
#include "indicators/ring_buffer.h"

namespace pulse::indicators {

// The 63-bar-lookback part of TA-Lib's Hilbert family. Runs HilbertTransform with the Hilbert
// stage starting at bar 37 and, on every bar from there on:
//  - phase (when built with it): n = int(smooth period + 0.5) (at most 50); the DFT of the last
//    n smoothed prices, real = sum sin(2 pi i / n) p[i], imag = sum cos(2 pi i / n) p[i] (i = 0
//    newest; prices before bar 37 count as 0); phase = atan(real / imag) in degrees (when imag
//    is exactly 0: the previous phase +-90 by the sign of real), + 90, + 360 / smooth period
//    for the WMA's lag, + 180 when imag < 0, - 360 when above 315;
//  - trendline (when built with it): the mean of the last n raw inputs, smoothed
//    (4 m + 3 m[1] + 2 m[2] + m[3]) / 10 over the last four means.
// TA-Lib's first output is bar 63 (kLookback); the state runs from bar 37 on.
// Lifecycle: built once (the 50-value windows are allocated then), Add() per value, Reset() to
// start over. O(50) per value at most. Threading: single-threaded value object.
class HilbertCycle {
 public:
  static constexpr int kLookback = 63;

  HilbertCycle(bool with_phase, bool with_trendline);

  // Consumes the next value; true when the cycle state was updated on it (bar index >= 37).
  bool Add(double x);
  void Reset();

  // True once bar kLookback has been consumed (TA-Lib outputs from there on).
  bool Ready() const { return hilbert_.bars() > kLookback; }
  const HilbertTransform& hilbert() const { return hilbert_; }
  // Dominant-cycle phase in degrees, wrapped to at most 315 (HT_DCPHASE); 0 before bar 37.
  double phase() const { return phase_; }
  // The instantaneous trendline (HT_TRENDLINE); 0 before bar 37.
  double trendline() const { return trendline_; }

 private:
  static constexpr int kWindow = 50;  // TA-Lib's SMOOTH_PRICE_SIZE, the longest period

  void UpdatePhase(int n);
  void UpdateTrendline(int n);

  bool with_phase_;
  bool with_trendline_;
  HilbertTransform hilbert_;
  RingBuffer smoothed_prices_;  // WMA-smoothed inputs from bar 37 on
  RingBuffer inputs_;           // raw inputs
  double phase_ = 0;
  double trendline_ = 0;
  double trend1_ = 0, trend2_ = 0, trend3_ = 0;  // the last three plain means
};

}  // namespace pulse::indicators
