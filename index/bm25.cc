// BM25 weights and scorers: the term scorer reads postings in blocks, the phrase scorer takes the
// phrase frequency from ExactPhraseMatcher.
#include "index/bm25.h"

#include <algorithm>
#include <cmath>

#include <lucene++/Explanation.h>
#include <lucene++/FieldCache.h>
#include <lucene++/TermDocs.h>

#include "index/exact_phrase.h"

namespace wenjin::index {
namespace {

using Lucene::newLucene;

const Lucene::SimilarityPtr& SharedSimilarity() {
  static const Lucene::SimilarityPtr similarity(newLucene<Bm25Similarity>());
  return similarity;
}

Lucene::String LengthFieldOf(const Lucene::String& field) { return L"len." + field; }

// tf saturation and length normalisation; `weight` is boost * idf (* outer boosts).
inline double Bm25(double weight, double tf, int32_t dl, double avgdl, const Bm25Params& p) {
  const double len = dl > 0 ? static_cast<double>(dl) : avgdl;
  return weight * tf * (p.k1 + 1) / (tf + p.k1 * (1 - p.b + p.b * len / avgdl));
}

class Bm25TermScorer : public Lucene::Scorer {
 public:
  Bm25TermScorer(const Lucene::WeightPtr& weight, Lucene::TermDocsPtr docs, Lucene::Collection<int32_t> lengths,
                 double value, double avgdl, Bm25Params params)
      : Lucene::Scorer(SharedSimilarity()),
        term_docs_(std::move(docs)),
        lengths_(std::move(lengths)),
        value_(value),
        avgdl_(avgdl),
        params_(params),
        docs_(Lucene::Collection<int32_t>::newInstance(kBlock)),
        freqs_(Lucene::Collection<int32_t>::newInstance(kBlock)) {
    this->weight = weight;
  }
  WENJIN_LUCENE_CLASS(Bm25TermScorer);

  int32_t docID() override { return doc_; }
  int32_t nextDoc() override {
    if (++pointer_ >= count_) {
      count_ = term_docs_->read(docs_, freqs_);
      pointer_ = 0;
      if (count_ == 0) return doc_ = NO_MORE_DOCS;
    }
    freq_ = freqs_[pointer_];
    return doc_ = docs_[pointer_];
  }
  int32_t advance(int32_t target) override {
    for (++pointer_; pointer_ < count_; ++pointer_) {
      if (docs_[pointer_] >= target) {
        freq_ = freqs_[pointer_];
        return doc_ = docs_[pointer_];
      }
    }
    if (!term_docs_->skipTo(target)) return doc_ = NO_MORE_DOCS;
    count_ = 1;
    pointer_ = 0;
    docs_[0] = term_docs_->doc();
    freqs_[0] = term_docs_->freq();
    freq_ = freqs_[0];
    return doc_ = docs_[0];
  }
  double score() override {
    const int32_t dl = doc_ < lengths_.size() ? lengths_[doc_] : 0;
    return Bm25(value_, freq_, dl, avgdl_, params_);
  }
  float termFreq() override { return static_cast<float>(freq_); }

 private:
  static constexpr int32_t kBlock = 64;
  Lucene::TermDocsPtr term_docs_;
  Lucene::Collection<int32_t> lengths_;
  double value_, avgdl_;
  Bm25Params params_;
  Lucene::Collection<int32_t> docs_, freqs_;
  int32_t pointer_ = 0, count_ = 0, doc_ = -1, freq_ = 0;
};

// Weight plumbing shared by the term and phrase weights: value = boost * idf * outer norm.
class Bm25WeightBase : public Lucene::Weight {
 public:
  Lucene::QueryPtr getQuery() override { return query_; }
  double getValue() override { return value_; }
  double sumOfSquaredWeights() override {
    const double w = idf_ * query_->getBoost();
    return w * w;
  }
  void normalize(double norm) override { value_ = idf_ * query_->getBoost() * norm; }
  Lucene::ExplanationPtr explain(const Lucene::IndexReaderPtr& reader, int32_t doc) override {
    auto s = scorer(reader, true, false);
    double score = 0;
    if (s && s->advance(doc) == doc) score = s->score();
    return newLucene<Lucene::Explanation>(score, L"bm25(" + query_->toString() + L")");
  }

