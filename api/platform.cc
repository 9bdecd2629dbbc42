// Platform: opening, search, screening of resources, and the one commit path of the workflow.
#include "api/platform.h"

#include <chrono>
#include <fstream>

#include "api/importer.h"
#include "api/log.h"
#include "api/platform_internal.h"

namespace wenjin::api {

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch()).count();
}

Platform::~Platform() {
  if (index_) {
    Status s = index_->Commit();
    if (!s.ok()) LogEvent("warn", "index_commit_failed", {{"error", s.ToString()}});
  }
}

Status Platform::LoadLexicon() {
  review::LexiconOptions lexicon_options;
  std::shared_ptr<const review::Lexicon> lexicon;
  Status s = lexicons_->LoadActive(lexicon_options, &lexicon);
  if (s.IsNotFound()) {
    if (options_.lexicon_dir.empty()) {
      // No lexicon anywhere: screen with an empty one (PII detectors still run).
      WENJIN_RETURN_IF_ERROR(review::EmptyLexicon(lexicon_options, &lexicon));
    } else {
      WENJIN_RETURN_IF_ERROR(review::LoadLexiconDir(options_.lexicon_dir, lexicon_options, &lexicon));
      WENJIN_RETURN_IF_ERROR(lexicons_->Save(*lexicon));
      WENJIN_RETURN_IF_ERROR(lexicons_->Activate(lexicon->version()));
      WENJIN_RETURN_IF_ERROR(audit_->Append({"system", "lexicon", "", nullptr,
                                             {{"version", lexicon->version()}, {"rules", lexicon->rules().size()}},
                                             {{"source", options_.lexicon_dir}}}));
      LogEvent("info", "lexicon_loaded", {{"version", lexicon->version()}, {"rules", lexicon->rules().size()}});
    }
  } else {
    WENJIN_RETURN_IF_ERROR(s);
  }
  screener_ = std::make_unique<review::Screener>(lexicon);
  return Status::OK();
}

Status Platform::Open(const PlatformOptions& options, std::unique_ptr<Platform>* out) {
  std::unique_ptr<Platform> p(new Platform());
  p->options_ = options;
  store::Db::Options db_options;
  db_options.index_cache_bytes = options.index_cache_bytes;
  WENJIN_RETURN_IF_ERROR(store::Db::Open(options.data_dir, db_options, &p->db_));
  p->resources_ = std::make_unique<store::ResourceStore>(p->db_.get());
  p->audit_ = std::make_unique<store::AuditLog>(p->db_.get());
  p->keys_ = std::make_unique<KeyStore>(p->db_.get());
  p->queue_ = std::make_unique<review::ReviewQueue>(p->db_.get());
  p->lexicons_ = std::make_unique<review::LexiconStore>(p->db_.get());
  WENJIN_RETURN_IF_ERROR(p->LoadLexicon());
  WENJIN_RETURN_IF_ERROR(index::SearchIndex::Open(p->resources_.get(), options.index, &p->index_));

  if (!options.initial_corpus.empty() && p->resources_->last_sequence() == 0) {
    std::ifstream in(options.initial_corpus, std::ios::binary);
    if (!in) return Status::NotFound("cannot read initial corpus " + options.initial_corpus);
    ImportReport report;
    WENJIN_RETURN_IF_ERROR(ImportNdjson(in, p->resources_.get(), p->index_.get(), ImportOptions(), &report));
    LogEvent("info", "initial_corpus_imported",
             {{"imported", report.totals.imported}, {"skipped", report.totals.skipped}, {"seconds", report.seconds}});
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

review::Verdict Platform::Screen(std::string_view text, std::string_view lang, std::string_view origin) const {
  return screener_->Screen(text, lang, origin);
}

Platform::Screened Platform::ScreenResource(const Resource& r) const {
  Screened out;
  out.lexicon_version = screener_->lexicon()->version();
  std::vector<review::Flag> all;
  auto screen_field = [&](const std::string& field, const std::string& text, const std::string& lang) {
    if (text.empty()) return;
    review::Verdict v = screener_->Screen(text, lang, r.origin);
    for (const auto& f : v.flags) {
      all.push_back(f);
      out.flags.push_back({{"field", field}, {"rule", f.rule}, {"category", f.category},
                           {"severity", review::SeverityName(f.severity)}, {"start", f.start},
                           {"end", f.end}, {"excerpt", f.excerpt}});
    }
  };
  screen_field("title", r.title, r.lang);
  screen_field("description", r.description, r.lang);
  screen_field("body", r.body, r.lang);
  for (const auto& [lang, title] : r.titles) {
    if (title != r.title) screen_field("titles." + lang, title, lang);
  }
  out.decision = review::Decide(all, r.origin);
  for (const auto& f : all) {
    if (review::SeverityRank(review::SeverityName(f.severity)) > review::SeverityRank(out.max_severity)) {
      out.max_severity = review::SeverityName(f.severity);
    }
  }
  return out;
}

Status Platform::CommitWorkflow(store::ResourceBatch* batch, const std::vector<store::AuditEntry>& entries) {
  WENJIN_RETURN_IF_ERROR(audit_->AppendAndCommit(entries, &batch->extra(), [&] { return resources_->Commit(batch); }));
  // Search sees the change at once; the index commit that makes it durable in Lucene++ can
  // wait (the change log is durable and replayed on start).
  return index_->CatchUp();
}

}  // namespace wenjin::api
