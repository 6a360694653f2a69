#pragma once
#include <string>

namespace mensura::test {

// A fresh folder under /tmp removed when the object dies.
class TempDir {
  public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::string& path() const { return path_; }
    std::string operator/(const std::string& name) const { return path_ + "/" + name; }

  private:
    std::string path_;
};

// Runs a shell command, returns its exit status and fills out with what it printed on stdout.
int runCommand(const std::string& command, std::string* out = nullptr);

}  // namespace mensura::test
