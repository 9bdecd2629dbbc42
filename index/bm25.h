// BM25 scoring for Lucene++ 3.0.8 (which has only TF-IDF): field statistics, a term query and a
// phrase query that score with BM25, and a Similarity under which BooleanQuery/DisjunctionMaxQuery
// combine those scores unchanged (coord = 1, queryNorm = 1).
//
// For a term t in field F of document d, with boost w:
//   score = w * idf(t) * tf * (k1 + 1) / (tf + k1 * (1 - b + b * dl / avgdl))
//   idf(t) = ln(1 + (N - n + 0.5) / (n + 0.5))
// tf: occurrences of t in d's F; dl: d's exact token count in F (schema "len.F" term);
// avgdl: mean dl over documents having F; N: documents having F; n: documents containing t in F.
// A phrase scores the same way with tf = phrase frequency and idf = sum of its terms' idfs.
// Deleted documents still count in N, n and avgdl until merged away (as in Lucene).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <lucene++/LuceneHeaders.h>
#include <lucene++/DefaultSimilarity.h>
#include <lucene++/PhraseQuery.h>

// LUCENE_CLASS for classes outside namespace Lucene (the original names String unqualified).
#define WENJIN_LUCENE_CLASS(Name)                                                        \
  static Lucene::String _getClassName() { return L## #Name; }                            \
  Lucene::String getClassName() override { return L## #Name; }                           \
  boost::shared_ptr<Name> shared_from_this() {                                           \
    return boost::static_pointer_cast<Name>(Lucene::LuceneObject::shared_from_this());   \
  }

namespace wenjin::index {

struct Bm25Params {
  double k1 = 1.2;  // Default: 1.2 (term frequency saturation)
  double b = 0.75;  // Default: 0.75 (length normalisation)
};

// Length statistics of one top-level reader. Thread-safe; cheap to query once computed.
class FieldStats {
 public:
  explicit FieldStats(Lucene::IndexReaderPtr reader);

  struct Totals {
    int64_t docs = 0;        // documents having the field (N)
    double avg_length = 0;   // avgdl
  };
  // Computed once per field from the per-segment length arrays.
  Totals Get(const Lucene::String& field);
  // Exact lengths of `field` in one segment (or any) reader, indexed by its doc ids; 0 when a
  // document lacks the field. Cached by Lucene++'s FieldCache per reader.
  static Lucene::Collection<int32_t> Lengths(const Lucene::IndexReaderPtr& reader, const Lucene::String& field);

  const Lucene::IndexReaderPtr& reader() const { return reader_; }

  // Lengths(segment, field), and Lucene++'s FieldCache string index of `field` in `segment`, for
  // a segment of reader(), kept here after the first call: each FieldCache::DEFAULT() lookup
  // makes key objects and takes a global lock (2.8 us measured per lookup, bench_search), and a
  // query makes one per term and facet.
  Lucene::Collection<int32_t> SegmentLengths(const Lucene::IndexReaderPtr& segment, const Lucene::String& field);
  Lucene::StringIndexPtr SegmentStrings(const Lucene::IndexReaderPtr& segment, const Lucene::String& field);

 private:
  Lucene::IndexReaderPtr reader_;
  std::mutex mu_;
  std::map<Lucene::String, Totals> totals_;  // guarded by mu_
  // By field, then segment (held by reader_). Guarded by mu_.
  std::map<Lucene::String, std::map<Lucene::IndexReader*, Lucene::Collection<int32_t>>, std::less<>> lengths_;
  std::map<Lucene::String, std::map<Lucene::IndexReader*, Lucene::StringIndexPtr>, std::less<>> strings_;
};
using FieldStatsPtr = std::shared_ptr<FieldStats>;

// BM25 idf of a term found in `doc_freq` of `docs` documents.
double Bm25Idf(int64_t doc_freq, int64_t docs);

// Combines sub-scores as plain sums: coord and queryNorm are 1.
class Bm25Similarity : public Lucene::DefaultSimilarity {
 public:
  WENJIN_LUCENE_CLASS(Bm25Similarity);
  double coord(int32_t overlap, int32_t max_overlap) override { return 1.0; }
  double queryNorm(double sum_of_squared_weights) override { return 1.0; }
};

// One term scored with BM25. `max_idf` (> 0) caps the idf: typo expansions use the idf of the
// word typed so a rare misspelling cannot outrank the exact word.
class Bm25TermQuery : public Lucene::Query {
 public:
  Bm25TermQuery(Lucene::TermPtr term, FieldStatsPtr stats, Bm25Params params, double max_idf = 0);
  WENJIN_LUCENE_CLASS(Bm25TermQuery);

  Lucene::WeightPtr createWeight(const Lucene::SearcherPtr& searcher) override;
  void extractTerms(Lucene::SetTerm terms) override;
  Lucene::String toString(const Lucene::String& field) override;
  Lucene::LuceneObjectPtr clone(const Lucene::LuceneObjectPtr& other = Lucene::LuceneObjectPtr()) override;

  const Lucene::TermPtr& term() const { return term_; }
  const FieldStatsPtr& stats() const { return stats_; }
  const Bm25Params& params() const { return params_; }
  double max_idf() const { return max_idf_; }

 private:
  Lucene::TermPtr term_;
  FieldStatsPtr stats_;
  Bm25Params params_;
  double max_idf_;
};

// An exact phrase (terms at given relative positions, one field) scored with BM25.
// REQUIRES: at least two terms, all in the same field.
class Bm25PhraseQuery : public Lucene::Query {
 public:
  Bm25PhraseQuery(const std::vector<std::pair<Lucene::TermPtr, int32_t>>& terms, FieldStatsPtr stats,
                  Bm25Params params);
  WENJIN_LUCENE_CLASS(Bm25PhraseQuery);

  Lucene::WeightPtr createWeight(const Lucene::SearcherPtr& searcher) override;
  void extractTerms(Lucene::SetTerm terms) override;
  Lucene::String toString(const Lucene::String& field) override;
  Lucene::LuceneObjectPtr clone(const Lucene::LuceneObjectPtr& other = Lucene::LuceneObjectPtr()) override;

  const Lucene::PhraseQueryPtr& phrase() const { return phrase_; }
  const FieldStatsPtr& stats() const { return stats_; }
  const Bm25Params& params() const { return params_; }

 private:
  Lucene::PhraseQueryPtr phrase_;  // holds the terms and their positions (ExactPhraseMatcher matches)
  FieldStatsPtr stats_;
  Bm25Params params_;
};

}  // namespace wenjin::index
