// Identifiers: instrument ids (symbol + venue) and symbol normalisation.
// Value types; pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace pulse {

// Database id of a stored signal.
using SignalId = std::int64_t;

// Upper-cases and removes separators: "btc/usdt", "BTC-USDT", "BTC_USDT" -> "BTCUSDT".
// Errors on empty input or characters other than letters, digits and the separators / - _ .
Result<std::string> NormalizeSymbol(std::string_view raw);

// A tradable instrument on one venue, written "BTCUSDT.BINANCE" (NautilusTrader's form).
struct InstrumentId {
  std::string symbol;  // normalised, e.g. "BTCUSDT"
  std::string venue;   // upper case, e.g. "BINANCE"; empty when unknown

  static Result<InstrumentId> Parse(std::string_view text);
  std::string ToString() const;
  bool operator==(const InstrumentId&) const = default;
  auto operator<=>(const InstrumentId&) const = default;
};

}  // namespace pulse
