#include "indicators/feature_set.h"

#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "indicators/indicator_request.h"

namespace pulse::indicators {

FeatureSet::~FeatureSet() = default;

Result<FeatureSet> FeatureSet::Create(const FeatureSetSpec& spec) {
  if (spec.features.empty())
    return InvalidArgumentError("a feature set needs at least one feature");
  FeatureSet set;
  set.spec_ = spec;
  set.groups_.push_back(Group{spec.base, {}});
  std::unordered_set<std::string> seen;
  for (std::size_t i = 0; i < spec.features.size(); ++i) {
    const FeatureSpec& entry = spec.features[i];
    const std::string where =
        fmt::format("feature {} ({} {})", i + 1, entry.timeframe.ToString(), entry.request);
    if (!(entry.timeframe == spec.base) && !spec.base.Divides(entry.timeframe)) {
      return InvalidArgumentError(
          "{}: timeframe {} is not a whole multiple of the base timeframe {}", where,
          entry.timeframe.ToString(), spec.base.ToString());
    }
    Result<IndicatorRequest> request = ParseIndicatorRequest(entry.request);
    if (!request.ok()) {
      return InvalidArgumentError("{}: {}", where, request.status().message());
    }
    Group* group = set.FindGroup(entry.timeframe);
    if (group == nullptr) {
      set.groups_.push_back(Group{entry.timeframe, {}});
      group = &set.groups_.back();
    }
    set.indicators_.push_back(request->Create());
    group->members.push_back(Member{set.indicators_.back().get(),
                                    static_cast<std::uint32_t>(set.names_.size()),
                                    static_cast<std::uint32_t>(request->columns.size())});
    for (std::size_t k = 0; k < request->columns.size(); ++k) {
      std::string name = entry.timeframe.ToString() + "." + request->columns[k];
      if (!seen.insert(name).second) {
        return InvalidArgumentError("{}: duplicate feature name '{}'", where, name);
      }
      set.names_.push_back(std::move(name));
    }
  }
  std::stable_sort(set.groups_.begin() + 1, set.groups_.end(), [](const Group& a, const Group& b) {
    return a.timeframe.NominalNanos() < b.timeframe.NominalNanos();
  });
  set.values_.assign(set.names_.size(), kNaN);
  return set;
}

FeatureSet::Group* FeatureSet::FindGroup(Timeframe timeframe) {
  for (Group& group : groups_) {
    if (group.timeframe == timeframe) return &group;
  }
  return nullptr;
}

Status FeatureSet::OnBar(Timeframe timeframe, const Bar& bar) {
  Group* group = FindGroup(timeframe);
  if (group == nullptr) {
    return InvalidArgumentError("no feature uses timeframe {}", timeframe.ToString());
  }
  if (group->any && bar.open_time <= group->last_open) {
    return InvalidArgumentError("{} bar at {} is not after the previous one at {}",
                                timeframe.ToString(), FormatIso8601(bar.open_time),
                                FormatIso8601(group->last_open));
  }
  const UnixNanos close = timeframe.Next(timeframe.BucketStart(bar.open_time));
  if (group == &groups_.front()) {
    for (std::size_t g = 1; g < groups_.size(); ++g) {
      const Group& higher = groups_[g];
      if (higher.any && higher.last_close > close) {
        return FailedPreconditionError(
            "{} bar closing at {} was fed before the {} bar closing at {}: it would look ahead",
            higher.timeframe.ToString(), FormatIso8601(higher.last_close), timeframe.ToString(),
            FormatIso8601(close));
      }
    }
    ++base_bars_;
  }
  group->any = true;
  group->last_open = bar.open_time;
  group->last_close = close;
  // The indicators are separate heap objects, usually cold when a bar arrives (one feature set
  // per symbol, many symbols): ask for all of them first so their loads overlap instead of
  // stalling one after the other inside the update loop.
  for (const Member& m : group->members) __builtin_prefetch(m.indicator);
  double* values = values_.data();
  for (const Member& m : group->members) {
    Indicator* indicator = m.indicator;
    indicator->Update(bar);
    double* out = values + m.column;
    for (std::uint32_t k = 0; k < m.outputs; ++k) out[k] = indicator->Value(static_cast<int>(k));
  }
  return Status::Ok();
}

bool FeatureSet::Ready() const {
  for (const std::unique_ptr<Indicator>& indicator : indicators_) {
    if (!indicator->Ready()) return false;
  }
  return true;
}

Status FeatureSet::CheckNames(std::span<const std::string> expected) const {
  const std::size_t n = std::max(expected.size(), names_.size());
  for (std::size_t i = 0; i < n; ++i) {
    const bool have_expected = i < expected.size();
    const bool have_found = i < names_.size();
    if (have_expected && have_found && expected[i] == names_[i]) continue;
    return FailedPreconditionError(
        "feature names differ at position {}: expected {}, found {} (expected {} features, found "
        "{})",
        i, have_expected ? "'" + expected[i] + "'" : std::string("nothing"),
        have_found ? "'" + names_[i] + "'" : std::string("nothing"), expected.size(),
        names_.size());
  }
  return Status::Ok();
}

void FeatureSet::Reset() {
  for (Group& group : groups_) {
    group.any = false;
    group.last_open = 0;
    group.last_close = 0;
  }
  for (const std::unique_ptr<Indicator>& indicator : indicators_) indicator->Reset();
  std::fill(values_.begin(), values_.end(), kNaN);
  base_bars_ = 0;
}

std::vector<Timeframe> FeatureSet::HigherTimeframes() const {
  std::vector<Timeframe> out;
  for (std::size_t g = 1; g < groups_.size(); ++g) out.push_back(groups_[g].timeframe);
  return out;
}

}  // namespace pulse::indicators
