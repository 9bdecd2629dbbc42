// `wenjin screen`: screens a file (or stdin) with a lexicon directory and prints the verdict
// as JSON; --chunk-size feeds it through the streaming path instead.
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "review/lexicon.h"
#include "review/screener.h"
#include "tools/cli/command.h"

namespace wenjin::cli {
namespace {

constexpr const char* kUsage =
    "usage: wenjin screen [--lexicons DIR] [--lang L] [--origin human|ai] [--chunk-size N] [FILE|-]";

int RunScreen(const std::vector<std::string>& argv) {
  Args args(argv);
  const std::string dir = args.Option("lexicons", WENJIN_SOURCE_DIR "/lexicons");
  const std::string lang = args.Option("lang", "");
  const std::string origin = args.Option("origin", "human");
  const size_t chunk = static_cast<size_t>(args.Integer("chunk-size", 0, 0, 1ll << 30));
  if (!args.Done(kUsage, 0, 1)) return 2;  // FILE or - (stdin), optional
  if (origin != "human" && origin != "ai") return Fail("--origin must be human or ai", 2);

  std::string text;
  const std::string path = args.rest().empty() ? "-" : args.rest()[0];
  if (path == "-") {
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Fail("cannot read " + path);
    std::ostringstream content;
    content << in.rdbuf();
    text = content.str();
  }

  std::shared_ptr<const review::Lexicon> lexicon;
  Status s = review::LoadLexiconDir(dir, &lexicon);
  if (!s.ok()) return Fail(s.ToString());
  review::Screener screener(lexicon);
  review::Verdict verdict;
  if (chunk == 0) {
    verdict = screener.Screen(text, lang, origin);
  } else {
    auto session = screener.NewSession(lang, origin);
    for (size_t pos = 0; pos < text.size() && !session->done(); pos += chunk) {
      session->Feed(std::string_view(text).substr(pos, chunk));
    }
    verdict = session->Finish();
  }
  std::cout << review::VerdictToJson(verdict).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
            << "\n";
  return 0;
}

}  // namespace
WENJIN_COMMAND("screen", "screen a text file (or stdin) with a lexicon; prints the verdict JSON", RunScreen);
}  // namespace wenjin::cli
