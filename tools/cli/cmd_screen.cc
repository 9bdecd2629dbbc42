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
  const std::string chunk_arg = args.Option("chunk-size", "0");
  if (!args.error().empty()) return Fail(args.error() + "\n" + kUsage, 2);
  if (!args.UnknownOption().empty()) return Fail("unknown option " + args.UnknownOption() + "\n" + kUsage, 2);
  if (args.rest().size() > 1) return Fail(kUsage, 2);
  if (origin != "human" && origin != "ai") return Fail("--origin must be human or ai", 2);
  size_t chunk = 0;
  try {
    size_t used = 0;
    chunk = std::stoul(chunk_arg, &used);
    if (used != chunk_arg.size()) throw std::invalid_argument(chunk_arg);
  } catch (const std::exception&) {
    return Fail("--chunk-size needs a number of bytes", 2);
  }

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
