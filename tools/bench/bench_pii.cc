// bench_pii: throughput of PiiDetector::Detect on real multilingual text (the bundled corpus),
// as is and with PII planted in it, plus what it flags in the real text (false positives show
// up there: the corpus is public-domain prose, not contact lists).
//
// Usage: bench_pii [CORPUS.ndjson] [--min-mb N] [--show]
//   CORPUS defaults to corpora/catalog.ndjson of the source tree. Each workload runs records
//   one Detect() call each, repeated until at least N MB (default 50) were scanned, on one
//   thread; MB/s is per second of that thread's CPU time (the machine is shared). --show
//   prints every match found in the unmodified corpus.
#include <time.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "review/pii.h"
#include "tools/bench/bench_corpus.h"

namespace {

using wenjin::review::PiiDetector;
using wenjin::review::PiiMatch;
using wenjin::review::PiiOptions;

struct Record {
  std::string text;
  std::string lang;
};

bool LoadCorpus(const std::string& path, std::vector<Record>* out, size_t* bytes) {
  return wenjin::bench::ForEachCorpusEntry(path, [&](const wenjin::bench::CorpusEntry& e) {
    Record r{e.title + "\n" + e.description, e.lang};
    *bytes += r.text.size();
    out->push_back(std::move(r));
  });
}

// Runs Detect over the records until min_bytes were scanned; returns MB/s of CPU time.
double Measure(const PiiDetector& detector, const std::vector<Record>& records, size_t min_bytes,
               size_t* matches) {
  size_t scanned = 0;
  *matches = 0;
  const double start = wenjin::bench::ThreadCpuSeconds();
  while (scanned < min_bytes) {
    for (const auto& r : records) {
      PiiOptions options;
      options.lang = r.lang;
      *matches += detector.Detect(r.text, options).size();
      scanned += r.text.size();
    }
  }
  return scanned / 1e6 / (wenjin::bench::ThreadCpuSeconds() - start);
}

}  // namespace

int main(int argc, char** argv) {
  bool show = false;
  const auto [corpus, min_mb] = wenjin::bench::ParseCorpusArgs(argc, argv, 50, [&](const std::string& arg) {
    return arg == "--show" && (show = true);
  });
  std::vector<Record> records;
  size_t bytes = 0;
  if (!LoadCorpus(corpus, &records, &bytes)) {
    std::fprintf(stderr, "cannot read corpus %s\n", corpus.c_str());
    return 1;
  }
  std::unique_ptr<PiiDetector> detector;
  if (auto status = PiiDetector::Create(&detector); !status.ok()) {
    std::fprintf(stderr, "%s\n", status.ToString().c_str());
    return 1;
  }

  // What the real corpus trips, by rule.
  std::map<std::string, int> by_rule;
  for (const auto& r : records) {
    PiiOptions options;
    options.lang = r.lang;
    for (const PiiMatch& m : detector->Detect(r.text, options)) {
      ++by_rule[m.rule];
      if (show)
        std::printf("%-22s %-6s %s\n", m.rule.c_str(), r.lang.c_str(),
                    r.text.substr(m.start, m.end - m.start).c_str());
    }
  }
  std::printf("corpus: %zu records, %.1f MB\n", records.size(), bytes / 1e6);
  for (const auto& [rule, n] : by_rule) std::printf("  flagged %-28s %d\n", rule.c_str(), n);

  // The same records with one planted item of each kind every few records.
  const char* planted[] = {
      " write to zhang.san@example.com ", " call +44 20 7946 0958 ", " 电话13800138000 ",
      " card 4111 1111 1111 1111 ",       " IBAN DE89 3704 0044 0532 0130 00 ",
      " 身份证11010519491231002X ",      " AKIAIOSFODNN7EXAMPLE ", " https://example.com/x ",
  };
  std::vector<Record> dense = records;
  for (size_t i = 0; i < dense.size(); ++i) {
    size_t middle = dense[i].text.size() / 2;
    while (middle > 0 && (static_cast<unsigned char>(dense[i].text[middle]) & 0xC0) == 0x80) --middle;
    dense[i].text.insert(middle, planted[i % (sizeof(planted) / sizeof(planted[0]))]);
  }

  // Each planted item must be found (plus whatever the record had): a recall check on real
  // surroundings (CJK text without spaces, RTL scripts, punctuation).
  std::map<std::string, int> dense_by_rule;
  for (const auto& r : dense) {
    PiiOptions options;
    options.lang = r.lang;
    for (const PiiMatch& m : detector->Detect(r.text, options)) ++dense_by_rule[m.rule];
  }
  std::printf("planted: %zu records, one item each, %zu of each kind\n", dense.size(),
              dense.size() / (sizeof(planted) / sizeof(planted[0])));
  for (const auto& [rule, n] : dense_by_rule) std::printf("  flagged %-28s %d\n", rule.c_str(), n);

  const size_t min_bytes = static_cast<size_t>(min_mb * 1e6);
  size_t matches = 0;
  const double clean = Measure(*detector, records, min_bytes, &matches);
  std::printf("%-34s %8.1f MB/s (CPU)  matches %zu\n", "detect, corpus as is", clean, matches);
  const double planted_rate = Measure(*detector, dense, min_bytes, &matches);
  std::printf("%-34s %8.1f MB/s (CPU)  matches %zu\n", "detect, one planted item/record", planted_rate, matches);
  return 0;
}
