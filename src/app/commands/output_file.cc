#include "app/commands/output_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace pulse::app {

OutputFile::~OutputFile() {
  if (fd_ < 0) return;
  ::close(fd_);
  if (created_) ::unlink(path_.c_str());
}

int OutputFile::CreateNew(const std::string& path, std::string_view what) {
  path_ = path;
  what_ = what;
  fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  created_ = fd_ >= 0;
  return created_ ? 0 : errno;
}

Status OutputFile::CannotWrite(int error) const {
  return InvalidArgumentError("cannot write {} to '{}': {}", what_, path_, std::strerror(error));
}

Status OutputFile::Open(const std::string& path, std::string_view what) {
  int error = CreateNew(path, what);
  if (error == EEXIST) {
    fd_ = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    error = fd_ < 0 ? errno : 0;
  }
  return error == 0 ? Status::Ok() : CannotWrite(error);
}

Status OutputFile::Create(const std::string& path, std::string_view what) {
  const int error = CreateNew(path, what);
  if (error == EEXIST) {
    return InvalidArgumentError(
        "'{}' already exists: {} goes to a new file (remove it or name another)", path, what);
  }
  return error == 0 ? Status::Ok() : CannotWrite(error);
}

Status OutputFile::Write(std::string_view text) {
  const int fd = fd_;
  fd_ = -1;  // from here on the file stays, whatever happens
  auto failed = [&](int error) {
    ::close(fd);
    return InternalError("writing {} to '{}' failed: {}", what_, path_, std::strerror(error));
  };
  if (::ftruncate(fd, 0) != 0) return failed(errno);
  while (!text.empty()) {
    const ssize_t n = ::write(fd, text.data(), text.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return failed(errno);
    text.remove_prefix(static_cast<std::size_t>(n));
  }
  if (::close(fd) != 0) {
    return InternalError("writing {} to '{}' failed: {}", what_, path_, std::strerror(errno));
  }
  return Status::Ok();
}

Status OutputFile::Keep() {
  const int fd = fd_;
  fd_ = -1;
  if (fd >= 0 && ::close(fd) != 0) {
    return InternalError("closing {} '{}' failed: {}", what_, path_, std::strerror(errno));
  }
  return Status::Ok();
}

}  // namespace pulse::app
