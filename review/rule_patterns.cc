// Regex flags, literal escaping, term units, script and letter classes.
#include "review/rule_patterns.h"

#include <hs/hs.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <vector>

namespace wenjin::review {
namespace {

std::string HexByte(unsigned char b) {
  static const char* kHex = "0123456789abcdef";
  return std::string("\\x") + kHex[b >> 4] + kHex[b & 15];
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

namespace {

bool UnsegmentedByIcu(uint32_t c) {
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

bool WordByIcu(UChar32 c) { return u_isalnum(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0; }

}  // namespace

// Asked of ICU once per process: the skeleton and the match checks ask for every character.
const uint8_t* BmpCharClasses() {
  static const std::vector<uint8_t> table = [] {
    std::vector<uint8_t> t(0x10000);
    for (UChar32 c = 0; c < 0x10000; ++c) {
      t[c] = static_cast<uint8_t>((WordByIcu(c) ? kBmpWord : 0) |
                                  (c >= 0x0E00 && UnsegmentedByIcu(static_cast<uint32_t>(c)) ? kBmpUnsegmented : 0));
    }
    return t;
  }();
  return table.data();
}

bool IsUnsegmentedChar(uint32_t c) {
  if (c < 0x0E00) return false;  // fast path: nothing below Thai is unsegmented
  if (c < 0x10000) return (BmpCharClasses()[c] & kBmpUnsegmented) != 0;
  return UnsegmentedByIcu(c);
}

bool IsWordChar(int32_t c) {
  if (c < 0) return false;
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  if (c < 0x10000) return (BmpCharClasses()[c] & kBmpWord) != 0;
  return WordByIcu(c);
}

bool HasLetterRun(std::string_view span) {
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(span.size());
  UChar32 prev = -1;
  int run = 0;
  while (i < n) {
    UChar32 c;
    U8_NEXT(span.data(), i, n, c);
    run = (c == prev) ? run + 1 : 1;
    prev = c;
    if (run >= 3 && IsWordChar(c)) return true;
  }
  return false;
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

}  // namespace wenjin::review
