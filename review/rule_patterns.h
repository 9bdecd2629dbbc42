// Turns lexicon rules into Hyperscan pattern expressions: a literal for each term's plain
// normalised form, plus structural-evasion forms (repeated letters "b+a+d+", every letter
// separated "b+SEP+a+SEP+d+"), the operators' regexes and the allow entries.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "review/lexicon.h"

namespace wenjin::review {

enum class PatternForm : uint8_t {
  kPlain,      // the normalised term, literally
  kRepeat,     // each letter may repeat; phrase gaps are separator runs
  kSeparated,  // every letter separated by a run of separators (and may repeat)
  kRegex,      // an operator's regex
  kAllow,      // an allow entry, literally
};

struct PatternSpec {
  std::string expression;
  unsigned int flags = 0;
  uint32_t rule = 0;  // index into Lexicon::rules()
  PatternForm form = PatternForm::kPlain;
};

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

// The patterns for every rule, in rule order. Rules must already be normalised. Regex rules
// use `regex_ucp[i]` (indexed by rule) to choose their flags.
std::vector<PatternSpec> BuildPatterns(const std::vector<Rule>& rules, const std::vector<bool>& regex_ucp);

}  // namespace wenjin::review
