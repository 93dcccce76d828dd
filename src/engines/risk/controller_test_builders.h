// Builders the trading controller's tests share: a signal to review, an outcome of one, and a
// controller on a test clock. Test-only; header-only.
#pragma once

#include <string>
#include <utility>

#include <gtest/gtest.h>

#include "engines/risk/trading_controller.h"

namespace pulse::risk::test_builders {

// A BTCUSDT-style long: entry 100, stop 95, take 110, confidence 0.75.
inline Signal MakeSignal(std::string symbol = "BTCUSDT", UnixNanos created_at = 0) {
  Signal s;
  s.symbol = std::move(symbol);
  s.entry_price = 100;
  s.stop_loss = 95;
  s.take_profit = 110;
  s.confidence = 0.75;
  s.created_at = created_at;
  return s;
}

// `signal` resolved with `outcome` at `exit_time`, traded or (with `shadow`) a shadow.
inline OutcomeResolved Resolved(Signal signal, Outcome outcome, UnixNanos exit_time, bool shadow) {
  OutcomeResolved o;
  o.signal = std::move(signal);
  o.result.signal_id = o.signal.id;
  o.result.outcome = outcome;
  o.result.exit_time = exit_time;
  o.shadow = shadow;
  return o;
}

// A controller of `config` on `clock`; a failed Create fails the test.
inline TradingController MakeController(const RiskConfig& config, const Clock& clock) {
  auto c = TradingController::Create(config, clock);
  EXPECT_TRUE(c.ok()) << c.status();
  return std::move(c).value();
}

}  // namespace pulse::risk::test_builders
