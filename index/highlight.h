// Snippets: the passage of a text densest in query matches, matches in <em>...</em>, the rest
// HTML-escaped. Works on code points, so a UTF-8 character is never cut.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <lucene++/LuceneHeaders.h>

namespace wenjin::index {

// A matched range of code points [start, end) in the text.
struct MatchSpan {
  size_t start = 0;
  size_t end = 0;
};

// The spans of `text` whose tokens, analysed as field F at index time (NewFieldAnalyzer()), are
// among terms[F], for every field F of `terms`. The text is tokenized once for all fields
// (analysis::MultiFieldAnalysis). Sorted, overlapping spans merged. Never throws (a Lucene++
// failure ends the search for spans early).
std::vector<MatchSpan> FindMatches(const std::wstring& text,
                                   const std::map<Lucene::String, std::set<Lucene::String>>& terms);

// A snippet of at most about `max_chars` code points of `text` around its densest run of `spans`
// (the start when there are none), UTF-8. Matches are wrapped in <em>...</em>, everything else is
// HTML-escaped, line breaks become spaces, and "…" marks where text was cut. Spans out of range
// are clipped.
std::string MakeSnippet(std::wstring_view text, std::vector<MatchSpan> spans, size_t max_chars = 200);

}  // namespace wenjin::index
