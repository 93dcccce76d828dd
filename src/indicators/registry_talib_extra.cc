// Registry specs: TA-Lib functions beyond the core set (price transforms, regressions, statistics).
#include "indicators/registry_support.h"

namespace pulse::indicators::registry_support {

void AddTalibExtraSpecs(std::vector<IndicatorSpec>& specs) { (void)specs; }

}  // namespace pulse::indicators::registry_support
