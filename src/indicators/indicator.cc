#include "indicators/indicator.h"

namespace pulse::indicators {

std::vector<std::vector<double>> RunBatch(Indicator& indicator, std::span<const Bar> bars) {
  indicator.Reset();
  const int outputs = indicator.NumOutputs();
  std::vector<std::vector<double>> columns(outputs, std::vector<double>(bars.size(), kNaN));
  for (size_t i = 0; i < bars.size(); ++i) {
    indicator.Update(bars[i]);
    if (!indicator.Ready()) continue;
    for (int k = 0; k < outputs; ++k) columns[k][i] = indicator.Value(k);
  }
  return columns;
}

std::vector<std::vector<double>> RunBatch(Indicator& indicator, std::span<const double> closes) {
  indicator.Reset();
  const int outputs = indicator.NumOutputs();
  std::vector<std::vector<double>> columns(outputs, std::vector<double>(closes.size(), kNaN));
  Bar bar;
  for (size_t i = 0; i < closes.size(); ++i) {
    bar.open = bar.high = bar.low = bar.close = closes[i];
    indicator.Update(bar);
    if (!indicator.Ready()) continue;
    for (int k = 0; k < outputs; ++k) columns[k][i] = indicator.Value(k);
  }
  return columns;
}

}  // namespace pulse::indicators
