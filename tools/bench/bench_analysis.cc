// bench_analysis: throughput of the field analyzer and of language identification on the bundled
// corpus, per workload: the neutral field, the folded field, each record's language field, all
// three together (what indexing one record costs), and CLD2 detection.
//
// Usage: bench_analysis [CORPUS.ndjson] [--min-mb N]
//   CORPUS defaults to corpora/catalog.ndjson of the source tree (title + description + body of
//   every record). Each workload repeats the corpus until N MB (default 50) have been analysed,
//   on one thread, and reports MB/s and tokens/s per second of that thread's CPU time (the
//   machine is shared) plus records/s.
#include <time.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "index/analysis/field_analyzer.h"
#include "index/analysis/language.h"
#include "index/analysis/tokens.h"
#include "tools/bench/bench_corpus.h"

namespace {

using wenjin::analysis::AnalyzeField;
using wenjin::analysis::DetectLanguage;
using wenjin::analysis::HasLanguageAnalysis;
using wenjin::analysis::PrimarySubtag;

struct Record {
  std::string text;  // title, description and body joined by newlines
  std::string lang;  // primary subtag
};

bool Load(const std::string& path, std::vector<Record>* out, size_t* bytes) {
  *bytes = 0;
  return wenjin::bench::ForEachCorpusEntry(path, [&](const wenjin::bench::CorpusEntry& e) {
    Record r;
    for (const std::string* field : {&e.title, &e.description, &e.body}) {
      if (!field->empty()) r.text += *field + "\n";
    }
    r.lang = PrimarySubtag(e.lang);
    *bytes += r.text.size();
    out->push_back(std::move(r));
  });
}

// Runs `per_record` over the corpus until min_bytes were processed; prints one table row.
void Run(const char* name, const std::vector<Record>& records, size_t corpus_bytes, size_t min_bytes,
         const std::function<size_t(const Record&)>& per_record) {
  size_t bytes = 0, tokens = 0, count = 0;
  double start = wenjin::bench::ThreadCpuSeconds();
  while (bytes < min_bytes) {
    for (const Record& r : records) tokens += per_record(r);
    bytes += corpus_bytes;
    count += records.size();
  }
  double seconds = wenjin::bench::ThreadCpuSeconds() - start;
  std::printf("| %-22s | %8.2f | %12.0f | %10.0f |\n", name, bytes / 1e6 / seconds, tokens / seconds,
              count / seconds);
}

}  // namespace

int main(int argc, char** argv) {
  const auto [corpus, min_mb] = wenjin::bench::ParseCorpusArgs(argc, argv, 50);
  std::vector<Record> records;
  size_t corpus_bytes = 0;
  if (!Load(corpus, &records, &corpus_bytes)) {
    std::fprintf(stderr, "bench_analysis: cannot read %s\n", corpus.c_str());
    return 1;
  }
  std::printf("corpus %s: %zu records, %.2f MB of text; at least %.0f MB per workload, one thread, CPU time\n\n",
              corpus.c_str(), records.size(), corpus_bytes / 1e6, min_mb);
  std::printf("| %-22s | %8s | %12s | %10s |\n", "workload", "MB/s", "tokens/s", "records/s");
  std::printf("|%s|%s|%s|%s|\n", "------------------------", "----------", "--------------", "------------");
  const size_t min_bytes = static_cast<size_t>(min_mb * 1e6);
  Run("neutral (all)", records, corpus_bytes, min_bytes, [](const Record& r) { return AnalyzeField("all", r.text).size(); });
  Run("folded (all.fold)", records, corpus_bytes, min_bytes,
      [](const Record& r) { return AnalyzeField("all.fold", r.text).size(); });
  Run("language (text.<lang>)", records, corpus_bytes, min_bytes,
      [](const Record& r) { return AnalyzeField("text." + r.lang, r.text).size(); });
  Run("record: all three", records, corpus_bytes, min_bytes, [](const Record& r) {
    size_t n = AnalyzeField("all", r.text).size() + AnalyzeField("all.fold", r.text).size();
    if (HasLanguageAnalysis(r.lang)) n += AnalyzeField("text." + r.lang, r.text).size();
    return n;
  });
  Run("DetectLanguage (CLD2)", records, corpus_bytes, min_bytes, [](const Record& r) {
    return static_cast<size_t>(DetectLanguage(r.text).reliable);
  });
  return 0;
}
