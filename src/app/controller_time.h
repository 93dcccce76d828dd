// How long the controller held each state over a period: the spans between its stored state
// changes (for the traffic-light band of the HTML report) and each state's share of the period
// (the reports' "time in each state").
#pragma once

#include <span>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/time.h"
#include "ports/controller_store.h"

namespace pulse::app {

// One state held over [from, to).
struct StateSpan {
  RiskState state = RiskState::kGreen;
  UnixNanos from = 0;
  UnixNanos to = 0;
};

// The states of `rows` (controller_status rows in time order) over [from, to]: each row's state
// holds from its changed_at until the next row's, the last one until `to`, clipped to the
// period; the time before the first row is not covered. Empty spans are left out.
std::vector<StateSpan> ControllerStateSpans(std::span<const ControllerStatusRow> rows,
                                            UnixNanos from, UnixNanos to);

// {"green": percent of [from, to] held, ...} over `spans`, in the order the states first hold
// (shares of an uncovered start sum to less than 100); {} for a period of no length.
nlohmann::ordered_json StateTimeJson(std::span<const StateSpan> spans, UnixNanos from,
                                     UnixNanos to);

// "green 3.5 %, red 96.5 %" of StateTimeJson, with the uncovered start last ("green 3.7 %, red
// 82.8 %, no state yet 13.5 %"), or "-" when it is empty.
std::string StateTimeText(const nlohmann::ordered_json& time_pct);

}  // namespace pulse::app
