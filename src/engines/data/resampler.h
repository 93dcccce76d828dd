// Resample: batch aggregation of a bar series into a larger timeframe (5m -> 1h, 1d -> 1w,
// 1h -> 1M, ...), running the same code as the streaming BarAggregator.
#pragma once

#include <span>
#include <vector>

#include "core/status.h"
#include "core/timeframe.h"
#include "engines/data/bar_aggregator.h"
#include "model/bar.h"

namespace pulse::data {

// Aggregates `bars` (timeframe `from`, strictly increasing open times on the `from` grid) into
// `to` bars aligned as the exchanges align them (Timeframe::BucketStart; calendar months for
// 1M): first open, max high, min low, last close, summed volume.
//
// Interior buckets with missing base bars are still produced and counted in `stats`; the
// leading and trailing buckets, when only partly covered by the input, are dropped unless
// `options` ask to keep them. Errors (InvalidArgument): `to` not a multiple of `from`
// (Timeframe::Divides), input not sorted or with duplicates, a bar off the `from` grid; the
// message names the row and time. Pure function; thread-safe.
Result<std::vector<Bar>> Resample(std::span<const Bar> bars, Timeframe from, Timeframe to,
                                  const ResampleOptions& options = {},
                                  AggregationStats* stats = nullptr);

}  // namespace pulse::data
