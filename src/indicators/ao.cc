#include "indicators/ao.h"

namespace pulse::indicators {

Ao::Ao(int fast_period, int slow_period) : fast_(fast_period), slow_(slow_period) {}

void Ao::Update(const Bar& bar) {
  const double median = (bar.high + bar.low) / 2.0;
  fast_.Add(median);
  slow_.Add(median);
}

void Ao::Reset() {
  fast_.Reset();
  slow_.Reset();
}

}  // namespace pulse::indicators
