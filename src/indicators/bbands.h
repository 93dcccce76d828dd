// Bollinger Bands and the rolling standard deviation, as TA-Lib computes them (population
// standard deviation from running sums of x and x^2).
#pragma once

#include "indicators/indicator.h"
#include "indicators/moving_averages.h"
#include "indicators/ring_buffer.h"

namespace pulse::indicators {

// Population standard deviation of the close over `period` bars, times `nb_dev`:
// sqrt(mean(x^2) - mean(x)^2), 0 when that variance is below 1e-14 (TaIsZeroOrNeg).
// WarmUp = period - 1. Single-threaded value object.
class StdDev final : public Indicator {
 public:
  StdDev(int period, double nb_dev);

  void Add(double x);
  void Update(const Bar& bar) override { Add(bar.close); }
  void Reset() override;
  bool Ready() const override { return count_ >= period_; }
  int WarmUp() const override { return period_ - 1; }
  double Value(int = 0) const override { return Ready() ? value_ : kNaN; }
  // The last window's mean (TA-Lib's SMA of the same window) and plain standard deviation.
  double mean() const { return mean_; }
  double stddev() const { return stddev_; }

 private:
  int period_;
  double nb_dev_;
  RingBuffer window_;
  double sum_ = 0;
  double sum_sq_ = 0;
  double mean_ = kNaN;
  double stddev_ = kNaN;
  double value_ = kNaN;
  long long count_ = 0;
};

// Bollinger Bands: middle = MA(period) of the close (SMA, or EMA when ma_type = 1, TA-Lib's MA
// type numbers), upper/lower = middle +/- nb_dev_up/nb_dev_dn * population stddev(period).
// Outputs: 0 upper, 1 middle, 2 lower (TA-Lib's three), then 3 width = (upper - lower) / middle
// (0 when middle is 0) and 4 percent_b = (close - lower) / (upper - lower) (0.5 when the bands
// are flat). WarmUp = period - 1. Single-threaded value object.
class BBands final : public Indicator {
 public:
  enum class MaType { kSma = 0, kEma = 1 };

  BBands(int period, double nb_dev_up, double nb_dev_dn, MaType ma_type = MaType::kSma);

  void Add(double x);
  void Update(const Bar& bar) override { Add(bar.close); }
  void Reset() override;
  bool Ready() const override { return stddev_.Ready(); }
  int WarmUp() const override { return stddev_.WarmUp(); }
  int NumOutputs() const override { return 5; }
  double Value(int index = 0) const override;
  void UpdateInto(const Bar& bar, double* out) override;
  double upper() const { return upper_; }
  double middle() const { return middle_; }
  double lower() const { return lower_; }
  double width() const { return width_; }
  double percent_b() const { return percent_b_; }

 private:
  double nb_dev_up_;
  double nb_dev_dn_;
  MaType ma_type_;
  StdDev stddev_;
  Ema ema_;
  double upper_ = kNaN;
  double middle_ = kNaN;
  double lower_ = kNaN;
  double width_ = kNaN;
  double percent_b_ = kNaN;
};

}  // namespace pulse::indicators
