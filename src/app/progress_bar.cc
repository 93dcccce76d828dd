#include "app/progress_bar.h"

#include <unistd.h>

#include <algorithm>

#include <fmt/format.h>

namespace pulse::app {

namespace {
constexpr int kBarWidth = 30;
}

ProgressBar::ProgressBar(std::string label, std::int64_t total, Mode mode, std::FILE* out)
    : label_(std::move(label)), total_(std::max<std::int64_t>(total, 1)), out_(out) {
  tty_ = isatty(fileno(out_)) != 0;
  enabled_ = mode != Mode::kOff;
  if (mode == Mode::kOn) tty_ = true;
}

void ProgressBar::Update(std::int64_t done) {
  done_ = done;
  if (enabled_) Draw(done, false);
}

void ProgressBar::Finish() {
  if (finished_) return;
  finished_ = true;
  if (enabled_) Draw(done_, true);
}

void ProgressBar::Draw(std::int64_t done, bool final) {
  const double frac = std::clamp(static_cast<double>(done) / static_cast<double>(total_), 0.0, 1.0);
  if (tty_) {
    const int filled = static_cast<int>(frac * kBarWidth);
    if (filled == last_width_ && !final) return;
    last_width_ = filled;
    fmt::print(out_, "\r{} [{}{}] {:3.0f}% {}/{}", label_, std::string(filled, '#'),
               std::string(kBarWidth - filled, '.'), frac * 100, done, total_);
    if (final) fmt::print(out_, "\n");
    std::fflush(out_);
    return;
  }
  const int decile = static_cast<int>(frac * 10);
  if (decile == last_decile_ && !final) return;
  if (final && decile == last_decile_) return;
  last_decile_ = decile;
  fmt::print(out_, "{}: {:.0f}% ({}/{})\n", label_, frac * 100, done, total_);
  std::fflush(out_);
}

}  // namespace pulse::app
