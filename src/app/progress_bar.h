// ProgressBar: shows long work on the terminal (a redrawn bar on a TTY) or as progress lines
// (every 10% when the output is not a terminal, e.g. in logs and CI).
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace pulse::app {

// Single-threaded: call Update from the thread doing the work. Finish prints the last state.
class ProgressBar {
 public:
  enum class Mode { kAuto, kOn, kOff };
  // The --progress flag's value ("auto", "on", "off"; anything else is auto).
  static Mode ModeFromFlag(std::string_view flag) {
    if (flag == "on") return Mode::kOn;
    if (flag == "off") return Mode::kOff;
    return Mode::kAuto;
  }

  ProgressBar(std::string label, std::int64_t total, Mode mode = Mode::kAuto,
              std::FILE* out = stderr);
  void Update(std::int64_t done);
  void Finish();

 private:
  void Draw(std::int64_t done, bool final);

  std::string label_;
  std::int64_t total_;
  std::FILE* out_;
  bool tty_ = false;
  bool enabled_ = true;
  int last_decile_ = -1;
  int last_width_ = -1;
  std::int64_t done_ = 0;
  bool finished_ = false;
};

}  // namespace pulse::app
