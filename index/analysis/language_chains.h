// The per-language filter chains of "<base>.<lang>" fields, on top of the ICU tokenizer.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <lucene++/LuceneHeaders.h>

namespace wenjin::analysis {

// Wraps `source` (the IcuTokenizer) in the filters of language `lang` (primary subtag):
//   en, fr, es, pt, de, it, ru, nl, sv, no/nb/nn, da, fi, hu, ro, tr: [elision for fr, it]
//       + stop words + Snowball stemmer;
//   ar: stop words + ArabicNormalizationFilter + ArabicStemFilter;
//   fa: ArabicNormalizationFilter + PersianNormalizationFilter + stop words;
//   el: GreekLowerCaseFilter (accents, final sigma) + stop words;  cs: stop words;
//   hi: stop words + HindiFilter (nukta, candrabindu, light suffix stripping);
//   zh: Traditional -> Simplified.
// Stop words are normalised like the text (NFKC_Casefold) and leave position gaps, so phrase
// queries keep their shape. Returns `source` unchanged for any other language.
Lucene::TokenStreamPtr WrapLanguageChain(std::string_view lang, const Lucene::TokenStreamPtr& source);

// True when WrapLanguageChain adds filters for `lang`.
bool HasLanguageChain(std::string_view lang);

// Every language with a chain, sorted.
std::vector<std::string> LanguagesWithChains();

}  // namespace wenjin::analysis
