// Reviewer routes: the queue, claims, decisions.
#include "api/request_params.h"
#include "api/routes.h"

namespace wenjin::api {

namespace {

HttpResponse GetQueue(Platform* platform, const Caller& caller, HttpRequest& request) {
  review::QueueFilter filter;
  filter.queue = request.Query("queue").value_or("standard");
  filter.category = request.Query("category").value_or("");
  filter.lang = request.Query("lang").value_or("");
  filter.severity = request.Query("severity").value_or("");
  if (!filter.severity.empty() && filter.severity != "low" && filter.severity != "medium" &&
      filter.severity != "high" && filter.severity != "block") {
    return HttpResponse::Error(Status::InvalidArgument("severity must be low, medium, high or block"));
  }
  long limit = 50;
  Status s = IntParam(request, "limit", 1, 500, 50, &limit);
  if (!s.ok()) return HttpResponse::Error(s);
  filter.limit = static_cast<size_t>(limit);
  nlohmann::json response;
  s = platform->ListQueue(caller, filter, &response);
  if (!s.ok()) return HttpResponse::Error(s);
  return HttpResponse::Json(200, response);
}

HttpResponse PostClaim(Platform* platform, const Caller& caller, HttpRequest& request) {
  int64_t lease_ms = 0;
  if (!request.body.empty()) {
    nlohmann::json body;
    Status s = ParseJsonBody(request, &body);
    if (!s.ok()) return HttpResponse::Error(s);
    if (body.contains("lease_seconds")) {
      if (!body["lease_seconds"].is_number_integer() || body["lease_seconds"].get<int64_t>() < 1 ||
          body["lease_seconds"].get<int64_t>() > 86400) {
        return HttpResponse::Error(Status::InvalidArgument("lease_seconds must be an integer from 1 to 86400"));
      }
      lease_ms = body["lease_seconds"].get<int64_t>() * 1000;
    }
  }
  nlohmann::json item;
  Status s = platform->Claim(caller, request.params["id"], lease_ms, &item);
  if (!s.ok()) return HttpResponse::Error(s);
  return HttpResponse::Json(200, item);
}

HttpResponse PostDecision(Platform* platform, const Caller& caller, HttpRequest& request) {
  nlohmann::json body, item;
  Status s = ParseJsonBody(request, &body);
  if (s.ok()) {
    for (const char* field : {"decision", "reason"}) {
      if (!body.contains(field) || !body[field].is_string()) {
        s = Status::InvalidArgument(std::string(field) + " is required (a string)");
        break;
      }
    }
  }
  if (s.ok()) s = platform->Decide(caller, request.params["id"], body["decision"], body["reason"], &item);
  if (!s.ok()) return HttpResponse::Error(s);
  return HttpResponse::Json(200, item);
}

}  // namespace

void AddReviewRoutes(Router* router, RouteState* state) {
  router->Add({"GET", "/v1/review/queue", "get_review_queue", WithCaller(state, GetQueue)});
  router->Add({"POST", "/v1/review/items/:id/claim", "post_review_claim", WithCaller(state, PostClaim)});
  router->Add({"POST", "/v1/review/items/:id/decision", "post_review_decision", WithCaller(state, PostDecision)});
}

}  // namespace wenjin::api
