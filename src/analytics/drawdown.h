// Drawdowns of a return series: the underwater curve, the maximum drawdown with the indices of
// its peak, trough and recovery, the current drawdown and the ulcer index. Equity starts at 1
// before the first return and compounds every return (NaN as 0), as in empyrical.
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace pulse::analytics {

// The worst peak-to-trough fall and where it happened. Indices are positions in the return
// series: equity "at i" is the equity after return i; -1 stands for the starting equity.
struct DrawdownInfo {
  double max_drawdown = 0;      // <= 0, a fraction (-0.1 = 10 % below the peak); NaN if empty
  std::int64_t peak = -1;       // last new high before the trough (-1: the starting equity)
  std::int64_t trough = -1;     // the bottom of the worst drawdown (-1: no drawdown)
  std::int64_t recovery = -1;   // first index back at or above the peak (-1: not recovered)
  double current_drawdown = 0;  // equity after the last return / its running high - 1
  bool operator==(const DrawdownInfo&) const = default;
};

// The maximum drawdown and its indices; all NaN / -1 for an empty series.
DrawdownInfo ComputeDrawdown(std::span<const double> returns);
// ComputeDrawdown(returns).max_drawdown.
double MaxDrawdown(std::span<const double> returns);
// Equity / running high - 1 after each return (<= 0).
std::vector<double> UnderwaterCurve(std::span<const double> returns);
// sqrt(mean(d^2)) over the underwater curve d (fractions, not percent); NaN when empty.
double UlcerIndex(std::span<const double> returns);

}  // namespace pulse::analytics
