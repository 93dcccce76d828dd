#include "app/controller_time.h"

#include <algorithm>

#include <fmt/format.h>

namespace pulse::app {

std::vector<StateSpan> ControllerStateSpans(std::span<const ControllerStatusRow> rows,
                                            UnixNanos from, UnixNanos to) {
  std::vector<StateSpan> spans;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const UnixNanos begin = std::max(rows[i].changed_at, from);
    const UnixNanos end = std::min(i + 1 < rows.size() ? rows[i + 1].changed_at : to, to);
    if (end > begin) spans.push_back({rows[i].state, begin, end});
  }
  return spans;
}

nlohmann::ordered_json StateTimeJson(std::span<const StateSpan> spans, UnixNanos from,
                                     UnixNanos to) {
  nlohmann::ordered_json shares = nlohmann::ordered_json::object();
  if (to <= from) return shares;
  std::vector<std::pair<RiskState, UnixNanos>> held;
  for (const StateSpan& s : spans) {
    auto it =
        std::find_if(held.begin(), held.end(), [&](const auto& h) { return h.first == s.state; });
    if (it == held.end()) it = held.insert(held.end(), {s.state, 0});
    it->second += s.to - s.from;
  }
  const double period = static_cast<double>(to - from);
  for (const auto& [state, nanos] : held) {
    shares[std::string(RiskStateName(state))] = static_cast<double>(nanos) / period * 100;
  }
  return shares;
}

std::string StateTimeText(const nlohmann::ordered_json& time_pct) {
  std::string text;
  double covered = 0;
  for (const auto& [state, pct] : time_pct.items()) {
    text += fmt::format("{}{} {:.1f} %", text.empty() ? "" : ", ", state, pct.get<double>());
    covered += pct.get<double>();
  }
  if (text.empty()) return "-";
  // The time before the controller's first state, when it shows at this precision.
  if (covered < 99.95) text += fmt::format(", no state yet {:.1f} %", 100 - covered);
  return text;
}

}  // namespace pulse::app
