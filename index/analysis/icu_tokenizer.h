// Lucene++ tokenizer: ICU normalisation + ICU word segmentation + bigrams for scripts without spaces.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <lucene++/LuceneHeaders.h>
#include <lucene++/FlagsAttribute.h>
#include <lucene++/OffsetAttribute.h>
#include <lucene++/PositionIncrementAttribute.h>
#include <lucene++/TermAttribute.h>
#include <lucene++/Tokenizer.h>
#include <lucene++/TypeAttribute.h>

#include <unicode/brkiter.h>

#include "index/analysis/normalized_text.h"

namespace wenjin::analysis {

// Token types (TypeAttribute), so later stages can tell tokens apart (e.g. no typo tolerance on
// bigrams or single CJK characters).
inline constexpr wchar_t kTypeWord[] = L"<WORD>";      // a word of a script with spaces
inline constexpr wchar_t kTypeNumber[] = L"<NUM>";     // a number ("2024", "3.14")
inline constexpr wchar_t kTypeDictWord[] = L"<DICT>";  // a dictionary word inside a run without spaces
inline constexpr wchar_t kTypeBigram[] = L"<BIGRAM>";  // two adjacent characters of such a run
inline constexpr wchar_t kTypeSingle[] = L"<SINGLE>";  // one character: a run of one, or a Han unigram

// What the tokenizer is for. Index time adds the Han unigrams that let a one-character query find
// a character inside a longer run; query time leaves them out, as alternatives in a phrase they
// would let "北京大学" match "北京大X" (Lucene's CJKBigramFilter documents the same asymmetry).
enum class TokenizerMode { kIndex, kQuery };

// FlagsAttribute bit of the part after an elision, which only split_elisions emits.
inline constexpr int32_t kElisionFlag = 1;

// Splits a field into terms:
// 1. reads the whole field and normalises it (NormalizeWithOffsets: NFKC_Casefold, ignorables
//    removed), keeping a map to the original code points;
// 2. segments with ICU's word break iterator (root locale; dictionaries for Chinese, Japanese,
//    Thai, Lao, Khmer, Burmese; UAX #29 rules elsewhere), dropping segments whose rule status is
//    UBRK_WORD_NONE (spaces, punctuation, symbols);
// 3. adjacent segments (no gap between them) of one script class without spaces form a run:
//    Han+Hiragana+Katakana together; Hangul; Thai; Lao; Khmer; Myanmar. A run is cut into
//    characters c0..c(n-1) (a base character with its combining marks, and in Khmer/Burmese
//    with the consonant subscripted by a coeng/virama), and emits:
//      - n == 1: that character alone (<SINGLE>), in both modes;
//      - n >= 2: the overlapping bigrams c(k)c(k+1) at consecutive positions b+k, k = 0..n-2;
//        stacked on bigram k (position increment 0): each dictionary word of 3 or more
//        characters starting at c(k) (a 2-character word is the bigram itself; 1-character words
//        are dropped), and at index time the unigram c(k) when it is Han (c(n-1) stacks on the
//        last bigram).
//    A phrase over a run is thus a chain of bigrams that the document has whatever its own
//    segmentation; the query's stacked words (QueryParser makes them MultiPhraseQuery
//    alternatives) each imply the bigram they stand on, so they add ranking evidence without
//    loosening the phrase. A query of one Han character finds it anywhere via the unigrams.
//    Hangul words are runs of their own (Korean is written with spaces, but particles stick to
//    words: bigrams let "학교" match "학교에서").
// 4. with split_elisions, a word with an elided article or preposition ("l'école", "dell'arte",
//    "qu'il": 1-5 characters, an apostrophe, 3 or more characters) also yields the part after the
//    apostrophe, stacked on it, so language-neutral fields find "école" in "l'école". Language
//    fields leave this to their own ElisionFilter. Such a token carries kElisionFlag in its
//    FlagsAttribute, so one tokenization can serve both kinds of field (MultiFieldAnalysis).
// Offsets are code points (wchar_t) of the original text; terms longer than kMaxTermUnits
// UTF-16 units are dropped.
// Not thread-safe: Lucene++ keeps one instance per thread and field (reusableTokenStream).
class IcuTokenizer : public Lucene::Tokenizer {
 public:
  static constexpr int32_t kMaxTermUnits = 255;

  IcuTokenizer(const Lucene::ReaderPtr& input, TokenizerMode mode, bool split_elisions);
  ~IcuTokenizer() override;

  bool incrementToken() override;
  void end() override;
  void reset() override;
  void reset(const Lucene::ReaderPtr& input) override;

 private:
  struct Pending {
    int32_t begin;      // normalised UTF-16 range of the term
    int32_t end;
    int32_t increment;  // position increment
    const wchar_t* type;
    bool elision = false;  // the part after an elided article (split_elisions)
  };
  struct Segment {
    int32_t begin;
    int32_t end;
    int script_class;  // 0: a script with spaces; otherwise the class of a run without spaces
    bool number;
  };

  void Analyze();
  void EmitRun(const std::vector<Segment>& segments, size_t first, size_t last);

  std::unique_ptr<icu::BreakIterator> words_;
  NormalizedText normalized_;
  std::wstring original_;
  std::vector<Pending> pending_;
  std::vector<Segment> segments_;
  std::vector<int32_t> units_;  // scratch: character starts of a run, plus its end
  const TokenizerMode mode_;
  const bool split_elisions_;
  size_t next_ = 0;
  bool analyzed_ = false;
  int32_t final_offset_ = 0;

  Lucene::TermAttributePtr term_;
  Lucene::OffsetAttributePtr offset_;
  Lucene::PositionIncrementAttributePtr increment_;
  Lucene::TypeAttributePtr type_;
  Lucene::FlagsAttributePtr flags_;
};

}  // namespace wenjin::analysis
