// Normalizer: turns text into the form screening rules match against, keeping a map from every
// byte of the result back to the bytes of the original, so a flag points at what was written.
//
// Rule terms and scanned text go through the same Normalizer, so a rule written once catches
// its disguised forms. What it undoes (each can be switched off for tests):
//   NFKC + case folding; default-ignorable and format characters removed (ZWSP, ZWJ, soft
//   hyphen, bidi controls), Arabic tatweel and harakat removed; diacritics folded (ñ -> n);
//   confusable look-alikes mapped to Latin/skeleton (UTS #39: Cyrillic "а", Greek "ο",
//   fullwidth letters); Traditional -> Simplified Chinese; digit/symbol substitutions
//   (@->a 0->o 1/!->i 3->e $->s ...).
// It maps characters, never deletes word separators: structural evasions (letters separated by
// spaces, dots, dashes, underscores or emoji; runs of a repeated letter) are matched by the
// patterns the screener compiles from each term, so word boundaries survive normalisation.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/status.h"

namespace wenjin::review {

struct NormalizerOptions {
  // Accents on Latin/Greek/Cyrillic letters (ñ -> n, é -> e, й -> и, ά -> α) and Arabic
  // harakat/Quranic marks are dropped. Marks of other scripts (Indic vowel signs, Thai tone
  // marks, Hebrew points) are part of the letter and kept.
  // Default: true
  bool fold_diacritics = true;
  // A Latin/Greek/Cyrillic/Armenian/Cherokee letter whose UTS #39 skeleton is one ASCII letter
  // becomes that letter (Cyrillic а р с о е у х ѕ і ј, Greek α ο ρ ι ν υ σ, Latin ɑ ı ...).
  // Fullwidth and mathematical letters are already plain letters after NFKC. Trade-off: a
  // Russian word spelt only with such letters reads as Latin ("сор" -> "cop"); Russian terms
  // still match Russian text because both sides are mapped, and rules carry `langs`.
  // Default: true
  bool map_confusables = true;
  // Traditional -> Simplified Chinese, one character for one (U+3400..U+9FFF; the rare
  // traditional forms in the supplementary planes are left alone), so 漢語 -> 汉语. Japanese
  // kanji are mapped too (日本語 -> 日本语): harmless, terms and text are mapped alike.
  // Default: true
  bool traditional_to_simplified = true;
  // Leetspeak inside words: 0->o 1->i 3->e 4->a 5->s 6->g 7->t 8->b 9->g $->s @->a !->i |->i.
  // Applied per run (a maximal sequence of letters of space-delimited scripts, digits, marks
  // and those symbols) and only when the run holds a letter, so "2024", "10 students", "$5"
  // stay; '@' not at the end of a run; '!' and '|' only between other run characters ("bad!",
  // "|cell|" stay); leading digits before a number suffix stay ("1st", "4th", "5g", "3kg",
  // "10см"). Digits next to Chinese/Japanese/Thai letters stay digits.
  // Default: true
  bool map_substitutions = true;
};

// Normalised text plus its offset map.
struct NormalizedText {
  std::string text;
  // For text byte i, the original bytes [origin_start[i], origin_end[i]) produced it. Every
  // byte of one output character carries the same range. Offsets are absolute: in a stream
  // they count from the first byte of the stream.
  std::vector<uint32_t> origin_start;
  std::vector<uint32_t> origin_end;

  // The original byte range behind text bytes [start, end): from the start of the first byte's
  // origin to the end of the last byte's (origins never decrease). end is clamped to the text
  // size; an empty range gives an empty range at the matching original position.
  std::pair<uint32_t, uint32_t> ToOriginal(size_t start, size_t end) const;
};

// How offsets are assigned: the input is cut at NFKC_Casefold segment boundaries (a character
// plus the combining marks and ignorables that follow it); every output byte of a segment maps
// to the whole segment. So "ｂ\u200Bａｄ" -> "bad" with b -> "ｂ\u200B", "e\u0301" -> "e" with e
// -> both characters, "ß" -> "ss" with both s -> "ß"; a removed character that starts its own
// segment (tatweel) maps to nothing. Substitutions replace one byte by one byte in place.
// Inputs are limited to 4 GB (offsets are uint32_t).
//
// Thread safety: a Normalizer is immutable after Create; Normalize() and NewStream() may be
// called from any number of threads. A Stream is used by one thread at a time.
class Normalizer {
 public:
  // Builds (on the first call in the process, ~0.1 s) and then shares the ICU instances and
  // lookup tables. Fails with Internal if ICU data is missing.
  static Status Create(const NormalizerOptions& options, std::unique_ptr<Normalizer>* out);
  ~Normalizer();
  Normalizer(const Normalizer&) = delete;
  Normalizer& operator=(const Normalizer&) = delete;

  // Normalises a whole text. Invalid UTF-8 sequences become U+FFFD (one per maximal invalid
  // subpart, mapped to its bytes); encoded surrogates and overlong forms are invalid.
  NormalizedText Normalize(std::string_view utf8) const;
  // The same into *out, reusing its buffers (a caller that normalises one text after another
  // saves their allocation and first-touch page faults per text).
  void Normalize(std::string_view utf8, NormalizedText* out) const;

  // Streaming: feed chunks of any size (even one byte, even mid-character); each Feed returns
  // the normalised text that is now final, with absolute offsets. The concatenation of all
  // outputs plus Finish() equals Normalize() of the whole input, text and offsets.
  // What is held back: an incomplete UTF-8 sequence, the last character (a combining mark may
  // follow), and the current run of letters/digits while a substitution may still depend on
  // its end (at most ~1 KB of output: longer runs are resolved in pieces, in Normalize too).
  // The stream keeps a pointer to its Normalizer's shared tables, not to the Normalizer.
  class Stream {
   public:
    NormalizedText Feed(std::string_view chunk);
    // REQUIRES: called once, after the last Feed; the Stream is done afterwards.
    NormalizedText Finish();
    ~Stream();
    class Impl;
    explicit Stream(std::unique_ptr<Impl> impl);

   private:
    std::unique_ptr<Impl> impl_;
  };
  std::unique_ptr<Stream> NewStream() const;

  class Impl;

 private:
  explicit Normalizer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace wenjin::review
