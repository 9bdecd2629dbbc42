// The analyzer's output as plain UTF-8 tokens, for tests, tools and highlighting checks.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace wenjin::analysis {

struct Token {
  std::string text;  // the indexed term, UTF-8
  size_t start = 0;  // byte offset into the input where the token's original text starts
  size_t end = 0;    // byte offset just past it
  int position = 0;  // token position (0 for the first token; equal for stacked tokens)
};

// Runs NewFieldAnalyzer() (index time) on `utf8_text` as field `field` and returns every token in
// order. Invalid UTF-8 sequences are read as U+FFFD. Thread-safe.
std::vector<Token> AnalyzeField(std::string_view field, std::string_view utf8_text);

// The same with NewQueryAnalyzer() (query time).
std::vector<Token> AnalyzeQueryField(std::string_view field, std::string_view utf8_text);

}  // namespace wenjin::analysis
