// Runs the real `wenjin` binary from tests: to completion with captured output, or as a child
// whose stdout is read line by line while it runs (for the kill -9 tests).
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/util/testutil.h"

namespace wenjin::testing {

struct CliResult {
  int exit_code = -1;  // -1: did not exit normally
  std::string out, err;
};

namespace internal {
inline pid_t SpawnWenjin(const std::vector<std::string>& args, int stdin_fd, int stdout_fd, int stderr_fd) {
  std::vector<std::string> argv = {WENJIN_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  pid_t pid = ::fork();
  if (pid == 0) {
    if (stdin_fd >= 0) ::dup2(stdin_fd, 0);
    ::dup2(stdout_fd, 1);
    ::dup2(stderr_fd, 2);
    std::vector<char*> cargs;
    for (auto& a : argv) cargs.push_back(a.data());
    cargs.push_back(nullptr);
    ::execv(cargs[0], cargs.data());
    ::_exit(127);
  }
  return pid;
}

inline std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}
}  // namespace internal

// Runs `wenjin args...` to completion. `stdin_path` empty: stdin is /dev/null. Output is
// captured through files in `scratch` (a directory the caller owns).
inline CliResult RunWenjin(const std::vector<std::string>& args, const std::string& scratch,
                           const std::string& stdin_path = "") {
  static int counter = 0;
  const std::string base = scratch + "/run" + std::to_string(counter++);
  int in = ::open(stdin_path.empty() ? "/dev/null" : stdin_path.c_str(), O_RDONLY);
  int out = ::open((base + ".out").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  int err = ::open((base + ".err").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid = internal::SpawnWenjin(args, in, out, err);
  ::close(in);
  ::close(out);
  ::close(err);
  CliResult result;
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  result.out = internal::Slurp(base + ".out");
  result.err = internal::Slurp(base + ".err");
  return result;
}

// A running `wenjin` whose stdout the test reads as it is written; stderr goes to a file.
class CliChild {
 public:
  CliChild(const std::vector<std::string>& args, const std::string& stderr_path) {
    int fds[2];
    if (::pipe(fds) != 0) return;
    int err = ::open(stderr_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    pid_ = internal::SpawnWenjin(args, -1, fds[1], err);
    ::close(fds[1]);
    ::close(err);
    out_ = ::fdopen(fds[0], "r");
  }
  ~CliChild() {
    if (pid_ > 0) Kill(SIGKILL);
    if (out_) std::fclose(out_);
  }
  CliChild(const CliChild&) = delete;
  CliChild& operator=(const CliChild&) = delete;

  // The next line of stdout without its newline; false at end of output.
  bool ReadLine(std::string* line) {
    if (!out_) return false;
    char buffer[4096];
    if (!std::fgets(buffer, sizeof buffer, out_)) return false;
    *line = buffer;
    if (!line->empty() && line->back() == '\n') line->pop_back();
    return true;
  }
  // Sends `signal`, reaps the child and returns its wait status.
  int Kill(int signal) {
    ::kill(pid_, signal);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return status;
  }

 private:
  pid_t pid_ = -1;
  FILE* out_ = nullptr;
};

}  // namespace wenjin::testing
