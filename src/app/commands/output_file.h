// OutputFile: a file a command writes at the end of its work (the --report of `pulse backtest`
// and `pulse stats`, the --store of `pulse backtest`).
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace pulse::app {

// A file opened before the work, so that a path that cannot be written is refused (with the
// OS reason) before any work or output. Written once; removed again when the command fails
// before that and the file did not exist before. Single-threaded.
class OutputFile {
 public:
  OutputFile() = default;
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;
  ~OutputFile();

  // Creates the file, or opens an existing one without truncating it yet (Write replaces it).
  // InvalidArgument naming `what`, the path and the reason when neither works (missing
  // directory, a directory, no permission, ...).
  Status Open(const std::string& path, std::string_view what);
  // Creates the file, empty; InvalidArgument naming `what` and the path when it exists already
  // (its content is never touched) or cannot be created.
  Status Create(const std::string& path, std::string_view what);

  const std::string& path() const { return path_; }

  // Replaces the file's content with `text` and closes it.
  Status Write(std::string_view text);
  // Closes the file, which something else has written by now (by its path): it stays.
  Status Keep();

 private:
  // Creates the file exclusively; 0, or the errno of the failure.
  int CreateNew(const std::string& path, std::string_view what);
  Status CannotWrite(int error) const;

  std::string path_;
  std::string what_;
  int fd_ = -1;
  bool created_ = false;
};

}  // namespace pulse::app
