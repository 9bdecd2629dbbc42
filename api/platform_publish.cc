// Publisher side of the platform: uploads (screened before storing), replace, withdraw,
// the publisher's view, appeals.
#include <functional>

#include "api/platform_internal.h"
#include "review/extract.h"

namespace wenjin::api {

namespace {

constexpr const char* kOriginalPrefix = "orig/";  // Family::kReview: original uploaded file
constexpr const char* kIdempotencyPrefix = "idem/";

uint64_t Fnv1a(const std::string& s) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}

nlohmann::json StateJson(const Resource* r) {
  if (r == nullptr) return nullptr;
  return {{"state", StateName(r->state)}};
}

}  // namespace

nlohmann::json ReviewRecord(const char* verdict, const nlohmann::json& flags, const std::string& lexicon_version) {
  return {{"verdict", verdict}, {"flags", flags}, {"lexicon_version", lexicon_version}};
}

review::ReviewItem NewReviewItem(const Resource& resource, const Platform::Screened& screened, int64_t now_ms,
                                 nlohmann::json first_event) {
  review::ReviewItem item;
  item.id = "ri_" + NewResourceId().substr(0, 16);
  item.resource_id = resource.id;
  item.flags = screened.flags;
  item.severity = screened.max_severity;
  item.origin = resource.origin;
  item.lang = resource.lang;
  item.created_ms = now_ms;
  first_event["at_ms"] = now_ms;
  first_event["actor"] = "system";
  item.history.push_back(std::move(first_event));
  return item;
}

Status RequireRole(const Caller& caller, std::initializer_list<Role> roles) {
  for (Role r : roles) {
    if (caller.role == r) return Status::OK();
  }
  if (caller.role == Role::kAnonymous) return Status::Unauthenticated("an API key is required");
  std::string names;
  for (Role r : roles) names += (names.empty() ? "" : " or ") + std::string(RoleName(r));
  return Status::PermissionDenied("this needs the " + names + " role");
}

Status Platform::AuthorizeUpload(const Caller& caller) const {
  return RequireRole(caller, {Role::kPublisher, Role::kAdmin});
}

