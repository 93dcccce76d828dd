#include "app/commands/report_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace pulse::app {

ReportFile::~ReportFile() {
  if (fd_ < 0) return;
  ::close(fd_);
  if (created_) ::unlink(path_.c_str());
}

Status ReportFile::Open(const std::string& path) {
  path_ = path;
  fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  created_ = fd_ >= 0;
  if (fd_ < 0 && errno == EEXIST) fd_ = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd_ < 0) {
    return InvalidArgumentError("cannot write the report to '{}': {}", path, std::strerror(errno));
  }
  return Status::Ok();
}

Status ReportFile::Write(std::string_view text) {
  const int fd = fd_;
  fd_ = -1;  // from here on the file stays, whatever happens
  auto failed = [&](int error) {
    ::close(fd);
    return InternalError("writing the report to '{}' failed: {}", path_, std::strerror(error));
  };
  if (::ftruncate(fd, 0) != 0) return failed(errno);
  while (!text.empty()) {
    const ssize_t n = ::write(fd, text.data(), text.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return failed(errno);
    text.remove_prefix(static_cast<std::size_t>(n));
  }
  if (::close(fd) != 0) {
    return InternalError("writing the report to '{}' failed: {}", path_, std::strerror(errno));
  }
  return Status::Ok();
}

}  // namespace pulse::app
