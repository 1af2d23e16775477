#pragma once
// Test-only: a fresh directory under the system temp dir, removed with everything in it when
// the object goes away.
#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace platform::testing {

class TempDir {
 public:
  explicit TempDir(const std::string& prefix = "test") {
    std::string tmpl = (std::filesystem::temp_directory_path() / (prefix + "-XXXXXX")).string();
    if (!mkdtemp(tmpl.data())) std::abort();
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::string path() const { return path_.string(); }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace platform::testing
