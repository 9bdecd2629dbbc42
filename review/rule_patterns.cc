// Rule -> Hyperscan expressions. Structural forms are byte-level patterns (no UTF8 mode):
// Unicode property classes with start-of-match tracking are "too large" for Hyperscan, and
// byte classes keep the database literal-heavy, hence fast.
#include "review/rule_patterns.h"

#include <hs/hs.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

namespace wenjin::review {
namespace {

// Separators between the letters of a disguised word in space-delimited scripts: ASCII
// non-alphanumerics, Latin-1 punctuation and symbols (U+00A0-00BF), U+2000-2BFF (punctuation,
// arrows, maths, shapes, dingbats), CJK punctuation U+3000-303F, emoji U+1F000-1FFFF.
constexpr std::string_view kSeparator =
    "(?:[\\x00-\\x2f\\x3a-\\x40\\x5b-\\x60\\x7b-\\x7f]|\\xc2[\\xa0-\\xbf]|\\xe2[\\x80-\\xaf][\\x80-\\xbf]|"
    "\\xe3\\x80[\\x80-\\xbf]|\\xf0\\x9f[\\x80-\\xbf][\\x80-\\xbf])";
// Between characters of Chinese/Japanese/Thai words, sentence punctuation (, ; : ! ? 。 、) is
// ordinary writing, not disguise: "取代，考试" must not read as 代考.
constexpr std::string_view kUnsegmentedSeparator =
    "(?:[\\x00-\\x20\\x22-\\x2b\\x2d-\\x2f\\x3c-\\x3e\\x40\\x5b-\\x60\\x7b-\\x7f]|\\xc2[\\xa0-\\xbf]|"
    "\\xe2[\\x80-\\xaf][\\x80-\\xbf]|\\xf0\\x9f[\\x80-\\xbf][\\x80-\\xbf])";

std::string HexByte(unsigned char b) {
  static const char* kHex = "0123456789abcdef";
  return std::string("\\x") + kHex[b >> 4] + kHex[b & 15];
}

// Byte-exact escape: every byte that is not an ASCII letter or digit becomes \xHH. Valid only
// for patterns compiled WITHOUT HS_FLAG_UTF8 (there \xHH is a byte).
std::string EscapeBytes(std::string_view text) {
  std::string out;
  for (unsigned char b : text) {
    if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')) {
      out += static_cast<char>(b);
    } else {
      out += HexByte(b);
    }
  }
  return out;
}

std::string RepeatUnit(const std::string& unit) {
  if (unit.size() == 1) return EscapeBytes(unit) + "+";
  return "(?:" + EscapeBytes(unit) + ")+";
}

bool HasUnsegmentedChar(std::string_view text) {
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(text.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(text.data(), i, n, c);
    if (c >= 0 && IsUnsegmentedChar(static_cast<uint32_t>(c))) return true;
  }
  return false;
}

}  // namespace

unsigned int RegexFlags(bool ucp) {
  unsigned int flags = HS_FLAG_UTF8 | HS_FLAG_SOM_LEFTMOST | HS_FLAG_CASELESS;
  if (ucp) flags |= HS_FLAG_UCP;
  return flags;
}

std::string EscapeLiteral(std::string_view text) {
  // ASCII specials as \xHH (same meaning in both modes); non-ASCII bytes copied: in UTF8 mode
  // they form the same character, in byte mode the same bytes.
  std::string out;
  for (unsigned char b : text) {
    if (b >= 0x80 || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')) {
      out += static_cast<char>(b);
    } else {
      out += HexByte(b);
    }
  }
  return out;
}

bool IsUnsegmentedChar(uint32_t c) {
  if (c < 0x0E00) return false;  // fast path: nothing below Thai is unsegmented
  UErrorCode status = U_ZERO_ERROR;
  switch (uscript_getScript(static_cast<UChar32>(c), &status)) {
    case USCRIPT_HAN:
    case USCRIPT_HIRAGANA:
    case USCRIPT_KATAKANA:
    case USCRIPT_THAI:
    case USCRIPT_LAO:
    case USCRIPT_KHMER:
    case USCRIPT_MYANMAR:
      return true;
    default:
      return c == 0x30FC;  // katakana-hiragana prolonged sound mark is "Common"
  }
}

std::vector<std::string> SplitUnits(std::string_view normalized) {
  std::vector<std::string> units;
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(normalized.size());
  while (i < n) {
    const int32_t begin = i;
    UChar32 c;
    U8_NEXT(normalized.data(), i, n, c);
    if (c < 0) continue;
    if (u_isUWhiteSpace(c)) {
      if (!units.empty() && units.back() != " ") units.push_back(" ");
      continue;
    }
    const bool mark = (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0;
    if (mark && !units.empty() && units.back() != " ") {
      units.back().append(normalized.substr(begin, i - begin));
    } else {
      units.emplace_back(normalized.substr(begin, i - begin));
    }
  }
  while (!units.empty() && units.back() == " ") units.pop_back();
  return units;
}

std::vector<PatternSpec> BuildPatterns(const std::vector<Rule>& rules, const std::vector<bool>& regex_ucp) {
  std::vector<PatternSpec> specs;
  for (uint32_t r = 0; r < rules.size(); ++r) {
    const Rule& rule = rules[r];
    switch (rule.kind) {
      case RuleKind::kRegex:
        specs.push_back({rule.pattern, RegexFlags(r < regex_ucp.size() && regex_ucp[r]), r, PatternForm::kRegex});
        break;
      case RuleKind::kAllow:
        specs.push_back({EscapeBytes(rule.normalized), HS_FLAG_SOM_LEFTMOST, r, PatternForm::kAllow});
        break;
      case RuleKind::kTerm: {
        specs.push_back({EscapeBytes(rule.normalized), HS_FLAG_SOM_LEFTMOST, r, PatternForm::kPlain});
        const std::vector<std::string> units = SplitUnits(rule.normalized);
        size_t letters = 0;
        for (const auto& u : units) letters += u != " ";
        if (letters < 2) break;  // one character: the plain form says it all
        const std::string_view sep =
            HasUnsegmentedChar(rule.normalized) ? kUnsegmentedSeparator : kSeparator;
        std::string repeat, separated;
        for (size_t i = 0; i < units.size(); ++i) {
          if (units[i] == " ") {
            repeat += std::string(sep) + "+";
            continue;
          }
          repeat += RepeatUnit(units[i]);
          if (!separated.empty()) separated += std::string(sep) + "+";
          separated += RepeatUnit(units[i]);
        }
        specs.push_back({repeat, HS_FLAG_SOM_LEFTMOST, r, PatternForm::kRepeat});
        specs.push_back({separated, HS_FLAG_SOM_LEFTMOST, r, PatternForm::kSeparated});
        break;
      }
    }
  }
  return specs;
}

}  // namespace wenjin::review
