// OutcomeWindow: the recent resolved outcomes the traffic light judges: win rate and
// calibration error over the last N, and the current losing streak. The outcomes are the
// traded signals', and, on probation, those of signals the red light denied (their shadows).
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <vector>

#include "model/signal.h"

namespace pulse::risk {

// Calibration over the window: the ECE of the signals' confidence against win (1) / not win (0),
// over the `count` outcomes in the window that carried a confidence. NaN ece when count is 0.
struct WindowCalibration {
  double ece = 0;
  std::int64_t count = 0;
};

// Lifecycle: owned by the TradingController; Clear() on an acknowledged red.
// Threading: not thread-safe (the engine thread).
class OutcomeWindow {
 public:
  // `capacity` >= 1 and `bins` in [1, 10000] (checked by RiskConfig::Validate).
  OutcomeWindow(int capacity, int bins) : capacity_(capacity), bins_(bins) {}

  // Adds a resolved outcome (not kOpen). A loss extends the losing streak; a win or a
  // breakeven ends it. The oldest entry drops out when the window is full. `denied`: the
  // shadow outcome of a signal the red light denied (probation), counted in denied().
  void Add(Outcome outcome, std::optional<double> confidence, bool denied = false);
  // Empties the window and ends the streak.
  void Clear();

  int size() const { return static_cast<int>(entries_.size()); }
  int wins() const { return wins_; }
  // How many of the outcomes in the window are denied signals' shadows.
  int denied() const { return denied_; }
  // Wins over the outcomes in the window (breakevens count as non-wins); NaN when empty.
  double win_rate() const;
  int consecutive_losses() const { return streak_; }
  // Computed once per change of the window (the traffic light asks at every evaluation).
  WindowCalibration Calibration() const;
  // The outcomes in the window, oldest first.
  std::vector<Outcome> Outcomes() const;

 private:
  struct Entry {
    Outcome outcome;
    std::optional<double> confidence;
    bool denied;
  };
  int capacity_;
  int bins_;
  std::deque<Entry> entries_;
  int wins_ = 0;
  int denied_ = 0;
  int streak_ = 0;
  mutable std::optional<WindowCalibration> calibration_;  // cache; reset by Add and Clear
};

}  // namespace pulse::risk
