// Stop-word lists written for wenjin, for languages whose Lucene++ contrib analyzer has none.
#pragma once

#include <string_view>
#include <vector>

namespace wenjin::analysis {

// The most frequent function words of `lang` (primary subtag) in lowercase UTF-8, or nullptr when
// wenjin has no list of its own for it (Lucene++'s lists are used for en, fr, de, ru, nl, pt, cs,
// el, ar, fa; for de this list adds to Lucene++'s). Kept short on purpose: only words that carry no meaning in a search query.
const std::vector<std::string_view>* OwnStopWords(std::string_view lang);

}  // namespace wenjin::analysis
