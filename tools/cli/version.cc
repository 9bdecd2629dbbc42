#include <cstdio>

#include "tools/cli/command.h"

namespace wenjin::cli {
namespace {
int RunVersion(const std::vector<std::string>&) {
  std::printf("wenjin 0.1.0\n");
  return 0;
}
}  // namespace
WENJIN_COMMAND("version", "print the version", RunVersion);
}  // namespace wenjin::cli
