// IndicatorRequest: one indicator asked for by text, "macd:12,26,9" or "obv", resolved against
// the registry, with the column names it produces. The CLI and the feature sets both name their
// columns through it, so a column name means the same everywhere.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "indicators/indicator.h"
#include "indicators/registry.h"

namespace pulse::indicators {

// A parsed request. Plain value type (the spec pointer refers to the static registry table).
//   "rsi:14"        -> base_name "rsi_14",       columns {"rsi_14"}
//   "macd:12,26,9"  -> base_name "macd_12_26_9", columns {"macd_12_26_9.macd", ".signal", ".hist"}
//   "sar:0.02,0.2"  -> base_name "sar_0.02_0.2"
//   "obv", "rsi"    -> base_name "obv", "rsi" (defaults apply; the name carries no parameters)
// The base name keeps the parameters as written (so "rsi:14" and "rsi" are different columns
// even though both compute RSI(14)); the indicator name is lower case.
struct IndicatorRequest {
  const IndicatorSpec* spec = nullptr;
  std::vector<double> params;        // complete: defaults filled in, bounds checked
  std::string base_name;             // "macd_12_26_9"
  std::vector<std::string> columns;  // "<base>" for one output, "<base>.<output>" for several

  // A new indicator with these parameters.
  std::unique_ptr<Indicator> Create() const { return spec->factory(params); }
};

// Parses "name[:p1,p2,...]" (spaces around the name and each parameter are ignored).
// InvalidArgument for an unknown name (listing the accepted ones), a parameter that is not a
// number ("rsi parameter 'x' is not a number") or out of bounds ("rsi: period must be between 2
// and 100000, got 1").
Result<IndicatorRequest> ParseIndicatorRequest(std::string_view text);

}  // namespace pulse::indicators
