// MaOfType: a moving average chosen by TA-Lib's MA type number, shared by MA, MACDEXT, STOCHF
// and STOCHRSI.
#pragma once

#include <variant>

#include "indicators/composite_averages.h"
#include "indicators/indicator.h"
#include "indicators/kama.h"
#include "indicators/mama.h"
#include "indicators/moving_averages.h"

namespace pulse::indicators {

namespace internal {

// TA-Lib's MA with period 1: the input itself. Single-threaded value object.
class PassThrough {
 public:
  void Add(double x) {
    value_ = x;
    ready_ = true;
  }
  void Reset() {
    value_ = kNaN;
    ready_ = false;
  }
  bool Ready() const { return ready_; }
  int WarmUp() const { return 0; }
  double Value(int = 0) const { return ready_ ? value_ : kNaN; }

 private:
  double value_ = kNaN;
  bool ready_ = false;
};
}  // namespace internal

// A moving average of `period` values of the type TA-Lib's TA_MAType numbers: 0 SMA, 1 EMA,
// 2 WMA, 3 DEMA, 4 TEMA, 5 TRIMA, 6 KAMA, 7 MAMA (TA-Lib's MAMA with fast 0.5 / slow 0.05; the
// period is ignored), 8 T3 (vfactor 0.7). As TA-Lib's MA, a period of 1 passes the input
// through unchanged (WarmUp 0) whatever the type. WarmUp = TA-Lib's MA lookback.
// Holds the chosen average by value (no allocation after construction).
// Lifecycle: built once, Add()/Update() per value, Reset() to start over. Single-threaded value
// object.
class MaOfType final : public Indicator {
 public:
  enum class Type { kSma = 0, kEma, kWma, kDema, kTema, kTrima, kKama, kMama, kT3 };
  static constexpr int kMaxType = 8;

  MaOfType(int period, Type type);

  void Add(double x);
  void Update(const Bar& bar) override { Add(bar.close); }
  void Reset() override;
  bool Ready() const override;
  int WarmUp() const override;
  double Value(int = 0) const override;
  Type type() const { return type_; }

 private:
  using Average =
      std::variant<internal::PassThrough, Sma, Ema, Wma, Dema, Tema, Trima, Kama, Mama, T3>;
  static Average Make(int period, Type type);

  Type type_;
  Average average_;
};

}  // namespace pulse::indicators
