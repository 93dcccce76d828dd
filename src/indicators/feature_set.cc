#include "indicators/feature_set.h"

#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "indicators/ema_bank.h"
#include "indicators/indicator_request.h"
#include "indicators/shared_range.h"
#include "indicators/sma_bank.h"

namespace pulse::indicators {
namespace {

// A group's state up to this size is prefetched whole at each of its bars.
constexpr std::uint32_t kWholePrefetchBytes = 2048;

// When the indicators from `first` on (one group's) keep high/low windows, and at least two
// windows in all, a SharedRange with every distinct length for them to read, attached; else
// null. Readers whose lengths would not fit in one SharedRange keep their own windows.
std::unique_ptr<Indicator> ShareRange(const std::vector<std::unique_ptr<Indicator>>& indicators,
                                      std::size_t first) {
  int distinct[SharedRange::kMaxWindows];
  int count = 0;
  int wanted = 0;
  std::vector<Indicator*> readers;
  for (std::size_t i = first; i < indicators.size(); ++i) {
    int windows[3];
    const int n = indicators[i]->RangeWindows(windows);
    int merged[SharedRange::kMaxWindows];
    std::copy(distinct, distinct + count, merged);
    int merged_count = count;
    for (int k = 0; k < n; ++k) {
      if (std::find(merged, merged + merged_count, windows[k]) != merged + merged_count) continue;
      if (merged_count == SharedRange::kMaxWindows) {
        merged_count = -1;
        break;
      }
      merged[merged_count++] = windows[k];
    }
    if (n == 0 || merged_count < 0) continue;
    std::copy(merged, merged + merged_count, distinct);
    count = merged_count;
    wanted += n;
    readers.push_back(indicators[i].get());
  }
  if (wanted < 2) return nullptr;
  auto range = std::make_unique<SharedRange>(distinct, count);
  for (Indicator* reader : readers) reader->AttachRange(range.get());
  return range;
}

// Which bank an entry can join: SMAs and EMAs of the close with a period.
enum class BankKind { kNone, kSma, kEma };

BankKind BankOf(const IndicatorRequest& request) {
  if (request.params.size() != 1) return BankKind::kNone;
  if (request.spec->name == "sma") return BankKind::kSma;
  if (request.spec->name == "ema") return BankKind::kEma;
  return BankKind::kNone;
}

// One indicator of a group: the entries [first, end) of the group's entry list, which fill
// `outputs` consecutive columns from `column`. More than one entry is a run of SMAs (or EMAs)
// with consecutive columns, computed by one bank.
struct PlannedIndicator {
  std::size_t first;
  std::size_t end;
  BankKind bank;
  std::uint32_t column;
  std::uint32_t outputs;
};

std::vector<PlannedIndicator> PlanGroup(const std::vector<std::size_t>& entries,
                                        const std::vector<IndicatorRequest>& requests,
                                        const std::vector<std::uint32_t>& first_column) {
  std::vector<PlannedIndicator> plan;
  for (std::size_t k = 0; k < entries.size();) {
    const IndicatorRequest& request = requests[entries[k]];
    const BankKind bank = BankOf(request);
    std::size_t end = k + 1;
    while (bank != BankKind::kNone && end < entries.size() &&
           BankOf(requests[entries[end]]) == bank &&
           first_column[entries[end]] == first_column[entries[end - 1]] + 1) {
      ++end;
    }
    const bool banked = end - k >= 2;
    plan.push_back(PlannedIndicator{k, end, banked ? bank : BankKind::kNone,
                                    first_column[entries[k]],
                                    banked ? static_cast<std::uint32_t>(end - k)
                                           : static_cast<std::uint32_t>(request.columns.size())});
    k = end;
  }
  return plan;
}

// The indicator of a planned entry or run.
std::unique_ptr<Indicator> CreatePlanned(const PlannedIndicator& planned,
                                         const std::vector<std::size_t>& entries,
                                         const std::vector<IndicatorRequest>& requests) {
  if (planned.bank == BankKind::kNone) return requests[entries[planned.first]].Create();
  std::vector<int> periods;
  for (std::size_t k = planned.first; k < planned.end; ++k) {
    periods.push_back(static_cast<int>(requests[entries[k]].params[0]));
  }
  const int count = static_cast<int>(periods.size());
  if (planned.bank == BankKind::kSma) return std::make_unique<SmaBank>(periods.data(), count);
  return std::make_unique<EmaBank>(periods.data(), count);
}

}  // namespace

FeatureSet::~FeatureSet() = default;

FeatureSet& FeatureSet::operator=(FeatureSet&& other) noexcept {
  if (this == &other) return *this;
  // Everything that lives in the arena goes before the arena does.
  indicators_.clear();
  groups_ = std::move(other.groups_);
  members_ = std::move(other.members_);
  values_ = std::move(other.values_);
  buckets_ = std::move(other.buckets_);
  arena_ = std::move(other.arena_);
  indicators_ = std::move(other.indicators_);
  spec_ = std::move(other.spec_);
  names_ = std::move(other.names_);
  base_bars_ = other.base_bars_;
  feeding_ = other.feeding_;
  return *this;
}

Result<FeatureSet> FeatureSet::Create(const FeatureSetSpec& spec) {
  if (spec.features.empty())
    return InvalidArgumentError("a feature set needs at least one feature");
  // The entries of one timeframe, in spec order: indices into `requests`.
  struct PendingGroup {
    Timeframe timeframe;
    std::vector<std::size_t> entries;
  };
  std::vector<PendingGroup> pending = {{spec.base, {}}};
  std::vector<IndicatorRequest> requests;
  std::vector<std::uint32_t> first_column;  // of each entry
  std::vector<std::string> names;
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
    auto group = std::find_if(pending.begin(), pending.end(), [&](const PendingGroup& g) {
      return g.timeframe == entry.timeframe;
    });
    if (group == pending.end()) {
      pending.push_back(PendingGroup{entry.timeframe, {}});
      group = pending.end() - 1;
    }
    group->entries.push_back(i);
    first_column.push_back(static_cast<std::uint32_t>(names.size()));
    for (const std::string& column : request->columns) {
      std::string name = entry.timeframe.ToString() + "." + column;
      if (!seen.insert(name).second) {
        return InvalidArgumentError("{}: duplicate feature name '{}'", where, name);
      }
      names.push_back(std::move(name));
    }
    requests.push_back(*std::move(request));
  }
  std::stable_sort(pending.begin() + 1, pending.end(),
                   [](const PendingGroup& a, const PendingGroup& b) {
                     return a.timeframe.NominalNanos() < b.timeframe.NominalNanos();
                   });