 protected:
  Lucene::QueryPtr query_;
  double idf_ = 0, value_ = 0, avgdl_ = 1;
};

class Bm25TermWeight : public Bm25WeightBase {
 public:
  Bm25TermWeight(const boost::shared_ptr<Bm25TermQuery>& query, const Lucene::SearcherPtr& searcher)
      : term_query_(query.get()) {
    query_ = query;
    const auto totals = query->stats()->Get(query->term()->field());
    const int32_t n = searcher->docFreq(query->term());
    idf_ = Bm25Idf(n, std::max<int64_t>(totals.docs, n));
    if (query->max_idf() > 0) idf_ = std::min(idf_, query->max_idf());
    avgdl_ = totals.avg_length > 0 ? totals.avg_length : 1.0;
    value_ = idf_ * query->getBoost();
  }
  WENJIN_LUCENE_CLASS(Bm25TermWeight);

  Lucene::ScorerPtr scorer(const Lucene::IndexReaderPtr& reader, bool, bool) override {
    auto docs = reader->termDocs(term_query_->term());
    if (!docs) return Lucene::ScorerPtr();
    return newLucene<Bm25TermScorer>(shared_from_this(), docs,
                                     term_query_->stats()->SegmentLengths(reader, term_query_->term()->field()), value_, avgdl_,
                                     term_query_->params());
  }

 private:
  Bm25TermQuery* term_query_;  // owned through query_
};

class Bm25PhraseScorer : public Lucene::Scorer {
 public:
  Bm25PhraseScorer(const Lucene::WeightPtr& weight, Lucene::ScorerPtr phrase, Lucene::Collection<int32_t> lengths,
                   double value, double avgdl, Bm25Params params)
      : Lucene::Scorer(SharedSimilarity()),
        phrase_(std::move(phrase)),
        lengths_(std::move(lengths)),
        value_(value),
        avgdl_(avgdl),
        params_(params) {
    this->weight = weight;
  }
  WENJIN_LUCENE_CLASS(Bm25PhraseScorer);

  int32_t docID() override { return phrase_->docID(); }
  int32_t nextDoc() override { return phrase_->nextDoc(); }
  int32_t advance(int32_t target) override { return phrase_->advance(target); }
  double score() override {
    const int32_t doc = phrase_->docID();
    const int32_t dl = doc < lengths_.size() ? lengths_[doc] : 0;
    return Bm25(value_, phrase_->termFreq(), dl, avgdl_, params_);
  }
  float termFreq() override { return phrase_->termFreq(); }

 private:
  Lucene::ScorerPtr phrase_;
  Lucene::Collection<int32_t> lengths_;
  double value_, avgdl_;
  Bm25Params params_;
};

class Bm25PhraseWeight : public Bm25WeightBase {
 public:
  Bm25PhraseWeight(const boost::shared_ptr<Bm25PhraseQuery>& query, const Lucene::SearcherPtr& searcher)
      : phrase_query_(query.get()) {
    query_ = query;
    auto terms = query->phrase()->getTerms();
    const auto totals = query->stats()->Get(terms[0]->field());
    for (const auto& term : terms) {
      const int32_t n = searcher->docFreq(term);
      idf_ += Bm25Idf(n, std::max<int64_t>(totals.docs, n));
    }
    avgdl_ = totals.avg_length > 0 ? totals.avg_length : 1.0;
    value_ = idf_ * query->getBoost();
  }
  WENJIN_LUCENE_CLASS(Bm25PhraseWeight);

  Lucene::ScorerPtr scorer(const Lucene::IndexReaderPtr& reader, bool, bool) override {
    const auto& phrase = phrase_query_->phrase();
    auto inner = ExactPhraseMatcher::Create(reader, shared_from_this(), phrase->getTerms(), phrase->getPositions());
    if (!inner) return Lucene::ScorerPtr();
    auto field = phrase->getTerms()[0]->field();
    return newLucene<Bm25PhraseScorer>(shared_from_this(), inner, phrase_query_->stats()->SegmentLengths(reader, field), value_,
                                       avgdl_, phrase_query_->params());
  }

