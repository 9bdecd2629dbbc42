// NFKC_Casefold normalisation with a UTF-16 -> original code point offset map.
#include "index/analysis/normalized_text.h"

#include <stdexcept>

#include <unicode/uchar.h>

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

void AppendMapped(NormalizedText* out, int32_t units_before, int32_t start, int32_t end) {
  for (int32_t i = units_before; i < out->text.length(); ++i) {
    out->start_of.push_back(start);
    out->end_of.push_back(end);
  }
}

}  // namespace

void NormalizeWithOffsets(const wchar_t* text, int32_t length, NormalizedText* out) {
  out->Clear();
  const icu::Normalizer2& norm = Nfkcf();
  icu::UnicodeString segment, normalized;
  int32_t i = 0;
  while (i < length) {
    UChar32 c = Scalar(text[i]);
    // Fast path: an ASCII character followed by a boundary normalises alone, to its lowercase.
    // ASCII characters always start a segment; the next one must not be a combining mark.
    bool next_is_boundary = i + 1 >= length || static_cast<uint32_t>(text[i + 1]) < 0x80 ||
                            norm.hasBoundaryBefore(Scalar(text[i + 1]));
    if (c < 0x80 && next_is_boundary) {
      out->text.append(static_cast<UChar>(c >= 'A' && c <= 'Z' ? c + 32 : c));
      out->start_of.push_back(i);
      out->end_of.push_back(i + 1);
      ++i;
      continue;
    }
    int32_t end = i + 1;
    while (end < length && !norm.hasBoundaryBefore(Scalar(text[end]))) ++end;
    segment.remove();
    for (int32_t k = i; k < end; ++k) segment.append(Scalar(text[k]));
    UErrorCode err = U_ZERO_ERROR;
    normalized.remove();
    norm.normalize(segment, normalized, err);
    int32_t before = out->text.length();
    out->text.append(U_SUCCESS(err) ? normalized : segment);
    AppendMapped(out, before, i, end);
    i = end;
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
