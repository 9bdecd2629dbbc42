// Hindi normalisation and light stemming, which Lucene++ 3.0.8 lacks.
#pragma once

#include <lucene++/LuceneHeaders.h>
#include <lucene++/TermAttribute.h>
#include <lucene++/TokenFilter.h>

namespace wenjin::analysis {

// For Devanagari terms: drops the nukta (क़ -> क, so spellings with and without it meet), maps
// candrabindu to anusvara (ँ -> ं), then strips the longest inflectional suffix found in fixed
// lists of 1-5 characters (the "lightweight stemmer for Hindi" of Ramanathan & Rao, 2003),
// keeping at least two characters: मनुष्यों -> मनुष्य, लड़कियाँ -> लडक. Other terms pass unchanged.
// Not thread-safe (one per token stream).
class HindiFilter : public Lucene::TokenFilter {
 public:
  explicit HindiFilter(const Lucene::TokenStreamPtr& input);
  ~HindiFilter() override;
  bool incrementToken() override;

 private:
  Lucene::TermAttributePtr term_;
};

}  // namespace wenjin::analysis
