// FoldFilter, SimplifiedChineseFilter and StemFilter.
#include "index/analysis/token_filters.h"

#include <stdexcept>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

// libstemmer's C API, exported by liblucene++-contrib (Debian ships no libstemmer header with it).
extern "C" {
struct sb_stemmer;
typedef unsigned char sb_symbol;
struct sb_stemmer* sb_stemmer_new(const char* algorithm, const char* charenc);
void sb_stemmer_delete(struct sb_stemmer* stemmer);
const sb_symbol* sb_stemmer_stem(struct sb_stemmer* stemmer, const sb_symbol* word, int size);
int sb_stemmer_length(struct sb_stemmer* stemmer);
}

namespace wenjin::analysis {
namespace {

void TermToUnicodeString(const Lucene::TermAttributePtr& term, icu::UnicodeString* out) {
  out->remove();
  const wchar_t* buf = term->termBufferArray();
  for (int32_t i = 0, n = term->termLength(); i < n; ++i) out->append(static_cast<UChar32>(buf[i]));
}

void UnicodeStringToTerm(const icu::UnicodeString& text, const Lucene::TermAttributePtr& term) {
  term->resizeTermBuffer(text.length());
  wchar_t* out = term->termBufferArray();
  const UChar* buf = text.getBuffer();
  int32_t length = 0;
  for (int32_t i = 0, n = text.length(); i < n;) {
    UChar32 c;
    U16_NEXT(buf, i, n, c);
    out[length++] = static_cast<wchar_t>(c);
  }
  term->setTermLength(length);
}

bool AllBelow(const Lucene::TermAttributePtr& term, wchar_t limit) {
  const wchar_t* buf = term->termBufferArray();
  for (int32_t i = 0, n = term->termLength(); i < n; ++i) {
    if (buf[i] >= limit) return false;
  }
  return true;
}

const icu::Normalizer2& Nfd() {
  static const icu::Normalizer2* n = [] {
    UErrorCode err = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(err);
    if (U_FAILURE(err)) throw std::runtime_error("ICU NFD data missing");
    return nfd;
  }();
  return *n;
}

const icu::Normalizer2& Nfc() {
  static const icu::Normalizer2* n = [] {
    UErrorCode err = U_ZERO_ERROR;
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(err);
    if (U_FAILURE(err)) throw std::runtime_error("ICU NFC data missing");
    return nfc;
  }();
  return *n;
}

// Whether FoldFilter drops combining mark `mark` that follows base character `base`.
bool FoldsAway(UChar32 mark, UChar32 base) {
  if ((mark >= 0x064B && mark <= 0x065F) || mark == 0x0670) return true;  // Arabic harakat
  if (mark >= 0x0591 && mark <= 0x05C7) return true;                      // Hebrew points
  UErrorCode err = U_ZERO_ERROR;
  UScriptCode script = uscript_getScript(base, &err);
  if (U_FAILURE(err)) return false;
  switch (script) {
    case USCRIPT_LATIN:
    case USCRIPT_GREEK: return true;
    case USCRIPT_CYRILLIC: return mark == 0x0300 || mark == 0x0301 || (mark == 0x0308 && base == 0x0435);
    default: return false;
  }
}

}  // namespace

FoldFilter::FoldFilter(const Lucene::TokenStreamPtr& input) : Lucene::TokenFilter(input) {
  term_ = addAttribute<Lucene::TermAttribute>();
}

FoldFilter::~FoldFilter() = default;

bool FoldFilter::incrementToken() {
  if (!input->incrementToken()) return false;
  if (AllBelow(term_, 0xC0)) return true;  // nothing to fold below À
  TermToUnicodeString(term_, &scratch_);
  UErrorCode err = U_ZERO_ERROR;
  decomposed_.remove();
  Nfd().normalize(scratch_, decomposed_, err);
  if (U_FAILURE(err)) return true;
  folded_.remove();
  UChar32 base = 0;
  bool changed = false;
  for (int32_t i = 0, n = decomposed_.length(); i < n;) {
    UChar32 c = decomposed_.char32At(i);
    i += U16_LENGTH(c);
    if (u_charType(c) == U_NON_SPACING_MARK) {
      if (FoldsAway(c, base)) {
        changed = true;
        continue;
      }
    } else {
      base = c;
    }
    folded_.append(c);
  }
  if (!changed) return true;
  composed_.remove();
  Nfc().normalize(folded_, composed_, err);
  if (U_FAILURE(err)) return true;
  UnicodeStringToTerm(composed_, term_);
  return true;
}

SimplifiedChineseFilter::SimplifiedChineseFilter(const Lucene::TokenStreamPtr& input) : Lucene::TokenFilter(input) {
  static const std::unique_ptr<icu::Transliterator> prototype = [] {
    UErrorCode err = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(
        icu::Transliterator::createInstance("Traditional-Simplified", UTRANS_FORWARD, err));
    if (U_FAILURE(err) || !t) throw std::runtime_error("ICU Traditional-Simplified transliterator unavailable");
    return t;
  }();
  transliterator_.reset(prototype->clone());
  term_ = addAttribute<Lucene::TermAttribute>();
}

SimplifiedChineseFilter::~SimplifiedChineseFilter() = default;

bool SimplifiedChineseFilter::incrementToken() {
  if (!input->incrementToken()) return false;
  const wchar_t* buf = term_->termBufferArray();
  bool has_han = false;
  for (int32_t i = 0, n = term_->termLength(); i < n && !has_han; ++i) {
    UErrorCode err = U_ZERO_ERROR;
    has_han = buf[i] >= 0x2E80 && uscript_getScript(static_cast<UChar32>(buf[i]), &err) == USCRIPT_HAN;
  }
  if (!has_han) return true;
  TermToUnicodeString(term_, &scratch_);
  transliterator_->transliterate(scratch_);
  UnicodeStringToTerm(scratch_, term_);
  return true;
}

void StemFilter::StemmerDeleter::operator()(::sb_stemmer* stemmer) const { sb_stemmer_delete(stemmer); }

StemFilter::StemFilter(const Lucene::TokenStreamPtr& input, const std::string& algorithm)
    : Lucene::TokenFilter(input), stemmer_(sb_stemmer_new(algorithm.c_str(), "UTF_8")) {
  if (!stemmer_) {
    boost::throw_exception(Lucene::IllegalArgumentException(L"no Snowball stemmer " +
                                                            Lucene::StringUtils::toUnicode(algorithm)));
  }
  term_ = addAttribute<Lucene::TermAttribute>();
}

StemFilter::~StemFilter() = default;

bool StemFilter::StemmerExists(const std::string& algorithm) {
  std::unique_ptr<::sb_stemmer, StemmerDeleter> stemmer(sb_stemmer_new(algorithm.c_str(), "UTF_8"));
  return stemmer != nullptr;
}

bool StemFilter::incrementToken() {
  if (!input->incrementToken()) return false;
  utf8_.clear();
  const wchar_t* buf = term_->termBufferArray();
  for (int32_t i = 0, n = term_->termLength(); i < n; ++i) {
    uint8_t bytes[4];
    int32_t length = 0;
    UBool error = false;
    U8_APPEND(bytes, length, 4, static_cast<UChar32>(buf[i]), error);
    if (error) return true;  // not a scalar value: leave the term alone
    utf8_.append(reinterpret_cast<const char*>(bytes), length);
  }
  const sb_symbol* stemmed = sb_stemmer_stem(stemmer_.get(), reinterpret_cast<const sb_symbol*>(utf8_.data()),
                                             static_cast<int>(utf8_.size()));
  if (stemmed == nullptr) return true;  // out of memory inside libstemmer: keep the word unstemmed
  const int32_t size = sb_stemmer_length(stemmer_.get());
  term_->resizeTermBuffer(size);
  wchar_t* out = term_->termBufferArray();
  int32_t length = 0;
  for (int32_t i = 0; i < size;) {
    UChar32 c;
    U8_NEXT(stemmed, i, size, c);
    out[length++] = static_cast<wchar_t>(c < 0 ? 0xFFFD : c);
  }
  term_->setTermLength(length);
  return true;
}

}  // namespace wenjin::analysis
