// SignalFieldSetter: sets Signal fields from named text values with strict checks; the one
// place that maps user field names (CLI flags, CSV headers, JSON keys) to a Signal.
#pragma once

#include <set>
#include <string>
#include <string_view>

#include "core/status.h"
#include "model/signal.h"

namespace pulse::app {

// Collects field values for one signal. Not thread-safe; one per row.
class SignalFieldSetter {
 public:
  // Field names: symbol, direction, entry (entry_price), stop (stop_loss), take (take_profit),
  // confidence, size, timeframe, exchange, source, notes, created_at.
  Status Set(std::string_view field, std::string_view value);
  // InvalidArgument naming the first missing required field.
  Status CheckRequired() const;
  const Signal& signal() const { return signal_; }

 private:
  Signal signal_;
  std::set<std::string> seen_;
};

}  // namespace pulse::app
