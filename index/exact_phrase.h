// ExactPhraseMatcher: the documents of one segment where terms occur at given relative positions,
// with the number of such occurrences.
//
// Lucene++'s ExactPhraseScorer finds the same, but rebuilds a linked list of its term positions
// from a priority queue for every candidate document, allocating as it goes. This one intersects
// the postings, then compares position lists it reads into buffers it keeps (bench_search page
// p50 of phrase queries, reused index: 0.47-0.52 ms with Lucene++'s, 0.43-0.44 with this).
#pragma once

#include <vector>

#include <lucene++/LuceneHeaders.h>
#include <lucene++/Scorer.h>

namespace wenjin::index {

class ExactPhraseMatcher : public Lucene::Scorer {
 public:
  // `terms` with their positions in the phrase (any order, offsets relative to one another).
  // Null if a term has no postings in `reader`. score() is the phrase frequency; weight it outside.
  static Lucene::ScorerPtr Create(const Lucene::IndexReaderPtr& reader, const Lucene::WeightPtr& weight,
                                  const Lucene::Collection<Lucene::TermPtr>& terms,
                                  const Lucene::Collection<int32_t>& positions);

  ExactPhraseMatcher(const Lucene::WeightPtr& weight, std::vector<Lucene::TermPositionsPtr> postings,
                     std::vector<int32_t> offsets);
  ~ExactPhraseMatcher() override;
  using String = Lucene::String;  // LUCENE_CLASS names it unqualified
  LUCENE_CLASS(ExactPhraseMatcher);

  int32_t docID() override { return doc_; }
  int32_t nextDoc() override;
  int32_t advance(int32_t target) override;
  double score() override { return freq_; }
  float termFreq() override { return static_cast<float>(freq_); }

 private:
  // The first document >= target where every term occurs (NO_MORE_DOCS when none is left).
  int32_t AllTermsFrom(int32_t target);
  // Occurrences of the phrase in the current document.
  int32_t PhraseFreq();

  std::vector<Lucene::TermPositionsPtr> postings_;  // one per phrase term, in phrase order
  std::vector<int32_t> offsets_;                    // each term's position in the phrase
  std::vector<int32_t> at_;                         // the document each enumerator is on; -1 before
  std::vector<std::vector<int32_t>> positions_;     // of each term in the current document, minus offset
  std::vector<size_t> next_;                        // PhraseFreq's place in each list
  int32_t doc_ = -1;
  int32_t freq_ = 0;
};

}  // namespace wenjin::index
