// Operator and page routes: /healthz, /metrics, /v1/openapi.json and the search page at /.
#include "api/openapi.h"
#include "api/routes.h"
#include "api/web_page.h"

namespace wenjin::api {

namespace {

HttpResponse GetHealth(Platform* platform) {
  return HttpResponse::Json(200, {{"status", "ok"},
                                  {"documents", platform->search_index()->document_count()},
                                  {"applied_sequence", platform->search_index()->applied_sequence()},
                                  {"stored_sequence", platform->resources()->last_sequence()},
                                  {"lexicon_version", platform->screener()->lexicon()->version()}});
}

HttpResponse GetMetrics(RouteState* state) {
  Platform* platform = state->context.platform;
  Metrics* metrics = state->context.metrics;
  metrics->SetGauge("wenjin_index_documents", {}, static_cast<double>(platform->search_index()->document_count()));
  metrics->SetGauge("wenjin_change_sequence", {{"stage", "stored"}},
                    static_cast<double>(platform->resources()->last_sequence()));
  metrics->SetGauge("wenjin_change_sequence", {{"stage", "indexed"}},
                    static_cast<double>(platform->search_index()->applied_sequence()));
  uint64_t standard = 0, senior = 0;
  if (platform->queue()->CountOpen(&standard, &senior).ok()) {
    metrics->SetGauge("wenjin_review_queue_depth", {{"queue", "standard"}}, static_cast<double>(standard));
    metrics->SetGauge("wenjin_review_queue_depth", {{"queue", "senior"}}, static_cast<double>(senior));
  }
  metrics->SetGauge("wenjin_screen_sessions_open", {}, static_cast<double>(state->sessions.size()));
  HttpResponse r;
  r.content_type = "text/plain; version=0.0.4";
  r.body = metrics->Render();
  return r;
}

HttpResponse GetPage() {
  HttpResponse r;
  r.content_type = "text/html; charset=utf-8";
  r.body = SearchPageHtml();
  return r;
}

}  // namespace

void AddOpsRoutes(Router* router, RouteState* state) {
  Platform* p = state->context.platform;
  router->Add({"GET", "/healthz", "get_healthz", [p](HttpRequest&) { return GetHealth(p); }});
  router->Add({"GET", "/metrics", "get_metrics", [state](HttpRequest&) { return GetMetrics(state); }});
  router->Add({"GET", "/", "get_page", [](HttpRequest&) { return GetPage(); }});
  // The document is built from the router the request came through; see BuildRouter.
  router->Add({"GET", "/v1/openapi.json", "get_openapi", [state](HttpRequest&) {
                 return HttpResponse::Json(200, state->openapi);
               }});
}

}  // namespace wenjin::api
