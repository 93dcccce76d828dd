#include "app/signal_fields.h"

#include "core/numbers.h"
#include "core/timeframe.h"

namespace pulse::app {

namespace {
std::string Canonical(std::string_view field) {
  if (field == "entry_price") return "entry";
  if (field == "stop_loss") return "stop";
  if (field == "take_profit") return "take";
  return std::string(field);
}
}  // namespace

Status SignalFieldSetter::Set(std::string_view raw_field, std::string_view value) {
  const std::string field = Canonical(raw_field);
  if (field == "symbol") {
    ASSIGN_OR_RETURN(signal_.symbol, NormalizeSymbol(value));
  } else if (field == "direction") {
    ASSIGN_OR_RETURN(signal_.direction, ParseDirection(value));
  } else if (field == "entry") {
    ASSIGN_OR_RETURN(signal_.entry_price, ParsePositiveDouble(value, "entry price"));
  } else if (field == "stop") {
    ASSIGN_OR_RETURN(signal_.stop_loss, ParsePositiveDouble(value, "stop-loss"));
  } else if (field == "take") {
    ASSIGN_OR_RETURN(signal_.take_profit, ParsePositiveDouble(value, "take-profit"));
  } else if (field == "confidence") {
    ASSIGN_OR_RETURN(double c, ParseFiniteDouble(value, "confidence"));
    if (c < 0 || c > 1)
      return InvalidArgumentError("confidence must be between 0 and 1, got '{}'", value);
    signal_.confidence = c;
  } else if (field == "size") {
    ASSIGN_OR_RETURN(signal_.size, ParsePositiveDouble(value, "size"));
  } else if (field == "timeframe") {
    ASSIGN_OR_RETURN(Timeframe tf, Timeframe::Parse(value));
    signal_.timeframe = tf.ToString();
  } else if (field == "exchange") {
    if (value.empty()) return InvalidArgumentError("exchange is empty");
    signal_.exchange.clear();
    for (char c : value) signal_.exchange.push_back(static_cast<char>(std::tolower(c)));
  } else if (field == "source") {
    signal_.source = std::string(value);
  } else if (field == "notes") {
    signal_.notes = std::string(value);
  } else if (field == "created_at") {
    ASSIGN_OR_RETURN(signal_.created_at, ParseIso8601(value));
  } else {
    return InvalidArgumentError(
        "unknown field '{}' (accepted: symbol, direction, entry, stop, take, confidence, size, "
        "timeframe, exchange, source, notes, created_at)",
        raw_field);
  }
  seen_.insert(field);
  return Status::Ok();
}

Status SignalFieldSetter::CheckRequired() const {
  for (const char* f : {"symbol", "direction", "entry", "stop", "take"}) {
    if (!seen_.count(f)) return InvalidArgumentError("missing required field '{}'", f);
  }
  return Status::Ok();
}

}  // namespace pulse::app
