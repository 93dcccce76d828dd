#include "engines/signal/theory.h"

namespace pulse::signal {

std::string_view VoteName(Vote v) {
  switch (v) {
    case Vote::kLong:
      return "long";
    case Vote::kShort:
      return "short";
    case Vote::kNone:
      return "none";
  }
  return "none";
}

}  // namespace pulse::signal
