// The REST routes, grouped by who uses them. Each Add*Routes registers handlers named like the
// route table (get_search, post_resource ...) on the router. Handlers only translate HTTP to
// Platform calls and back; the rules live in the Platform.
#pragma once

#include <functional>

#include "api/metrics.h"
#include "api/platform.h"
#include "api/rate_limiter.h"
#include "api/router.h"
#include "api/screen_sessions.h"

namespace wenjin::api {

struct RouteOptions {
  double rate_per_second = 50;   // per key and per address; <= 0 disables. Default: 50/s
  double rate_burst = 100;       // Default: 100
  size_t max_body_bytes = 10u << 20;  // uploads larger than this get 413; Default: 10 MiB
};

struct RouteContext {
  Platform* platform;
  Metrics* metrics;
  RouteOptions options = {};
};

// Shared state the handlers use besides the platform (rate limits, screening sessions).
class RouteState {
 public:
  explicit RouteState(const RouteContext& context)
      : context(context),
        by_key(context.options.rate_per_second, context.options.rate_burst),
        by_address(context.options.rate_per_second, context.options.rate_burst) {}
  RouteContext context;
  RateLimiter by_key;
  RateLimiter by_address;
  ScreenSessions sessions;
  nlohmann::json openapi;  // filled by BuildRouter from the finished route table
};

using CallerHandler = std::function<HttpResponse(const Caller&, HttpRequest&)>;
// Wraps a handler: applies the per-address and per-key rate limits (429 + Retry-After) and
// resolves "Authorization: Bearer KEY" to a Caller (401 for a key that is not valid).
Handler WithCaller(RouteState* state, CallerHandler handler);

// WithCaller around the usual handler shapes: fn(platform or state, caller, request).
using PlatformRoute = HttpResponse (*)(Platform*, const Caller&, HttpRequest&);
using StateRoute = HttpResponse (*)(RouteState*, const Caller&, HttpRequest&);
Handler WithCaller(RouteState* state, PlatformRoute fn);
Handler WithCaller(RouteState* state, StateRoute fn);

void AddSearchRoutes(Router* router, RouteState* state);    // /v1/search, /v1/suggest
void AddResourceRoutes(Router* router, RouteState* state);  // /v1/resources..., /v1/my/resources
void AddReviewRoutes(Router* router, RouteState* state);    // /v1/review/...
void AddScreenRoutes(Router* router, RouteState* state);    // /v1/screen...
void AddAdminRoutes(Router* router, RouteState* state);     // /v1/lexicons, /v1/keys, /v1/audit
void AddOpsRoutes(Router* router, RouteState* state);       // /healthz, /metrics, /v1/openapi.json, /

// Builds the full route table. `state` must outlive the router.
Router BuildRouter(RouteState* state);

// Parses a JSON request body; InvalidArgument naming the problem.
Status ParseJsonBody(const HttpRequest& request, nlohmann::json* body);

}  // namespace wenjin::api
