// The `wenjin` CLI's subcommands register themselves here, one file per subcommand, so adding
// one touches no shared table. Each returns the process exit code.
#pragma once

#include <string>
#include <vector>

#include "api/platform.h"

namespace wenjin::cli {

using CommandFn = int (*)(const std::vector<std::string>& args);

struct Command {
  const char* name;     // "index", "lexicon check" (a two-word name takes two arguments)
  const char* summary;  // one line for `wenjin help`
  CommandFn run;        // receives the arguments after the name
};

// Called from static initialisers (see WENJIN_COMMAND).
bool RegisterCommand(const Command& command);
const std::vector<Command>& Commands();

// Small shared argument helpers: "--data DIR" / "--data=DIR" style options.
class Args {
 public:
  explicit Args(const std::vector<std::string>& args);
  // Removes and returns the value of --name; `fallback` when absent. Sets error() when the
  // option is present without a value.
  std::string Option(const std::string& name, const std::string& fallback = "");
  bool Flag(const std::string& name);  // removes --name, true if it was present
  // What is left once options are taken: positional arguments. An unknown --option left here
  // is an error the command should report.
  const std::vector<std::string>& rest() const { return rest_; }
  std::string UnknownOption() const;  // first leftover "--x", or ""
  const std::string& error() const { return error_; }

  // Removes --name and returns it as a whole number in [min, max]; `fallback` when absent. A
  // value that is not one sets error().
  long long Integer(const std::string& name, long long fallback, long long min, long long max);

  // Ends option parsing. Returns false, after printing the problem and `usage` to stderr, when an
  // option was bad or unknown or the positional arguments number fewer than `min_rest` or more
  // than `max_rest` ("expected <rest_what>"). Commands then exit with 2.
  bool Done(const char* usage, size_t min_rest = 0, size_t max_rest = 0, const char* rest_what = "an argument") const;

 private:
  std::vector<std::string> rest_;
  std::string error_;
};

// Prints "wenjin: message" to stderr and returns `code`, for `return Fail(...)`.
int Fail(const std::string& message, int code = 1);

// What commands that open a data directory share: --data DIR (default ./data) and, for a new
// directory, the bundled lexicon (Platform::Open screens with the active one).
api::PlatformOptions DataDirOptions(Args* args);

}  // namespace wenjin::cli

#define WENJIN_CONCAT_INNER(a, b) a##b
#define WENJIN_CONCAT(a, b) WENJIN_CONCAT_INNER(a, b)
#define WENJIN_COMMAND(name, summary, fn)                                          \
  static const bool WENJIN_CONCAT(wenjin_command_registered_, __LINE__) =          \
      ::wenjin::cli::RegisterCommand(::wenjin::cli::Command{name, summary, fn})
