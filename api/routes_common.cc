// Caller resolution, rate limits and JSON bodies shared by the route handlers.
#include "api/openapi.h"
#include "api/routes.h"
#include "store/resource.h"

namespace wenjin::api {

Status ParseJsonBody(const HttpRequest& request, nlohmann::json* body) {
  if (request.body.empty()) return Status::InvalidArgument("the request body is empty; a JSON object is expected");
  if (!IsValidUtf8(request.body)) return Status::InvalidArgument("the request body is not valid UTF-8");
  *body = nlohmann::json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  if (body->is_discarded()) return Status::InvalidArgument("the request body is not valid JSON");
  if (!body->is_object()) return Status::InvalidArgument("the request body must be a JSON object");
  return Status::OK();
}

Handler WithCaller(RouteState* state, PlatformRoute fn) {
  Platform* platform = state->context.platform;
  return WithCaller(state, [platform, fn](const Caller& c, HttpRequest& r) { return fn(platform, c, r); });
}

Handler WithCaller(RouteState* state, StateRoute fn) {
  return WithCaller(state, [state, fn](const Caller& c, HttpRequest& r) { return fn(state, c, r); });
}

Handler WithCaller(RouteState* state, CallerHandler handler) {
  return [state, handler = std::move(handler)](HttpRequest& request) -> HttpResponse {
    const int64_t now = NowMs();
    int retry_after = 0;
    auto too_many = [&](const std::string& who) {
      HttpResponse r = HttpResponse::Error(429, "rate_limited", "too many requests from this " + who);
      r.headers["Retry-After"] = std::to_string(retry_after);
      return r;
    };
    if (!state->by_address.Allow(request.peer, now, &retry_after)) return too_many("address");
    Caller caller;
    std::string auth = request.Header("authorization");
    if (!auth.empty()) {
      const std::string prefix = "Bearer ";
      if (auth.size() <= prefix.size() || auth.compare(0, prefix.size(), prefix) != 0) {
        return HttpResponse::Error(Status::Unauthenticated("Authorization must be 'Bearer KEY'"));
      }
      Status s = state->context.platform->Authenticate(auth.substr(prefix.size()), &caller);
      if (!s.ok()) return HttpResponse::Error(s);
      if (!state->by_key.Allow(caller.key_id, now, &retry_after)) return too_many("key");
    }
    return handler(caller, request);
  };
}

Router BuildRouter(RouteState* state) {
  Router router;
  AddOpsRoutes(&router, state);
  AddSearchRoutes(&router, state);
  AddResourceRoutes(&router, state);
  AddReviewRoutes(&router, state);
  AddScreenRoutes(&router, state);
  AddAdminRoutes(&router, state);
  state->openapi = BuildOpenApi(router);
  return router;
}

}  // namespace wenjin::api
