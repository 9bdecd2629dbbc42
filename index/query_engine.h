// QueryEngine: runs a learner's query against a Lucene++ reader (parse, per-language fields, BM25,
// typo tolerance, filters, facets, snippets, paging) and completes title prefixes.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <lucene++/LuceneHeaders.h>

#include "index/search_index.h"
#include "index/search_types.h"
#include "store/status.h"

namespace wenjin::index {

class QueryEngine {
 public:
  // `options` supplies bm25_k1 and bm25_b; they are fixed for the engine's life.
  explicit QueryEngine(const IndexOptions& options);
  ~QueryEngine();
  QueryEngine(const QueryEngine&) = delete;
  QueryEngine& operator=(const QueryEngine&) = delete;

  // Runs `request` against `reader` (the current, possibly near-real-time, reader of documents
  // made by BuildDocument) and fills `*response` (cleared first).
  // Errors: InvalidArgument for a query that cannot be searched (empty, invalid UTF-8, longer than
  // kMaxQueryBytes, no searchable word), a limit above kMaxLimit or an unknown filter field; the
  // message says which. Internal when Lucene++ fails. Never throws.
  // Thread-safe: any number of threads may search at once. Per-reader caches (field lengths,
  // average lengths, the term dictionary for typo candidates) are rebuilt when `reader` changes.
  Status Search(const Lucene::IndexReaderPtr& reader, const SearchRequest& request, SearchResponse* response);

  // Up to `limit` resources whose title (any of its titles, normalised and diacritics folded)
  // has words starting with the words of `prefix`, the last word being a prefix; best first.
  // `lang` (optional) keeps resources with a title or text in that language and shows their title
  // in it. Errors as for Search. Thread-safe.
  Status Suggest(const Lucene::IndexReaderPtr& reader, const std::string& prefix, const std::string& lang,
                 size_t limit, std::vector<Suggestion>* suggestions);

  // Drops the caches of the reader searched last. Call it when that reader is replaced: they hold
  // it, and with it its open index files, until the next search otherwise. Thread-safe.
  void ForgetReader();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace wenjin::index
