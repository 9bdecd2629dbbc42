// Test helpers shared by every test program: status assertions and a temporary directory per test.
#pragma once

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "store/status.h"

#define ASSERT_OK(expr)                                   \
  do {                                                    \
    ::wenjin::Status _s = (expr);                         \
    ASSERT_TRUE(_s.ok()) << #expr << ": " << _s.ToString(); \
  } while (0)
#define EXPECT_OK(expr)                                   \
  do {                                                    \
    ::wenjin::Status _s = (expr);                         \
    EXPECT_TRUE(_s.ok()) << #expr << ": " << _s.ToString(); \
  } while (0)

namespace wenjin::testing {

// A fresh directory under the system temp dir, unique per process and instance, removed on
// destruction.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = info ? std::string(info->test_suite_name()) + "." + info->name() : "wenjin";
    for (auto& c : name) if (c == '/') c = '_';
    path_ = std::filesystem::temp_directory_path() /
            ("wenjin-" + name + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::string str(const std::string& child = "") const { return (child.empty() ? path_ : path_ / child).string(); }

 private:
  std::filesystem::path path_;
};

// Where the repository's files (corpora/, lexicons/) are.
inline std::filesystem::path SourceDir() { return WENJIN_SOURCE_DIR; }

}  // namespace wenjin::testing
