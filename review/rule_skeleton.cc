// Skeleton construction and the exact check of a candidate span against a term's forms.
#include "review/rule_skeleton.h"

#include "review/normalize_data.h"

#include <emmintrin.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cstring>

namespace wenjin::review {

bool IsSeparatorChar(int32_t c, bool unsegmented) {
  if (c < 0) return false;
  if (c < 0x80) {
    const bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (alnum) return false;
    if (unsegmented && (c == '!' || c == ',' || c == ':' || c == ';' || c == '?')) return false;
    return true;
  }
  if (c >= 0xA0 && c <= 0xBF) return true;
  if (c >= 0x2000 && c <= 0x2BFF) return true;
  if (c >= 0x3000 && c <= 0x303F) return !unsegmented;
  return c >= 0x1F000 && c <= 0x1FFFF;
}

namespace {

// One code point of `text` at byte i: its value (negative for an invalid sequence, as U8_NEXT
// gives) and the byte after it. ASCII, most of the text, takes no ICU call.
struct Decoded {
  UChar32 cp;
  int32_t next;
};
inline Decoded DecodeAt(std::string_view text, int32_t i) {
  const auto b = static_cast<unsigned char>(text[static_cast<size_t>(i)]);
  if (b < 0x80) return {b, i + 1};
  UChar32 c;
  U8_NEXT(text.data(), i, static_cast<int32_t>(text.size()), c);
  return {c, i};
}

// ASCII letters and digits; false for every byte >= 0x80 (a table beats three range tests).
constexpr std::array<bool, 256> kAsciiWordBytes = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 128; ++c) t[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  return t;
}();
inline bool IsAsciiWordByte(UChar32 c) { return kAsciiWordBytes[static_cast<unsigned char>(c)]; }
// Word characters of space-delimited scripts continue a word; an unsegmented character
// (Han, Thai ...) is a word of its own. `bmp` is BmpCharClasses().
inline bool WordChar(UChar32 c, const uint8_t* bmp) {
  if (c < 0x80) return c >= 0 && IsAsciiWordByte(c);
  return c < 0x10000 ? (bmp[c] & kBmpWord) != 0 : IsWordChar(c);
}
inline bool Unsegmented(UChar32 c, const uint8_t* bmp) {
  if (c < 0x0E00) return false;
  return c < 0x10000 ? (bmp[c] & kBmpUnsegmented) != 0 : IsUnsegmentedChar(static_cast<uint32_t>(c));
}

// 64 bytes of text from `base`, classified at once (SSE2, part of every x86-64): a bit per
// byte for ASCII letters and digits (`word`), bytes >= 0x80 (`high`), and bytes equal to the
// byte before them (`same`). Past the end of the text the bytes read as 0: ASCII, not a word
// byte. Word edges found in these masks instead of byte by byte save the mispredicted branch
// at each word end, and words are walked without reloading the text.
struct AsciiBlock {
  int32_t base = 0, end = 0;  // [base, end): the bytes the masks describe (end = base + 64)
  uint64_t word = 0, high = 0, same = 0;
  // 16 readable bytes from any position in the block: the text, or `padded` near its ends.
  const unsigned char* bytes = nullptr;
  alignas(16) unsigned char padded[1 + 64 + 16];

  void Load(const unsigned char* u, int32_t n, int32_t at) {
    base = at;
    end = at + 64;
    const unsigned char* src;  // src[-1 .. 64 + 16) readable
    if (at >= 1 && at + 64 + 16 <= n) {
      src = u + at;
    } else {
      std::memset(padded, 0, sizeof(padded));
      padded[0] = at >= 1 ? u[at - 1] : 0;
      std::memcpy(padded + 1, u + at, static_cast<size_t>(std::min(64 + 16, n - at)));
      src = padded + 1;
    }
    bytes = src;
    word = high = same = 0;
    for (int k = 0; k < 4; ++k) {
      const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + 16 * k));
      const __m128i before = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + 16 * k - 1));
      const __m128i lower = _mm_or_si128(x, _mm_set1_epi8(0x20));
      // c - lo < count, unsigned, as a signed compare after moving lo to -128.
      const __m128i letter = _mm_cmplt_epi8(_mm_add_epi8(lower, _mm_set1_epi8(static_cast<char>(128 - 'a'))),
                                            _mm_set1_epi8(static_cast<char>(-128 + 26)));
      const __m128i digit = _mm_cmplt_epi8(_mm_add_epi8(x, _mm_set1_epi8(static_cast<char>(128 - '0'))),
                                           _mm_set1_epi8(static_cast<char>(-128 + 10)));
      const auto h = static_cast<uint64_t>(_mm_movemask_epi8(x));
      const auto w = static_cast<uint64_t>(_mm_movemask_epi8(_mm_or_si128(letter, digit))) & ~h;
      const auto e = static_cast<uint64_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(x, before)));
      high |= h << (16 * k);
      word |= w << (16 * k);
      same |= e << (16 * k);
    }
  }
};

