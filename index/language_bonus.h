// A Lucene++ Collector that adds a constant to the score of matches written in one language.
//
// Among comparable matches, resources in the query's (first) language should come first: a
// small constant bonus that mostly breaks ties between translations. As a query clause (a
// ConstantScoreQuery over a language filter, SHOULD next to the query) it costs a bit-set
// iterator, a boolean scorer and a sum scorer on every match; here it is one array lookup.
// Scores are the same as with that clause under Bm25Similarity (coord 1, query norm 1).
#pragma once

#include <cstdint>
#include <string>

#include <lucene++/LuceneHeaders.h>

#include "index/bm25.h"  // WENJIN_LUCENE_CLASS

namespace wenjin::index {

// REQUIRES: `field` is a single-valued keyword field (FieldCache string index).
// One search at a time (like every Lucene++ collector).
class LanguageBonusCollector : public Lucene::Collector {
 public:
  // Passes every match to `inner` with `bonus` added to its score when its `field` is `value`.
  // `arrays` (optional): as for FacetCollector.
  LanguageBonusCollector(Lucene::CollectorPtr inner, const std::string& field, const std::string& value, double bonus,
                         FieldStatsPtr arrays = nullptr);
  WENJIN_LUCENE_CLASS(LanguageBonusCollector);

  void setScorer(const Lucene::ScorerPtr& scorer) override;
  void collect(int32_t doc) override;
  void setNextReader(const Lucene::IndexReaderPtr& reader, int32_t doc_base) override;
  bool acceptsDocsOutOfOrder() override;

  // The bonus of document `doc` of the current segment.
  double BonusOf(int32_t doc) const {
    return ordinal_ > 0 && doc < static_cast<int32_t>(order_.size()) && order_[doc] == ordinal_ ? bonus_ : 0.0;
  }

 private:
  Lucene::CollectorPtr inner_;
  Lucene::ScorerPtr scorer_;           // the scorer given to inner_, wrapped
  const Lucene::String field_;
  const FieldStatsPtr arrays_;
  const Lucene::String value_;
  const double bonus_;
  Lucene::Collection<int32_t> order_;  // the current segment's ordinal per document
  int32_t ordinal_ = 0;                // `value`'s ordinal in it; 0: absent
};

}  // namespace wenjin::index
