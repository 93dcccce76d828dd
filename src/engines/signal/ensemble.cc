#include "engines/signal/ensemble.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace pulse::signal {

Result<AdaptiveEnsemble> AdaptiveEnsemble::Create(const EnsembleConfig& config,
                                                  std::vector<EnsembleSource> sources) {
  if (config.accuracy_window < 1) {
    return InvalidArgumentError("ensemble: accuracy_window must be at least 1, got {}",
                                config.accuracy_window);
  }
  if (!(config.prior_accuracy >= 0 && config.prior_accuracy <= 1)) {
    return InvalidArgumentError("ensemble: prior_accuracy must be between 0 and 1, got {}",
                                config.prior_accuracy);
  }
  if (!(config.prior_weight >= 0)) {
    return InvalidArgumentError("ensemble: prior_weight must not be negative, got {}",
                                config.prior_weight);
  }
  if (!(config.weight_floor >= 0 && config.weight_floor <= 1)) {
    return InvalidArgumentError("ensemble: weight_floor must be between 0 and 1, got {}",
                                config.weight_floor);
  }
  if (!(config.accuracy_half_life_days >= 0) || std::isinf(config.accuracy_half_life_days)) {
    return InvalidArgumentError(
        "ensemble: accuracy_half_life_days must be a number >= 0 (0: no fading), got {}",
        config.accuracy_half_life_days);
  }
  if (config.min_sources < 1) {
    return InvalidArgumentError("ensemble: min_sources must be at least 1, got {}",
                                config.min_sources);
  }
  for (std::size_t i = 0; i < sources.size(); ++i) {
    if (!(sources[i].base_weight >= 0) || !std::isfinite(sources[i].base_weight)) {
      return InvalidArgumentError("ensemble: weight of '{}' must be a finite number >= 0, got {}",
                                  sources[i].name, sources[i].base_weight);
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (sources[j].name == sources[i].name) {
        return InvalidArgumentError("ensemble: source '{}' is listed twice", sources[i].name);
      }
    }
  }
  return AdaptiveEnsemble(config, std::move(sources));
}

AdaptiveEnsemble::AdaptiveEnsemble(const EnsembleConfig& config,
                                   std::vector<EnsembleSource> sources)
    : config_(config),
      sources_(std::move(sources)),
      history_(sources_.size()),
      accuracy_(sources_.size()),
      weight_(sources_.size()) {
  for (History& h : history_) {
    h.outcomes.assign(config_.accuracy_window, 0);
    if (config_.accuracy_half_life_days > 0) h.days.assign(config_.accuracy_window, 0);
  }
  for (std::size_t i = 0; i < sources_.size(); ++i) Refresh(i);
}

Blend AdaptiveEnsemble::Combine(std::span<const double> scores,
                                std::span<double> contributions) const {
  const Blend blend = Combine(scores);
  Contributions(scores, blend, contributions);
  return blend;
}

Blend AdaptiveEnsemble::Combine(std::span<const double> scores) const {
  Blend blend;
  double total_weight = 0;
  double weighted_score = 0;
  const std::size_t n = sources_.size();
  const double* weight = weight_.data();
  for (std::size_t i = 0; i < n; ++i) {
    if (std::isnan(scores[i])) continue;
    const double w = weight[i];
    ++blend.voting_sources;
    total_weight += w;
    weighted_score += w * scores[i];
  }
  blend.total_weight = total_weight;
  if (blend.voting_sources < config_.min_sources || total_weight <= 0) return blend;
  blend.prediction = weighted_score / total_weight;
  // Opposite votes of equal weight cancel; rounding must not turn that into a direction.
  if (std::abs(blend.prediction - 0.5) < 1e-12) return blend;
  const bool is_long = blend.prediction > 0.5;
  const double side = is_long ? 1.0 : -1.0;
  blend.direction = is_long ? Direction::kLong : Direction::kShort;
  double agreeing_weight = 0;
  double weighted_accuracy = 0;
  const double* accuracy = accuracy_.data();
  for (std::size_t i = 0; i < n; ++i) {
    if (std::isnan(scores[i])) continue;
    const double w = weight[i];
    if (side * (scores[i] - 0.5) > 0) agreeing_weight += w;
    weighted_accuracy += w * accuracy[i];
  }
  blend.agreement = agreeing_weight / total_weight;
  blend.confidence = blend.agreement * (weighted_accuracy / total_weight);
  return blend;
}

void AdaptiveEnsemble::Contributions(std::span<const double> scores, const Blend& blend,
                                     std::span<double> contributions) const {
  const std::size_t n = sources_.size();
  for (std::size_t i = 0; i < n; ++i) contributions[i] = 0;
  if (!blend.direction) return;
  const double side = *blend.direction == Direction::kLong ? 1.0 : -1.0;
  for (std::size_t i = 0; i < n; ++i) {
    if (std::isnan(scores[i])) continue;
    const double lean = side * (scores[i] - 0.5);
    contributions[i] = weight_[i] * lean / blend.total_weight;
  }
}

void AdaptiveEnsemble::RecordOutcome(std::size_t index, bool correct, UnixNanos at) {
  History& h = history_[index];
  const std::size_t window = h.outcomes.size();
  if (h.count == window) {
    h.hits -= h.outcomes[h.next];
  } else {
    ++h.count;
  }
  h.outcomes[h.next] = correct ? 1 : 0;
  if (!h.days.empty()) h.days[h.next] = FloorDiv(at, kNanosPerDay);
  h.hits += correct ? 1 : 0;
  h.next = h.next + 1 == window ? 0 : h.next + 1;
  Refresh(index);
}

void AdaptiveEnsemble::AdvanceTo(UnixNanos now) {
  const std::int64_t day = FloorDiv(now, kNanosPerDay);
  if (day <= day_) return;
  day_ = day;
  if (config_.accuracy_half_life_days <= 0) return;
  for (std::size_t i = 0; i < sources_.size(); ++i) Refresh(i);
}

void AdaptiveEnsemble::Refresh(std::size_t index) {
  const History& h = history_[index];
  double hits = h.hits;
  double resolved = static_cast<double>(h.count);
  if (!h.days.empty()) {
    // Each outcome weighs 2^(-age / half-life), its age in whole days (none in the future).
    hits = resolved = 0;
    for (std::size_t i = 0; i < h.count; ++i) {
      const auto age = static_cast<double>(std::max<std::int64_t>(0, day_ - h.days[i]));
      const double w = std::exp2(-age / config_.accuracy_half_life_days);
      resolved += w;
      hits += w * h.outcomes[i];
    }
  }
  const double denominator = resolved + config_.prior_weight;
  accuracy_[index] = denominator <= 0
                         ? config_.prior_accuracy
                         : (hits + config_.prior_accuracy * config_.prior_weight) / denominator;
  weight_[index] = sources_[index].base_weight * std::max(config_.weight_floor, accuracy_[index]);
}

std::optional<std::size_t> AdaptiveEnsemble::Find(std::string_view name) const {
  for (std::size_t i = 0; i < sources_.size(); ++i) {
    if (sources_[i].name == name) return i;
  }
  return std::nullopt;
}

}  // namespace pulse::signal
