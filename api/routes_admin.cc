// Admin routes: lexicon versions, keys, audit trail.
#include "api/request_params.h"
#include "api/routes.h"

#include <limits>

namespace wenjin::api {

namespace {

HttpResponse PostLexicon(Platform* platform, const Caller& caller, HttpRequest& request) {
  nlohmann::json body, report;
  Status s = ParseJsonBody(request, &body);
  std::map<std::string, std::string> files;
  if (s.ok()) {
    if (!body.contains("files") || !body["files"].is_object()) {
      s = Status::InvalidArgument("files is required: an object of file name -> TSV content");
    } else {
      for (auto& [name, content] : body["files"].items()) {
        if (!content.is_string()) {
          s = Status::InvalidArgument("files." + name + " must be a string");
          break;
        }
        files[name] = content.get<std::string>();
      }
    }
  }
  if (s.ok()) s = platform->PublishLexicon(caller, files, &report);
  if (!s.ok()) return HttpResponse::Error(s);
  return HttpResponse::Json(201, report);
}

HttpResponse GetLexicons(Platform* platform, const Caller& caller, HttpRequest&) {
  nlohmann::json versions;
  Status s = platform->ListLexicons(caller, &versions);
  if (!s.ok()) return HttpResponse::Error(s);
  return HttpResponse::Json(200, versions);
}

HttpResponse PostKey(Platform* platform, const Caller& caller, HttpRequest& request) {
  nlohmann::json body, key;
  Status s = ParseJsonBody(request, &body);
  if (s.ok() && (!body.contains("role") || !body["role"].is_string())) s = Status::InvalidArgument("role is required (a string)");
  if (s.ok() && body.contains("label") && !body["label"].is_string()) s = Status::InvalidArgument("label must be a string");
  if (s.ok()) s = platform->CreateKey(caller, body["role"], body.value("label", ""), &key);
  if (!s.ok()) return HttpResponse::Error(s);
  return HttpResponse::Json(201, key);
}

HttpResponse GetAudit(Platform* platform, const Caller& caller, HttpRequest& request) {
  long after = 0, limit = 100;
  Status s = IntParam(request, "after", 0, std::numeric_limits<long>::max(), 0, &after);
  if (s.ok()) s = IntParam(request, "limit", 1, 1000, 100, &limit);
  nlohmann::json records;
  if (s.ok()) {
    s = platform->ListAudit(caller, static_cast<uint64_t>(after), request.Query("resource").value_or(""),
                            request.Query("actor").value_or(""), static_cast<size_t>(limit), &records);
  }
  if (!s.ok()) return HttpResponse::Error(s);
  return HttpResponse::Json(200, records);
}

}  // namespace

void AddAdminRoutes(Router* router, RouteState* state) {
  router->Add({"POST", "/v1/lexicons", "post_lexicon", WithCaller(state, PostLexicon)});
  router->Add({"GET", "/v1/lexicons", "get_lexicons", WithCaller(state, GetLexicons)});
  router->Add({"POST", "/v1/keys", "post_key", WithCaller(state, PostKey)});
  router->Add({"GET", "/v1/audit", "get_audit", WithCaller(state, GetAudit)});
}

}  // namespace wenjin::api