  // The indicators of each group: one per entry, but one bank per run of SMAs or EMAs.
  std::vector<std::vector<PlannedIndicator>> plans;
  std::size_t planned_indicators = 0;
  for (const PendingGroup& group : pending) {
    plans.push_back(PlanGroup(group.entries, requests, first_column));
    planned_indicators += plans.back().size();
  }

  FeatureSet set;
  set.spec_ = spec;
  set.names_ = std::move(names);
  // Everything OnBar touches in one block, in the order it touches it: built once with the heap
  // to measure the block, then for good inside it.
  const auto build = [&](IndicatorArena& arena) {
    const IndicatorArena::Scope scope(arena);
    set.indicators_.clear();
    set.groups_ = FixedArray<Group>(static_cast<int>(pending.size()));
    // One more member per group for a SharedRange.
    set.members_ = FixedArray<Member>(static_cast<int>(planned_indicators + pending.size()));
    set.values_ = FixedArray<double>(static_cast<int>(set.names_.size()));
    set.buckets_ = FixedArray<BarBucket>(static_cast<int>(pending.size()) - 1);
    for (std::size_t g = 1; g < pending.size(); ++g) {
      set.buckets_[static_cast<int>(g - 1)] = BarBucket(spec.base, pending[g].timeframe);
    }
    // The groups are the block's first allocation, 16 bytes after its start.
    const std::byte* block = reinterpret_cast<const std::byte*>(set.groups_.data()) - 16;
    std::uint32_t m = 0;
    for (std::size_t g = 0; g < pending.size(); ++g) {
      Group& group = set.groups_[static_cast<int>(g)];
      group = Group{};
      group.timeframe = pending[g].timeframe;
      if (group.timeframe.IsFixedLength()) group.step = group.timeframe.NominalNanos();
      group.first_member = m;
      const std::size_t state_begin = arena.used();
      const std::size_t first_indicator = set.indicators_.size();
      for (const PlannedIndicator& planned : plans[g]) {
        set.indicators_.push_back(CreatePlanned(planned, pending[g].entries, requests));
      }
      // The high/low windows of the group's range readers, kept once, updated first.
      if (std::unique_ptr<Indicator> range = ShareRange(set.indicators_, first_indicator)) {
        set.members_[static_cast<int>(m++)] = Member{range.get(), 0, 0};
        set.indicators_.push_back(std::move(range));
      }
      for (std::size_t k = 0; k < plans[g].size(); ++k) {
        set.members_[static_cast<int>(m++)] = Member{set.indicators_[first_indicator + k].get(),
                                                     plans[g][k].column, plans[g][k].outputs};
      }
      group.end_member = m;
      group.state = block + state_begin;
      group.state_bytes = static_cast<std::uint32_t>(arena.used() - state_begin);
    }
  };
  set.indicators_.reserve(planned_indicators + pending.size());
  IndicatorArena measure(0);
  build(measure);
  // Release the measuring build while its (heap) memory is still valid, then build for good.
  set.indicators_.clear();
  set.groups_ = {};
  set.members_ = {};
  set.values_ = {};
  set.buckets_ = {};
  set.arena_ = std::make_unique<IndicatorArena>(measure.required());
  build(*set.arena_);
  std::fill(set.values_.data(), set.values_.data() + set.values_.size(), kNaN);
  return set;
}

