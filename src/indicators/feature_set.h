// FeatureSet: a named, ordered feature vector built from indicator requests on a base timeframe
// and on higher timeframes (multi-timeframe features), updated bar by bar.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/timeframe.h"
#include "indicators/fixed_array.h"
#include "indicators/indicator.h"
#include "indicators/indicator_arena.h"
#include "model/bar.h"
#include "model/bar_bucket.h"

namespace pulse::indicators {

// One entry of a feature set: an indicator request ("rsi:14", "macd:12,26,9", see
// indicator_request.h) computed on bars of `timeframe`.
struct FeatureSpec {
  Timeframe timeframe;
  std::string request;
};

// What a FeatureSet computes: the base timeframe (one feature vector per base bar) and the
// ordered entries. Every entry's timeframe is the base or a whole multiple of it. Plain value.
struct FeatureSetSpec {
  Timeframe base;
  std::vector<FeatureSpec> features;
};

// The feature vector of one series (one symbol). Feature names are "<timeframe>.<column>",
// e.g. "5m.rsi_14", "1h.macd_12_26_9.hist", in the order of the spec entries (outputs of one
// entry in the indicator's output order). The names and their order are part of what a trained
// model records: check them with CheckNames before feeding vectors to a model.
//
// Feeding, one of two ways: OnBaseBar for every base bar (the set aggregates the higher
// timeframes itself), or OnBar for every closed bar of every configured timeframe, in time
// order per timeframe, a higher-timeframe bar that closes at the same moment as a base bar fed
// before that base bar. After each base bar, Values() is the vector for that bar: base features
// from this bar, higher-timeframe features from the last CLOSED bar of their timeframe (never a
// partial one), NaN while an indicator warms up. A higher-timeframe bar that closes after the
// base bar being fed (it would look ahead) is refused.
//
// Lifecycle: Create (all memory is allocated then), OnBar per bar (O(1) amortised per
// indicator, no allocation), Reset to start over. The indicators and their windows live in one
// block owned by the set (IndicatorArena), laid out group after group in the order OnBar
// updates them, so one bar's update walks a contiguous run of memory. The high/low windows of a
// group's range readers (Indicator::RangeWindows) are kept once, in a SharedRange updated first
// in the group, and a run of SMAs (or EMAs) of one timeframe with consecutive columns is one
// SmaBank (EmaBank): one window and one update for the run, the same numbers bit for bit.
// Threading: single-threaded value object; one instance per symbol.
class FeatureSet {
 public:
  // InvalidArgument naming the bad entry ("feature 3 (1h rsx:3): unknown indicator 'rsx' ..."):
  // unknown indicator, bad parameters, a timeframe that is not a multiple of the base, a
  // duplicate feature name, or no entries at all.
  static Result<FeatureSet> Create(const FeatureSetSpec& spec);

  FeatureSet(FeatureSet&&) noexcept = default;
  FeatureSet& operator=(FeatureSet&& other) noexcept;
  ~FeatureSet();

  // Consumes a closed bar of `timeframe`. InvalidArgument for a timeframe no entry uses or a bar
  // not after the previous bar of its timeframe; FailedPrecondition for a base bar that closes
  // before a higher-timeframe bar already fed (look-ahead). A refused bar changes nothing.
  // Not after OnBaseBar (FailedPrecondition) until Reset.
  Status OnBar(Timeframe timeframe, const Bar& bar);

  // Consumes the next closed base bar and aggregates it into every higher timeframe itself, with
  // data::BarAggregator's semantics and arithmetic (model/bar_bucket.h; UTC-aligned buckets):
  // the higher bars it completes are fed first, shortest timeframe first, then the base bar. A
  // leading partial bucket is dropped; a bucket missing base bars completes when a later bar
  // arrives (fed before it); rarely one bar completes two buckets of a timeframe (both fed, in
  // order). InvalidArgument for a bar off the base grid or not after the previous one (naming
  // both times); FailedPrecondition after OnBar (until Reset). A refused bar changes nothing.
  Status OnBaseBar(const Bar& bar);

