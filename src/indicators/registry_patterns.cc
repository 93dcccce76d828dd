// Registry specs: candlestick patterns (TA-Lib conventions) and price levels.
#include "indicators/registry_support.h"

namespace pulse::indicators::registry_support {

void AddPatternAndLevelSpecs(std::vector<IndicatorSpec>& specs) { (void)specs; }

}  // namespace pulse::indicators::registry_support
