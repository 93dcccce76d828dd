// PerformanceSnapshotStore: the port for performance snapshots (table performance_snapshots):
// the figures of a scope (everything, one source, one symbol) over a window (the calendar day,
// 7 days, 30 days, all time) as they stood at one instant, kept so their history can be read
// back (dashboard charts, `pulse stats snapshots`).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/time.h"

namespace pulse {

// One performance_snapshots row. `id` is assigned by the store.
struct PerformanceSnapshot {
  std::int64_t id = 0;
  UnixNanos taken_at = 0;
  std::string scope;    // "overall", "source:<name>", "symbol:<SYMBOL>"
  std::string window;   // "day", "7d", "30d", "all"
  std::string metrics;  // a JSON object, stored and returned byte for byte

  bool operator==(const PerformanceSnapshot&) const = default;
};

// Which rows List and Latest read. Empty fields do not filter.
struct PerformanceSnapshotFilter {
  std::optional<std::string> scope;   // exactly this scope
  std::optional<std::string> window;  // exactly this window
  std::optional<UnixNanos> since;     // taken_at >= since
  std::optional<UnixNanos> until;     // taken_at < until
  int limit = 0;                      // List only: 0 = no limit; the newest `limit` when set
};

// Persistence of performance snapshots. Implementations are thread-compatible.
class PerformanceSnapshotStore {
 public:
  virtual ~PerformanceSnapshotStore() = default;

  // Appends the snapshots in ONE transaction (all or none) and returns their ids in input
  // order (ids increase with every append). InvalidArgument, and nothing stored, when a
  // snapshot has an empty scope or window or metrics that are not a JSON object's text ('{'
  // first and '}' last; the producer writes it with a JSON library, the store does not parse
  // it again).
  virtual Result<std::vector<std::int64_t>> Append(
      std::span<const PerformanceSnapshot> snapshots) = 0;
  // Rows matching the filter ordered by taken_at, then id (oldest first). With a limit, the
  // newest `limit` matching rows, still oldest first. InvalidArgument for a negative limit.
  virtual Result<std::vector<PerformanceSnapshot>> List(
      const PerformanceSnapshotFilter& filter) = 0;
  // The newest row (highest taken_at, then highest id) of every (scope, window) pair among the
  // rows matching the filter, ordered by scope, then window (byte order). InvalidArgument when
  // filter.limit is set.
  virtual Result<std::vector<PerformanceSnapshot>> Latest(
      const PerformanceSnapshotFilter& filter) = 0;
};

}  // namespace pulse
