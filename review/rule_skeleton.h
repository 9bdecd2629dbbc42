// Skeletons: the form in which one Hyperscan literal per term catches its plain, separated
// ("b.a.d", "b a d") and repeated-letter ("baaad") forms. A skeleton collapses runs of one
// letter, joins one-letter words separated only by non-letters, and turns every other gap
// between words into one space. In three or more joined one-character words with a letter
// among them ("f 3 l t c h"), digits read as the letters they stand for in leetspeak ("feltch"):
// the normaliser reads digits as letters only inside words. A literal hit in the skeleton of
// the text is a candidate; the normalised text behind it is then checked against the term
// exactly (MatchTermSpan).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "review/rule_patterns.h"

namespace wenjin::review {

struct Skeleton {
  // The skeleton with one space before and after it, so that a literal " term " finds the
  // term as a whole skeleton word at the ends of the text too. Offsets below are into text().
  std::string framed = "  ";
  std::string_view text() const { return std::string_view(framed).substr(1, framed.size() - 2); }
  // For skeleton byte i, the normalised bytes [from[i], to[i]) behind its character (a whole
  // run for a collapsed letter, a whole gap for a space).
  std::vector<uint32_t> from, to;
  // Skeleton byte offsets, ascending, of the characters that stand for whole words of one
  // repeated letter ("k" for "kkk", each letter of "b.a.d", each Han character): the only
  // places where a term whose skeleton is one character can match as a whole word.
  std::vector<uint32_t> single_words;
  // Skeleton byte offsets, ascending, where a word starts right after another word's last
  // character with no space between: one-letter words joined ("x b.a.d" -> "xbad": a term may
  // start at 'b') and words beside a character of an unsegmented script ("中文fuck"). Only
  // boundaries with a space-delimited character on at least one side are listed. With the
  // spaces, these are the only places where a whole-word match can begin or end.
  std::vector<uint32_t> joins;
};

Skeleton MakeSkeleton(std::string_view normalized);
// The same into *skeleton, reusing its buffers (a scanner that builds one skeleton per text
// saves their allocations).
void MakeSkeleton(std::string_view normalized, Skeleton* skeleton);

// True when `c` may separate the letters of a disguised word: ASCII non-alphanumerics, U+00A0-
// 00BF, U+2000-2BFF, U+3000-303F, emoji U+1F000-1FFFF. For Chinese/Japanese/Thai terms
// (`unsegmented`) sentence punctuation (, ; : ! ? and U+3000-303F) is ordinary writing, not a
// separator: "取代，考试" is not 代考.
bool IsSeparatorChar(int32_t c, bool unsegmented);

// Whether the whole of `span` is the term (units from SplitUnits) in one of its forms:
//   kPlain      the term itself, phrase gaps any separator run;
//   kSeparated  every letter separated by separator runs, each letter possibly repeated, and
//               possibly written as its leetspeak digit or symbol ("f 3 l t c h");
//   kRepeat     letters repeated, with a run of >= 3 of one letter somewhere (doubled letters
//               are ordinary spelling: "good" is not a disguised "god").
// `allow_structural` false: only kPlain. Sets *form on success.
bool MatchTermSpan(std::string_view span, const std::vector<std::string>& units, bool unsegmented,
                   bool allow_structural, PatternForm* form);

}  // namespace wenjin::review