Status Platform::Upload(const Caller& caller, const nlohmann::json& body, const UploadOptions& options,
                        nlohmann::json* response) {
  WENJIN_RETURN_IF_ERROR(AuthorizeUpload(caller));
  if (!body.is_object()) return Status::InvalidArgument("a resource must be a JSON object");
  const std::string request_dump = body.dump() + "|" + options.body_format + (options.replace ? "|put" : "|post");
  const std::string idem_key =
      options.idempotency_key.empty() ? "" : kIdempotencyPrefix + caller.key_id + "/" + options.idempotency_key;
  if (!idem_key.empty()) {
    if (options.idempotency_key.size() > 200) return Status::InvalidArgument("Idempotency-Key is longer than 200 bytes");
    std::string stored;
    Status s = db_->Get(store::Family::kReview, idem_key, &stored);
    if (s.ok()) {
      auto j = nlohmann::json::parse(stored, nullptr, false);
      if (j.is_discarded()) return Status::Corruption("idempotency record is unreadable");
      if (j.value("request_hash", uint64_t{0}) != Fnv1a(request_dump)) {
        return Status::Conflict("Idempotency-Key was already used for a different request");
      }
      *response = j["response"];
      (*response)["replayed"] = true;
      return Status::OK();
    }
    if (!s.IsNotFound()) return s;
  }

  Resource r;
  WENJIN_RETURN_IF_ERROR(ResourceFromJson(body, &r));
  // Workflow fields come from the platform, never from the publisher.
  r.owner = caller.key_id;
  r.review = nullptr;
  std::string original;
  std::string format_name;
  if (!options.body_format.empty()) {
    review::BodyFormat format;
    if (!review::ParseBodyFormat(options.body_format, &format)) {
      return Status::InvalidArgument("body_format must be text, markdown, html, srt or webvtt");
    }
    review::ExtractedText extracted;
    Status s = review::ExtractText(r.body, format, &extracted);
    if (!s.ok()) return Status::InvalidArgument("body: " + s.message());
    original = std::move(r.body);
    format_name = review::BodyFormatName(format);
    r.body = std::move(extracted.text);
  }
  if (r.id.empty()) r.id = NewResourceId();

  // Screening runs outside the workflow lock: it is the expensive part.
  Screened screened = ScreenResource(r);

  std::lock_guard<std::mutex> lock(workflow_mu_);
  Resource previous;
  Status s = resources_->Get(r.id, &previous);
  bool exists = s.ok();
  if (!s.ok() && !s.IsNotFound()) return s;
  if (exists && previous.owner != caller.key_id && caller.role != Role::kAdmin) {
    // Replacing: as for withdrawing, another publisher's resource is not shown to exist.
    return options.replace ? Status::NotFound("no resource with id '" + r.id + "'")
                           : Status::AlreadyExists("resource '" + r.id + "' already exists");
  }
  if (exists && !options.replace) {
    return Status::AlreadyExists("resource '" + r.id + "' already exists; use PUT to replace it");
  }
  if (!exists && options.replace) return Status::NotFound("no resource with id '" + r.id + "'");
  if (exists) r.owner = previous.owner;  // an admin's replacement stays the publisher's resource

  store::ResourceBatch batch;
  const int64_t now = NowMs();
  // A replaced resource's open review item is superseded by the new screening.
  review::ReviewItem old_item;
  if (exists && queue_->OpenItemFor(r.id, &old_item).ok()) {
    old_item.status = "decided";
    old_item.decision = "superseded";
    old_item.history.push_back({{"at_ms", now}, {"actor", caller.key_id}, {"action", "superseded"}});
    queue_->Put(old_item, &batch.extra());
  }

  const char* verdict = review::DecisionName(screened.decision);
  r.review = ReviewRecord(verdict, screened.flags, screened.lexicon_version);
  nlohmann::json item_json = nullptr;
  switch (screened.decision) {
    case review::Decision::kAllow:
      r.state = ResourceState::kPublished;
      break;
    case review::Decision::kBlock:
      r.state = ResourceState::kRejected;
      r.review["reason"] = "blocked by screening";
      break;
    case review::Decision::kReview: {
      r.state = ResourceState::kInReview;
      review::ReviewItem item = NewReviewItem(r, screened, now, {{"action", "screened"}, {"verdict", verdict}});
      queue_->Put(item, &batch.extra());
      r.review["item_id"] = item.id;
      item_json = item.id;
      break;
    }
  }
  if (!original.empty()) {
    batch.extra().Put(db_->family(store::Family::kReview), kOriginalPrefix + r.id,
                      nlohmann::json({{"format", format_name}, {"content", original}}).dump());
  }
  *response = {{"id", r.id},
               {"state", StateName(r.state)},
               {"verdict", verdict},
               {"flags", screened.flags},
               {"lexicon_version", screened.lexicon_version}};
  if (!item_json.is_null()) (*response)["review_item"] = item_json;
  if (!idem_key.empty()) {
    batch.extra().Put(db_->family(store::Family::kReview), idem_key,
                      nlohmann::json({{"request_hash", Fnv1a(request_dump)}, {"response", *response}}).dump());
  }
  std::vector<store::AuditEntry> audit = {
      {caller.key_id, options.replace ? "replace" : "upload", r.id, StateJson(exists ? &previous : nullptr),
       {{"state", "screening"}}, {{"origin", r.origin}, {"lang", r.lang}}},
      {"system", "verdict", r.id, {{"state", "screening"}}, StateJson(&r),
       {{"verdict", verdict}, {"flags", screened.flags.size()}, {"lexicon_version", screened.lexicon_version}}},
  };
  batch.Put(r);
  return CommitWorkflow(&batch, audit);
}

Status Platform::Withdraw(const Caller& caller, const std::string& id, nlohmann::json* response) {
  WENJIN_RETURN_IF_ERROR(RequireRole(caller, {Role::kPublisher, Role::kAdmin}));
  std::lock_guard<std::mutex> lock(workflow_mu_);
  Resource r;
  WENJIN_RETURN_IF_ERROR(resources_->Get(id, &r));
  if (r.owner != caller.key_id && caller.role != Role::kAdmin) {
    return Status::NotFound("no resource with id '" + id + "'");
  }
  Resource before = r;
  store::ResourceBatch batch;
  review::ReviewItem item;
  if (queue_->OpenItemFor(id, &item).ok()) {
    item.status = "decided";
    item.decision = "withdrawn";
    item.history.push_back({{"at_ms", NowMs()}, {"actor", caller.key_id}, {"action", "withdrawn"}});
    queue_->Put(item, &batch.extra());
  }
  r.state = ResourceState::kWithdrawn;
  batch.Put(r);
  *response = {{"id", id}, {"state", StateName(r.state)}};
  return CommitWorkflow(&batch, {{caller.key_id, "withdraw", id, StateJson(&before), StateJson(&r), nullptr}});
}

