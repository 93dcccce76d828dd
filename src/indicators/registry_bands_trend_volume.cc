// Registry specs: bands, channels, trend and volume indicators TA-Lib does not have.
#include "indicators/registry_support.h"

namespace pulse::indicators::registry_support {

void AddBandTrendVolumeSpecs(std::vector<IndicatorSpec>& specs) { (void)specs; }

}  // namespace pulse::indicators::registry_support
