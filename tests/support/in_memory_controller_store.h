// InMemoryControllerStore: a hand-written ControllerStore fake for unit tests of code above the
// port. Keeps the port's documented semantics (ids from 1, order by changed_at then id, limit
// keeps the newest, empty rule refused, non-finite numbers read back as NaN). Not thread-safe.
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "ports/controller_store.h"

namespace pulse::testing {

class InMemoryControllerStore : public ControllerStore {
 public:
  Result<std::int64_t> AppendStatus(const ControllerStatusRow& row) override {
    for (std::size_t i = 0; i < row.reasons.size(); ++i) {
      if (row.reasons[i].rule.empty()) {
        return InvalidArgumentError("controller status reason {} has no rule", i);
      }
    }
    ControllerStatusRow stored = row;
    stored.id = next_id_++;
    for (ControllerReason& r : stored.reasons) {  // as SQL stores them: null, read as NaN
      if (!std::isfinite(r.value)) r.value = std::numeric_limits<double>::quiet_NaN();
      if (!std::isfinite(r.threshold)) r.threshold = std::numeric_limits<double>::quiet_NaN();
    }
    rows_.push_back(stored);
    return stored.id;
  }

  Result<std::vector<ControllerStatusRow>> ListStatus(
      const ControllerStatusFilter& filter) override {
    if (filter.limit < 0) return InvalidArgumentError("negative limit {}", filter.limit);
    std::vector<ControllerStatusRow> out;
    for (const ControllerStatusRow& r : rows_) {
      if (filter.since && r.changed_at < *filter.since) continue;
      if (filter.until && r.changed_at > *filter.until) continue;
      out.push_back(r);
    }
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
      return a.changed_at != b.changed_at ? a.changed_at < b.changed_at : a.id < b.id;
    });
    if (filter.limit > 0 && static_cast<int>(out.size()) > filter.limit) {
      out.erase(out.begin(), out.end() - filter.limit);
    }
    return out;
  }

  Result<std::optional<ControllerStatusRow>> Latest() override {
    auto rows = ListStatus({.limit = 1});
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return std::optional<ControllerStatusRow>();
    return std::optional<ControllerStatusRow>(rows->front());
  }

  const std::vector<ControllerStatusRow>& rows() const { return rows_; }

 private:
  std::vector<ControllerStatusRow> rows_;
  std::int64_t next_id_ = 1;
};

}  // namespace pulse::testing
