// Moving averages built from other averages, with TA-Lib's conventions: DEMA, TEMA, TRIMA and
// T3 (Tillson).
#pragma once

#include "indicators/indicator.h"
#include "indicators/moving_averages.h"

namespace pulse::indicators {

// Double EMA: 2 * EMA(x) - EMA(EMA(x)). The second EMA starts on the first output of the first
// (each SMA-seeded as TA-Lib does). WarmUp = 2 * (period - 1). `seed` and `extra_warm_up` (per
// EMA) reproduce TA-Lib's Metastock mode and unstable period. Single-threaded value object.
class Dema final : public Indicator {
 public:
  explicit Dema(int period, EmaSeed seed = EmaSeed::kSma, int extra_warm_up = 0);

  void Add(double x);
  void Update(const Bar& bar) override { Add(bar.close); }
  void Reset() override;
  bool Ready() const override { return ema2_.Ready(); }
  int WarmUp() const override { return ema1_.WarmUp() + ema2_.WarmUp(); }
  double Value(int = 0) const override { return Ready() ? value_ : kNaN; }

 private:
  Ema ema1_;
  Ema ema2_;
  double value_ = kNaN;
};

// Triple EMA: 3 * e1 - 3 * e2 + e3 with e2 = EMA(e1), e3 = EMA(e2), each EMA starting on the
// first output of the one before. WarmUp = 3 * (period - 1). Single-threaded value object.
class Tema final : public Indicator {
 public:
  explicit Tema(int period, EmaSeed seed = EmaSeed::kSma, int extra_warm_up = 0);

  void Add(double x);
  void Update(const Bar& bar) override { Add(bar.close); }
  void Reset() override;
  bool Ready() const override { return ema3_.Ready(); }
  int WarmUp() const override { return ema1_.WarmUp() + ema2_.WarmUp() + ema3_.WarmUp(); }
  double Value(int = 0) const override { return Ready() ? value_ : kNaN; }

 private:
  Ema ema1_;
  Ema ema2_;
  Ema ema3_;
  double value_ = kNaN;
};

// Triangular moving average: an SMA of an SMA, of (period + 1) / 2 bars each for an odd period,
// period / 2 then period / 2 + 1 for an even one (TA-Lib's weights). WarmUp = period - 1.
// Single-threaded value object.
class Trima final : public Indicator {
 public:
  explicit Trima(int period);

  void Add(double x);
  void Update(const Bar& bar) override { Add(bar.close); }
  void Reset() override;
  bool Ready() const override { return outer_.Ready(); }
  int WarmUp() const override { return inner_.WarmUp() + outer_.WarmUp(); }
  double Value(int = 0) const override { return outer_.Value(); }

 private:
  Sma inner_;
  Sma outer_;
};

// Tillson's T3: six chained SMA-seeded EMAs e1..e6 combined as c1 e6 + c2 e5 + c3 e4 + c4 e3
// with the volume factor a: c1 = -a^3, c2 = 3a^2 + 3a^3, c3 = -6a^2 - 3a - 3a^3,
// c4 = 1 + 3a + a^3 + 3a^2. WarmUp = 6 * (period - 1). Single-threaded value object.
class T3 final : public Indicator {
 public:
  T3(int period, double volume_factor);

  void Add(double x);
  void Update(const Bar& bar) override { Add(bar.close); }
  void Reset() override;
  bool Ready() const override { return emas_[5].Ready(); }
  int WarmUp() const override { return 6 * (emas_[0].period() - 1); }
  double Value(int = 0) const override { return Ready() ? value_ : kNaN; }

 private:
  Ema emas_[6];
  double c1_, c2_, c3_, c4_;
  double value_ = kNaN;
};

}  // namespace pulse::indicators
