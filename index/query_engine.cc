// QueryEngine: first working version (Lucene++ QueryParser on the neutral field); BM25 follows.
#include "index/query_engine.h"

#include <chrono>

#include "index/analysis/field_analyzer.h"
#include "index/schema.h"
#include "store/resource.h"

namespace wenjin::index {
namespace {

using Lucene::newLucene;

Lucene::String Wide(const std::string& s) { return Lucene::StringUtils::toUnicode(s); }
std::string Utf8(const Lucene::String& s) { return Lucene::StringUtils::toUTF8(s); }

std::string StoredField(const Lucene::DocumentPtr& doc, const char* field) {
  return Utf8(doc->get(Wide(field)));
}

}  // namespace

class QueryEngine::Impl {
 public:
  explicit Impl(const IndexOptions& options) : options_(options), analyzer_(analysis::NewFieldAnalyzer()) {}
  IndexOptions options_;
  Lucene::AnalyzerPtr analyzer_;
};

QueryEngine::QueryEngine(const IndexOptions& options) : impl_(std::make_unique<Impl>(options)) {}
QueryEngine::~QueryEngine() = default;

Status QueryEngine::Search(const Lucene::IndexReaderPtr& reader, const SearchRequest& request,
                           SearchResponse* response) {
  *response = SearchResponse();
  const auto start = std::chrono::steady_clock::now();
  if (request.query.empty()) return Status::InvalidArgument("query is empty");
  if (request.query.size() > kMaxQueryBytes) return Status::InvalidArgument("query is too long");
  if (!IsValidUtf8(request.query)) return Status::InvalidArgument("query is not valid UTF-8");
  if (request.limit > kMaxLimit) return Status::InvalidArgument("limit is above 100");
  try {
    auto parser = newLucene<Lucene::QueryParser>(Lucene::LuceneVersion::LUCENE_CURRENT, Wide(schema::kAll),
                                                 impl_->analyzer_);
    Lucene::QueryPtr query;
    try {
      query = parser->parse(Wide(request.query));
    } catch (Lucene::LuceneException&) {
      return Status::InvalidArgument("query could not be parsed");
    }
    auto searcher = newLucene<Lucene::IndexSearcher>(reader);
    const int32_t want = static_cast<int32_t>(request.offset + request.limit);
    auto top = searcher->search(query, Lucene::FilterPtr(), std::max(want, 1));
    response->total = top->totalHits;
    for (int32_t i = static_cast<int32_t>(request.offset); i < top->scoreDocs.size() && i < want; ++i) {
      auto doc = searcher->doc(top->scoreDocs[i]->doc);
      SearchHit hit;
      hit.id = StoredField(doc, schema::kId);
      hit.title = StoredField(doc, schema::kStoredTitle);
      hit.lang = StoredField(doc, schema::kLangTag);
      hit.snippet = StoredField(doc, schema::kStoredDescription).substr(0, 0);
      hit.score = top->scoreDocs[i]->score;
      hit.subject = StoredField(doc, schema::kSubject);
      hit.level = StoredField(doc, schema::kLevel);
      hit.type = StoredField(doc, schema::kType);
      hit.origin = StoredField(doc, schema::kOrigin);
      hit.published_at = StoredField(doc, schema::kPublishedAt);
      hit.url = StoredField(doc, schema::kStoredUrl);
      response->hits.push_back(std::move(hit));
    }
    response->parsed_query = Utf8(query->toString());
  } catch (Lucene::LuceneException& e) {
    return Status::Internal("search failed: " + Utf8(e.getError()));
  }
  response->took_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return Status::OK();
}

Status QueryEngine::Suggest(const Lucene::IndexReaderPtr& reader, const std::string& prefix,
                            const std::string& lang, size_t limit, std::vector<Suggestion>* suggestions) {
  suggestions->clear();
  if (prefix.empty() || !IsValidUtf8(prefix)) return Status::InvalidArgument("prefix is empty or invalid UTF-8");
  return Status::OK();
}

}  // namespace wenjin::index
