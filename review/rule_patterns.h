// Pieces shared by the rule compiler and the matcher: the forms a rule can match in, regex
// flags, term units, script and letter classes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "review/lexicon.h"

namespace wenjin::review {

enum class PatternForm : uint8_t {
  kPlain,      // the normalised term literally (a phrase's word gaps: any separator run)
  kRepeat,     // letters repeated, with a run of >= 3 of one letter
  kSeparated,  // every letter separated by a run of separators (and may repeat)
  kRegex,      // an operator's regex
  kAllow,      // an allow entry (plain form only)
};

// True when `span` holds a run of >= 3 of one letter: what a kRepeat match must show to count
// (doubled letters are ordinary spelling: "good" is not a disguised "god").
bool HasLetterRun(std::string_view span);

// Letters, digits and combining marks.
bool IsWordChar(int32_t c);

// Hyperscan flags for a regex rule. `ucp`: with Unicode classes (\w, \s); without, \b compiles.
unsigned int RegexFlags(bool ucp);

// Escapes a UTF-8 string so Hyperscan matches it literally (works with and without UTF8 mode).
std::string EscapeLiteral(std::string_view text);

// Splits a normalised term into the units the structural forms repeat and separate: one
// character plus its combining marks, or " " for a gap between words of a phrase.
std::vector<std::string> SplitUnits(std::string_view normalized);

// True when the text's characters belong to scripts written without spaces between words
// (Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar).
bool IsUnsegmentedChar(uint32_t c);

// Both answers above for every BMP code point, computed once per process, for loops that ask
// them of every character: bit kBmpWord = IsWordChar, bit kBmpUnsegmented = IsUnsegmentedChar.
constexpr uint8_t kBmpWord = 1, kBmpUnsegmented = 2;
const uint8_t* BmpCharClasses();

}  // namespace wenjin::review
