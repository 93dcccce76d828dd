// TradePrint: one executed trade on a venue (a "tick"), as a trade feed delivers it.
// Plain value type; thread-compatible.
#pragma once

#include "core/time.h"

namespace pulse {

// One print of a symbol: when, at what price, how much (base units; 0 when the feed does not
// say). Which symbol is known from the feed it came from.
struct TradePrint {
  UnixNanos time = 0;
  double price = 0;
  double quantity = 0;

  bool operator==(const TradePrint&) const = default;
};

}  // namespace pulse
