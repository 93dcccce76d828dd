// Signal and SignalResult: a fully specified trade idea and what became of it.
// Plain value types; thread-compatible.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.h"
#include "core/status.h"
#include "core/time.h"

namespace pulse {

enum class Direction { kLong, kShort };
std::string_view DirectionName(Direction d);  // "long" / "short"
// Accepts long/short, buy/sell (any case).
Result<Direction> ParseDirection(std::string_view text);

// Life of a signal: pending (no entry yet), open (entered), closed (exited), rejected (failed a
// quality gate; tracked only as a shadow outcome).
enum class SignalStatus { kPending, kOpen, kClosed, kRejected };
std::string_view SignalStatusName(SignalStatus s);
Result<SignalStatus> ParseSignalStatus(std::string_view text);

// win above +band, loss below -band, breakeven in between, open before the exit.
enum class Outcome { kOpen, kWin, kLoss, kBreakeven };
std::string_view OutcomeName(Outcome o);
Result<Outcome> ParseOutcome(std::string_view text);

// Seed 004's classification of a blended opinion: strong_buy if confidence > 0.8 and prediction
// > 0.7, buy if confidence > 0.6 and prediction > 0.6, sell / strong_sell mirrored (prediction
// below 0.4 / 0.3), hold otherwise (thresholds are config).
enum class SignalClass { kStrongBuy, kBuy, kHold, kSell, kStrongSell };
std::string_view SignalClassName(SignalClass c);  // strong_buy, buy, hold, sell, strong_sell
Result<SignalClass> ParseSignalClass(std::string_view text);

// One quality gate's verdict on a candidate signal: the value seen, the threshold asked for and
// whether it passed. `reason` is the one-line text shown to people ("volume 1.40x < 2.00x of the
// 20-bar average").
struct GateCheck {
  std::string gate;  // "confidence", "volume", "reward_risk", ...
  double value = 0;
  double threshold = 0;
  bool passed = false;
  std::string reason;

  bool operator==(const GateCheck&) const = default;
};

// A trade idea: where to enter, where it is wrong (stop-loss), where to take profit.
struct Signal {
  SignalId id = 0;  // assigned by the store
  std::string symbol;
  std::string exchange = "binance";
  std::string timeframe = "5m";
  Direction direction = Direction::kLong;
  double entry_price = 0;
  double stop_loss = 0;
  double take_profit = 0;
  std::optional<double> confidence;  // 0..1
  std::optional<double> size;        // base-currency units
  std::string source = "manual";     // "manual", "theory:<name>", "model:<name>"
  SignalStatus status = SignalStatus::kPending;
  UnixNanos created_at = 0;
  std::string notes;

  // Set by the signal engine; empty for manual signals.
  std::optional<double> prediction;  // blended probability that the price rises (0..1)
  std::optional<SignalClass> classification;
  std::optional<double> trailing_activation_pct;  // trailing stop arms after this gain (%)
  std::optional<double> trailing_pct;             // then trails the best price by this (%)
  std::optional<std::int64_t> max_hold_minutes;   // time stop
  std::string model_version;           // contributing models, "name@version" joined by ","
  std::string feature_hash;            // hex digest of the feature vector the signal saw
  std::vector<GateCheck> gate_checks;  // every gate's verdict (a failed one => kRejected)
};

// The failing gate checks' reasons joined by "; " (what is stored as rejection_reasons).
std::string RejectionReasons(const Signal& signal);

// The recorded outcome of one signal (table signal_results, one row per signal).
struct SignalResult {
  SignalId signal_id = 0;
  double entry_price = 0;
  UnixNanos entry_time = 0;
  std::optional<double> exit_price;
  std::optional<UnixNanos> exit_time;
  std::optional<double> pnl_percent;      // direction-aware, before fees
  std::optional<double> pnl_quote;        // per unit of base currency, before fees
  std::optional<double> pnl_quote_total;  // for the signal's size (when it has one), after fees
  std::optional<double> pnl_percent_net;  // pnl_percent less the round trip's fees
  std::optional<double> fees_quote;       // round-trip fees for the signal's size
  Outcome outcome = Outcome::kOpen;
  std::string exit_reason;
  // How a bar that touched both stop-loss and take-profit was decided: "lower_timeframe"
  // (the finer bars inside it), "stop_loss_first" / "take_profit_first" (the policy); empty
  // when no such bar decided the exit.
  std::string exit_resolution;
  std::optional<double> hold_minutes;
  std::optional<double> mfe_percent;  // maximum favourable excursion
  std::optional<double> mae_percent;  // maximum adverse excursion
  UnixNanos updated_at = 0;
};

// One source's share in a signal (table theory_performance).
struct TheoryContribution {
  SignalId signal_id = 0;
  std::string theory_name;
  double contribution_score = 0;
  std::optional<bool> was_correct;
  UnixNanos created_at = 0;
};

}  // namespace pulse
