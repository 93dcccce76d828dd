#include "engines/signal/open_signal_book.h"

namespace pulse::signal {

Result<OpenSignalBook> OpenSignalBook::Create(const OpenSignalConfig& config) {
  if (config.max_open_per_symbol_direction < 1) {
    return InvalidArgumentError(
        "open signals: max_open_per_symbol_direction must be at least 1, "
        "got {}",
        config.max_open_per_symbol_direction);
  }
  if (config.cooldown_minutes < 0) {
    return InvalidArgumentError("open signals: cooldown_minutes must not be negative, got {}",
                                config.cooldown_minutes);
  }
  return OpenSignalBook(config);
}

std::size_t OpenSignalBook::AddSymbol() {
  slots_.resize(slots_.size() + 2);
  return slots_.size() / 2 - 1;
}

OpenSignalBook::Admission OpenSignalBook::Admit(std::size_t symbol, Direction direction,
                                                UnixNanos now) const {
  const Slot& slot = slots_[Index(symbol, direction)];
  if (slot.open >= config_.max_open_per_symbol_direction) {
    return Admission::kBlockedByOpenSignal;
  }
  if (slot.closed_before &&
      now < slot.last_closed_at + config_.cooldown_minutes * kNanosPerMinute) {
    return Admission::kBlockedByCooldown;
  }
  return Admission::kAllowed;
}

void OpenSignalBook::Open(std::size_t symbol, Direction direction, double position_value) {
  Slot& slot = slots_[Index(symbol, direction)];
  ++slot.open;
  slot.value += position_value;
  exposure_ += position_value;
}

Status OpenSignalBook::Release(std::size_t symbol, Direction direction) {
  Slot& slot = slots_[Index(symbol, direction)];
  if (slot.open == 0) {
    return FailedPreconditionError("no open {} signal to close", DirectionName(direction));
  }
  const double released = slot.value / slot.open;
  --slot.open;
  slot.value = slot.open == 0 ? 0.0 : slot.value - released;
  exposure_ -= released;
  if (exposure_ < 0) exposure_ = 0;  // rounding
  return Status::Ok();
}

Status OpenSignalBook::Close(std::size_t symbol, Direction direction, UnixNanos closed_at) {
  RETURN_IF_ERROR(Release(symbol, direction));
  Slot& slot = slots_[Index(symbol, direction)];
  slot.closed_before = true;
  slot.last_closed_at = closed_at;
  return Status::Ok();
}

}  // namespace pulse::signal
