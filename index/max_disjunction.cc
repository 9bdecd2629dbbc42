// MaxDisjunctionQuery's weight (as DisjunctionMaxWeight) and its flat, allocation-free scorer.
#include "index/max_disjunction.h"

#include <algorithm>
#include <vector>

#include <lucene++/ComplexExplanation.h>
#include <lucene++/Explanation.h>

namespace wenjin::index {
namespace {

using Lucene::DocIdSetIterator;

class MaxDisjunctionScorer : public Lucene::Scorer {
 public:
  // `subs` have had nextDoc() called and are all positioned on a document.
  MaxDisjunctionScorer(const Lucene::SimilarityPtr& similarity, double tie_breaker, std::vector<Lucene::ScorerPtr> subs)
      : Lucene::Scorer(similarity), tie_breaker_(tie_breaker), owned_(std::move(subs)) {
    for (const auto& s : owned_) live_.push_back(s.get());
  }
  ~MaxDisjunctionScorer() override = default;

  int32_t docID() override { return doc_; }

  int32_t nextDoc() override {
    // Sub-scorers on the current document move on; the others are already past it.
    size_t kept = 0;
    for (Lucene::Scorer* s : live_) {
      if (s->docID() != doc_ || s->nextDoc() != DocIdSetIterator::NO_MORE_DOCS) live_[kept++] = s;
    }
    live_.resize(kept);
    return doc_ = Smallest();
  }

  int32_t advance(int32_t target) override {
    size_t kept = 0;
    for (Lucene::Scorer* s : live_) {
      if (s->docID() >= target || s->advance(target) != DocIdSetIterator::NO_MORE_DOCS) live_[kept++] = s;
    }
    live_.resize(kept);
    return doc_ = Smallest();
  }

  double score() override {
    double sum = 0, max = 0;
    for (Lucene::Scorer* s : live_) {
      if (s->docID() != doc_) continue;
      const double sub = s->score();
      sum += sub;
      max = std::max(max, sub);
    }
    return max + (sum - max) * tie_breaker_;
  }

 private:
  int32_t Smallest() const {
    int32_t doc = DocIdSetIterator::NO_MORE_DOCS;
    for (Lucene::Scorer* s : live_) doc = std::min(doc, s->docID());
    return doc;
  }

  const double tie_breaker_;
  std::vector<Lucene::ScorerPtr> owned_;  // keeps the sub-scorers alive
  std::vector<Lucene::Scorer*> live_;     // those not yet exhausted
  int32_t doc_ = -1;
};

class MaxDisjunctionWeight : public Lucene::Weight {
 public:
  MaxDisjunctionWeight(const MaxDisjunctionQueryPtr& query, const Lucene::SearcherPtr& searcher)
      : query_(query), similarity_(searcher->getSimilarity()) {
    for (const auto& q : query_->disjuncts()) weights_.push_back(q->createWeight(searcher));
  }
  ~MaxDisjunctionWeight() override = default;

  Lucene::QueryPtr getQuery() override { return query_; }
  double getValue() override { return query_->getBoost(); }

  double sumOfSquaredWeights() override {
    double max = 0, sum = 0;
    for (const auto& w : weights_) {
      const double sub = w->sumOfSquaredWeights();
      sum += sub;
      max = std::max(max, sub);
    }
    const double boost = query_->getBoost(), tie = query_->tie_breaker();
    return ((sum - max) * tie * tie + max) * boost * boost;
  }

  void normalize(double norm) override {
    norm *= query_->getBoost();
    for (const auto& w : weights_) w->normalize(norm);
  }

  Lucene::ScorerPtr scorer(const Lucene::IndexReaderPtr& reader, bool, bool) override {
    std::vector<Lucene::ScorerPtr> subs;
    for (const auto& w : weights_) {
      Lucene::ScorerPtr s = w->scorer(reader, true, false);
      if (s && s->nextDoc() != DocIdSetIterator::NO_MORE_DOCS) subs.push_back(std::move(s));
    }
    if (subs.empty()) return Lucene::ScorerPtr();
    return Lucene::newLucene<MaxDisjunctionScorer>(similarity_, query_->tie_breaker(), std::move(subs));
  }

  Lucene::ExplanationPtr explain(const Lucene::IndexReaderPtr& reader, int32_t doc) override {
    if (weights_.size() == 1) return weights_[0]->explain(reader, doc);
    auto result = Lucene::newLucene<Lucene::ComplexExplanation>();
    double max = 0, sum = 0;
    result->setDescription(L"max plus " + Lucene::StringUtils::toString(query_->tie_breaker()) +
                           L" times others of:");
    for (const auto& w : weights_) {
      Lucene::ExplanationPtr e = w->explain(reader, doc);
      if (!e->isMatch()) continue;
      result->setMatch(true);
      result->addDetail(e);
      sum += e->getValue();
      max = std::max(max, e->getValue());
    }
    result->setValue(max + (sum - max) * query_->tie_breaker());
    return result;
  }

 private:
  MaxDisjunctionQueryPtr query_;
  Lucene::SimilarityPtr similarity_;
  std::vector<Lucene::WeightPtr> weights_;
};

}  // namespace

Lucene::WeightPtr MaxDisjunctionQuery::createWeight(const Lucene::SearcherPtr& searcher) {
  return Lucene::newLucene<MaxDisjunctionWeight>(shared_from_this(), searcher);
}

Lucene::LuceneObjectPtr MaxDisjunctionQuery::clone(const Lucene::LuceneObjectPtr& other) {
  return Lucene::DisjunctionMaxQuery::clone(other ? other : Lucene::newLucene<MaxDisjunctionQuery>());
}

}  // namespace wenjin::index
