// `wenjin lexicon check DIR`: validates a lexicon directory (file:line errors, non-zero exit)
// and prints its rule counts by kind, category, severity and language.
#include <cstdio>
#include <iostream>

#include "review/lexicon.h"
#include "tools/cli/command.h"

namespace wenjin::cli {
namespace {

int RunLexiconCheck(const std::vector<std::string>& argv) {
  Args args(argv);
  if (!args.UnknownOption().empty() || args.rest().size() != 1) {
    return Fail("usage: wenjin lexicon check DIR", 2);
  }
  std::shared_ptr<const review::Lexicon> lexicon;
  Status s = review::LoadLexiconDir(args.rest()[0], &lexicon);
  if (!s.ok()) {
    std::cerr << s.message() << "\n";
    return 1;
  }
  std::printf("ok: %zu rules in %zu files, version %s\n", lexicon->rules().size(), lexicon->files().size(),
              lexicon->version().c_str());
  std::string section;
  for (const auto& [key, count] : lexicon->Counts()) {
    const std::string group = key.substr(0, key.find(':'));
    if (group != section) {
      section = group;
      std::printf("%s:\n", group.c_str());
    }
    std::printf("  %-24s %d\n", key.substr(key.find(':') + 1).c_str(), count);
  }
  return 0;
}

}  // namespace
WENJIN_COMMAND("lexicon check", "validate a lexicon directory and print its rule counts", RunLexiconCheck);
}  // namespace wenjin::cli
