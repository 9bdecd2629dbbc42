// What the benchmark programs share: the bundled corpus, reading its resources' text, the common
// "[--min-mb N] [CORPUS]" arguments, and thread CPU time.
#pragma once

#include <time.h>

#include <cstdlib>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

namespace wenjin::bench {

// <repository>/corpora/catalog.ndjson, found from this header's own path.
inline std::string DefaultCorpus() {
  const std::string here = __FILE__;  // .../tools/bench/bench_corpus.h
  const size_t cut = here.rfind("tools/bench/");
  return (cut == std::string::npos ? std::string() : here.substr(0, cut)) + "corpora/catalog.ndjson";
}

// The text fields of one resource line (absent fields are empty).
struct CorpusEntry {
  std::string lang;
  std::string title;
  std::string description;
  std::string body;
};

// Calls fn(const CorpusEntry&) for every line of `path` that is a JSON object. False when the file
// cannot be read or holds no such line.
template <typename Fn>
bool ForEachCorpusEntry(const std::string& path, Fn fn) {
  std::ifstream in(path);
  if (!in) return false;
  auto text = [](const nlohmann::json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  bool any = false;
  std::string line;
  while (std::getline(in, line)) {
    auto j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (!j.is_object()) continue;
    fn(CorpusEntry{text(j, "lang"), text(j, "title"), text(j, "description"), text(j, "body")});
    any = true;
  }
  return any;
}

// "[--min-mb N] [CORPUS]": how much text to process at least, and from which corpus. Other
// arguments are left to the program: `other(arg)` returns false for one it does not know either.
struct CorpusArgs {
  std::string corpus = DefaultCorpus();
  double min_mb = 50;
};
template <typename Other>
CorpusArgs ParseCorpusArgs(int argc, char** argv, double default_min_mb, Other other) {
  CorpusArgs args;
  args.min_mb = default_min_mb;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--min-mb" && i + 1 < argc) {
      args.min_mb = std::atof(argv[++i]);
    } else if (!other(a)) {
      args.corpus = a;
    }
  }
  return args;
}
inline CorpusArgs ParseCorpusArgs(int argc, char** argv, double default_min_mb) {
  return ParseCorpusArgs(argc, argv, default_min_mb, [](const std::string&) { return false; });
}

// CPU time of the calling thread, in seconds: what a one-thread throughput figure divides by.
inline double ThreadCpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

}  // namespace wenjin::bench
