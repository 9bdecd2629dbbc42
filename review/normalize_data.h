// NormalizeData: the read-only ICU instances and lookup tables the normaliser shares between
// all Normalizer objects and threads, built once per process.
#pragma once

#include <emmintrin.h>
#include <unicode/normalizer2.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

#include "store/status.h"

namespace wenjin::review {

// Character classes of normalised output, as the substitution pass sees them.
enum class CharClass : uint8_t {
  kSeparator,   // ends a run: space, punctuation, emoji, ideographs and other unspaced scripts
  kLetter,      // a letter of a space-delimited script
  kOther,       // part of a run but not a letter: combining marks, digits without substitution
  kSubstitute,  // a digit or symbol with a leetspeak reading (see SubstituteOf)
};

struct NormalizeData {
  // ICU's singletons (owned by ICU, never freed by us; const methods are thread-safe).
  const icu::Normalizer2* nfkc_cf = nullptr;
  const icu::Normalizer2* nfd = nullptr;
  const icu::Normalizer2* nfc = nullptr;

  // ASCII byte -> its NFKC_Casefold form (only A-Z change).
  char ascii_fold[128];
  // ASCII byte -> class in normalised text.
  CharClass ascii_class[128];
  // ASCII byte -> letter it stands for in leetspeak, or 0 (LeetLetter).
  char ascii_substitute[128];

  // BMP code point -> the ASCII lowercase letter it is a look-alike of (UTS #39 skeleton of
  // one letter), or 0. Only for Latin/Greek/Cyrillic/Armenian/Cherokee/Common sources that are
  // already NFKC_Casefold-stable.
  std::vector<char> confusable;  // size 0x10000
  // Traditional -> Simplified for U+3400..U+9FFF (index cp - 0x3400), 0 when unchanged.
  std::vector<char32_t> simplified;
  static constexpr char32_t kHanFirst = 0x3400, kHanLast = 0x9FFF;

  char ConfusableOf(UChar32 cp) const {
    return (cp >= 0 && cp < 0x10000) ? confusable[static_cast<size_t>(cp)] : 0;
  }
  UChar32 SimplifiedOf(UChar32 cp) const {
    if (cp < static_cast<UChar32>(kHanFirst) || cp > static_cast<UChar32>(kHanLast)) return cp;
    char32_t s = simplified[static_cast<size_t>(cp) - kHanFirst];
    return s ? static_cast<UChar32>(s) : cp;
  }
  // Memo of what a segment made of one BMP code point becomes after NFKC_Casefold and (index
  // 1) diacritic folding: kUnknown until first seen, kEmpty, kSeveral (ask ICU), or the one
  // code point it becomes. Filled lazily by any thread; every writer stores the same value
  // (a pure function of the code point), so relaxed atomics are enough.
  static constexpr uint32_t kUnknown = 0, kEmpty = 0xFFFFFFFE, kSeveral = 0xFFFFFFFF;
  mutable std::vector<std::atomic<uint32_t>> single_memo[2];

  // BMP code point -> Normalizer2::hasBoundaryBefore of NFKC_Casefold, one bit each.
  std::vector<uint64_t> boundary_before;
  bool HasBoundaryBefore(UChar32 cp) const {
    if (cp >= 0 && cp < 0x10000) return (boundary_before[static_cast<size_t>(cp) >> 6] >> (cp & 63)) & 1;
    return nfkc_cf->hasBoundaryBefore(cp);
  }

  // Memo of everything a segment made of one BMP code point emits (after ICU, folding,
  // confusables, Traditional -> Simplified): up to three UTF-8 bytes and their class, packed
  // as below; 0 until first seen. One table per combination of the options that change it
  // (EmitMemo(index)), allocated on first use. Same filling rule as single_memo.
  static constexpr uint32_t kEmitKnown = 1u << 31;  // else: unknown
  static constexpr uint32_t kEmitSlow = 1u << 30;   // several code points or 4 bytes: no memo
  static constexpr int kEmitCountShift = 28;        // bits 28-29: byte count, 0..3
  static constexpr int kEmitClassShift = 24;        // bits 24-25: CharClass
  // bits 0-23: the bytes, first byte lowest
  std::atomic<uint32_t>* EmitMemo(int index) const;


  mutable std::array<std::once_flag, 8> emit_memo_once;
  mutable std::array<std::unique_ptr<std::atomic<uint32_t>[]>, 8> emit_memo;

  // Class of a normalised code point (ASCII or not).
  CharClass ClassOf(UChar32 cp) const;

  // The process-wide instance; built on first call (about 0.1 s), then shared. Fails only if
  // ICU data is missing.
  static Status Get(const NormalizeData** out);
};

// ascii_fold and the kSubstitute class of ascii_class for 16 ASCII bytes at once (SSE2), for
// the normaliser's bulk ASCII path. Tested against the tables for every byte.
inline __m128i AsciiFold16(__m128i x) {
  // 'A'..'Z' (x - 'A' < 26 unsigned, as a signed compare after moving 'A' to -128) gain 0x20.
  const __m128i upper = _mm_cmplt_epi8(_mm_add_epi8(x, _mm_set1_epi8(static_cast<char>(128 - 'A'))),
                                       _mm_set1_epi8(static_cast<char>(-128 + 26)));
  return _mm_add_epi8(x, _mm_and_si128(upper, _mm_set1_epi8(0x20)));
}
// Bit k set when byte k has a leetspeak reading (LeetLetter): digits but '2', and ! | @ $.
inline uint32_t AsciiSubstituteMask16(__m128i x) {
  const __m128i digit = _mm_cmplt_epi8(_mm_add_epi8(x, _mm_set1_epi8(static_cast<char>(128 - '0'))),
                                       _mm_set1_epi8(static_cast<char>(-128 + 10)));
  __m128i m = _mm_andnot_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('2')), digit);
  m = _mm_or_si128(m, _mm_cmpeq_epi8(x, _mm_set1_epi8('!')));
  m = _mm_or_si128(m, _mm_cmpeq_epi8(x, _mm_set1_epi8('|')));
  m = _mm_or_si128(m, _mm_cmpeq_epi8(x, _mm_set1_epi8('@')));
  m = _mm_or_si128(m, _mm_cmpeq_epi8(x, _mm_set1_epi8('$')));
  return static_cast<uint32_t>(_mm_movemask_epi8(m));
}

// The letter an ASCII character stands for in leetspeak: 0 1 3 4 5 6 7 8 9 @ $ ! | read as
// o i e a s g t b g a s i i; 0 for any other byte. '2' has no common letter reading; '+' (t) is
// left out because "C++" and arithmetic are far more common than "+his".
char LeetLetter(unsigned char c);

}  // namespace wenjin::review
