// Registry specs: price features, rolling statistics and derived features.
#include "indicators/registry_support.h"

namespace pulse::indicators::registry_support {

void AddPriceAndStatisticsSpecs(std::vector<IndicatorSpec>& specs) { (void)specs; }

}  // namespace pulse::indicators::registry_support