Status Platform::GetForCaller(const Caller& caller, const std::string& id, nlohmann::json* out) {
  Resource r;
  WENJIN_RETURN_IF_ERROR(resources_->Get(id, &r));
  bool privileged = caller.role == Role::kAdmin || caller.role == Role::kReviewer ||
                    caller.role == Role::kSeniorReviewer || (!caller.key_id.empty() && r.owner == caller.key_id);
  if (!privileged && r.state != ResourceState::kPublished) return Status::NotFound("no resource with id '" + id + "'");
  *out = ResourceToJson(r);
  if (!privileged) {
    out->erase("owner");
    out->erase("review");
    out->erase("state");
  } else {
    std::string original;
    if (db_->Get(store::Family::kReview, kOriginalPrefix + id, &original).ok()) {
      auto j = nlohmann::json::parse(original, nullptr, false);
      if (!j.is_discarded()) (*out)["original"] = j;
    }
  }
  return Status::OK();
}

Status Platform::ListOwn(const Caller& caller, const std::string& state, size_t limit, nlohmann::json* out) {
  WENJIN_RETURN_IF_ERROR(RequireRole(caller, {Role::kPublisher, Role::kAdmin}));
  ResourceState wanted;
  if (!state.empty() && !ParseState(state, &wanted)) return Status::InvalidArgument("state is unknown");
  nlohmann::json items = nlohmann::json::array();
  WENJIN_RETURN_IF_ERROR(resources_->ForEachOwnedBy(caller.key_id, [&](const Resource& r) {
    if (!state.empty() && r.state != wanted) return true;
    items.push_back({{"id", r.id}, {"title", r.title}, {"lang", r.lang}, {"state", StateName(r.state)},
                     {"review", r.review}});
    return items.size() < limit;
  }));
  *out = {{"resources", std::move(items)}};
  return Status::OK();
}

Status Platform::Appeal(const Caller& caller, const std::string& id, const std::string& reason,
                        nlohmann::json* response) {
  WENJIN_RETURN_IF_ERROR(RequireRole(caller, {Role::kPublisher, Role::kAdmin}));
  if (reason.empty()) return Status::InvalidArgument("reason is required");
  std::lock_guard<std::mutex> lock(workflow_mu_);
  Resource r;
  WENJIN_RETURN_IF_ERROR(resources_->Get(id, &r));
  if (r.owner != caller.key_id && caller.role != Role::kAdmin) return Status::NotFound("no resource with id '" + id + "'");
  if (r.state != ResourceState::kRejected) return Status::Conflict("only a rejected resource can be appealed");
  if (r.review.is_object() && r.review.value("appeals", 0) >= 1) {
    return Status::Conflict("resource '" + id + "' was already appealed once");
  }
  const int64_t now = NowMs();
  review::ReviewItem item;
  std::string item_id = r.review.is_object() ? r.review.value("item_id", "") : "";
  if (item_id.empty() || !queue_->Get(item_id, &item).ok()) {
    item = review::ReviewItem();
    item.id = "ri_" + NewResourceId().substr(0, 16);
    item.resource_id = id;
    item.flags = r.review.is_object() ? r.review.value("flags", nlohmann::json::array()) : nlohmann::json::array();
    for (const auto& f : item.flags) {
      std::string sev = f.value("severity", "low");
      if (review::SeverityRank(sev) > review::SeverityRank(item.severity)) item.severity = sev;
    }
    item.origin = r.origin;
    item.lang = r.lang;
  }
  item.status = "open";
  item.decision.clear();
  item.claimed_by.clear();
  item.lease_until_ms = 0;
  item.created_ms = now;
  item.appeals += 1;
  item.history.push_back({{"at_ms", now}, {"actor", caller.key_id}, {"action", "appeal"}, {"reason", reason}});
  Resource before = r;
  r.state = ResourceState::kInReview;
  if (!r.review.is_object()) r.review = nlohmann::json::object();
  r.review["appeals"] = 1;
  r.review["item_id"] = item.id;
  r.review["appeal_reason"] = reason;
  store::ResourceBatch batch;
  queue_->Put(item, &batch.extra());
  batch.Put(r);
  *response = {{"id", id}, {"state", StateName(r.state)}, {"review_item", item.id}};
  return CommitWorkflow(&batch, {{caller.key_id, "appeal", id, StateJson(&before), StateJson(&r), {{"reason", reason}}}});
}

}  // namespace wenjin::api
