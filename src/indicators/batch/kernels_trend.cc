// Kernels of rsi.h (Rsi), directional.h (Adx) and sar.h (Sar).
#include <algorithm>
#include <cmath>

#include "indicators/batch/kernels.h"
#include "indicators/talib_compat.h"

namespace pulse::indicators::batch {

void RsiKernel(std::span<const double> params, const BarColumns& in, Outputs out) {
  const int period = IntParam(params, 0);
  const size_t p = static_cast<size_t>(period);
  const size_t n = in.close.size();
  const double* x = in.close.data();
  double* o = out[0].data();
  FillNaN(out[0], 0, p);
  if (n <= p) return;
  double gain = 0, loss = 0;
  // Rsi::Add's branch on the sign of the change, as an addend for each sum: loss - diff is
  // loss + (-diff), and loss + (-0.0) is loss, bit for bit.
  auto loss_part = [](double diff) { return Select(diff < 0, -diff, -0.0); };
  auto gain_part = [](double diff) { return Select(diff < 0, -0.0, diff); };
  for (size_t i = 1; i <= p; ++i) {
    const double diff = x[i] - x[i - 1];
    loss += loss_part(diff);
    gain += gain_part(diff);
  }
  loss /= period;
  gain /= period;
  double total = gain + loss;
  o[p] = TaIsZero(total) ? 0.0 : 100.0 * (gain / total);
  const double keep = period - 1;
  for (size_t i = p + 1; i < n; ++i) {
    const double diff = x[i] - x[i - 1];
    loss = (loss * keep + loss_part(diff)) / period;
    gain = (gain * keep + gain_part(diff)) / period;
    total = gain + loss;
    o[i] = TaIsZero(total) ? 0.0 : 100.0 * (gain / total);
  }
}

void AdxKernel(std::span<const double> params, const BarColumns& in, Outputs out) {
  const int period = IntParam(params, 0);
  const size_t p = static_cast<size_t>(period);
  const size_t n = in.close.size();
  const size_t warm = 2 * p - 1;
  const double* h = in.high.data();
  const double* l = in.low.data();
  const double* c = in.close.data();
  double* adx_out = out[0].data();
  double* plus_out = out[1].data();
  double* minus_out = out[2].data();
  for (size_t k = 0; k < 3; ++k) FillNaN(out[k], 0, warm);
  if (n <= warm) return;

  double plus_dm = 0, minus_dm = 0, tr = 0;  // DirectionalSums
  // This bar's raw +DM, -DM and true range (DirectionalSums::Add).
  auto raw = [h, l, c](size_t i, double* pdm, double* mdm, double* range) {
    const double diff_p = h[i] - h[i - 1];
    const double diff_m = l[i - 1] - l[i];
    // diff_p > diff_m already excludes the minus case.
    const bool minus = (diff_m > 0) & (diff_p < diff_m);
    const bool plus = (diff_p > 0) & (diff_p > diff_m);
    *mdm = Select(minus, diff_m, 0.0);
    *pdm = Select(plus, diff_p, 0.0);
    *range = std::max({h[i] - l[i], std::fabs(h[i] - c[i - 1]), std::fabs(l[i] - c[i - 1])});
  };
  double pdm, mdm, range;
  for (size_t i = 1; i < p; ++i) {  // bars 1..period-1: plain sums
    raw(i, &pdm, &mdm, &range);
    plus_dm += pdm;
    minus_dm += mdm;
    tr += range;
  }
  // Bars period..: Wilder sums and DX (undefined when TR or the DI sum is ~0). +DM and -DM go
  // in one pair: the same operations, two lanes.
  Double2 dm = {plus_dm, minus_dm};
  // DirectionalSums: s * keep + x, no division on the chain.
  const double keep = static_cast<double>(period - 1) / period;
  const double weight = 1.0 / period;
  double plus_di = 0, minus_di = 0, dx = 0;
  auto step = [&](size_t i) {
    raw(i, &pdm, &mdm, &range);
    const Double2 raw_dm = {pdm, mdm};
    dm = dm * keep + raw_dm;
    tr = tr * keep + range;
    const Double2 di = 100.0 * (dm / tr);
    plus_di = di[0];
    minus_di = di[1];
    const double sum = minus_di + plus_di;
    dx = 100.0 * (std::fabs(minus_di - plus_di) / sum);
    return !TaIsZero(tr) && !TaIsZero(sum);
  };
  const double pd = static_cast<double>(period);
  double sum_dx = 0;
  for (size_t i = p; i < warm; ++i) {
    const bool defined = step(i);
    sum_dx = defined ? sum_dx + dx : sum_dx;
  }
  const bool last_defined = step(warm);
  sum_dx = last_defined ? sum_dx + dx : sum_dx;
  double adx = sum_dx / pd;
  auto write = [&](size_t i) {
    const bool flat = TaIsZero(tr);
    adx_out[i] = adx;
    plus_out[i] = flat ? 0.0 : plus_di;
    minus_out[i] = flat ? 0.0 : minus_di;
  };
  write(warm);
  // Adx::Update: adx * keep + dx * weight where DX is defined (a multiply and an add on the
  // chain; selecting the factors by bit masks instead made the compiler branch, and was slower).
  for (size_t i = warm + 1; i < n; ++i) {
    const bool defined = step(i);
    const double next = adx * keep + dx * weight;
    adx = defined ? next : adx;
    write(i);
  }
}

void SarKernel(std::span<const double> params, const BarColumns& in, Outputs out) {
  const double acceleration = std::min(params[0], params[1]);
  const double maximum = params[1];
  const size_t n = in.high.size();
  const double* h = in.high.data();
  const double* l = in.low.data();
  double* o = out[0].data();
  FillNaN(out[0], 0, 1);
  if (n < 2) return;
  // Sar::Update: the direction from bar 1's -DM, the first SAR at bar 0's extreme.
  const double diff_plus = h[1] - h[0];
  const double diff_minus = l[0] - l[1];
  bool is_long = !(diff_minus > 0 && diff_plus < diff_minus);
  double af = acceleration;
  double ep = is_long ? h[1] : l[1];
  double sar = is_long ? l[0] : h[0];
  double new_low = l[1], new_high = h[1];
  for (size_t i = 1; i < n; ++i) {
    const double prev_low = new_low;
    const double prev_high = new_high;
    new_low = l[i];
    new_high = h[i];
    double value;
    if (is_long) {
      if (new_low <= sar) {
        is_long = false;
        sar = std::max({ep, prev_high, new_high});
        value = sar;
        af = acceleration;
        ep = new_low;
        sar = std::max({sar + af * (ep - sar), prev_high, new_high});
      } else {
        value = sar;
        // A new extreme moves ep and raises af; selected rather than branched on.
        const bool extreme = new_high > ep;
        const double raised = std::min(af + acceleration, maximum);
        ep = new_high > ep ? new_high : ep;  // maxsd
        af = Select(extreme, raised, af);
        sar = std::min({sar + af * (ep - sar), prev_low, new_low});
      }
    } else {
      if (new_high >= sar) {
        is_long = true;
        sar = std::min({ep, prev_low, new_low});
        value = sar;
        af = acceleration;
        ep = new_high;
        sar = std::min({sar + af * (ep - sar), prev_low, new_low});
      } else {
        value = sar;
        const bool extreme = new_low < ep;
        const double raised = std::min(af + acceleration, maximum);
        ep = new_low < ep ? new_low : ep;  // minsd
        af = Select(extreme, raised, af);
        sar = std::max({sar + af * (ep - sar), prev_high, new_high});
      }
    }
    o[i] = value;
  }
}

}  // namespace pulse::indicators::batch
