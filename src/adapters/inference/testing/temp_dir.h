// TempDir: a fresh folder under the system temporary directory for one test, removed with
// everything in it when the object goes away. Test-only; one per test; not thread-safe.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>

namespace pulse::inference {

class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "pulse_inference_XXXXXX");
    char* made = ::mkdtemp(pattern.data());
    path_ = made == nullptr ? std::string() : std::string(made);
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const {
    return (std::filesystem::path(path_) / name).string();
  }

 private:
  std::string path_;
};

}  // namespace pulse::inference
