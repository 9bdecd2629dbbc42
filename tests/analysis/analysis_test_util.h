// Helpers for analysis tests: a canonical one-line description of a field's tokens.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "index/analysis/tokens.h"

namespace wenjin::analysis::testutil {

// Tokens joined by spaces, in order. A token stacked on the previous one (position increment 0)
// is prefixed with "+"; each skipped position (a removed stop word) is shown as "_".
// E.g. "_ children run" for "The children running" on text.en.
inline std::string DescribeTokens(const std::vector<Token>& tokens) {
  std::string out;
  int expected = 0;
  bool first = true;
  for (const Token& t : tokens) {
    if (!first && t.position == expected - 1) {
      out += " +";
    } else {
      for (; expected < t.position; ++expected) out += first ? "_ " : " _";
      if (!first) out += " ";
      expected = t.position + 1;
    }
    first = false;
    out += t.text;
  }
  return out;
}

// DescribeTokens of the index-time analysis of `text` as field `field`.
inline std::string Describe(std::string_view field, std::string_view text) {
  return DescribeTokens(AnalyzeField(field, text));
}

// DescribeTokens of the query-time analysis.
inline std::string DescribeQuery(std::string_view field, std::string_view text) {
  return DescribeTokens(AnalyzeQueryField(field, text));
}

// Each token's original text, as "term=original", joined by spaces: shows where offsets point.
inline std::string Originals(std::string_view field, std::string_view text) {
  std::string out;
  for (const Token& t : AnalyzeField(field, text)) {
    if (!out.empty()) out += " ";
    out += t.text + "=" + std::string(text.substr(t.start, t.end - t.start));
  }
  return out;
}

}  // namespace wenjin::analysis::testutil
