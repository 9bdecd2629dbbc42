// One text analysed as several text fields with a single run of the tokenizer.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <set>
#include <string_view>
#include <vector>

#include <lucene++/LuceneHeaders.h>

namespace wenjin::analysis {

// Highlighting analyses each hit's text as two or three fields (its language's field, the folded
// and sometimes the neutral one). Normalisation and ICU segmentation, most of the cost, are the
// same for all of them, so this runs the tokenizer once (index mode, splitting elisions) and
// replays its tokens through each field's filters (stop words, stemming, folding). A language
// field skips the tokens only split elisions make. The terms and offsets per field are those
// NewFieldAnalyzer() gives when the field is analysed on its own.
//
// Keeps the tokenizer and each field's filter chain between calls. Not thread-safe: one per thread.
class MultiFieldAnalysis {
 public:
  MultiFieldAnalysis();
  ~MultiFieldAnalysis();
  MultiFieldAnalysis(const MultiFieldAnalysis&) = delete;
  MultiFieldAnalysis& operator=(const MultiFieldAnalysis&) = delete;

  // Called for each token of each field, fields in the order given: the field's index in
  // `fields`, the term, and its code-point offsets [start, end) in `text`.
  using Visitor = std::function<void(size_t field, std::wstring_view term, int32_t start, int32_t end)>;

  // Analyses `text` as each of `fields` (field names as in field_analyzer.h). Keyword fields are
  // not text fields and get no tokens. Throws Lucene::LuceneException if an analysis fails.
  void Analyze(const Lucene::String& text, const std::vector<Lucene::String>& fields, const Visitor& visit);

  // The same tokens, only those whose term is in wanted[f] (a null entry, or one past the end of
  // `wanted`: every token). The filters of a language field whose chain keeps word starts
  // (LanguageChainKeepsWordStart) then run only on the words that start like a wanted term (first
  // two letters, diacritics aside, never the last letter of either): highlighting needs a few words of
  // a text, and stemming every word cost it half of its time.
  //
  // When every field has wanted terms of two letters or more, only the parts of the text around
  // words starting like one of them are analysed, cut where tokens cannot change (after ASCII
  // white space, before an ASCII character or a Latin, Greek or Cyrillic letter that nothing
  // composes with). A word starts like a term when its first letter does (case, diacritics and
  // y = i aside), and in folded, neutral and word-start-keeping language fields, when an ASCII
  // word of three letters or more also shares its second (StartsAlike). Words starting with any
  // other character are always analysed. Tokens are then reported window by window.
  void FindTerms(const Lucene::String& text, const std::vector<Lucene::String>& fields,
                 const std::vector<const std::set<Lucene::String>*>& wanted, const Visitor& visit);

 private:
  // FindTerms over all of `text`, a part of the caller's text starting at `shift`.
  void FindTermsIn(const Lucene::String& text, int32_t shift, const std::vector<Lucene::String>& fields,
                   const std::vector<const std::set<Lucene::String>*>& wanted, const Visitor& visit);

  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace wenjin::analysis
