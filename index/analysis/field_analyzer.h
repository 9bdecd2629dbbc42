// The one Lucene++ analyzer of wenjin: the field name chooses the analysis (used only inside index/).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <lucene++/LuceneHeaders.h>

namespace wenjin::analysis {

// Returns the analyzer for every field at index time (IndexWriter, and re-analysis of stored
// text for highlighting). The field name picks the analysis:
//   "<base>.<lang>"  e.g. "text.fr", "title.zh": language analysis for that primary subtag
//                    (normalise, segment, bigrams for scripts without spaces, stop words, Snowball
//                    stemming, Arabic/Persian normalisation + stemming, zh Traditional->Simplified).
//                    A language without its own analysis (see HasLanguageAnalysis) is analysed
//                    as the neutral field.
//   "<base>"         language-neutral: ICU NFKC_Casefold (default-ignorables removed) + ICU word
//                    segmentation + overlapping bigrams for runs of Han/Kana/Hangul/Thai/Lao/Khmer/
//                    Myanmar; no stemming, no stop words.
//   "<base>.fold"    neutral + diacritics folded ("élève" -> "eleve").
//   keyword fields   "id", "lang", "subject", "level", "type", "origin", "published_at" and any
//                    name ending in ".kw": the whole value as one token, untouched.
// Token offsets are code-point (wchar_t) offsets into the ORIGINAL field text, so highlighting
// marks the original. Positions and token types: see icu_tokenizer.h. Values of a multi-valued
// field are 100 positions apart, so phrases do not match across values.
// Thread safety: the analyzer may be shared by all threads; Lucene++ keeps token streams per thread.
Lucene::AnalyzerPtr NewFieldAnalyzer();

// The same analysis for parsing queries (QueryParser), except that runs of Han characters yield
// no unigrams besides their bigrams (a one-character query still yields that character): phrase
// queries over Chinese/Japanese then require every bigram (see TokenizerMode in icu_tokenizer.h).
// Using NewFieldAnalyzer() for queries works too, with looser CJK phrases.
Lucene::AnalyzerPtr NewQueryAnalyzer();

// True for the languages (primary subtags, lowercase) whose "<base>.<lang>" analysis differs from
// the neutral one (stemming, stop words or script-specific normalisation).
bool HasLanguageAnalysis(std::string_view primary_lang);

// The primary subtags that get their own per-language fields: every language for which
// HasLanguageAnalysis is true, sorted. "no", "nb" and "nn" share the Norwegian analysis but are
// distinct suffixes: callers wanting one Norwegian field map nb/nn to "no" themselves.
std::vector<std::string> AnalyzedLanguages();

}  // namespace wenjin::analysis
