// NFKC_Casefold normalisation with a UTF-16 -> original code point offset map.
#include "index/analysis/normalized_text.h"

#include <stdexcept>

#include <unicode/utf16.h>

namespace wenjin::analysis {
namespace {

const icu::Normalizer2& Nfkcf() {
  static const icu::Normalizer2* instance = [] {
    UErrorCode err = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(err);
    if (U_FAILURE(err) || n == nullptr) throw std::runtime_error("ICU NFKC_Casefold data missing");
    return n;
  }();
  return *instance;
}

UChar32 Scalar(wchar_t c) {
  auto u = static_cast<uint32_t>(c);
  if (u > 0x10FFFF || (u >= 0xD800 && u <= 0xDFFF)) return 0xFFFD;
  if (u == 0x2019) return 0x27;
  return static_cast<UChar32>(u);
}

// Per-thread scratch: the input as UTF-16 and, per unit, its original code point index.
struct Scratch {
  icu::UnicodeString utf16;
  std::vector<int32_t> code_point_of;
  icu::UnicodeString segment, normalized;
};

}  // namespace

void NormalizeWithOffsets(const wchar_t* text, int32_t length, NormalizedText* out) {
  thread_local Scratch scratch;
  out->Clear();
  const icu::Normalizer2& norm = Nfkcf();

  icu::UnicodeString& in = scratch.utf16;
  std::vector<int32_t>& cp_of = scratch.code_point_of;
  in.remove();
  cp_of.clear();
  for (int32_t i = 0; i < length; ++i) {
    UChar32 c = Scalar(text[i]);
    in.append(c);
    cp_of.push_back(i);
    if (c > 0xFFFF) cp_of.push_back(i);
  }
  const int32_t n = in.length();
  const UChar* buf = in.getBuffer();
  cp_of.push_back(length);  // so cp_of[n] is the end of the text

  int32_t pos = 0;
  while (pos < n) {
    // The longest prefix already normalised (it ends at a normalisation boundary) maps 1:1.
    UErrorCode err = U_ZERO_ERROR;
    const icu::UnicodeString rest(false, buf + pos, n - pos);  // read-only alias, no copy
    int32_t span = norm.spanQuickCheckYes(rest, err);
    if (U_FAILURE(err)) span = 0;
    if (span > 0) {
      out->text.append(buf, pos, span);
      for (int32_t i = pos; i < pos + span; ++i) {
        out->start_of.push_back(cp_of[i]);
        out->end_of.push_back(cp_of[i] + 1);
      }
      pos += span;
      if (pos >= n) break;
    }
    // One segment: a character and what follows it up to the next boundary.
    UChar32 c;
    int32_t end = pos;
    U16_NEXT(buf, end, n, c);
    const int32_t first_end = end;
    while (end < n) {
      UChar32 next;
      int32_t after = end;
      U16_NEXT(buf, after, n, next);
      if (norm.hasBoundaryBefore(next)) break;
      end = after;
    }
    const int32_t before = out->text.length();
    if (end == first_end && c < 0x80) {
      out->text.append(static_cast<UChar>(c >= 'A' && c <= 'Z' ? c + 32 : c));
    } else {
      scratch.segment.setTo(false, buf + pos, end - pos);  // read-only alias, no copy
      scratch.normalized.remove();
      err = U_ZERO_ERROR;
      norm.normalize(scratch.segment, scratch.normalized, err);
      out->text.append(U_SUCCESS(err) ? scratch.normalized : scratch.segment);
    }
    const int32_t start_cp = cp_of[pos];
    const int32_t end_cp = cp_of[end];
    for (int32_t i = before; i < out->text.length(); ++i) {
      out->start_of.push_back(start_cp);
      out->end_of.push_back(end_cp);
    }
    pos = end;
  }
}

icu::UnicodeString NormalizeString(const icu::UnicodeString& text) {
  icu::UnicodeString mapped(text);
  mapped.findAndReplace(icu::UnicodeString(static_cast<UChar>(0x2019)), icu::UnicodeString(static_cast<UChar>(0x27)));
  UErrorCode err = U_ZERO_ERROR;
  icu::UnicodeString out = Nfkcf().normalize(mapped, err);
  return U_SUCCESS(err) ? out : mapped;
}

}  // namespace wenjin::analysis
