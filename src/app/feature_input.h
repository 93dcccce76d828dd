// Reading a candle file as the input of the configured feature set: the bars, checked against
// the feature base timeframe. Shared by `pulse features` and `pulse model train | predict`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "indicators/feature_set.h"
#include "model/bar.h"

namespace pulse::app {

// Reads `path` (CSV, freqtrade JSON, Binance klines, .gz) and checks that its bars are bars of
// `spec.base`. InvalidArgument naming the file: no bars, bars of another timeframe ("the bars
// are 1h bars, but the feature base timeframe is 5m ..."), or a step that cannot be inferred
// when `timeframe_given` is false (the caller did not pass --timeframe). NotFound for a missing
// file. `remedy` ends the timeframe mismatch message.
Result<std::vector<Bar>> ReadFeatureInput(
    const std::string& path, const indicators::FeatureSetSpec& spec, bool timeframe_given,
    std::string_view remedy = "set features.base_timeframe or pass --timeframe");

}  // namespace pulse::app
