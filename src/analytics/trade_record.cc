#include "analytics/trade_record.h"

namespace pulse::analytics {

Result<TradeRecord> MakeTradeRecord(const SignalResult& result) {
  if (result.outcome == Outcome::kOpen) {
    return InvalidArgumentError("signal {} is still open: no trade record yet", result.signal_id);
  }
  if (!result.pnl_percent) {
    return InvalidArgumentError("signal {} is closed but has no P&L %", result.signal_id);
  }
  if (!result.exit_time) {
    return InvalidArgumentError("signal {} is closed but has no exit time", result.signal_id);
  }
  TradeRecord t;
  t.signal_id = result.signal_id;
  t.entry_time = result.entry_time;
  t.exit_time = *result.exit_time;
  t.pnl_percent = *result.pnl_percent;
  t.pnl_quote = result.pnl_quote_total;
  t.outcome = result.outcome;
  t.exit_reason = result.exit_reason;
  t.hold_minutes = result.hold_minutes.value_or(static_cast<double>(t.exit_time - t.entry_time) /
                                                static_cast<double>(kNanosPerMinute));
  t.mfe_percent = result.mfe_percent;
  t.mae_percent = result.mae_percent;
  return t;
}

Result<TradeRecord> MakeTradeRecord(const Signal& signal, const SignalResult& result) {
  if (signal.id != 0 && result.signal_id != 0 && signal.id != result.signal_id) {
    return InvalidArgumentError("result of signal {} given with signal {}", result.signal_id,
                                signal.id);
  }
  ASSIGN_OR_RETURN(TradeRecord t, MakeTradeRecord(result));
  if (t.signal_id == 0) t.signal_id = signal.id;
  t.symbol = signal.symbol;
  t.exchange = signal.exchange;
  t.timeframe = signal.timeframe;
  t.source = signal.source;
  t.direction = signal.direction;
  t.confidence = signal.confidence;
  return t;
}

}  // namespace pulse::analytics
