// ReturnPass: the single pass over a return series behind ComputeReturnStats. It sums what the
// figures need (moments of the excess returns, downside squares, omega's gains and losses, the
// equity curve with its drawdowns, the regression of log equity for stability) and collects
// the two tails of the distribution for the quantiles.
//
// The series is walked in blocks of kSumBlock returns. A block without NaN or extreme equity
// takes the fast path: one short serial loop for the equity chain (the only true dependency)
// and the tails, then AddBlockSums (return_block_sums.h) for everything else, in vectors.
// Every other block (the first, the last, NaN gaps, equity leaving [1e-150, 1e150], zero or
// negative equity) takes the scalar path, which is the reference definition of every sum. Both
// paths compute each term with the same operations, so the figures differ from a strictly
// sequential summation only by the order of the additions (and the log by at most 1 ulp from
// std::log: vector_log.h).
// One object per series: construct, Run once, read. Not thread-safe; no I/O.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>

#include "analytics/drawdown.h"
#include "analytics/return_block_sums.h"

namespace pulse::analytics {

// What one pass sums. Equity = exp(log_offset) * scaled, rescaled when it leaves
// [1e-150, 1e150] so that long series neither overflow nor underflow; `high` (its running
// high) is on the same scale.
struct ReturnSums {
  std::size_t observations = 0;  // non-NaN returns
  // x = r - risk_free summed around shift (the first x): exact zero spread for a constant series.
  double shift = 0, s1 = 0, s2 = 0;
  double down2 = 0;              // sum of min(x, 0)^2
  double gains = 0, losses = 0;  // omega: sums of (x - t)+ and (t - x)+
  double scaled = 1, high = 1, log_offset = 0;
  double dd2 = 0;  // sum of squared drawdowns (every period, NaN included)
  // Regression of y = log equity on the observation index centred on (periods - 1) / 2; y is
  // summed less y_shift (the first y), so a series that starts with a large move and then
  // barely moves keeps its spread.
  double y_shift = 0;
  double sx = 0, sy = 0, syy = 0, sxy = 0;
  DrawdownInfo drawdown;         // max drawdown, peak, trough, recovery
  std::int64_t high_index = -1;  // index of the running high (-1: the starting equity)
};

class ReturnPass {
 public:
  static constexpr std::size_t kBlock = 256;
  static constexpr std::size_t kLanes = 4;

  struct Params {
    std::size_t periods = 0;     // length of the series (NaN included)
    double risk_free = 0;        // per period
    double omega_threshold = 0;  // per period
    // Values <= low_bound go to the low tail, values >= high_bound to the high tail. +inf and
    // NaN respectively collect every value in the low tail and none in the high one.
    double low_bound = 0, high_bound = 0;
    std::size_t tail_capacity = 0;  // initial capacity of each tail buffer
  };

  explicit ReturnPass(const Params& params);

  // Walks the whole series (its length must be params.periods).
  void Run(std::span<const double> returns);

  const ReturnSums& sums() const { return sums_; }
  // The collected tails, in series order; the caller may reorder them in place.
  std::span<double> low_tail() { return {low_.data.get(), low_.size}; }
  std::span<double> high_tail() { return {high_.data.get(), high_.size}; }

 private:
  // A growable array of doubles that is not zero-filled (it is written before it is read).
  struct Buffer {
    std::unique_ptr<double[]> data;
    std::size_t size = 0, capacity = 0;
    void Reserve(std::size_t wanted);
  };
  void ScalarBlock(const double* r, std::size_t len, std::size_t first_index);
  // False (and nothing changed) when the block needs the scalar path.
  bool FastBlock(const double* r, std::size_t first_index);
  // Drawdown indices of a fast block from its equity, starting at the given running high.
  void ReplayDrawdown(const double* equity, double high, std::int64_t high_index,
                      std::size_t first_index);
  // Adds the fast path's lanes to sums_.
  void FoldLanes();

  Params params_;
  double x_center_ = 0;
  ReturnSums sums_;
  LaneSums lanes_;
  Buffer low_, high_;
};

}  // namespace pulse::analytics
