// ShadowBook: which candidates the engine did not trade are being followed to their outcome
// ("shadows"), per symbol and direction, so a symbol that fails a gate on many consecutive bars
// yields one SignalRejected record (one shadow) instead of one per bar. Denied signals (emitted,
// then refused by the trading controller) occupy the same slot until their shadow closes.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "model/signal.h"

namespace pulse::signal {

// Which rejected candidates are output as SignalRejected records (and so become shadows).
enum class ShadowPolicy {
  kOnePerSymbolDirection,  // only when no shadow of that symbol and direction is open (default)
  kAll,                    // every rejected candidate
  kNone,                   // none: rejected candidates are only counted
};

// "one_per_symbol_direction", "all", "none".
std::string_view ShadowPolicyName(ShadowPolicy policy);
// The inverse of ShadowPolicyName; InvalidArgument listing the accepted names.
Result<ShadowPolicy> ParseShadowPolicy(std::string_view text);

// Lifecycle: created once; AddSymbol on a symbol's first bar (the only allocation); WantsRecord
// per rejected candidate, Open per output record or denied signal, Close when a shadow's outcome
// is known. Threading: single-threaded (the engine thread).
class ShadowBook {
 public:
  // InvalidArgument for a policy outside the enum.
  static Result<ShadowBook> Create(ShadowPolicy policy);

  // A new symbol's slot id (0, 1, 2, ...), the same numbering as OpenSignalBook::AddSymbol.
  std::size_t AddSymbol();

  // Whether a rejected candidate of this symbol and direction is output as a record: always
  // (kAll), never (kNone), or only while no shadow is open (kOnePerSymbolDirection).
  bool WantsRecord(std::size_t symbol, Direction direction) const;
  // One more open shadow (an output rejected record or a denied signal).
  void Open(std::size_t symbol, Direction direction);
  // One shadow resolved. FailedPrecondition when none is open in that direction.
  Status Close(std::size_t symbol, Direction direction);

  int open_count(std::size_t symbol, Direction direction) const {
    return open_[Index(symbol, direction)];
  }
  ShadowPolicy policy() const { return policy_; }

 private:
  explicit ShadowBook(ShadowPolicy policy) : policy_(policy) {}
  static std::size_t Index(std::size_t symbol, Direction d) {
    return symbol * 2 + (d == Direction::kLong ? 0 : 1);
  }

  ShadowPolicy policy_;
  std::vector<int> open_;  // open shadows per symbol x direction
};

}  // namespace pulse::signal
