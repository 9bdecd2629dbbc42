// Per-reader search state shared by concurrent queries: BM25 field statistics, the fields present,
// and the typo-candidate dictionary of the folded field (built on first need).
#pragma once

#include <map>
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

// Typo dictionaries of index segments, kept across readers: segments never change, so after a
// near-real-time reopen only new segments are read. Thread-safe.
class SegmentDictionaries {
 public:
  // The dictionary of schema::kAllFold in each segment of `reader` (built when missing); forgets
  // segments that `reader` no longer has.
  std::vector<std::shared_ptr<const TermDictionary>> For(const Lucene::IndexReaderPtr& reader);

 private:
  std::mutex mu_;
  // Keyed by the segment's FieldCache key, held so the address cannot be reused. Guarded by mu_.
  std::map<Lucene::LuceneObject*, std::pair<Lucene::LuceneObjectPtr, std::shared_ptr<const TermDictionary>>> cache_;
};

// Typo candidates over several segment dictionaries (doc_freq summed across segments).
std::vector<TermDictionary::Candidate> WithinAll(const std::vector<std::shared_ptr<const TermDictionary>>& dicts,
                                                 std::wstring_view word, int max_edits, size_t limit);

// Thread-safe; lives as long as the reader it describes is the current one.
class ReaderContext {
 public:
  // `dictionaries` (may be null: then nothing is shared across readers) must outlive this.
  explicit ReaderContext(Lucene::IndexReaderPtr reader, SegmentDictionaries* dictionaries = nullptr);

  const Lucene::IndexReaderPtr& reader() const { return reader_; }
  const FieldStatsPtr& stats() const { return stats_; }
  bool HasField(const Lucene::String& field) const { return fields_.count(field) > 0; }
  // Terms of schema::kAllFold within `max_edits` of `word` (see TermDictionary::Within). The
  // segment dictionaries are fetched on first call.
  std::vector<TermDictionary::Candidate> TypoCandidates(std::wstring_view word, int max_edits, size_t limit);
  // Terms of `field` starting with `prefix`, most frequent first, at most `limit`.
  std::vector<Lucene::String> PrefixTerms(const Lucene::String& field, const Lucene::String& prefix,
                                          size_t limit) const;

 private:
  Lucene::IndexReaderPtr reader_;
  FieldStatsPtr stats_;
  std::set<Lucene::String> fields_;  // constant after construction
  SegmentDictionaries* segment_dictionaries_;
  std::once_flag dictionaries_once_;
  std::vector<std::shared_ptr<const TermDictionary>> dictionaries_;  // set once
};

}  // namespace wenjin::index
