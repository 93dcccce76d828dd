#include "engines/risk/outcome_window.h"

#include <algorithm>
#include <limits>

#include "analytics/calibration.h"

namespace pulse::risk {

void OutcomeWindow::Add(Outcome outcome, std::optional<double> confidence, bool denied) {
  if (outcome == Outcome::kLoss) {
    ++streak_;
  } else {
    streak_ = 0;
  }
  calibration_.reset();
  if (confidence && !(*confidence >= 0 && *confidence <= 1)) confidence.reset();
  entries_.push_back({outcome, confidence, denied});
  if (outcome == Outcome::kWin) ++wins_;
  if (denied) ++denied_;
  while (static_cast<int>(entries_.size()) > capacity_) {
    if (entries_.front().outcome == Outcome::kWin) --wins_;
    if (entries_.front().denied) --denied_;
    entries_.pop_front();
  }
}

void OutcomeWindow::Clear() {
  entries_.clear();
  calibration_.reset();
  wins_ = 0;
  denied_ = 0;
  streak_ = 0;
}

double OutcomeWindow::win_rate() const {
  if (entries_.empty()) return std::numeric_limits<double>::quiet_NaN();
  return static_cast<double>(wins_) / static_cast<double>(entries_.size());
}

WindowCalibration OutcomeWindow::Calibration() const {
  if (calibration_) return *calibration_;
  auto acc = analytics::CalibrationAccumulator::Create(bins_);
  if (!acc.ok()) return {std::numeric_limits<double>::quiet_NaN(), 0};
  for (const Entry& e : entries_) {
    if (!e.confidence) continue;
    // Confidence is in [0, 1] (checked in Add), so Add cannot fail.
    (void)acc->Add(*e.confidence, e.outcome == Outcome::kWin ? 1 : 0);
  }
  const analytics::CalibrationReport report = acc->Report();
  calibration_ = WindowCalibration{report.ece, report.count};
  return *calibration_;
}

std::vector<Outcome> OutcomeWindow::Outcomes() const {
  std::vector<Outcome> out;
  out.reserve(entries_.size());
  for (const Entry& e : entries_) out.push_back(e.outcome);
  return out;
}

}  // namespace pulse::risk
