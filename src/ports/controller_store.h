// ControllerStore: the port for the trading controller's state history (table
// controller_status): one row per change of the stored state, with every reason behind it.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/status.h"
#include "core/time.h"
#include "model/controller_state.h"

namespace pulse {

// One controller_status row. `id` is assigned by the store.
struct ControllerStatusRow {
  std::int64_t id = 0;
  UnixNanos changed_at = 0;
  RiskState state = RiskState::kGreen;
  std::optional<RiskState> previous_state;
  std::vector<ControllerReason> reasons;

  bool operator==(const ControllerStatusRow&) const = default;
};

// The row that records a state change.
inline ControllerStatusRow StatusRowOf(const RiskStateChanged& change) {
  return {0, change.at, change.current, change.previous, change.reasons};
}

// Which rows ListStatus returns.
struct ControllerStatusFilter {
  std::optional<UnixNanos> since = std::nullopt;  // changed_at >= since
  int limit = 0;                                  // 0 = no limit; the newest `limit` when set
  std::optional<UnixNanos> until = std::nullopt;  // changed_at <= until
};

// Persistence of the controller's state changes. Implementations are thread-compatible.
class ControllerStore {
 public:
  virtual ~ControllerStore() = default;

  // Appends a row and returns its id (ids increase with every append). A reason's value or
  // threshold that is not finite is stored as null and read back as NaN.
  // InvalidArgument when a reason has an empty rule.
  virtual Result<std::int64_t> AppendStatus(const ControllerStatusRow& row) = 0;
  // Rows in the order they were appended (changed_at, then id), oldest first. With a limit,
  // the newest `limit` rows matching `since` and `until`, still oldest first.
  virtual Result<std::vector<ControllerStatusRow>> ListStatus(
      const ControllerStatusFilter& filter) = 0;
  // The newest row (the highest changed_at, then the highest id), or nullopt when empty.
  virtual Result<std::optional<ControllerStatusRow>> Latest() = 0;
};

}  // namespace pulse