  // The current feature vector, in Names() order.
  std::span<const double> Values() const {
    return {values_.data(), static_cast<std::size_t>(values_.size())};
  }
  // A hint, no effect: asks for what OnBaseBar reads first (the group records, the members and
  // the buckets), for a caller that updates many sets to issue one set ahead.
  void Prefetch() const {
    const auto* at = reinterpret_cast<const char*>(groups_.data());
    const auto* end = reinterpret_cast<const char*>(members_.data() + members_.size());
    for (; at < end; at += 64) __builtin_prefetch(at);
    at = reinterpret_cast<const char*>(buckets_.data());
    end = reinterpret_cast<const char*>(buckets_.data() + buckets_.size());
    for (; at < end; at += 64) __builtin_prefetch(at);
  }

  // "<timeframe>.<column>" for every feature.
  const std::vector<std::string>& Names() const { return names_; }
  std::size_t size() const { return names_.size(); }
  // True when every indicator has produced a valid output (no NaN from warm-up).
  bool Ready() const;
  // Base bars consumed since creation or Reset.
  std::int64_t base_bars() const { return base_bars_; }

  // OK when `expected` equals Names(); otherwise FailedPrecondition naming the first difference
  // and both counts: "feature names differ at position 4: expected '5m.rsi_14', found
  // '5m.rsi_21' (expected 42 features, found 42)".
  Status CheckNames(std::span<const std::string> expected) const;

  // Forgets every bar; as freshly created.
  void Reset();

  const FeatureSetSpec& spec() const { return spec_; }
  Timeframe base() const { return spec_.base; }
  // The timeframes the entries use other than the base, shortest first (distinct).
  std::vector<Timeframe> HigherTimeframes() const;

 private:
  // One indicator of one entry (owned by `indicators_`, in `arena_`); its outputs fill `outputs`
  // consecutive columns from `column`. 16 bytes: a group's members share a cache line or two.
  struct Member {
    Indicator* indicator;
    std::uint32_t column;
    std::uint32_t outputs;
  };
  // Every indicator of one timeframe: members_[first_member, end_member).
  struct Group {
    Timeframe timeframe;
    std::uint32_t first_member = 0;
    std::uint32_t end_member = 0;
    // The group's indicators and their windows: one contiguous run of arena_.
    const std::byte* state = nullptr;
    std::uint32_t state_bytes = 0;
    std::int64_t step = 0;     // the timeframe's length when fixed (not months), else 0
    bool any = false;          // a bar was fed
    UnixNanos last_open = 0;   // open time of the last bar fed
    UnixNanos last_close = 0;  // its close time (start of the next bucket)
  };
  // How the set has been fed since creation or Reset: the two ways do not mix.
  enum class Feeding : std::uint8_t { kNone, kBars, kBaseBars };

  FeatureSet() = default;
  Group* FindGroup(Timeframe timeframe);
  // Records a bar of `group` closing at `close`.
  static void Record(Group& group, const Bar& bar, UnixNanos close) {
    group.any = true;
    group.last_open = bar.open_time;
    group.last_close = close;
  }
  // Asks for the group's state ahead of its update (a hint).
  void PrefetchState(const Group& group) const;
  // Updates the group's indicators with `bar`, writing their outputs.
  void UpdateMembers(const Group& group, const Bar& bar);

  // The block everything OnBar touches lives in, in this order: the groups, the members, the
  // values, the buckets, then the indicators group after group. Declared first so it outlives
  // the rest.
  std::unique_ptr<IndicatorArena> arena_;
  // What a bar reads in this object first, side by side.
  FixedArray<Group> groups_;  // the base first, then higher timeframes, shortest first
  FixedArray<Member> members_;
  FixedArray<double> values_;
  // The bucket OnBaseBar is forming for each higher group: buckets_[g - 1] for groups_[g]. Apart
  // from the groups, so that the group records OnBar reads stay four to a line pair.
  FixedArray<BarBucket> buckets_;
  std::int64_t base_bars_ = 0;
  Feeding feeding_ = Feeding::kNone;
  FeatureSetSpec spec_;
  std::vector<std::unique_ptr<Indicator>> indicators_;  // every member's indicator
  std::vector<std::string> names_;
};

}  // namespace pulse::indicators
