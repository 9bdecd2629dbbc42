// Admin side of the platform: lexicon versions and rescans, keys, the audit trail.
#include "api/log.h"
#include "api/platform_internal.h"

namespace wenjin::api {

Status Platform::PublishLexicon(const Caller& caller, const std::map<std::string, std::string>& files,
                                nlohmann::json* report) {
  WENJIN_RETURN_IF_ERROR(RequireRole(caller, {Role::kAdmin}));
  if (files.empty()) return Status::InvalidArgument("files must name at least one .tsv file");
  std::shared_ptr<const review::Lexicon> lexicon;
  WENJIN_RETURN_IF_ERROR(review::LoadLexiconFiles(files, review::LexiconOptions(), &lexicon));
  WENJIN_RETURN_IF_ERROR(lexicons_->Save(*lexicon));
  WENJIN_RETURN_IF_ERROR(lexicons_->Activate(lexicon->version()));
  const std::string previous = screener_->lexicon()->version();
  screener_->Swap(lexicon);
  WENJIN_RETURN_IF_ERROR(audit_->Append({caller.key_id, "lexicon", "", {{"version", previous}},
                                         {{"version", lexicon->version()}, {"rules", lexicon->rules().size()}},
                                         nullptr}));

  // Rescan: every published or in-review resource is screened again with the new version.
  std::vector<std::string> ids;
  WENJIN_RETURN_IF_ERROR(resources_->ForEach([&](const Resource& r) {
    if (r.state == ResourceState::kPublished || r.state == ResourceState::kInReview) ids.push_back(r.id);
    return true;
  }));
  nlohmann::json changed = nlohmann::json::array();
  for (const std::string& id : ids) {
    Resource r;
    if (!resources_->Get(id, &r).ok()) continue;
    Screened screened = ScreenResource(r);
    std::string before_verdict = r.review.is_object() ? r.review.value("verdict", "allow") : "allow";
    const char* after_verdict = review::DecisionName(screened.decision);
    if (before_verdict == after_verdict) continue;
    changed.push_back({{"id", id}, {"before", before_verdict}, {"after", after_verdict}});
    // Only published resources that are now flagged change state: out of search, into review.
    if (r.state != ResourceState::kPublished || screened.decision == review::Decision::kAllow) continue;
    std::lock_guard<std::mutex> lock(workflow_mu_);
    Resource before = r;
    r.review = ReviewRecord(after_verdict, screened.flags, screened.lexicon_version);
    store::ResourceBatch batch;
    if (screened.decision == review::Decision::kBlock) {
      r.state = ResourceState::kRejected;
      r.review["reason"] = "blocked by screening after lexicon " + lexicon->version();
    } else {
      r.state = ResourceState::kInReview;
      review::ReviewItem item =
          NewReviewItem(r, screened, NowMs(), {{"action", "rescan"}, {"lexicon_version", lexicon->version()}});
      queue_->Put(item, &batch.extra());
      r.review["item_id"] = item.id;
    }
    batch.Put(r);
    WENJIN_RETURN_IF_ERROR(CommitWorkflow(&batch, {{"system", "rescan", r.id, {{"state", StateName(before.state)}},
                                                    {{"state", StateName(r.state)}},
                                                    {{"lexicon_version", lexicon->version()}, {"verdict", after_verdict}}}}));
  }
  LogEvent("info", "lexicon_published", {{"version", lexicon->version()}, {"rescanned", ids.size()},
                                          {"changed", changed.size()}});
  *report = {{"version", lexicon->version()},
             {"rules", lexicon->rules().size()},
             {"rescanned", ids.size()},
             {"changed", std::move(changed)}};
  return Status::OK();
}

Status Platform::ListLexicons(const Caller& caller, nlohmann::json* out) {
  WENJIN_RETURN_IF_ERROR(RequireRole(caller, {Role::kAdmin}));
  std::vector<review::LexiconInfo> versions;
  WENJIN_RETURN_IF_ERROR(lexicons_->List(&versions));
  nlohmann::json list = nlohmann::json::array();
  for (const auto& v : versions) {
    list.push_back({{"version", v.version}, {"rules", v.rules}, {"saved_at_ms", v.saved_at_ms}, {"active", v.active}});
  }
  *out = {{"versions", std::move(list)}, {"active", screener_->lexicon()->version()}};
  return Status::OK();
}

Status Platform::CreateKey(const Caller& caller, const std::string& role_name, const std::string& label,
                           nlohmann::json* out) {
  WENJIN_RETURN_IF_ERROR(RequireRole(caller, {Role::kAdmin}));
  Role role;
  if (!ParseRole(role_name, &role)) {
    return Status::InvalidArgument("role must be publisher, reviewer, senior_reviewer or admin");
  }
  KeyInfo info;
  std::string secret;
  WENJIN_RETURN_IF_ERROR(keys_->Create(role, label, &info, &secret));
  WENJIN_RETURN_IF_ERROR(audit_->Append({caller.key_id, "key", "", nullptr,
                                         {{"key_id", info.id}, {"role", RoleName(role)}}, {{"label", label}}}));
  *out = {{"key", secret}, {"id", info.id}, {"role", RoleName(role)}, {"label", label}, {"created_at", info.created_at}};
  return Status::OK();
}

Status Platform::Authenticate(const std::string& secret, Caller* caller) {
  KeyInfo info;
  WENJIN_RETURN_IF_ERROR(keys_->Authenticate(secret, &info));
  *caller = {info.id, info.role};
  return Status::OK();
}

Status Platform::ListAudit(const Caller& caller, uint64_t after, const std::string& resource_id, const std::string& actor, size_t limit,
                           nlohmann::json* out) {
  WENJIN_RETURN_IF_ERROR(RequireRole(caller, {Role::kAdmin}));
  std::vector<store::AuditRecord> records;
  WENJIN_RETURN_IF_ERROR(audit_->List(after, resource_id, actor, limit, &records));
  nlohmann::json list = nlohmann::json::array();
  for (const auto& r : records) list.push_back(store::AuditRecordToJson(r));
  *out = {{"records", std::move(list)}};
  return Status::OK();
}

}  // namespace wenjin::api
