// Operator and page routes: /healthz, /metrics, and the plain search page at /.
#include "api/routes.h"
#include "api/web_page.h"

namespace wenjin::api {

namespace {

HttpResponse GetHealth(Platform* platform, HttpRequest&) {
  return HttpResponse::Json(200, {{"status", "ok"},
                                  {"documents", platform->search_index()->document_count()},
                                  {"applied_sequence", platform->search_index()->applied_sequence()},
                                  {"stored_sequence", platform->resources()->last_sequence()}});
}

HttpResponse GetMetrics(Platform* platform, Metrics* metrics, HttpRequest&) {
  metrics->SetGauge("wenjin_index_documents", {}, static_cast<double>(platform->search_index()->document_count()));
  metrics->SetGauge("wenjin_change_sequence", {{"stage", "stored"}},
                    static_cast<double>(platform->resources()->last_sequence()));
  metrics->SetGauge("wenjin_change_sequence", {{"stage", "indexed"}},
                    static_cast<double>(platform->search_index()->applied_sequence()));
  HttpResponse r;
  r.content_type = "text/plain; version=0.0.4";
  r.body = metrics->Render();
  return r;
}

HttpResponse GetPage(HttpRequest&) {
  HttpResponse r;
  r.content_type = "text/html; charset=utf-8";
  r.body = SearchPageHtml();
  return r;
}

}  // namespace

void AddOpsRoutes(Router* router, const RouteContext& ctx) {
  Platform* p = ctx.platform;
  Metrics* m = ctx.metrics;
  router->Add({"GET", "/healthz", "get_healthz", [p](HttpRequest& r) { return GetHealth(p, r); }});
  router->Add({"GET", "/metrics", "get_metrics", [p, m](HttpRequest& r) { return GetMetrics(p, m, r); }});
  router->Add({"GET", "/", "get_page", GetPage});
}

Router BuildRouter(const RouteContext& context) {
  Router router;
  AddOpsRoutes(&router, context);
  AddSearchRoutes(&router, context);
  AddResourceRoutes(&router, context);
  return router;
}

}  // namespace wenjin::api
