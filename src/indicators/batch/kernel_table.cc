#include "indicators/batch/kernel_table.h"

#include <algorithm>
#include <array>

#include "indicators/batch/kernels.h"

namespace pulse::indicators::batch {
namespace {

// Sorted by name.
constexpr std::array kKernels = {
    KernelEntry{"adx", &AdxKernel},       KernelEntry{"atr", &AtrKernel},
    KernelEntry{"bbands", &BBandsKernel}, KernelEntry{"ema", &EmaKernel},
    KernelEntry{"macd", &MacdKernel},     KernelEntry{"mom", &MomKernel},
    KernelEntry{"obv", &ObvKernel},       KernelEntry{"roc", &RocKernel},
    KernelEntry{"rsi", &RsiKernel},       KernelEntry{"sar", &SarKernel},
    KernelEntry{"sma", &SmaKernel},       KernelEntry{"stoch", &StochKernel},
    KernelEntry{"willr", &WillRKernel},
};

}  // namespace

std::span<const KernelEntry> AllKernels() { return kKernels; }

Kernel FindKernel(std::string_view name) {
  const auto it =
      std::lower_bound(kKernels.begin(), kKernels.end(), name,
                       [](const KernelEntry& e, std::string_view n) { return e.name < n; });
  return it != kKernels.end() && it->name == name ? it->kernel : nullptr;
}

}  // namespace pulse::indicators::batch