// A word of one repeated letter is one skeleton character (its own, or the previous one it
// collapsed into): `at` is where that character starts.
inline void NoteSingleWord(std::vector<uint32_t>* single_words, size_t at) {
  if (single_words->empty() || single_words->back() != at) single_words->push_back(static_cast<uint32_t>(at));
}

// Letters typed one by one ("f 3 l t c h") are joined into one skeleton word, but the
// normaliser left their digits alone (a lone "3" is a number). In a joined run of at least
// three one-character words with a letter among them, the digits are read as the letters they
// stand for, so "f3ltch" becomes "feltch". One byte for one byte: offsets are unchanged.
void ReadLeetInSpelledWords(Skeleton* s) {
  constexpr size_t kMinSpelled = 3;
  const auto& at = s->single_words;
  size_t k = 0;
  while (k < at.size()) {
    size_t end = k + 1;  // [k, end): a run of adjacent one-character skeleton words
    while (end < at.size() && at[end] == at[end - 1] + 1) ++end;
    if (end - k >= kMinSpelled) {
      bool letter = false, digit = false;
      for (size_t j = k; j < end; ++j) {
        const char c = s->framed[at[j] + 1];
        letter = letter || (c >= 'a' && c <= 'z');
        digit = digit || (c >= '0' && c <= '9');
      }
      if (letter && digit) {
        for (size_t j = k; j < end; ++j) {
          char& c = s->framed[at[j] + 1];
          if (c >= '0' && c <= '9') {
            if (const char l = LeetLetter(static_cast<unsigned char>(c))) c = l;
          }
        }
      }
    }
    k = end;
  }
}

}  // namespace

// One pass, word by word, writing into buffers sized for the worst case (a skeleton is never
// longer than its text: a space replaces a gap of at least one byte). A word is read twice:
// once to learn whether it is one repeated letter (which decides the space before it), once
// to copy it.
Skeleton MakeSkeleton(std::string_view normalized) {
  Skeleton out;
  MakeSkeleton(normalized, &out);
  return out;
}

