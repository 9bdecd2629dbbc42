// Helpers for search tests: an in-memory Lucene++ index built from resources with BuildDocument.
#pragma once

#include <string>
#include <vector>

#include <lucene++/LuceneHeaders.h>

#include "index/analysis/field_analyzer.h"
#include "index/document_builder.h"
#include "store/resource.h"

namespace wenjin::testing {

// A resource with the fields tests usually set.
inline Resource MakeResource(std::string id, std::string lang, std::string title, std::string description,
                             std::string subject = "", std::string level = "", std::string published_at = "") {
  Resource r;
  r.id = std::move(id);
  r.lang = std::move(lang);
  r.title = std::move(title);
  r.description = std::move(description);
  r.subject = std::move(subject);
  r.level = std::move(level);
  r.type = "course";
  r.published_at = std::move(published_at);
  return r;
}

// Indexes `resources` into a RAMDirectory, committing every `per_segment` documents (so the index
// has several segments), and returns a reader.
inline Lucene::IndexReaderPtr BuildIndex(const std::vector<Resource>& resources, size_t per_segment = 1000) {
  auto dir = Lucene::newLucene<Lucene::RAMDirectory>();
  auto writer = Lucene::newLucene<Lucene::IndexWriter>(dir, analysis::NewFieldAnalyzer(), true,
                                                       Lucene::IndexWriter::MaxFieldLengthUNLIMITED);
  size_t n = 0;
  for (const auto& r : resources) {
    writer->addDocument(index::BuildDocument(r));
    if (++n % per_segment == 0) writer->commit();
  }
  writer->close();
  return Lucene::IndexReader::open(dir, true);
}

}  // namespace wenjin::testing
