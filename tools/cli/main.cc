// wenjin: one binary, subcommands (see `wenjin help`).
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "store/heap.h"
#include "tools/cli/command.h"

namespace wenjin::cli {

std::vector<Command>& MutableCommands() {
  static std::vector<Command> commands;
  return commands;
}

bool RegisterCommand(const Command& command) {
  MutableCommands().push_back(command);
  return true;
}

const std::vector<Command>& Commands() { return MutableCommands(); }

Args::Args(const std::vector<std::string>& args) : rest_(args) {}

std::string Args::Option(const std::string& name, const std::string& fallback) {
  const std::string flag = "--" + name;
  for (size_t i = 0; i < rest_.size(); ++i) {
    if (rest_[i] == flag) {
      if (i + 1 >= rest_.size()) {
        error_ = flag + " needs a value";
        rest_.erase(rest_.begin() + i);
        return fallback;
      }
      std::string value = rest_[i + 1];
      rest_.erase(rest_.begin() + i, rest_.begin() + i + 2);
      return value;
    }
    if (rest_[i].rfind(flag + "=", 0) == 0) {
      std::string value = rest_[i].substr(flag.size() + 1);
      rest_.erase(rest_.begin() + i);
      return value;
    }
  }
  return fallback;
}

bool Args::Flag(const std::string& name) {
  const std::string flag = "--" + name;
  for (size_t i = 0; i < rest_.size(); ++i) {
    if (rest_[i] == flag) {
      rest_.erase(rest_.begin() + i);
      return true;
    }
  }
  return false;
}

std::string Args::UnknownOption() const {
  for (const auto& a : rest_) {
    if (a.size() > 2 && a.rfind("--", 0) == 0) return a;
  }
  return "";
}

long long Args::Integer(const std::string& name, long long fallback, long long min, long long max) {
  const std::string text = Option(name, "");
  if (text.empty()) return fallback;
  try {
    size_t used = 0;
    const long long n = std::stoll(text, &used);
    if (used == text.size() && n >= min && n <= max) return n;
  } catch (const std::exception&) {
  }
  if (error_.empty()) {
    error_ = "--" + name + " must be a whole number from " + std::to_string(min) + " to " + std::to_string(max);
  }
  return fallback;
}

bool Args::Done(const char* usage, size_t min_rest, size_t max_rest, const char* rest_what) const {
  std::string problem = error_;
  if (problem.empty() && !UnknownOption().empty()) problem = "unknown option " + UnknownOption();
  if (problem.empty() && rest_.size() < min_rest) problem = std::string("expected ") + rest_what;
  if (problem.empty() && rest_.size() > max_rest) problem = "unexpected argument '" + rest_[max_rest] + "'";
  if (problem.empty()) return true;
  Fail(problem + "\n" + usage, 2);
  return false;
}

api::PlatformOptions DataDirOptions(Args* args) {
  api::PlatformOptions options;
  options.data_dir = args->Option("data", "data");
  options.index_cache_bytes =
      static_cast<size_t>(args->Integer("index-cache-mb", store::Db::kDefaultIndexCacheBytes >> 20, 1, 1 << 20)) << 20;
  options.lexicon_dir = std::string(WENJIN_SOURCE_DIR) + "/lexicons";
  return options;
}

int Fail(const std::string& message, int code) {
  std::cerr << "wenjin: " << message << "\n";
  return code;
}

namespace {
void PrintUsage(std::FILE* out) {
  std::fprintf(out, "usage: wenjin COMMAND [ARGS]\n\ncommands:\n");
  for (const auto& c : Commands()) std::fprintf(out, "  %-16s %s\n", c.name, c.summary);
}
}  // namespace

}  // namespace wenjin::cli

int main(int argc, char** argv) {
  using namespace wenjin::cli;
  wenjin::store::LimitHeapRetention();
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "help" || args[0] == "--help" || args[0] == "-h") {
    PrintUsage(args.empty() ? stderr : stdout);
    return args.empty() ? 2 : 0;
  }
  // Longest name first, so "lexicon check" wins over a hypothetical "lexicon".
  const Command* best = nullptr;
  size_t best_words = 0;
  for (const auto& c : Commands()) {
    std::string name = c.name;
    size_t words = 0, pos = 0;
    bool match = true;
    while (pos <= name.size()) {
      size_t space = name.find(' ', pos);
      std::string word = name.substr(pos, space == std::string::npos ? std::string::npos : space - pos);
      if (words >= args.size() || args[words] != word) {
        match = false;
        break;
      }
      ++words;
      if (space == std::string::npos) break;
      pos = space + 1;
    }
    if (match && words > best_words) {
      best = &c;
      best_words = words;
    }
  }
  if (!best) {
    std::fprintf(stderr, "wenjin: unknown command '%s'\n", args[0].c_str());
    PrintUsage(stderr);
    return 2;
  }
  return best->run(std::vector<std::string>(args.begin() + best_words, args.end()));
}
