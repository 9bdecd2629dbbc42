// Platform: composes store, index (and, as they land, screening and the review workflow).
#include "api/platform.h"

#include <fstream>

#include "api/importer.h"
#include "api/log.h"

namespace wenjin::api {

Platform::~Platform() {
  if (index_) {
    Status s = index_->Commit();
    if (!s.ok()) LogEvent("warn", "index_commit_failed", {{"error", s.ToString()}});
  }
}

Status Platform::Open(const PlatformOptions& options, std::unique_ptr<Platform>* out) {
  std::unique_ptr<Platform> p(new Platform());
  WENJIN_RETURN_IF_ERROR(store::Db::Open(options.data_dir, &p->db_));
  p->resources_ = std::make_unique<store::ResourceStore>(p->db_.get());
  WENJIN_RETURN_IF_ERROR(index::SearchIndex::Open(p->resources_.get(), options.index, &p->index_));

  if (!options.initial_corpus.empty() && p->resources_->last_sequence() == 0) {
    std::ifstream in(options.initial_corpus, std::ios::binary);
    if (!in) return Status::NotFound("cannot read initial corpus " + options.initial_corpus);
    ImportReport report;
    WENJIN_RETURN_IF_ERROR(ImportNdjson(in, p->resources_.get(), p->index_.get(), ImportOptions(), &report));
    LogEvent("info", "initial_corpus_imported",
             {{"path", options.initial_corpus}, {"imported", report.totals.imported},
              {"skipped", report.totals.skipped}, {"seconds", report.seconds}});
  }
  *out = std::move(p);
  return Status::OK();
}

Status Platform::Search(const index::SearchRequest& request, index::SearchResponse* response) {
  return index_->Search(request, response);
}

Status Platform::Suggest(const std::string& prefix, const std::string& lang, size_t limit,
                         std::vector<index::Suggestion>* suggestions) {
  return index_->Suggest(prefix, lang, limit, suggestions);
}

Status Platform::GetPublished(const std::string& id, Resource* resource) {
  Resource r;
  WENJIN_RETURN_IF_ERROR(resources_->Get(id, &r));
  if (r.state != ResourceState::kPublished) return Status::NotFound("no resource with id '" + id + "'");
  *resource = std::move(r);
  return Status::OK();
}

}  // namespace wenjin::api
