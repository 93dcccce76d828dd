// The table of specialised batch kernels: which registry indicators have one, and the function
// computing each. Internal to the batch path (batch.cc and tests).
#pragma once

#include <span>
#include <string_view>

#include "indicators/batch/bar_columns.h"

namespace pulse::indicators::batch {

// A kernel: `params` are complete and validated by the registry (ResolveParams), every column
// the indicator reads has columns.size() values, and `out` holds one span per output, each
// columns.size() long. The kernel writes every element of every output (NaN during warm-up).
using Kernel = void (*)(std::span<const double> params, const BarColumns& columns,
                        std::span<const std::span<double>> out);

struct KernelEntry {
  std::string_view name;  // registry name, lower case
  Kernel kernel;
};

// Every kernel, sorted by name.
std::span<const KernelEntry> AllKernels();

// The kernel for registry name `name` (lower case), or nullptr.
Kernel FindKernel(std::string_view name);

}  // namespace pulse::indicators::batch
