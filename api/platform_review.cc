// Reviewer side of the platform: the prioritised queue, leases, decisions.
#include "api/platform_internal.h"

namespace wenjin::api {

namespace {

bool IsSenior(const Caller& c) { return c.role == Role::kSeniorReviewer || c.role == Role::kAdmin; }

nlohmann::json ItemView(const review::ReviewItem& item, const Resource* resource) {
  nlohmann::json j = review::ReviewItemToJson(item);
  if (resource) {
    j["resource"] = {{"id", resource->id}, {"title", resource->title}, {"lang", resource->lang},
                     {"origin", resource->origin}, {"state", StateName(resource->state)}};
    if (!resource->model.empty()) j["resource"]["model"] = resource->model;
  }
  return j;
}

}  // namespace

Status Platform::ListQueue(const Caller& caller, const review::QueueFilter& filter, nlohmann::json* out) {
  WENJIN_RETURN_IF_ERROR(RequireRole(caller, {Role::kReviewer, Role::kSeniorReviewer, Role::kAdmin}));
  if (filter.queue == "senior" && !IsSenior(caller)) {
    return Status::PermissionDenied("the senior queue needs the senior_reviewer or admin role");
  }
  if (filter.queue != "standard" && filter.queue != "senior") {
    return Status::InvalidArgument("queue must be 'standard' or 'senior'");
  }
  std::vector<review::ReviewItem> items;
  WENJIN_RETURN_IF_ERROR(queue_->List(filter, NowMs(), &items));
  nlohmann::json list = nlohmann::json::array();
  for (const auto& item : items) {
    Resource r;
    bool found = resources_->Get(item.resource_id, &r).ok();
    list.push_back(ItemView(item, found ? &r : nullptr));
  }
  *out = {{"items", std::move(list)}};
  return Status::OK();
}

Status Platform::Claim(const Caller& caller, const std::string& item_id, int64_t lease_ms, nlohmann::json* out) {
  WENJIN_RETURN_IF_ERROR(RequireRole(caller, {Role::kReviewer, Role::kSeniorReviewer, Role::kAdmin}));
  if (lease_ms <= 0) lease_ms = options_.default_lease_ms;
  std::lock_guard<std::mutex> lock(workflow_mu_);
  review::ReviewItem item;
  WENJIN_RETURN_IF_ERROR(queue_->Get(item_id, &item));
  if (item.status != "open") return Status::Conflict("review item '" + item_id + "' was already decided");
  if (item.queue == "senior" && !IsSenior(caller)) {
    return Status::PermissionDenied("item '" + item_id + "' is in the senior queue");
  }
  const int64_t now = NowMs();
  if (!item.claimed_by.empty() && item.claimed_by != caller.key_id && item.lease_until_ms > now) {
    return Status::Conflict("review item '" + item_id + "' is claimed by another reviewer until " +
                            std::to_string(item.lease_until_ms));
  }
  item.claimed_by = caller.key_id;
  item.lease_until_ms = now + lease_ms;
  item.history.push_back({{"at_ms", now}, {"actor", caller.key_id}, {"action", "claim"}, {"lease_ms", lease_ms}});
  store::ResourceBatch batch;
  queue_->Put(item, &batch.extra());
  WENJIN_RETURN_IF_ERROR(CommitWorkflow(&batch, {{caller.key_id, "claim", item.resource_id, nullptr,
                                                 {{"item", item.id}, {"lease_until_ms", item.lease_until_ms}}, nullptr}}));
  Resource r;
  bool found = resources_->Get(item.resource_id, &r).ok();
  *out = ItemView(item, found ? &r : nullptr);
  return Status::OK();
}

Status Platform::Decide(const Caller& caller, const std::string& item_id, const std::string& decision,
                        const std::string& reason, nlohmann::json* out) {
  WENJIN_RETURN_IF_ERROR(RequireRole(caller, {Role::kReviewer, Role::kSeniorReviewer, Role::kAdmin}));
  if (decision != "approve" && decision != "reject" && decision != "escalate") {
    return Status::InvalidArgument("decision must be approve, reject or escalate");
  }
  if (reason.empty()) return Status::InvalidArgument("reason is required");
  std::lock_guard<std::mutex> lock(workflow_mu_);
  review::ReviewItem item;
  WENJIN_RETURN_IF_ERROR(queue_->Get(item_id, &item));
  if (item.status != "open") return Status::Conflict("review item '" + item_id + "' was already decided");
  const int64_t now = NowMs();
  if (item.claimed_by != caller.key_id || item.lease_until_ms <= now) {
    return Status::Conflict("claim review item '" + item_id + "' before deciding (no live lease held by you)");
  }
  if (item.queue == "senior" && !IsSenior(caller)) {
    return Status::PermissionDenied("item '" + item_id + "' is in the senior queue");
  }
  Resource r;
  WENJIN_RETURN_IF_ERROR(resources_->Get(item.resource_id, &r));
  Resource before = r;
  item.history.push_back({{"at_ms", now}, {"actor", caller.key_id}, {"action", decision}, {"reason", reason}});
  item.claimed_by.clear();
  item.lease_until_ms = 0;
  store::ResourceBatch batch;
  if (decision == "escalate") {
    if (item.queue == "senior") return Status::Conflict("review item '" + item_id + "' is already in the senior queue");
    item.queue = "senior";
  } else {
    item.status = "decided";
    item.decision = decision;
    item.reason = reason;
    if (r.state == ResourceState::kInReview) {
      r.state = decision == "approve" ? ResourceState::kPublished : ResourceState::kRejected;
      if (!r.review.is_object()) r.review = nlohmann::json::object();
      r.review["decision"] = decision;
      r.review["reason"] = reason;
      r.review["decided_by"] = caller.key_id;
      batch.Put(r);
    }
  }
  queue_->Put(item, &batch.extra());
  WENJIN_RETURN_IF_ERROR(CommitWorkflow(
      &batch, {{caller.key_id, "decision", r.id, {{"state", StateName(before.state)}}, {{"state", StateName(r.state)}},
                {{"item", item.id}, {"decision", decision}, {"reason", reason}}}}));
  *out = ItemView(item, &r);
  return Status::OK();
}

}  // namespace wenjin::api
