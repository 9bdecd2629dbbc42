// Typo candidates: Lucene++ FuzzyQuery (compares the word with every term) against wenjin's
// TermDictionary (sorted-term trie walk), on the all.fold dictionary of a corpus.
//
//   bench_fuzzy [corpus.ndjson] [queries]   (defaults: corpora/catalog.ndjson, 300 queries)
#include <chrono>
#include <cstdio>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include <lucene++/LuceneHeaders.h>
#include <lucene++/FuzzyQuery.h>
#include <lucene++/TermEnum.h>

#include "index/analysis/field_analyzer.h"
#include "index/document_builder.h"
#include "index/fuzzy.h"
#include "store/resource.h"

using namespace wenjin;
using Clock = std::chrono::steady_clock;

static double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

int main(int argc, char** argv) {
  const std::string path = argc > 1 ? argv[1] : "corpora/catalog.ndjson";  // run from the repository
  const int queries = argc > 2 ? std::atoi(argv[2]) : 300;
  std::ifstream in(path);
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", path.c_str());
    return 1;
  }
  auto dir = Lucene::newLucene<Lucene::RAMDirectory>();
  auto writer = Lucene::newLucene<Lucene::IndexWriter>(dir, analysis::NewFieldAnalyzer(), true,
                                                       Lucene::IndexWriter::MaxFieldLengthUNLIMITED);
  std::string line;
  size_t docs = 0;
  while (std::getline(in, line)) {
    Resource r;
    if (!ParseResource(line, &r).ok()) continue;
    writer->addDocument(index::BuildDocument(r));
    ++docs;
  }
  writer->optimize();
  writer->close();
  auto reader = Lucene::IndexReader::open(dir, true);

  const Lucene::String field = L"all.fold";
  auto t0 = Clock::now();
  std::vector<index::TermDictionary::Entry> entries;
  auto terms = reader->terms(Lucene::newLucene<Lucene::Term>(field, L""));
  do {
    auto t = terms->term();
    if (!t || t->field() != field) break;
    entries.push_back({t->text(), terms->docFreq()});
  } while (terms->next());
  index::TermDictionary dict(entries);
  const double build_ms = Ms(Clock::now() - t0);

  // Queries: dictionary words of 4+ letters, each with one deterministic typo.
  std::mt19937 rng(7);
  std::vector<std::wstring> words;
  std::vector<std::wstring> candidates;
  for (const auto& e : entries) {
    if (e.term.size() >= 4 && index::TypoTolerantScript(e.term)) candidates.push_back(e.term);
  }
  for (int i = 0; i < queries && !candidates.empty(); ++i) {
    std::wstring w = candidates[rng() % candidates.size()];
    const size_t p = 1 + rng() % (w.size() - 2);
    std::swap(w[p], w[p + 1]);
    words.push_back(w);
  }

  size_t ours_found = 0, lucene_found = 0;
  t0 = Clock::now();
  for (const auto& w : words) ours_found += dict.Within(w, index::MaxEdits(w.size())).size();
  const double ours_ms = Ms(Clock::now() - t0);

  t0 = Clock::now();
  for (const auto& w : words) {
    // FuzzyQuery's similarity is 1 - edits / length: this admits MaxEdits(length) edits.
    const double k = index::MaxEdits(w.size());
    const double min_similarity = 1.0 - (k + 0.5) / static_cast<double>(w.size());
    auto q = Lucene::newLucene<Lucene::FuzzyQuery>(Lucene::newLucene<Lucene::Term>(field, w), min_similarity, 0);
    auto rewritten = q->rewrite(reader);
    Lucene::SetTerm found = Lucene::SetTerm::newInstance();
    rewritten->extractTerms(found);
    lucene_found += found.size();
  }
  const double lucene_ms = Ms(Clock::now() - t0);

  std::printf("corpus %s: %zu documents, %zu terms in %ls (dictionary built in %.1f ms)\n", path.c_str(), docs,
              dict.size(), field.c_str(), build_ms);
  std::printf("%-28s %12s %14s\n", "typo candidates", "ms/query", "terms found");
  std::printf("%-28s %12.3f %14zu\n", "Lucene++ FuzzyQuery", lucene_ms / words.size(), lucene_found);
  std::printf("%-28s %12.3f %14zu\n", "wenjin TermDictionary", ours_ms / words.size(), ours_found);
  std::printf("speed-up: %.1fx\n", lucene_ms / ours_ms);
  return 0;
}