 private:
  Bm25PhraseQuery* phrase_query_;  // owned through query_
};

}  // namespace

double Bm25Idf(int64_t doc_freq, int64_t docs) {
  return std::log(1.0 + (static_cast<double>(docs - doc_freq) + 0.5) / (static_cast<double>(doc_freq) + 0.5));
}

FieldStats::FieldStats(Lucene::IndexReaderPtr reader) : reader_(std::move(reader)) {}

Lucene::Collection<int32_t> FieldStats::Lengths(const Lucene::IndexReaderPtr& reader, const Lucene::String& field) {
  return Lucene::FieldCache::DEFAULT()->getInts(reader, LengthFieldOf(field));
}

namespace {

// The value of `field` and `segment` in `memo`, computed by `make` on first need (outside the
// lock: FieldCache is thread-safe, and two threads computing it at once get the same arrays).
template <typename Value, typename Make>
Value Memoized(std::mutex* mu, std::map<Lucene::String, std::map<Lucene::IndexReader*, Value>, std::less<>>* memo,
               const Lucene::IndexReaderPtr& segment, const Lucene::String& field, Make make) {
  {
    std::lock_guard<std::mutex> lock(*mu);
    auto by_field = memo->find(field);
    if (by_field != memo->end()) {
      auto it = by_field->second.find(segment.get());
      if (it != by_field->second.end()) return it->second;
    }
  }
  Value value = make();
  std::lock_guard<std::mutex> lock(*mu);
  (*memo)[field][segment.get()] = value;
  return value;
}

}  // namespace

Lucene::Collection<int32_t> FieldStats::SegmentLengths(const Lucene::IndexReaderPtr& segment, const Lucene::String& field) {
  return Memoized(&mu_, &lengths_, segment, field, [&] { return Lengths(segment, field); });
}

Lucene::StringIndexPtr FieldStats::SegmentStrings(const Lucene::IndexReaderPtr& segment, const Lucene::String& field) {
  return Memoized(&mu_, &strings_, segment, field,
                  [&] { return Lucene::FieldCache::DEFAULT()->getStringIndex(segment, field); });
}

FieldStats::Totals FieldStats::Get(const Lucene::String& field) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = totals_.find(field);
    if (it != totals_.end()) return it->second;
  }
  Lucene::Collection<Lucene::IndexReaderPtr> segments = reader_->getSequentialSubReaders();
  std::vector<Lucene::IndexReaderPtr> readers;
  if (segments && !segments.empty()) {
    readers.assign(segments.begin(), segments.end());
  } else {
    readers.push_back(reader_);
  }
  int64_t docs = 0;
  double sum = 0;
  for (const auto& segment : readers) {
    auto lengths = Lengths(segment, field);
    for (int32_t i = 0; i < lengths.size(); ++i) {
      if (lengths[i] > 0) {
        ++docs;
        sum += lengths[i];
      }
    }
  }
  Totals totals{docs, docs > 0 ? sum / static_cast<double>(docs) : 0.0};
  std::lock_guard<std::mutex> lock(mu_);
  totals_[field] = totals;
  return totals;
}

Bm25TermQuery::Bm25TermQuery(Lucene::TermPtr term, FieldStatsPtr stats, Bm25Params params, double max_idf)
    : term_(std::move(term)), stats_(std::move(stats)), params_(params), max_idf_(max_idf) {}

Lucene::WeightPtr Bm25TermQuery::createWeight(const Lucene::SearcherPtr& searcher) {
  return newLucene<Bm25TermWeight>(shared_from_this(), searcher);
}

void Bm25TermQuery::extractTerms(Lucene::SetTerm terms) { terms.add(term_); }

Lucene::String Bm25TermQuery::toString(const Lucene::String& field) {
  Lucene::String out = term_->field() + L":" + term_->text();
  if (getBoost() != 1.0) out += L"^" + Lucene::StringUtils::toString(getBoost());
  return out;
}

Lucene::LuceneObjectPtr Bm25TermQuery::clone(const Lucene::LuceneObjectPtr& other) {
  auto copy = newLucene<Bm25TermQuery>(term_, stats_, params_, max_idf_);
  copy->setBoost(getBoost());
  return copy;
}

Bm25PhraseQuery::Bm25PhraseQuery(const std::vector<std::pair<Lucene::TermPtr, int32_t>>& terms,
                                 FieldStatsPtr stats, Bm25Params params)
    : phrase_(newLucene<Lucene::PhraseQuery>()), stats_(std::move(stats)), params_(params) {
  for (const auto& [term, position] : terms) phrase_->add(term, position);
}

Lucene::WeightPtr Bm25PhraseQuery::createWeight(const Lucene::SearcherPtr& searcher) {
  return newLucene<Bm25PhraseWeight>(shared_from_this(), searcher);
}

void Bm25PhraseQuery::extractTerms(Lucene::SetTerm terms) { phrase_->extractTerms(terms); }

Lucene::String Bm25PhraseQuery::toString(const Lucene::String& field) {
  Lucene::String out = phrase_->toString(L"");
  if (getBoost() != 1.0) out += L"^" + Lucene::StringUtils::toString(getBoost());
  return out;
}

Lucene::LuceneObjectPtr Bm25PhraseQuery::clone(const Lucene::LuceneObjectPtr& other) {
  std::vector<std::pair<Lucene::TermPtr, int32_t>> terms;
  auto t = phrase_->getTerms();
  auto p = phrase_->getPositions();
  for (int32_t i = 0; i < t.size(); ++i) terms.emplace_back(t[i], p[i]);
  auto copy = newLucene<Bm25PhraseQuery>(terms, stats_, params_);
  copy->setBoost(getBoost());
  return copy;
}

}  // namespace wenjin::index
