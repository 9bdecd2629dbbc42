// Per-reader search state shared by concurrent queries: BM25 field statistics, the fields present,
// and the typo-candidate dictionary of the folded field (built on first need).
#pragma once

#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include <lucene++/LuceneHeaders.h>

#include "index/bm25.h"
#include "index/fuzzy.h"

namespace wenjin::index {

// One analysed token of a query word.
struct QueryToken {
  Lucene::String term;
  int32_t position = 0;  // 0 for the first token; stacked alternatives share a position
  Lucene::String type;   // analysis token type (<WORD>, <BIGRAM>, <DICT> ...)
};

// Analyses `text` as `field` with `analyzer`. Never throws (a failure gives no tokens).
std::vector<QueryToken> AnalyzeQueryText(const Lucene::AnalyzerPtr& analyzer, const Lucene::String& field,
                                         const Lucene::String& text);

// Thread-safe; lives as long as the reader it describes is the current one.
class ReaderContext {
 public:
  explicit ReaderContext(Lucene::IndexReaderPtr reader);

  const Lucene::IndexReaderPtr& reader() const { return reader_; }
  const FieldStatsPtr& stats() const { return stats_; }
  bool HasField(const Lucene::String& field) const { return fields_.count(field) > 0; }
  // The term dictionary of schema::kAllFold, built on first call (O(terms)).
  const TermDictionary& TypoDictionary();
  // Terms of `field` starting with `prefix`, most frequent first, at most `limit`.
  std::vector<Lucene::String> PrefixTerms(const Lucene::String& field, const Lucene::String& prefix,
                                          size_t limit) const;

 private:
  Lucene::IndexReaderPtr reader_;
  FieldStatsPtr stats_;
  std::set<Lucene::String> fields_;  // constant after construction
  std::once_flag dictionary_once_;
  std::unique_ptr<TermDictionary> dictionary_;
};

}  // namespace wenjin::index
