#include "adapters/inference/probability_calibration.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include <fmt/format.h>

namespace pulse::inference {
namespace {

constexpr int kMaxNewtonIterations = 100;

Status CheckRows(std::span<const double> raw, std::span<const int> labels) {
  if (raw.size() != labels.size()) {
    return InvalidArgumentError("calibration: {} probabilities but {} labels", raw.size(),
                                labels.size());
  }
  if (raw.empty()) return InvalidArgumentError("calibration: no rows to fit on");
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (!(raw[i] >= 0 && raw[i] <= 1)) {
      return InvalidArgumentError("calibration: probability of row {} is {}, not in [0, 1]", i,
                                  raw[i]);
    }
    if (labels[i] != 0 && labels[i] != 1) {
      return InvalidArgumentError("calibration: label of row {} is {}, not 0 or 1", i, labels[i]);
    }
  }
  return Status::Ok();
}

double Logit(double p) {
  const double q = std::clamp(p, kCalibrationClip, 1 - kCalibrationClip);
  return std::log(q / (1 - q));
}

double Sigmoid(double t) {
  return t >= 0 ? 1 / (1 + std::exp(-t)) : std::exp(t) / (1 + std::exp(t));
}

// -log sigmoid(t) without overflow.
double SoftplusNeg(double t) {
  return t >= 0 ? std::log1p(std::exp(-t)) : -t + std::log1p(std::exp(t));
}

// Cross-entropy of sigmoid(a z + b) against soft targets.
double PlattLoss(std::span<const double> z, std::span<const double> target, double a, double b) {
  double loss = 0;
  for (std::size_t i = 0; i < z.size(); ++i) {
    const double t = a * z[i] + b;
    // -[y log s(t) + (1 - y) log(1 - s(t))] = y * softplus(-t) + (1 - y) * softplus(t)
    loss += target[i] * SoftplusNeg(t) + (1 - target[i]) * SoftplusNeg(-t);
  }
  return loss;
}

}  // namespace

Result<ProbabilityCalibration> FitPlatt(std::span<const double> raw, std::span<const int> labels) {
  RETURN_IF_ERROR(CheckRows(raw, labels));
  const std::size_t n = raw.size();
  const auto positives = static_cast<double>(std::count(labels.begin(), labels.end(), 1));
  const double negatives = static_cast<double>(n) - positives;
  const double hi = (positives + 1) / (positives + 2);
  const double lo = 1 / (negatives + 2);
  std::vector<double> z(n), target(n);
  for (std::size_t i = 0; i < n; ++i) {
    z[i] = Logit(raw[i]);
    target[i] = labels[i] == 1 ? hi : lo;
  }
  double a = 0;
  double b = std::log((positives + 1) / (negatives + 1));
  double loss = PlattLoss(z, target, a, b);
  for (int iteration = 0; iteration < kMaxNewtonIterations; ++iteration) {
    double ga = 0, gb = 0, haa = 0, hab = 0, hbb = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const double p = Sigmoid(a * z[i] + b);
      const double d = p - target[i];
      const double w = std::max(p * (1 - p), 1e-12);
      ga += d * z[i];
      gb += d;
      haa += w * z[i] * z[i];
      hab += w * z[i];
      hbb += w;
    }
    if (std::abs(ga) < 1e-9 * static_cast<double>(n) &&
        std::abs(gb) < 1e-9 * static_cast<double>(n)) {
      break;
    }
    // Solve H * step = g (a small ridge keeps H invertible when every z is the same).
    haa += 1e-12;
    hbb += 1e-12;
    const double det = haa * hbb - hab * hab;
    if (!(det > 0)) break;
    const double step_a = (hbb * ga - hab * gb) / det;
    const double step_b = (haa * gb - hab * ga) / det;
    double scale = 1;
    bool improved = false;
    for (int halving = 0; halving < 40; ++halving, scale /= 2) {
      const double next_a = a - scale * step_a, next_b = b - scale * step_b;
      const double next_loss = PlattLoss(z, target, next_a, next_b);
      if (next_loss <= loss) {
        a = next_a;
        b = next_b;
        improved = loss - next_loss > 1e-14 * std::max(1.0, loss);
        loss = next_loss;
        break;
      }
    }
    if (!improved) break;
  }
  ProbabilityCalibration c;
  c.method = "platt";
  c.a = a;
  c.b = b;
  c.fit_rows = static_cast<std::int64_t>(n);
  return c;
}

