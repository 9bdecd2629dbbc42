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
  bool fold_diacritics = true;
  bool map_confusables = true;
  bool traditional_to_simplified = true;
  bool map_substitutions = true;    // leetspeak digits and symbols
};

// Normalised text plus its offset map.
struct NormalizedText {
  std::string text;
  // For text byte i, the original bytes [origin_start[i], origin_end[i]) produced it. Every
  // byte of one output character carries the same range. Offsets are absolute: in a stream
  // they count from the first byte of the stream.
  std::vector<uint32_t> origin_start;
  std::vector<uint32_t> origin_end;

  // The original byte range behind text bytes [start, end).
  std::pair<uint32_t, uint32_t> ToOriginal(size_t start, size_t end) const;
};

class Normalizer {
 public:
  // Builds the ICU objects once; Normalize() is then safe to call from many threads.
  static Status Create(const NormalizerOptions& options, std::unique_ptr<Normalizer>* out);
  ~Normalizer();

  // Normalises a whole text. Invalid UTF-8 sequences become U+FFFD (mapped to their bytes).
  NormalizedText Normalize(std::string_view utf8) const;

  // Streaming: feed chunks of any size (even one byte, even mid-character); each Feed returns
  // the normalised text that is now final, with absolute offsets. The concatenation of all
  // outputs plus Finish() equals Normalize() of the whole input.
  class Stream {
   public:
    NormalizedText Feed(std::string_view chunk);
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
