// Resource routes: GET /v1/resources/{id} (published only, for learners).
#include "api/routes.h"

namespace wenjin::api {

namespace {

HttpResponse GetResource(Platform* platform, HttpRequest& request) {
  Resource resource;
  Status s = platform->GetPublished(request.params["id"], &resource);
  if (!s.ok()) return HttpResponse::Error(s);
  nlohmann::json body = ResourceToJson(resource);
  body.erase("owner");   // publisher identity is not for learners
  body.erase("review");
  return HttpResponse::Json(200, body);
}

}  // namespace

void AddResourceRoutes(Router* router, const RouteContext& ctx) {
  Platform* p = ctx.platform;
  router->Add({"GET", "/v1/resources/:id", "get_resource", [p](HttpRequest& r) { return GetResource(p, r); }});
}

}  // namespace wenjin::api
