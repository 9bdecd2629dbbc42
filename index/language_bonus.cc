// LanguageBonusCollector: a scorer wrapper that adds the bonus, fed by FieldCache ordinals.
#include "index/language_bonus.h"

#include <algorithm>

#include <lucene++/FieldCache.h>

namespace wenjin::index {
namespace {

// Scores as the wrapped scorer, plus the collector's bonus for the document it is on.
class BonusScorer : public Lucene::Scorer {
 public:
  BonusScorer(Lucene::ScorerPtr inner, const LanguageBonusCollector* collector)
      : Lucene::Scorer(inner->getSimilarity()), inner_(std::move(inner)), collector_(collector) {}
  ~BonusScorer() override = default;

  double score() override { return inner_->score() + collector_->BonusOf(inner_->docID()); }
  int32_t docID() override { return inner_->docID(); }
  int32_t nextDoc() override { return inner_->nextDoc(); }
  int32_t advance(int32_t target) override { return inner_->advance(target); }

 private:
  Lucene::ScorerPtr inner_;
  const LanguageBonusCollector* collector_;
};

}  // namespace

LanguageBonusCollector::LanguageBonusCollector(Lucene::CollectorPtr inner, const std::string& field,
                                               const std::string& value, double bonus, FieldStatsPtr arrays)
    : inner_(std::move(inner)),
      field_(Lucene::StringUtils::toUnicode(field)),
      arrays_(std::move(arrays)),
      value_(Lucene::StringUtils::toUnicode(value)),
      bonus_(bonus) {}

void LanguageBonusCollector::setScorer(const Lucene::ScorerPtr& scorer) {
  // Lucene++ collectors hold their scorer weakly: the wrapper lives here.
  scorer_ = Lucene::newLucene<BonusScorer>(scorer, this);
  inner_->setScorer(scorer_);
}

void LanguageBonusCollector::collect(int32_t doc) { inner_->collect(doc); }

void LanguageBonusCollector::setNextReader(const Lucene::IndexReaderPtr& reader, int32_t doc_base) {
  auto index = arrays_ ? arrays_->SegmentStrings(reader, field_) : Lucene::FieldCache::DEFAULT()->getStringIndex(reader, field_);
  order_ = index->order;
  // lookup[0] is the empty "no value"; the rest is sorted.
  auto begin = index->lookup.begin() + 1, end = index->lookup.end();
  auto it = std::lower_bound(begin, end, value_);
  ordinal_ = it != end && *it == value_ ? static_cast<int32_t>(it - index->lookup.begin()) : 0;
  inner_->setNextReader(reader, doc_base);
}

bool LanguageBonusCollector::acceptsDocsOutOfOrder() { return inner_->acceptsDocsOutOfOrder(); }

}  // namespace wenjin::index
