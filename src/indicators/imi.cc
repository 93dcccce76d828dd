#include "indicators/imi.h"

namespace pulse::indicators {

Imi::Imi(int period) : period_(period), ups_(period), downs_(period) {}

void Imi::Update(const Bar& bar) {
  const double up = bar.close > bar.open ? bar.close - bar.open : 0.0;
  const double down = bar.close > bar.open ? 0.0 : bar.open - bar.close;
  if (ups_.Full()) {
    up_ -= ups_.Oldest();
    down_ -= downs_.Oldest();
  }
  ups_.Push(up);
  downs_.Push(down);
  up_ += up;
  down_ += down;
  if (!ups_.Full()) return;
  if (++since_resum_ >= period_) {
    // Oldest first, as TA-Lib sums.
    up_ = 0;
    down_ = 0;
    for (int i = period_ - 1; i >= 0; --i) {
      up_ += ups_.Back(i);
      down_ += downs_.Back(i);
    }
    since_resum_ = 0;
  }
  const double total = up_ + down_;
  value_ = total != 0.0 ? 100.0 * (up_ / total) : 0.0;
}

void Imi::Reset() {
  ups_.Clear();
  downs_.Clear();
  up_ = 0;
  down_ = 0;
  since_resum_ = 0;
  value_ = kNaN;
}

}  // namespace pulse::indicators
