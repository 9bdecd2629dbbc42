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

// True when the language's chain only drops stop words and stems with a Snowball stemmer (no
// elision, no script normalisation): a term it makes starts as the word it came from, up to
// diacritics and a word's last letter (Snowball stemmers work on endings; the few changes they
// make elsewhere, umlauts and accents, are diacritics; English y/i exceptions aside, see
// MultiFieldAnalysis::FindTerms). Highlighting uses it to filter only the words that can become
// a wanted term.
bool LanguageChainKeepsWordStart(std::string_view lang);

// Every language with a chain, sorted.
std::vector<std::string> LanguagesWithChains();

}  // namespace wenjin::analysis
