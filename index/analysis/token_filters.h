// Token filters of our own: diacritic folding, Traditional->Simplified Chinese, Snowball stemming.
#pragma once

#include <memory>
#include <string>

#include <lucene++/LuceneHeaders.h>
#include <lucene++/TermAttribute.h>
#include <lucene++/TokenFilter.h>

#include <unicode/translit.h>
#include <unicode/unistr.h>

struct sb_stemmer;  // libstemmer's stemmer (C API in liblucene++-contrib)

namespace wenjin::analysis {

// Folds diacritics that readers commonly omit, after NFD, then recomposes (NFC):
//   - every combining mark on Latin and Greek letters ("élève" -> "eleve", "άλφα" -> "αλφα");
//   - on Cyrillic only stress accents (U+0300, U+0301) and the diaeresis of ё (ё -> е); й, ї
//     stay, being letters of their own;
//   - Arabic harakat (U+064B-U+065F, U+0670) and Hebrew points (U+0591-U+05C7);
//   - nothing else: Indic, Thai, Lao, Khmer... vowel signs change the word and are kept.
// Letters without a decomposition (ø, ł, æ, đ...) are left to Lucene's ASCIIFoldingFilter,
// which the ".fold" chain runs next. Not thread-safe (one per token stream).
class FoldFilter : public Lucene::TokenFilter {
 public:
  explicit FoldFilter(const Lucene::TokenStreamPtr& input);
  ~FoldFilter() override;
  bool incrementToken() override;

 private:
  Lucene::TermAttributePtr term_;
  icu::UnicodeString scratch_, decomposed_, folded_, composed_;
};

// Maps Traditional Chinese characters in Han terms to Simplified (ICU "Traditional-Simplified"),
// so 漢語 and 汉语 index alike. Not thread-safe (owns its Transliterator clone).
class SimplifiedChineseFilter : public Lucene::TokenFilter {
 public:
  explicit SimplifiedChineseFilter(const Lucene::TokenStreamPtr& input);
  ~SimplifiedChineseFilter() override;
  bool incrementToken() override;

 private:
  Lucene::TermAttributePtr term_;
  std::unique_ptr<icu::Transliterator> transliterator_;
  icu::UnicodeString scratch_;
};

// Snowball stemming through the libstemmer bundled in liblucene++-contrib (Lucene++'s own
// SnowballFilter never frees its stemmer). `algorithm` is a libstemmer name ("english", "french",
// ...); StemmerExists tells whether it is available. Terms of other scripts pass unchanged
// (the stemmers only touch their own alphabet). Not thread-safe (one stemmer per filter).
class StemFilter : public Lucene::TokenFilter {
 public:
  // REQUIRES: StemmerExists(algorithm); throws Lucene::IllegalArgumentException otherwise.
  StemFilter(const Lucene::TokenStreamPtr& input, const std::string& algorithm);
  ~StemFilter() override;
  bool incrementToken() override;

  static bool StemmerExists(const std::string& algorithm);

 private:
  struct StemmerDeleter {
    void operator()(::sb_stemmer* stemmer) const;
  };
  Lucene::TermAttributePtr term_;
  std::unique_ptr<::sb_stemmer, StemmerDeleter> stemmer_;
  std::string utf8_;
};

}  // namespace wenjin::analysis
