#include "engines/data/resampler.h"

#include <algorithm>

namespace pulse::data {

Result<std::vector<Bar>> Resample(std::span<const Bar> bars, Timeframe from, Timeframe to,
                                  const ResampleOptions& options, AggregationStats* stats) {
  ASSIGN_OR_RETURN(BarAggregator aggregator, BarAggregator::Create(from, to, options));
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const UnixNanos t = bars[i].open_time;
    if (i > 0 && t <= bars[i - 1].open_time) {
      return InvalidArgumentError(
          "cannot resample: input is not sorted: row {} ({}) is not after row {} ({})", i,
          FormatIso8601(t), i - 1, FormatIso8601(bars[i - 1].open_time));
    }
    if (from.BucketStart(t) != t) {
      return InvalidArgumentError("cannot resample: row {} ({}) is not aligned to {}", i,
                                  FormatIso8601(t), from.ToString());
    }
  }
  std::vector<Bar> out;
  out.reserve(bars.size() / std::max<std::int64_t>(1, to.NominalNanos() / from.NominalNanos()) + 2);
  for (const Bar& bar : bars) {
    for (std::optional<Bar> done = aggregator.Update(bar); done.has_value();
         done = aggregator.PollCompleted()) {
      out.push_back(*done);
    }
  }
  AggregationStats final_stats;
  if (options.keep_incomplete_last) {
    for (std::optional<Bar> done = aggregator.Flush(); done.has_value();
         done = aggregator.PollCompleted()) {
      out.push_back(*done);
    }
    final_stats = aggregator.stats();
  } else {
    const bool dropped = aggregator.DiscardPartial();
    final_stats = aggregator.stats();
    final_stats.dropped_last = dropped ? 1 : 0;
  }
  if (stats != nullptr) *stats = std::move(final_stats);
  return out;
}

}  // namespace pulse::data
