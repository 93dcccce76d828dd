// Batch entry point of the indicators: any registry indicator over whole column arrays, through
// a specialised kernel where one exists (see kernel_table.h) and the streaming class otherwise.
// Both paths give identical numbers (batch_test.cc runs both for every registry indicator).
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "indicators/batch/bar_columns.h"

namespace pulse::indicators {

// Runs indicator `name` with positional `params` over `columns` and returns one column per
// output (the registry's output order), each as long as the series, NaN for the warm-up bars,
// exactly as RunBatch over the same bars would.
//
// Errors (InvalidArgument): the registry's for an unknown name or bad parameters (the same
// messages as CreateIndicator); a column the indicator reads (IndicatorSpec::inputs) that is
// missing; non-empty columns of different lengths.
// Threading: a pure function; concurrent calls are safe.
Result<std::vector<std::vector<double>>> ComputeBatch(std::string_view name,
                                                      std::span<const double> params,
                                                      const BarColumns& columns);

// The same, writing into caller-provided arrays: `outputs` holds one span per output of the
// indicator, each exactly columns.size() long. Kernels allocate nothing proportional to the
// series (at most a few period-sized scratch arrays); the streaming fallback builds one
// indicator object. On error `outputs` are left untouched.
Status ComputeBatchInto(std::string_view name, std::span<const double> params,
                        const BarColumns& columns, std::span<const std::span<double>> outputs);

// True when `name` (case-insensitive) is computed by a specialised kernel rather than by its
// streaming class.
bool HasBatchKernel(std::string_view name);

}  // namespace pulse::indicators