void MakeSkeleton(std::string_view normalized, Skeleton* skeleton) {
  Skeleton& out = *skeleton;
  out.single_words.clear();
  out.joins.clear();
  const int32_t n = static_cast<int32_t>(normalized.size());
  // kSlack: the ASCII path stores 16 bytes / offsets at a time past the skeleton's end.
  constexpr size_t kSlack = 16;
  out.framed.resize(normalized.size() + 2 + kSlack);
  out.framed[0] = ' ';
  out.from.resize(normalized.size() + kSlack);
  out.to.resize(normalized.size() + kSlack);
  char* text = out.framed.data() + 1;
  uint32_t* from = out.from.data();
  uint32_t* to = out.to.data();
  size_t len = 0;
  int32_t last_cp = -1;  // the last skeleton character, and its bytes
  size_t last_len = 0;
  bool have_word = false, prev_single = false;
  int32_t gap_begin = 0;  // end of the previous word
  // The gap since the previous word, [gap_begin, word_start), becomes one space.
  auto append_gap = [&](int32_t word_start) {
    text[len] = ' ';
    from[len] = static_cast<uint32_t>(gap_begin);
    to[len] = static_cast<uint32_t>(word_start);
    ++len;
    last_cp = ' ';
    last_len = 1;
  };
  int32_t i = 0;
  const auto* u = reinterpret_cast<const unsigned char*>(normalized.data());
  const uint8_t* bmp = BmpCharClasses();
  AsciiBlock block;
  while (i < n) {
    if (u[i] < 0x80) {
      // ASCII fast path: skip a gap; find the word's end and whether it is one repeated letter
      // (which decides the space before it), then copy it.
      if (i >= block.end) block.Load(u, n, i);
      const int at = i - block.base;
      if (!((block.word >> at) & 1)) {
        const uint64_t stop = (block.word | block.high) >> at;  // the gap ends at a word or non-ASCII byte
        i = stop ? i + __builtin_ctzll(stop) : std::min(n, block.end);
        continue;
      }
      int32_t end;
      bool single;
      bool repeats;  // a byte of the word after its first equals the byte before it
      const uint64_t after = ~block.word >> at;  // bit k: byte i + k is not a word byte
      if (after == 0 && at > 0) {
        block.Load(u, n, i);  // the word runs past the block: a block from its start
        continue;
      }
      if (after != 0 && __builtin_ctzll(after) <= 16) {
        const int len16 = __builtin_ctzll(after);
        end = i + len16;
        const uint64_t inner = ((uint64_t{1} << len16) - 1) & ~uint64_t{1};  // the word's bytes after its first
        const uint64_t same = block.same >> at;
        single = (same & inner) == inner;
        repeats = (same & inner) != 0;
      } else {  // longer than 16 bytes, or running past the block: byte by byte
        end = i + 1;
        single = true;
        while (end < n && IsAsciiWordByte(u[end])) {
          single = single && u[end] == u[i];
          ++end;
        }
        repeats = true;  // takes the byte loop below
      }
      if (end == n || u[end] < 0x80) {
        if (have_word && i > gap_begin && !(prev_single && single)) {
          append_gap(i);
        } else if (have_word && u[i] != last_cp) {
          out.joins.push_back(static_cast<uint32_t>(len));
        }
        if (!repeats && u[i] != last_cp) {
          // Every byte is a skeleton character: store 16 and keep the word's.
          _mm_storeu_si128(reinterpret_cast<__m128i*>(text + len),
                           _mm_loadu_si128(reinterpret_cast<const __m128i*>(block.bytes + at)));
          __m128i at = _mm_add_epi32(_mm_set1_epi32(i), _mm_setr_epi32(0, 1, 2, 3));
          const __m128i one = _mm_set1_epi32(1), four = _mm_set1_epi32(4);
          for (int k = 0; k < 4; ++k) {
            _mm_storeu_si128(reinterpret_cast<__m128i*>(from + len + 4 * k), at);
            _mm_storeu_si128(reinterpret_cast<__m128i*>(to + len + 4 * k), _mm_add_epi32(at, one));
            at = _mm_add_epi32(at, four);
          }
          len += static_cast<size_t>(end - i);
          last_cp = u[end - 1];
        } else {
          for (int32_t p = i; p < end; ++p) {
            if (u[p] == last_cp) {
              to[len - 1] = static_cast<uint32_t>(p + 1);  // a run of one letter
              continue;
            }
            text[len] = static_cast<char>(u[p]);
            from[len] = static_cast<uint32_t>(p);
            to[len] = static_cast<uint32_t>(p + 1);
            ++len;
            last_cp = u[p];
          }
        }
        last_len = 1;
        if (single) NoteSingleWord(&out.single_words, len - 1);
        have_word = true;
        prev_single = single;
        gap_begin = end;
        i = end;
        // Skip the gap after the word here, from the same masks, rather than in a turn of
        // the loop of its own.
        if (i < block.end) {
          const uint64_t stop = (block.word | block.high) >> (i - block.base);
          i = stop ? i + __builtin_ctzll(stop) : std::min(n, block.end);
        }
        continue;
      }
      // The word goes on with a non-ASCII character: the general path below.
    }
    const Decoded first = DecodeAt(normalized, i);
    if (!WordChar(first.cp, bmp)) {
      i = first.next;
      continue;
    }
    // The word [i, end): one unsegmented character, or a run of segmented word characters.
    bool single = true;
    int32_t end = first.next;
    if (!Unsegmented(first.cp, bmp)) {
      while (end < n) {
        const Decoded d = DecodeAt(normalized, end);
        if (!WordChar(d.cp, bmp) || Unsegmented(d.cp, bmp)) break;
        single = single && d.cp == first.cp;
        end = d.next;
      }
    }
    // One-letter words separated only by non-letters are joined ("b.a.d" -> "bad"); any other
    // gap becomes one space.
    if (have_word && i > gap_begin && !(prev_single && single)) {
      append_gap(i);
    } else if (have_word && first.cp != last_cp && !(Unsegmented(first.cp, bmp) && Unsegmented(last_cp, bmp))) {
      out.joins.push_back(static_cast<uint32_t>(len));
    }
    for (int32_t p = i; p < end;) {
      const Decoded d = DecodeAt(normalized, p);
      if (d.cp == last_cp) {
        // A run of one letter: the previous skeleton character now also covers this one.
        for (size_t b = len - last_len; b < len; ++b) to[b] = static_cast<uint32_t>(d.next);
      } else {
        last_len = static_cast<size_t>(d.next - p);
        for (int32_t b = p; b < d.next; ++b) {
          text[len] = normalized[static_cast<size_t>(b)];
          from[len] = static_cast<uint32_t>(p);
          to[len] = static_cast<uint32_t>(d.next);
          ++len;
        }
        last_cp = d.cp;
      }
      p = d.next;
    }
    if (single) NoteSingleWord(&out.single_words, len - last_len);
    have_word = true;
    prev_single = single;
    gap_begin = end;
    i = end;
  }
  out.framed[len + 1] = ' ';
  out.framed.resize(len + 2);
  out.from.resize(len);
  out.to.resize(len);
  ReadLeetInSpelledWords(&out);
}

