#include "analytics/return_pass.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "analytics/vector_log.h"

namespace pulse::analytics {

namespace {

constexpr double kRescaleAbove = 1e150;
constexpr double kRescaleBelow = 1e-150;

// log of the equity: the vectorizable kernel where it applies, std::log for 0, negative,
// subnormal, infinite or NaN equity.
double LogEquity(double v) {
  return (v >= std::numeric_limits<double>::min() && v <= std::numeric_limits<double>::max())
             ? LogOfNormal(v)
             : std::log(v);
}

}  // namespace

void ReturnPass::Buffer::Reserve(std::size_t wanted) {
  if (wanted <= capacity) return;
  const std::size_t grown = std::max(wanted, capacity * 2);
  std::unique_ptr<double[]> next(new double[grown]);
  if (size > 0) std::memcpy(next.get(), data.get(), size * sizeof(double));
  data = std::move(next);
  capacity = grown;
}

ReturnPass::ReturnPass(const Params& params) : params_(params) {
  x_center_ = params.periods > 0 ? static_cast<double>(params.periods - 1) / 2 : 0;
  low_.Reserve(params.tail_capacity + kSumBlock);
  high_.Reserve(params.tail_capacity + kSumBlock);
}

void ReturnPass::Run(std::span<const double> returns) {
  const std::size_t n = returns.size();
  std::size_t i = 0;
  while (i < n) {
    const std::size_t len = std::min(kSumBlock, n - i);
    low_.Reserve(low_.size + len);
    high_.Reserve(high_.size + len);
    if (len < kSumBlock || sums_.observations == 0 || !FastBlock(returns.data() + i, i)) {
      ScalarBlock(returns.data() + i, len, i);
    }
    i += len;
  }
  FoldLanes();
}

// The reference definition of every sum, one return at a time.
void ReturnPass::ScalarBlock(const double* r_block, std::size_t len, std::size_t first_index) {
  ReturnSums& s = sums_;
  DrawdownInfo& dd = s.drawdown;
  const double rf = params_.risk_free;
  const double threshold = params_.omega_threshold;
  for (std::size_t k = 0; k < len; ++k) {
    const double r = r_block[k];
    const auto idx = static_cast<std::int64_t>(first_index + k);
    if (!std::isnan(r)) {
      low_.data[low_.size] = r;
      low_.size += r <= params_.low_bound;
      high_.data[high_.size] = r;
      high_.size += r >= params_.high_bound;
      const double x = r - rf;
      if (s.observations == 0) s.shift = x;
      const double d = x - s.shift;
      s.s1 += d;
      s.s2 += d * d;
      const double below = x < 0 ? x : 0;
      s.down2 += below * below;
      const double o = x - threshold;
      s.gains += o > 0 ? o : 0;
      s.losses += o < 0 ? -o : 0;

      s.scaled *= 1 + r;
      if (!(s.scaled <= kRescaleAbove && s.scaled >= kRescaleBelow) && s.scaled > 0) {
        s.log_offset += std::log(s.scaled);
        s.high /= s.scaled;
        s.scaled = 1;
      }
      if (s.observations == 0) s.y_shift = s.log_offset + LogEquity(s.scaled);
      const double y = (s.log_offset - s.y_shift) + LogEquity(s.scaled);
      const double xc = static_cast<double>(s.observations) - x_center_;
      s.sx += xc;
      s.sy += y;
      s.syy += y * y;
      s.sxy += xc * y;
      ++s.observations;
    }
    if (s.scaled >= s.high) {
      if (dd.trough >= 0 && dd.recovery < 0 && dd.peak == s.high_index) dd.recovery = idx;
      s.high = s.scaled;
      s.high_index = idx;
    } else {
      const double draw = s.scaled / s.high - 1;
      s.dd2 += draw * draw;
      if (draw < dd.max_drawdown) {
        dd.max_drawdown = draw;
        dd.peak = s.high_index;
        dd.trough = idx;
        dd.recovery = -1;
      }
    }
  }
}

bool ReturnPass::FastBlock(const double* r, std::size_t first_index) {
  ReturnSums& s = sums_;
  alignas(64) double equity[kSumBlock];
  alignas(64) double highs[kSumBlock];

  // The equity chain, the running high and the tails: the serial part, kept short. A NaN or
  // infinite return, or equity leaving the plain range, makes AddBlockSums refuse the block
  // before anything is committed.
  double scaled = s.scaled, high = s.high;
  std::size_t n_low = low_.size, n_high = high_.size;
  double* const low = low_.data.get();
  double* const top = high_.data.get();
  const double low_bound = params_.low_bound, high_bound = params_.high_bound;
  for (std::size_t k = 0; k < kSumBlock; ++k) {
    const double x = r[k];
    scaled *= 1 + x;
    equity[k] = scaled;
    high = std::max(high, scaled);
    highs[k] = high;
    low[n_low] = x;
    n_low += x <= low_bound;
    top[n_high] = x;
    n_high += x >= high_bound;
  }

  BlockInput in;
  in.returns = r;
  in.equity = equity;
  in.highs = highs;
  in.risk_free = params_.risk_free;
  in.omega_threshold = params_.omega_threshold;
  in.shift = s.shift;
  in.log_offset = s.log_offset - s.y_shift;
  in.first_x = static_cast<double>(s.observations) - x_center_;
  BlockScan scan;
  if (!AddBlockSums(in, lanes_, scan)) return false;

  // The running high's index: the last period at (or tied with) the high. Drawdown indices:
  // only a block that deepens the maximum drawdown or recovers from it needs the exact walk.
  std::int64_t high_index = s.high_index;
  if (scan.at_high) {
    std::size_t k = kSumBlock;
    while (equity[k - 1] != highs[k - 1]) --k;
    high_index = static_cast<std::int64_t>(first_index + k - 1);
  }
  const DrawdownInfo& dd = s.drawdown;
  const bool recovering = dd.trough >= 0 && dd.recovery < 0 && dd.peak == s.high_index;
  if (scan.deepest < dd.max_drawdown || (recovering && scan.at_high)) {
    ReplayDrawdown(equity, s.high, s.high_index, first_index);
  }

  s.scaled = scaled;
  s.high = high;
  s.high_index = high_index;
  s.observations += kSumBlock;
  low_.size = n_low;
  high_.size = n_high;
  return true;
}

void ReturnPass::ReplayDrawdown(const double* equity, double high, std::int64_t high_index,
                                std::size_t first_index) {
  DrawdownInfo& dd = sums_.drawdown;
  for (std::size_t k = 0; k < kSumBlock; ++k) {
    const double e = equity[k];
    const auto idx = static_cast<std::int64_t>(first_index + k);
    if (e >= high) {
      if (dd.trough >= 0 && dd.recovery < 0 && dd.peak == high_index) dd.recovery = idx;
      high = e;
      high_index = idx;
    } else {
      const double draw = e / high - 1;
      if (draw < dd.max_drawdown) {
        dd.max_drawdown = draw;
        dd.peak = high_index;
        dd.trough = idx;
        dd.recovery = -1;
      }
    }
  }
}

void ReturnPass::FoldLanes() {
  ReturnSums& s = sums_;
  const LaneSums& a = lanes_;
  for (std::size_t j = 0; j < kSumLanes; ++j) {
    s.s1 += a.s1[j];
    s.s2 += a.s2[j];
    s.down2 += a.down2[j];
    s.gains += a.gains[j];
    s.losses += a.losses[j];
    s.dd2 += a.dd2[j];
    s.sx += a.sx[j];
    s.sy += a.sy[j];
    s.syy += a.syy[j];
    s.sxy += a.sxy[j];
  }
  lanes_ = LaneSums{};
}

}  // namespace pulse::analytics
