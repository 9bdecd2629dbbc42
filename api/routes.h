// The REST routes, grouped by who uses them. Each Add*Routes registers handlers named like the
// route table (get_search, get_resource ...) on the router.
#pragma once

#include "api/metrics.h"
#include "api/platform.h"
#include "api/router.h"

namespace wenjin::api {

struct RouteContext {
  Platform* platform;
  Metrics* metrics;
};

void AddSearchRoutes(Router* router, const RouteContext& context);    // /v1/search, /v1/suggest
void AddResourceRoutes(Router* router, const RouteContext& context);  // /v1/resources/...
void AddOpsRoutes(Router* router, const RouteContext& context);       // /healthz, /metrics, web page

// Builds the full route table.
Router BuildRouter(const RouteContext& context);

}  // namespace wenjin::api
