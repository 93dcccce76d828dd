// Wilder's directional movement system as TA-Lib computes it: +DM/-DM, +DI/-DI, DX, ADX, ADXR.
#pragma once

#include "indicators/indicator.h"
#include "indicators/ring_buffer.h"

namespace pulse::indicators {

// The running Wilder sums shared by the directional indicators: for bars 1..period-1 the plain
// sums of +DM, -DM and true range, then TA-Lib's s = s - s / period + x, computed as
// s * keep + x with keep = (period - 1) / period rounded once (no division on the bar-to-bar
// chain; within ~1e-14 relative of TA-Lib's form, the errors do not grow).
// Single-threaded value object.
class DirectionalSums {
 public:
  explicit DirectionalSums(int period)
      : period_(period), keep_(static_cast<double>(period - 1) / period), weight_(1.0 / period) {}

  void Add(const Bar& bar);
  void Reset();
  int period() const { return period_; }
  double keep() const { return keep_; }       // (period - 1) / period
  double weight() const { return weight_; }   // 1 / period
  long long count() const { return count_; }  // bars seen
  double plus_dm() const { return plus_dm_; }
  double minus_dm() const { return minus_dm_; }
  double tr() const { return tr_; }
  double last_plus_dm() const { return last_plus_dm_; }    // this bar's raw +DM
  double last_minus_dm() const { return last_minus_dm_; }  // this bar's raw -DM
  double last_tr() const { return last_tr_; }              // this bar's true range
  // 100 * DM / TR, 0 while the true range sum is ~0.
  double PlusDi() const;
  double MinusDi() const;
  // 100 * |+DI - -DI| / (+DI + -DI); false when undefined (TR or DI sum ~0).
  bool Dx(double* dx) const;

 private:
  int period_;
  double keep_;
  double weight_;
  double prev_high_ = 0, prev_low_ = 0, prev_close_ = 0;
  double plus_dm_ = 0, minus_dm_ = 0, tr_ = 0;
  double last_plus_dm_ = 0, last_minus_dm_ = 0, last_tr_ = 0;
  long long count_ = 0;
};

// One of TA-Lib's PLUS_DM, MINUS_DM, PLUS_DI, MINUS_DI and DX. WarmUp: period - 1 for the DMs,
// period for DI and DX (1 for DM and DI with period 1, which are unsmoothed; DI with period 1 is
// the ratio DM / TR, not a percentage, as TA-Lib). DX repeats its previous value when undefined.
// Single-threaded value object.
class Directional final : public Indicator {
 public:
  enum class Kind { kPlusDm, kMinusDm, kPlusDi, kMinusDi, kDx };

  Directional(Kind kind, int period);

  void Update(const Bar& bar) override;
  void Reset() override;
  bool Ready() const override { return sums_.count() > WarmUp(); }
  int WarmUp() const override;
  double Value(int = 0) const override { return Ready() ? value_ : kNaN; }

 private:
  Kind kind_;
  DirectionalSums sums_;
  double value_ = kNaN;
};

// Average directional index with the directional indicators. Outputs: 0 adx, 1 plus_di,
// 2 minus_di. ADX starts as the mean of the first `period` DX values (bars period..2 period - 1),
// then adx = (adx * (period - 1) + dx) / period (computed as adx * keep + dx * weight, as the
// sums), skipping bars where DX is undefined.
// WarmUp = 2 * period - 1. Single-threaded value object.
class Adx final : public Indicator {
 public:
  explicit Adx(int period);

  void Update(const Bar& bar) override;
  void Reset() override;
  bool Ready() const override { return sums_.count() > WarmUp(); }
  int WarmUp() const override { return 2 * sums_.period() - 1; }
  int NumOutputs() const override { return 3; }
  double Value(int index = 0) const override;
  void UpdateInto(const Bar& bar, double* out) override;
  double adx() const { return adx_; }

 private:
  DirectionalSums sums_;
  double sum_dx_ = 0;
  double adx_ = kNaN;
};

// ADX rating: (ADX + ADX of period - 1 bars ago) / 2. WarmUp = 3 * period - 2.
// Single-threaded value object.
class Adxr final : public Indicator {
 public:
  explicit Adxr(int period);

  void Update(const Bar& bar) override;
  void Reset() override;
  bool Ready() const override { return adx_values_.Full(); }
  int WarmUp() const override { return adx_.WarmUp() + adx_values_.Capacity() - 1; }
  double Value(int = 0) const override {
    return Ready() ? (adx_values_.Back(0) + adx_values_.Oldest()) / 2.0 : kNaN;
  }

 private:
  Adx adx_;
  RingBuffer adx_values_;  // the last `period` ADX values
};

}  // namespace pulse::indicators