namespace {

enum class Mode { kPlain, kRepeat, kSeparated };

struct Matcher {
  std::string_view span;
  const std::vector<std::string>& units;
  bool unsegmented;
  Mode mode;

  size_t Separators(size_t pos) const {  // end of the separator run starting at pos
    int32_t i = static_cast<int32_t>(pos);
    const int32_t n = static_cast<int32_t>(span.size());
    while (i < n) {
      int32_t j = i;
      UChar32 c;
      U8_NEXT(span.data(), j, n, c);
      if (!IsSeparatorChar(c, unsegmented)) break;
      i = j;
    }
    return static_cast<size_t>(i);
  }

  // Bytes of span at pos that read as `unit` (0: none). In separated mode, where every letter
  // stands alone ("f 3 l t c h"), an ASCII letter may be written as its leetspeak digit or
  // symbol: the normaliser reads those as letters only inside words.
  size_t UnitAt(size_t pos, const std::string& unit) const {
    if (span.compare(pos, unit.size(), unit) == 0) return unit.size();
    if (mode == Mode::kSeparated && unit.size() == 1 && pos < span.size() &&
        LeetLetter(static_cast<unsigned char>(span[pos])) == unit[0]) {
      return 1;
    }
    return 0;
  }

  bool At(size_t pos, size_t u) const {
    if (u == units.size()) return pos == span.size();
    const std::string& unit = units[u];
    if (unit == " ") {
      const size_t end = Separators(pos);
      return end > pos && At(end, u + 1);
    }
    const size_t first = UnitAt(pos, unit);
    if (first == 0) return false;
    // Repetitions of this unit: exactly one in plain mode, else as many as present (trying
    // fewer when the next unit is the same letter). Leet readings count as the letter, so
    // each repetition may be one byte or the unit's size: remember where each one ends.
    std::vector<size_t> ends = {pos + first};
    if (mode != Mode::kPlain) {
      while (size_t more = UnitAt(ends.back(), unit)) ends.push_back(ends.back() + more);
    }
    for (auto it = ends.rbegin(); it != ends.rend(); ++it) {
      const size_t end = *it;
      size_t next = end;
      size_t v = u + 1;
      if (mode == Mode::kSeparated) {
        while (v < units.size() && units[v] == " ") ++v;  // word gaps are separators too
        if (v < units.size()) {
          const size_t end = Separators(next);
          if (end == next) continue;
          next = end;
        }
      }
      if (At(next, v)) return true;
    }
    return false;
  }
};

}  // namespace

bool MatchTermSpan(std::string_view span, const std::vector<std::string>& units, bool unsegmented,
                   bool allow_structural, PatternForm* form) {
  if (Matcher{span, units, unsegmented, Mode::kPlain}.At(0, 0)) {
    *form = PatternForm::kPlain;
    return true;
  }
  if (!allow_structural) return false;
  size_t letters = 0;
  for (const auto& u : units) letters += u != " ";
  if (letters >= 2 && Matcher{span, units, unsegmented, Mode::kSeparated}.At(0, 0)) {
    *form = PatternForm::kSeparated;
    return true;
  }
  if (HasLetterRun(span) && Matcher{span, units, unsegmented, Mode::kRepeat}.At(0, 0)) {
    *form = PatternForm::kRepeat;
    return true;
  }
  return false;
}

}  // namespace wenjin::review
