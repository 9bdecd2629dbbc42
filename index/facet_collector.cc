// FacetCollector: counts by FieldCache ordinal within a segment, by value across segments.
#include "index/facet_collector.h"

#include <lucene++/FieldCache.h>

namespace wenjin::index {

FacetCollector::FacetCollector(Lucene::CollectorPtr inner, std::vector<std::string> fields, FieldStatsPtr arrays)
    : inner_(std::move(inner)), fields_(std::move(fields)), arrays_(std::move(arrays)) {
  for (const auto& f : fields_) wide_fields_.push_back(Lucene::StringUtils::toUnicode(f));
}

void FacetCollector::setScorer(const Lucene::ScorerPtr& scorer) { inner_->setScorer(scorer); }

void FacetCollector::collect(int32_t doc) {
  ++total_;
  for (size_t f = 0; f < fields_.size(); ++f) {
    const auto& index = segment_index_[f];
    if (index && doc < index->order.size()) ++segment_counts_[f][index->order[doc]];
  }
  inner_->collect(doc);
}

void FacetCollector::setNextReader(const Lucene::IndexReaderPtr& reader, int32_t doc_base) {
  FlushSegment();
  segment_index_.assign(fields_.size(), Lucene::StringIndexPtr());
  segment_counts_.assign(fields_.size(), {});
  for (size_t f = 0; f < fields_.size(); ++f) {
    auto index = arrays_ ? arrays_->SegmentStrings(reader, wide_fields_[f])
                         : Lucene::FieldCache::DEFAULT()->getStringIndex(reader, wide_fields_[f]);
    segment_index_[f] = index;
    segment_counts_[f].assign(static_cast<size_t>(index->lookup.size()), 0);
  }
  inner_->setNextReader(reader, doc_base);
}

bool FacetCollector::acceptsDocsOutOfOrder() { return inner_->acceptsDocsOutOfOrder(); }

void FacetCollector::FlushSegment() {
  for (size_t f = 0; f < segment_index_.size(); ++f) {
    const auto& index = segment_index_[f];
    if (!index) continue;
    for (size_t ord = 1; ord < segment_counts_[f].size(); ++ord) {  // ordinal 0: no value
      if (segment_counts_[f][ord] == 0) continue;
      counts_[fields_[f]][Lucene::StringUtils::toUTF8(index->lookup[static_cast<int32_t>(ord)])] +=
          segment_counts_[f][ord];
    }
  }
  segment_index_.clear();
  segment_counts_.clear();
}

std::map<std::string, std::map<std::string, uint64_t>> FacetCollector::Counts() {
  FlushSegment();
  return counts_;
}

}  // namespace wenjin::index
