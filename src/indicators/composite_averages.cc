#include "indicators/composite_averages.h"

namespace pulse::indicators {
namespace {

double K(int period) { return 2.0 / (period + 1); }

}  // namespace

// ---- Dema ----

Dema::Dema(int period, EmaSeed seed, int extra_warm_up)
    : ema1_(period, K(period), seed, extra_warm_up),
      ema2_(period, K(period), seed, extra_warm_up) {}

void Dema::Add(double x) {
  ema1_.Add(x);
  if (!ema1_.Ready()) return;
  ema2_.Add(ema1_.value());
  if (ema2_.Ready()) value_ = 2.0 * ema1_.value() - ema2_.value();
}

void Dema::Reset() {
  ema1_.Reset();
  ema2_.Reset();
  value_ = kNaN;
}

// ---- Tema ----

Tema::Tema(int period, EmaSeed seed, int extra_warm_up)
    : ema1_(period, K(period), seed, extra_warm_up),
      ema2_(period, K(period), seed, extra_warm_up),
      ema3_(period, K(period), seed, extra_warm_up) {}

void Tema::Add(double x) {
  ema1_.Add(x);
  if (!ema1_.Ready()) return;
  ema2_.Add(ema1_.value());
  if (!ema2_.Ready()) return;
  ema3_.Add(ema2_.value());
  if (ema3_.Ready()) {
    value_ = 3.0 * ema1_.value() - 3.0 * ema2_.value() + ema3_.value();
  }
}

void Tema::Reset() {
  ema1_.Reset();
  ema2_.Reset();
  ema3_.Reset();
  value_ = kNaN;
}

// ---- Trima ----

Trima::Trima(int period)
    : inner_(period % 2 == 1 ? (period + 1) / 2 : period / 2),
      outer_(period % 2 == 1 ? (period + 1) / 2 : period / 2 + 1) {}

void Trima::Add(double x) {
  inner_.Add(x);
  if (inner_.Ready()) outer_.Add(inner_.value());
}

void Trima::Reset() {
  inner_.Reset();
  outer_.Reset();
}

// ---- T3 ----

T3::T3(int period, double a)
    : emas_{Ema(period), Ema(period), Ema(period), Ema(period), Ema(period), Ema(period)},
      c1_(-a * a * a),
      c2_(3.0 * (a * a - c1_)),
      c3_(-6.0 * a * a - 3.0 * (a - c1_)),
      c4_(1.0 + 3.0 * a - c1_ + 3.0 * a * a) {}

void T3::Add(double x) {
  double v = x;
  for (Ema& e : emas_) {
    e.Add(v);
    if (!e.Ready()) return;
    v = e.value();
  }
  value_ = c1_ * emas_[5].value() + c2_ * emas_[4].value() + c3_ * emas_[3].value() +
           c4_ * emas_[2].value();
}

void T3::Reset() {
  for (Ema& e : emas_) e.Reset();
  value_ = kNaN;
}

}  // namespace pulse::indicators
