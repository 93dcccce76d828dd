// ReportFile: the --report file of `pulse backtest` and `pulse stats`.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace pulse::app {

// The --report file, opened before the work so that a path that cannot be written is refused
// (with the OS reason) before any work or output. Written once; removed again when the command
// fails before that and the file did not exist before. Single-threaded.
class ReportFile {
 public:
  ReportFile() = default;
  ReportFile(const ReportFile&) = delete;
  ReportFile& operator=(const ReportFile&) = delete;
  ~ReportFile();

  // Creates the file, or opens an existing one without truncating it yet. InvalidArgument
  // naming the path and the reason when neither works (missing directory, a directory, no
  // permission, ...).
  Status Open(const std::string& path);

  // Replaces the file's content with `text` and closes it.
  Status Write(std::string_view text);

 private:
  std::string path_;
  int fd_ = -1;
  bool created_ = false;
};

}  // namespace pulse::app
