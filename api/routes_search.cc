// Learner routes: GET /v1/search, GET /v1/suggest.
#include "api/json_views.h"
#include "api/request_params.h"
#include "api/routes.h"
#include "store/resource.h"

namespace wenjin::api {

namespace {

HttpResponse GetSearch(Platform* platform, HttpRequest& request) {
  index::SearchRequest search;
  Status s = ParseSearchRequest(request, &search);
  if (!s.ok()) return HttpResponse::Error(s);
  index::SearchResponse response;
  s = platform->Search(search, &response);
  if (!s.ok()) return HttpResponse::Error(s);
  return HttpResponse::Json(200, SearchResponseToJson(search, response));
}

HttpResponse GetSuggest(Platform* platform, HttpRequest& request) {
  auto q = request.Query("q");
  if (!q || q->empty()) return HttpResponse::Error(Status::InvalidArgument("q is required"));
  if (!IsValidUtf8(*q)) return HttpResponse::Error(Status::InvalidArgument("q is not valid UTF-8"));
  if (q->size() > 256) return HttpResponse::Error(Status::InvalidArgument("q is longer than 256 bytes"));
  std::string lang;
  if (auto l = request.Query("lang"); l && !l->empty()) {
    Status s = CanonicalLanguageTag(*l, &lang);
    if (!s.ok()) return HttpResponse::Error(s);
  }
  long limit = 10;
  Status s = IntParam(request, "limit", 1, 50, 10, &limit);
  if (!s.ok()) return HttpResponse::Error(s);
  std::vector<index::Suggestion> suggestions;
  s = platform->Suggest(*q, lang, static_cast<size_t>(limit), &suggestions);
  if (!s.ok()) return HttpResponse::Error(s);
  return HttpResponse::Json(200, SuggestionsToJson(suggestions));
}

}  // namespace

void AddSearchRoutes(Router* router, RouteState* state) {
  Platform* p = state->context.platform;
  router->Add({"GET", "/v1/search", "get_search",
               WithCaller(state, [p](const Caller&, HttpRequest& r) { return GetSearch(p, r); })});
  router->Add({"GET", "/v1/suggest", "get_suggest",
               WithCaller(state, [p](const Caller&, HttpRequest& r) { return GetSuggest(p, r); })});
}

}  // namespace wenjin::api
