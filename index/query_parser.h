// The learner's query language, parsed into a small tree (no Lucene++ types): words, "phrases",
// AND/OR/NOT, +/-, (groups), prefix words (educ*) and field filters (subject:math, title:...).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "store/status.h"

namespace wenjin::index {

struct QueryNode {
  enum class Kind {
    kWord,    // `text`, a prefix when `prefix`; `field` set for field:word
    kPhrase,  // `text` between quotes; `field` set for field:"..."
    kAnd,     // children joined by the default operator (AND; OR when falling back)
    kOr,      // children joined by OR
    kNot,     // one child, excluded
  };
  Kind kind = Kind::kAnd;
  std::string field;      // "" (all text) or one of kQueryFields
  std::string text;
  bool prefix = false;    // word ended with '*'
  bool required = false;  // '+word', or an operand of an explicit AND: required even when the
                          // default operator falls back to OR
  std::vector<QueryNode> children;
};

// Fields a query may name: "title" restricts words to titles; the others are exact-value filters.
inline constexpr const char* kQueryFields[] = {"title", "subject", "lang", "level", "type", "origin"};
inline constexpr size_t kMaxQueryWords = 32;

// Parses `query` (valid UTF-8, REQUIRES: checked by the caller). Best effort, never fails on
// syntax: an unclosed quote runs to the end, unbalanced parentheses and dangling operators are
// ignored, an unknown "name:" is read as part of a word, a lone '*' is dropped. Operators are
// upper case (AND, OR, NOT); OR binds looser than AND. Words past kMaxQueryWords are dropped.
// Errors: InvalidArgument when nothing searchable remains (e.g. "*", "( )", "NOT").
Status ParseQuery(std::string_view query, QueryNode* root);

// Canonical form for tests and debugging: words as is (field:word, educ*), phrases quoted,
// (a b) for kAnd, (a OR b) for kOr, -x for kNot, +x for required.
std::string ToString(const QueryNode& node);

// True when the tree (or a subtree) contains a kAnd of two or more children, i.e. when falling
// back to OR could find more.
bool HasDefaultAnd(const QueryNode& node);

}  // namespace wenjin::index
