#include "indicators/directional.h"

#include <algorithm>
#include <cmath>

#include "indicators/talib_compat.h"

namespace pulse::indicators {
namespace {

double TrueRange(double high, double low, double prev_close) {
  return std::max({high - low, std::fabs(high - prev_close), std::fabs(low - prev_close)});
}

}  // namespace

// ---- DirectionalSums ----

void DirectionalSums::Add(const Bar& bar) {
  ++count_;
  if (count_ > 1) {
    const double diff_p = bar.high - prev_high_;
    const double diff_m = prev_low_ - bar.low;
    last_plus_dm_ = 0;
    last_minus_dm_ = 0;
    if (diff_m > 0 && diff_p < diff_m) {
      last_minus_dm_ = diff_m;
    } else if (diff_p > 0 && diff_p > diff_m) {
      last_plus_dm_ = diff_p;
    }
    last_tr_ = TrueRange(bar.high, bar.low, prev_close_);
    if (count_ <= period_) {  // bars 1..period-1: plain sums
      plus_dm_ += last_plus_dm_;
      minus_dm_ += last_minus_dm_;
      tr_ += last_tr_;
    } else {
      plus_dm_ = plus_dm_ * keep_ + last_plus_dm_;
      minus_dm_ = minus_dm_ * keep_ + last_minus_dm_;
      tr_ = tr_ * keep_ + last_tr_;
    }
  }
  prev_high_ = bar.high;
  prev_low_ = bar.low;
  prev_close_ = bar.close;
}

void DirectionalSums::Reset() {
  prev_high_ = prev_low_ = prev_close_ = 0;
  plus_dm_ = minus_dm_ = tr_ = 0;
  last_plus_dm_ = last_minus_dm_ = last_tr_ = 0;
  count_ = 0;
}

double DirectionalSums::PlusDi() const { return TaIsZero(tr_) ? 0.0 : 100.0 * (plus_dm_ / tr_); }

double DirectionalSums::MinusDi() const { return TaIsZero(tr_) ? 0.0 : 100.0 * (minus_dm_ / tr_); }

bool DirectionalSums::Dx(double* dx) const {
  if (TaIsZero(tr_)) return false;
  const double minus_di = 100.0 * (minus_dm_ / tr_);
  const double plus_di = 100.0 * (plus_dm_ / tr_);
  const double sum = minus_di + plus_di;
  if (TaIsZero(sum)) return false;
  *dx = 100.0 * (std::fabs(minus_di - plus_di) / sum);
  return true;
}

// ---- Directional ----

Directional::Directional(Kind kind, int period) : kind_(kind), sums_(period) {}

int Directional::WarmUp() const {
  const int p = sums_.period();
  if (p <= 1) return 1;
  return kind_ == Kind::kPlusDm || kind_ == Kind::kMinusDm ? p - 1 : p;
}

void Directional::Update(const Bar& bar) {
  sums_.Add(bar);
  if (!Ready()) return;
  const bool raw = sums_.period() <= 1;
  switch (kind_) {
    case Kind::kPlusDm:
      value_ = sums_.plus_dm();
      break;
    case Kind::kMinusDm:
      value_ = sums_.minus_dm();
      break;
    case Kind::kPlusDi:
      if (raw) {
        value_ = TaIsZero(sums_.last_tr()) ? 0.0 : sums_.last_plus_dm() / sums_.last_tr();
      } else {
        value_ = sums_.PlusDi();
      }
      break;
    case Kind::kMinusDi:
      if (raw) {
        value_ = TaIsZero(sums_.last_tr()) ? 0.0 : sums_.last_minus_dm() / sums_.last_tr();
      } else {
        value_ = sums_.MinusDi();
      }
      break;
    case Kind::kDx: {
      double dx = 0;
      if (sums_.Dx(&dx)) {
        value_ = dx;
      } else if (std::isnan(value_)) {
        value_ = 0.0;
      }
      break;
    }
  }
}

void Directional::Reset() {
  sums_.Reset();
  value_ = kNaN;
}

// ---- Adx ----

Adx::Adx(int period) : sums_(period) {}

void Adx::Update(const Bar& bar) {
  sums_.Add(bar);
  const long long p = sums_.period();
  const long long n = sums_.count();
  if (n <= p) return;
  double dx = 0;
  const bool defined = sums_.Dx(&dx);
  if (n <= 2 * p) {  // bars period..2 period - 1: the first DX values
    if (defined) sum_dx_ += dx;
    if (n == 2 * p) adx_ = sum_dx_ / static_cast<double>(p);
  } else if (defined) {
    adx_ = adx_ * sums_.keep() + dx * sums_.weight();
  }
}

void Adx::Reset() {
  sums_.Reset();
  sum_dx_ = 0;
  adx_ = kNaN;
}

double Adx::Value(int index) const {
  if (!Ready()) return kNaN;
  switch (index) {
    case 0:
      return adx_;
    case 1:
      return sums_.PlusDi();
    case 2:
      return sums_.MinusDi();
    default:
      return kNaN;
  }
}

void Adx::UpdateInto(const Bar& bar, double* out) {
  Update(bar);
  for (int k = 0; k < 3; ++k) out[k] = Value(k);
}

// ---- Adxr ----

Adxr::Adxr(int period) : adx_(period), adx_values_(period) {}

void Adxr::Update(const Bar& bar) {
  adx_.Update(bar);
  if (adx_.Ready()) adx_values_.Push(adx_.adx());
}

void Adxr::Reset() {
  adx_.Reset();
  adx_values_.Clear();
}

}  // namespace pulse::indicators
