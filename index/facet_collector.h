// A Lucene++ Collector that counts facet values over every match while passing each match on to
// the collector that keeps the page of top hits.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <lucene++/LuceneHeaders.h>

#include "index/bm25.h"  // WENJIN_LUCENE_CLASS

namespace wenjin::index {

// REQUIRES: each facet field is a single-valued keyword field (FieldCache string index).
// One search at a time (like every Lucene++ collector).
class FacetCollector : public Lucene::Collector {
 public:
  // `arrays` (optional): the searched reader's FieldStats, whose memo of FieldCache string
  // indexes is cheaper than FieldCache's own lookup.
  FacetCollector(Lucene::CollectorPtr inner, std::vector<std::string> fields, FieldStatsPtr arrays = nullptr);
  WENJIN_LUCENE_CLASS(FacetCollector);

  void setScorer(const Lucene::ScorerPtr& scorer) override;
  void collect(int32_t doc) override;
  void setNextReader(const Lucene::IndexReaderPtr& reader, int32_t doc_base) override;
  bool acceptsDocsOutOfOrder() override;

  // Matches seen and field -> value -> count (documents without a value are not counted).
  // Call after the search.
  uint64_t total() const { return total_; }
  std::map<std::string, std::map<std::string, uint64_t>> Counts();

 private:
  void FlushSegment();

  Lucene::CollectorPtr inner_;
  std::vector<std::string> fields_;
  std::vector<Lucene::String> wide_fields_;
  FieldStatsPtr arrays_;
  uint64_t total_ = 0;
  std::vector<Lucene::StringIndexPtr> segment_index_;     // per field, current segment
  std::vector<std::vector<uint32_t>> segment_counts_;     // per field, by ordinal
  std::map<std::string, std::map<std::string, uint64_t>> counts_;
};

}  // namespace wenjin::index