FeatureSet::Group* FeatureSet::FindGroup(Timeframe timeframe) {
  for (int g = 0; g < groups_.size(); ++g) {
    if (groups_[g].timeframe == timeframe) return &groups_[g];
  }
  return nullptr;
}

Status FeatureSet::OnBar(Timeframe timeframe, const Bar& bar) {
  Group* group = FindGroup(timeframe);
  if (group == nullptr) {
    return InvalidArgumentError("no feature uses timeframe {}", timeframe.ToString());
  }
  if (feeding_ == Feeding::kBaseBars) {
    return FailedPreconditionError(
        "{} bar at {}: the set is fed base bars (OnBaseBar), not bars of every timeframe",
        timeframe.ToString(), FormatIso8601(bar.open_time));
  }
  if (group->any && bar.open_time <= group->last_open) {
    return InvalidArgumentError("{} bar at {} is not after the previous one at {}",
                                timeframe.ToString(), FormatIso8601(bar.open_time),
                                FormatIso8601(group->last_open));
  }
  // A bar opening where the previous one closed is on a bucket start already (every close is
  // one), which spares the bucket computation on the usual, gapless stream.
  const bool follows = group->any && bar.open_time == group->last_close;
  const UnixNanos start = follows ? bar.open_time : timeframe.BucketStart(bar.open_time);
  const UnixNanos close = group->step > 0 ? start + group->step : timeframe.Next(start);
  if (group == &groups_[0]) {
    for (int g = 1; g < groups_.size(); ++g) {
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
  feeding_ = Feeding::kBars;
  Record(*group, bar, close);
  PrefetchState(*group);
  UpdateMembers(*group, bar);
  return Status::Ok();
}

Status FeatureSet::OnBaseBar(const Bar& bar) {
  Group& base = groups_[0];
  // The bar right after the previous one is on the grid (as that one was); only the others
  // need the bucket computation.
  if (!(base.any && bar.open_time == base.last_close)) {
    if (base.any && bar.open_time <= base.last_open) {
      return InvalidArgumentError("{} bar at {} is not after the previous one at {}",
                                  spec_.base.ToString(), FormatIso8601(bar.open_time),
                                  FormatIso8601(base.last_open));
    }
    if (spec_.base.BucketStart(bar.open_time) != bar.open_time) {
      return InvalidArgumentError("{} bar at {} is not on the {} grid", spec_.base.ToString(),
                                  FormatIso8601(bar.open_time), spec_.base.ToString());
    }
  }
  if (feeding_ == Feeding::kBars) {
    return FailedPreconditionError(
        "{} bar at {}: the set is fed bars of every timeframe (OnBar), not base bars",
        spec_.base.ToString(), FormatIso8601(bar.open_time));
  }
  feeding_ = Feeding::kBaseBars;
  const UnixNanos close =
      base.step > 0 ? bar.open_time + base.step : spec_.base.Next(bar.open_time);
  // The state of every group this bar updates, asked for before any update so the loads
  // overlap: the higher groups whose bucket this bar ends (the usual completions), then the
  // base group. A rarer completion (a bucket missing its tail, or one started and ended by
  // this bar) asks for its group's state itself.
  for (int g = 1; g < groups_.size(); ++g) {
    const BarBucket& bucket = buckets_[g - 1];
    if (bucket.active() && close >= bucket.end()) PrefetchState(groups_[g]);
  }
  PrefetchState(base);
  // Each higher bar this base bar completes closes at or before `close`: no look-ahead.
  const __int128 units = BarBucket::VolumeUnits(bar.volume);
  Bar done;
  for (int g = 1; g < groups_.size(); ++g) {
    Group& group = groups_[g];
    BarBucket& bucket = buckets_[g - 1];
    const bool asked = bucket.active() && close >= bucket.end();
    // A bucket missing its last base bars ends with the first bar past it.
    if (bucket.active() && bar.open_time >= bucket.end() && bucket.Complete(false, done)) {
      Record(group, done, bucket.end());
      PrefetchState(group);
      UpdateMembers(group, done);
    }
    if (bucket.active()) {
      bucket.Add(bar, units);
    } else {
      bucket.Start(bar, units);
    }
    if (close >= bucket.end() && bucket.Complete(false, done)) {
      Record(group, done, bucket.end());
      if (!asked) PrefetchState(group);
      UpdateMembers(group, done);
    }
  }
  ++base_bars_;
  Record(base, bar, close);
  UpdateMembers(base, bar);
  return Status::Ok();
}

void FeatureSet::PrefetchState(const Group& group) const {
  // The group's state is usually cold when a bar arrives (one feature set per symbol, many
  // symbols): asking for it first lets the loads overlap instead of stalling one after the
  // other inside the update loop. A small group is asked for whole, four lines a step; a large
  // one (long windows of which an update reads a line or two) by the first line of each
  // indicator.
  if (group.state_bytes <= kWholePrefetchBytes) {
    const std::byte* at = group.state;
    const std::byte* end = at + group.state_bytes;
    for (; at + 192 < end; at += 256) {
      __builtin_prefetch(at);
      __builtin_prefetch(at + 64);
      __builtin_prefetch(at + 128);
      __builtin_prefetch(at + 192);
    }
    for (; at < end; at += 64) __builtin_prefetch(at);
  } else {
    const Member* end = members_.data() + group.end_member;
    for (const Member* m = members_.data() + group.first_member; m != end; ++m) {
      __builtin_prefetch(m->indicator);
    }
  }
}

void FeatureSet::UpdateMembers(const Group& group, const Bar& bar) {
  double* values = values_.data();
  const Member* end = members_.data() + group.end_member;
  for (const Member* m = members_.data() + group.first_member; m != end; ++m) {
    m->indicator->UpdateInto(bar, values + m->column);
  }
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
  for (int g = 0; g < groups_.size(); ++g) {
    Group& group = groups_[g];
    group.any = false;
    group.last_open = 0;
    group.last_close = 0;
  }
  for (int b = 0; b < buckets_.size(); ++b) buckets_[b].Reset();
  for (const std::unique_ptr<Indicator>& indicator : indicators_) indicator->Reset();
  std::fill(values_.data(), values_.data() + values_.size(), kNaN);
  base_bars_ = 0;
  feeding_ = Feeding::kNone;
}

std::vector<Timeframe> FeatureSet::HigherTimeframes() const {
  std::vector<Timeframe> out;
  for (int g = 1; g < groups_.size(); ++g) out.push_back(groups_[g].timeframe);
  return out;
}

}  // namespace pulse::indicators
