// Turns a parsed query (QueryNode) into a Lucene++ query over the per-language, neutral and folded
// fields, scored with BM25, with typo and prefix expansions.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include <lucene++/LuceneHeaders.h>

#include "index/bm25.h"
#include "index/query_context.h"
#include "index/query_parser.h"
#include "store/status.h"

namespace wenjin::index {

struct QueryBuildOptions {
  std::vector<std::string> languages;  // analysis languages, best first (primary subtags)
  Bm25Params bm25;
  bool typo_tolerance = true;  // Default: true
  bool or_fallback = false;    // Default: false; true: the default operator is OR, not AND
};

struct BuiltQuery {
  Lucene::QueryPtr query;
  // Terms that matched positively, by field, for highlighting.
  std::map<Lucene::String, std::set<Lucene::String>> highlight_terms;
  size_t typo_terms = 0;  // typo expansions added (0: the query is the words as typed)
};

// Each word is analysed for every field it may match: title.<L> (x kTitleBoost) and text.<L> for
// each language L with its own analysis and present in the index, then title/all (neutral) and
// title.fold/all.fold (folded, slightly lower); the best field counts (DisjunctionMax, small tie
// breaker). Typo expansions (distance by MaxEdits, Damerau) come from the folded dictionary, boosted
// down by distance and with the idf of the typed word as a ceiling, so exact matches outrank them.
// Errors: InvalidArgument when no word yields a searchable term (only punctuation); Internal on a
// Lucene++ failure.
// Thread-safe (the analyzer keeps per-thread streams; `context` is thread-safe).
Status BuildQuery(const QueryNode& root, const QueryBuildOptions& options, const Lucene::AnalyzerPtr& analyzer,
                  ReaderContext* context, BuiltQuery* out);

}  // namespace wenjin::index
