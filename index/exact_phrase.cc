// ExactPhraseMatcher: a conjunction of term postings, then a merge of their position lists.
#include "index/exact_phrase.h"

#include <lucene++/Similarity.h>
#include <lucene++/TermPositions.h>

namespace wenjin::index {

Lucene::ScorerPtr ExactPhraseMatcher::Create(const Lucene::IndexReaderPtr& reader, const Lucene::WeightPtr& weight,
                                             const Lucene::Collection<Lucene::TermPtr>& terms,
                                             const Lucene::Collection<int32_t>& positions) {
  std::vector<Lucene::TermPositionsPtr> postings;
  std::vector<int32_t> offsets;
  for (int32_t i = 0; i < terms.size(); ++i) {
    if (reader->docFreq(terms[i]) == 0) return Lucene::ScorerPtr();
    postings.push_back(reader->termPositions(terms[i]));
    offsets.push_back(positions[i]);
  }
  if (postings.empty()) return Lucene::ScorerPtr();
  return Lucene::newLucene<ExactPhraseMatcher>(weight, std::move(postings), std::move(offsets));
}

ExactPhraseMatcher::ExactPhraseMatcher(const Lucene::WeightPtr& weight, std::vector<Lucene::TermPositionsPtr> postings,
                                       std::vector<int32_t> offsets)
    : Lucene::Scorer(Lucene::Similarity::getDefault()),
      postings_(std::move(postings)),
      offsets_(std::move(offsets)),
      at_(postings_.size(), -1),
      positions_(postings_.size()) {
  this->weight = weight;
}

ExactPhraseMatcher::~ExactPhraseMatcher() {
  for (auto& p : postings_) p->close();
}

int32_t ExactPhraseMatcher::nextDoc() { return advance(doc_ + 1); }

int32_t ExactPhraseMatcher::advance(int32_t target) {
  if (doc_ == NO_MORE_DOCS) return doc_;
  for (int32_t from = target;; from = doc_ + 1) {
    doc_ = AllTermsFrom(from);
    if (doc_ == NO_MORE_DOCS) return doc_;
    freq_ = PhraseFreq();
    if (freq_ > 0) return doc_;
  }
}

int32_t ExactPhraseMatcher::AllTermsFrom(int32_t target) {
  const size_t n = postings_.size();
  size_t agreed = 0;
  for (size_t i = 0; agreed < n; i = (i + 1) % n) {
    if (at_[i] < target) {
      // skipTo always moves past the current document, which is before target here.
      if (!postings_[i]->skipTo(target)) return NO_MORE_DOCS;
      at_[i] = postings_[i]->doc();
    }
    if (at_[i] > target) {
      target = at_[i];
      agreed = 1;
    } else {
      ++agreed;
    }
  }
  return target;
}

int32_t ExactPhraseMatcher::PhraseFreq() {
  // Each term's positions shifted back by its place in the phrase: an occurrence of the phrase
  // is a value every list holds. Lists are sorted, as positions come in order.
  for (size_t i = 0; i < postings_.size(); ++i) {
    auto& list = positions_[i];
    list.clear();
    const int32_t freq = postings_[i]->freq();
    for (int32_t k = 0; k < freq; ++k) list.push_back(postings_[i]->nextPosition() - offsets_[i]);
  }
  int32_t found = 0;
  next_.assign(postings_.size(), 0);
  for (const int32_t start : positions_[0]) {
    bool everywhere = true;
    for (size_t i = 1; i < postings_.size() && everywhere; ++i) {
      const auto& list = positions_[i];
      size_t& k = next_[i];
      while (k < list.size() && list[k] < start) ++k;
      everywhere = k < list.size() && list[k] == start;
    }
    if (everywhere) ++found;
  }
  return found;
}

}  // namespace wenjin::index
