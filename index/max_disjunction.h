// MaxDisjunctionQuery: Lucene++'s DisjunctionMaxQuery with a scorer that does not allocate.
//
// Every query word is a disjunction over the fields it is searched in (title and text per
// language, folded title and text, typo neighbours), so this scorer runs for nearly every match
// of every query. Lucene++ 3.0.8's DisjunctionMaxScorer allocates two Collection<double> for each
// document it scores and moves reference-counted pointers through a heap on each step; profiled
// on the 97,848-resource bench it was the largest single cost of a search. This one keeps its
// sub-scorers in a flat array and scans them (a word has a handful of fields; prefix expansions
// are bounded by the query builder), with the same matches and scores:
//   score = max + tie_breaker * (sum - max)   over the sub-scorers on the document.
// Rewriting, printing and equality are DisjunctionMaxQuery's; the weight (normalisation,
// explanations) computes as DisjunctionMaxWeight does.
#pragma once

#include <lucene++/LuceneHeaders.h>
#include <lucene++/DisjunctionMaxQuery.h>

#include "index/bm25.h"

namespace wenjin::index {

class MaxDisjunctionQuery : public Lucene::DisjunctionMaxQuery {
 public:
  explicit MaxDisjunctionQuery(double tie_breaker = 0.0) : Lucene::DisjunctionMaxQuery(tie_breaker) {}
  ~MaxDisjunctionQuery() override = default;
  WENJIN_LUCENE_CLASS(MaxDisjunctionQuery);

  Lucene::WeightPtr createWeight(const Lucene::SearcherPtr& searcher) override;
  // A rewritten copy stays a MaxDisjunctionQuery.
  Lucene::LuceneObjectPtr clone(const Lucene::LuceneObjectPtr& other = Lucene::LuceneObjectPtr()) override;

  double tie_breaker() const { return tieBreakerMultiplier; }
  const Lucene::Collection<Lucene::QueryPtr>& disjuncts() const { return Lucene::DisjunctionMaxQuery::disjuncts; }
};
typedef boost::shared_ptr<MaxDisjunctionQuery> MaxDisjunctionQueryPtr;

}  // namespace wenjin::index
