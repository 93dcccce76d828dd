#include "model/trading.h"

#include <algorithm>
#include <cctype>
#include "core/ascii.h"

namespace pulse {

std::string_view OrderSideName(OrderSide side) { return side == OrderSide::kBuy ? "buy" : "sell"; }

Result<OrderSide> ParseOrderSide(std::string_view text) {
  const std::string s = AsciiLower(text);
  if (s == "buy") return OrderSide::kBuy;
  if (s == "sell") return OrderSide::kSell;
  return InvalidArgumentError("unknown order side '{}' (accepted: buy, sell)", text);
}

OrderSide EntrySide(Direction direction) {
  return direction == Direction::kLong ? OrderSide::kBuy : OrderSide::kSell;
}

OrderSide ExitSide(Direction direction) {
  return direction == Direction::kLong ? OrderSide::kSell : OrderSide::kBuy;
}

std::string_view TradingModeName(TradingMode mode) {
  switch (mode) {
    case TradingMode::kPaper:
      return "paper";
    case TradingMode::kLive:
      return "live";
    case TradingMode::kBacktest:
      return "backtest";
  }
  return "paper";
}

Result<TradingMode> ParseTradingMode(std::string_view text) {
  const std::string s = AsciiLower(text);
  if (s == "paper") return TradingMode::kPaper;
  if (s == "live") return TradingMode::kLive;
  if (s == "backtest") return TradingMode::kBacktest;
  return InvalidArgumentError("unknown trading mode '{}' (accepted: paper, live, backtest)", text);
}

std::string_view PositionStatusName(PositionStatus status) {
  return status == PositionStatus::kOpen ? "open" : "closed";
}

Result<PositionStatus> ParsePositionStatus(std::string_view text) {
  const std::string s = AsciiLower(text);
  if (s == "open") return PositionStatus::kOpen;
  if (s == "closed") return PositionStatus::kClosed;
  return InvalidArgumentError("unknown position status '{}' (accepted: open, closed)", text);
}

std::string_view RejectReasonName(RejectReason reason) {
  switch (reason) {
    case RejectReason::kInvalidSignal:
      return "invalid_signal";
    case RejectReason::kSizeZero:
      return "size_zero";
    case RejectReason::kExposureLimit:
      return "exposure_limit";
    case RejectReason::kInsufficientCash:
      return "insufficient_cash";
    case RejectReason::kDuplicate:
      return "duplicate";
    case RejectReason::kPriceBeyondLevels:
      return "price_beyond_levels";
    case RejectReason::kCancelled:
      return "cancelled";
  }
  return "invalid_signal";
}

}  // namespace pulse
