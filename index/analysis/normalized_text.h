// Text normalised with ICU NFKC_Casefold while keeping a map back to the original code points.
#pragma once

#include <cstdint>
#include <vector>

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

namespace wenjin::analysis {

// The result of NormalizeWithOffsets: UTF-16 text plus, for every UTF-16 unit, the original
// code-point range it came from. Normalisation works on segments that start at a normalisation
// boundary (a character and its following combining marks), so every unit of the output of one
// segment maps to the whole segment: "ﬁ" -> "fi" maps both units to the ligature.
struct NormalizedText {
  icu::UnicodeString text;
  std::vector<int32_t> start_of;  // start_of[i]: original code-point index where unit i's segment starts
  std::vector<int32_t> end_of;    // end_of[i]: original code-point index just past that segment

  void Clear() {
    text.remove();
    start_of.clear();
    end_of.clear();
  }
  // Original code-point range of the normalised UTF-16 range [begin, end); REQUIRES begin < end.
  int32_t OriginalStart(int32_t begin) const { return start_of[begin]; }
  int32_t OriginalEnd(int32_t end) const { return end_of[end - 1]; }
};

// Normalises `length` code points (UTF-32, as Lucene++ wchar_t text) into `out` (cleared first):
// NFKC_Casefold, which also removes default-ignorable characters (zero-width space, soft hyphen,
// ZWJ/ZWNJ, BOM), plus U+2019 RIGHT SINGLE QUOTATION MARK -> U+0027 APOSTROPHE so "l’école" and
// "l'école" analyse alike. Code points that are not Unicode scalar values become U+FFFD.
// Thread-safe (the ICU normaliser instance is shared and immutable).
void NormalizeWithOffsets(const wchar_t* text, int32_t length, NormalizedText* out);

// Convenience for short strings (stop words, tests): NFKC_Casefold + the apostrophe mapping.
icu::UnicodeString NormalizeString(const icu::UnicodeString& text);

}  // namespace wenjin::analysis