Result<ProbabilityCalibration> FitIsotonic(std::span<const double> raw,
                                           std::span<const int> labels) {
  RETURN_IF_ERROR(CheckRows(raw, labels));
  std::vector<std::size_t> order(raw.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t l, std::size_t r) { return raw[l] < raw[r]; });
  // Blocks of the pool-adjacent-violators algorithm: raw range, weight, sum of labels.
  struct Block {
    double x_first, x_last, weight, sum;
    double mean() const { return sum / weight; }
  };
  std::vector<Block> blocks;
  for (std::size_t k = 0; k < order.size(); ++k) {
    const double x = raw[order[k]];
    const double y = labels[order[k]];
    if (!blocks.empty() && blocks.back().x_last == x) {  // equal raw values pool first
      blocks.back().weight += 1;
      blocks.back().sum += y;
    } else {
      blocks.push_back({x, x, 1, y});
    }
    // Merge while the previous block's mean is not below the last one's.
    while (blocks.size() > 1 && blocks[blocks.size() - 2].mean() >= blocks.back().mean()) {
      const Block last = blocks.back();
      blocks.pop_back();
      blocks.back().x_last = last.x_last;
      blocks.back().weight += last.weight;
      blocks.back().sum += last.sum;
    }
  }
  ProbabilityCalibration c;
  c.method = "isotonic";
  for (const Block& block : blocks) {
    c.x.push_back(block.x_first);
    c.y.push_back(block.mean());
    if (block.x_last > block.x_first) {
      c.x.push_back(block.x_last);
      c.y.push_back(block.mean());
    }
  }
  c.fit_rows = static_cast<std::int64_t>(raw.size());
  return c;
}

Result<std::optional<ProbabilityCalibration>> FitCalibration(std::string_view method,
                                                             std::span<const double> raw,
                                                             std::span<const int> labels) {
  if (method == "none") return std::optional<ProbabilityCalibration>();
  if (method == "platt") {
    ASSIGN_OR_RETURN(ProbabilityCalibration c, FitPlatt(raw, labels));
    return std::optional<ProbabilityCalibration>(std::move(c));
  }
  if (method == "isotonic") {
    ASSIGN_OR_RETURN(ProbabilityCalibration c, FitIsotonic(raw, labels));
    return std::optional<ProbabilityCalibration>(std::move(c));
  }
  return InvalidArgumentError("calibration method '{}' is not platt, isotonic or none", method);
}

Status CheckCalibration(const ProbabilityCalibration& c) {
  if (c.method == "platt") {
    if (!std::isfinite(c.a) || !std::isfinite(c.b)) {
      return InvalidArgumentError("platt calibration: a ({}) and b ({}) must be finite numbers",
                                  c.a, c.b);
    }
    return Status::Ok();
  }
  if (c.method == "isotonic") {
    if (c.x.empty() || c.x.size() != c.y.size()) {
      return InvalidArgumentError(
          "isotonic calibration: x and y must hold the same number of points (at least one), "
          "got {} and {}",
          c.x.size(), c.y.size());
    }
    for (std::size_t i = 0; i < c.x.size(); ++i) {
      if (!std::isfinite(c.x[i]) || (i > 0 && !(c.x[i] > c.x[i - 1]))) {
        return InvalidArgumentError(
            "isotonic calibration: x[{}] = {} is not finite and above x[{}]", i, c.x[i],
            i == 0 ? 0 : i - 1);
      }
      if (!(c.y[i] >= 0 && c.y[i] <= 1) || (i > 0 && c.y[i] < c.y[i - 1])) {
        return InvalidArgumentError(
            "isotonic calibration: y[{}] = {} is not in [0, 1] and at least the previous y", i,
            c.y[i]);
      }
    }
    return Status::Ok();
  }
  return InvalidArgumentError("calibration method \"{}\" is not \"platt\" or \"isotonic\"",
                              c.method);
}

double Calibrate(const ProbabilityCalibration& c, double raw) {
  if (std::isnan(raw)) return raw;
  if (c.method == "platt") return Sigmoid(c.a * Logit(raw) + c.b);
  if (raw <= c.x.front()) return c.y.front();
  if (raw >= c.x.back()) return c.y.back();
  const auto upper = std::upper_bound(c.x.begin(), c.x.end(), raw);  // x[k-1] <= raw < x[k]
  const std::size_t k = static_cast<std::size_t>(upper - c.x.begin());
  const double share = (raw - c.x[k - 1]) / (c.x[k] - c.x[k - 1]);
  return c.y[k - 1] + share * (c.y[k] - c.y[k - 1]);
}

void ApplyCalibration(const std::optional<ProbabilityCalibration>& calibration,
                      std::span<double> probabilities) {
  if (!calibration) return;
  for (double& p : probabilities) p = Calibrate(*calibration, p);
}

}  // namespace pulse::inference
