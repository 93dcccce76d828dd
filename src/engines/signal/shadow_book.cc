#include "engines/signal/shadow_book.h"

namespace pulse::signal {

std::string_view ShadowPolicyName(ShadowPolicy policy) {
  switch (policy) {
    case ShadowPolicy::kOnePerSymbolDirection:
      return "one_per_symbol_direction";
    case ShadowPolicy::kAll:
      return "all";
    case ShadowPolicy::kNone:
      return "none";
  }
  return "unknown";
}

Result<ShadowPolicy> ParseShadowPolicy(std::string_view text) {
  for (ShadowPolicy p :
       {ShadowPolicy::kOnePerSymbolDirection, ShadowPolicy::kAll, ShadowPolicy::kNone}) {
    if (text == ShadowPolicyName(p)) return p;
  }
  return InvalidArgumentError(
      "unknown shadow policy '{}' (accepted: one_per_symbol_direction, all, none)", text);
}

Result<ShadowBook> ShadowBook::Create(ShadowPolicy policy) {
  if (ShadowPolicyName(policy) == "unknown") {
    return InvalidArgumentError("shadows: unknown policy {}", static_cast<int>(policy));
  }
  return ShadowBook(policy);
}

std::size_t ShadowBook::AddSymbol() {
  open_.resize(open_.size() + 2, 0);
  return open_.size() / 2 - 1;
}

bool ShadowBook::WantsRecord(std::size_t symbol, Direction direction) const {
  switch (policy_) {
    case ShadowPolicy::kAll:
      return true;
    case ShadowPolicy::kNone:
      return false;
    case ShadowPolicy::kOnePerSymbolDirection:
      break;
  }
  return open_[Index(symbol, direction)] == 0;
}

void ShadowBook::Open(std::size_t symbol, Direction direction) {
  ++open_[Index(symbol, direction)];
}

Status ShadowBook::Close(std::size_t symbol, Direction direction) {
  int& open = open_[Index(symbol, direction)];
  if (open == 0) {
    return FailedPreconditionError("no open {} shadow to close", DirectionName(direction));
  }
  --open;
  return Status::Ok();
}

}  // namespace pulse::signal
