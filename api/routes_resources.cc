// Resource routes: uploads (JSON, raw files, NDJSON bulk), replace, withdraw, read, appeal.
#include <sstream>

#include "api/routes.h"
#include "review/extract.h"
#include "store/resource.h"

namespace wenjin::api {

namespace {

UploadOptions OptionsFrom(const HttpRequest& request, nlohmann::json* body) {
  UploadOptions o;
  o.idempotency_key = request.Header("idempotency-key");
  // A JSON upload may carry its body as a file: {"body": "<html>...", "body_format": "html"}.
  if (auto it = body->find("body_format"); it != body->end()) {
    if (it->is_string()) o.body_format = it->get<std::string>();
    body->erase(it);
  }
  return o;
}

void CountVerdict(Metrics* metrics, const nlohmann::json& response) {
  if (response.contains("verdict") && !response.value("replayed", false)) {
    metrics->Increment("wenjin_verdicts_total", {{"verdict", response["verdict"].get<std::string>()}, {"source", "upload"}});
  }
}

// A raw file upload: the body is the file, metadata in query parameters.
Status RawUploadBody(const HttpRequest& request, nlohmann::json* body, UploadOptions* options) {
  std::string content_type = request.Header("content-type");
  review::BodyFormat format;
  WENJIN_RETURN_IF_ERROR(review::DetectBodyFormat(content_type, request.Query("filename").value_or(""), &format));
  *body = nlohmann::json::object();
  for (const char* field : {"id", "title", "description", "lang", "subject", "level", "type", "origin", "model",
                            "provider", "url", "published_at"}) {
    if (auto v = request.Query(field)) (*body)[field] = *v;
  }
  (*body)["body"] = request.body;
  options->body_format = review::BodyFormatName(format);
  options->idempotency_key = request.Header("idempotency-key");
  return Status::OK();
}

bool IsJson(const HttpRequest& request) {
  std::string ct = request.Header("content-type");
  return ct.empty() || ct.find("json") != std::string::npos;
}

HttpResponse PostResource(RouteState* state, const Caller& caller, HttpRequest& request, bool replace) {
  if (request.body.size() > state->context.options.max_body_bytes) {
    return HttpResponse::Error(413, "too_large", "the body is larger than " +
                                                    std::to_string(state->context.options.max_body_bytes) + " bytes");
  }
  nlohmann::json body;
  UploadOptions options;
  Status s;
  if (IsJson(request)) {
    s = ParseJsonBody(request, &body);
    if (s.ok()) options = OptionsFrom(request, &body);
  } else {
    s = RawUploadBody(request, &body, &options);
  }
  if (!s.ok()) return HttpResponse::Error(s);
  options.replace = replace;
  if (replace) {
    const std::string& id = request.params["id"];
    if (body.contains("id") && body["id"] != id) {
      return HttpResponse::Error(Status::InvalidArgument("id in the body differs from the id in the path"));
    }
    body["id"] = id;
  }
  nlohmann::json response;
  s = state->context.platform->Upload(caller, body, options, &response);
  if (!s.ok()) return HttpResponse::Error(s);
  CountVerdict(state->context.metrics, response);
  return HttpResponse::Json(replace || response.value("replayed", false) ? 200 : 201, response);
}

// NDJSON in, NDJSON out: one result a line; a bad line fails alone.
HttpResponse PostBulk(RouteState* state, const Caller& caller, HttpRequest& request) {
  if (request.body.size() > state->context.options.max_body_bytes) {
    return HttpResponse::Error(413, "too_large", "the body is larger than " +
                                                    std::to_string(state->context.options.max_body_bytes) + " bytes");
  }
  if (Status s = state->context.platform->AuthorizeUpload(caller); !s.ok()) return HttpResponse::Error(s);
  std::istringstream in(request.body);
  std::string line, out;
  uint64_t number = 0, ok = 0, failed = 0;
  const std::string idem = request.Header("idempotency-key");
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    nlohmann::json result = {{"line", number}};
    Status s;
    nlohmann::json body;
    if (!IsValidUtf8(line)) {
      s = Status::InvalidArgument("line is not valid UTF-8");
    } else {
      body = nlohmann::json::parse(line, nullptr, false);
      if (body.is_discarded() || !body.is_object()) s = Status::InvalidArgument("line is not a JSON object");
    }
    if (s.ok()) {
      UploadOptions options = OptionsFrom(request, &body);
      options.idempotency_key = idem.empty() ? "" : idem + "#" + std::to_string(number);
      nlohmann::json response;
      s = state->context.platform->Upload(caller, body, options, &response);
      if (s.ok()) {
        CountVerdict(state->context.metrics, response);
        result.update(response);
      }
    }
    if (!s.ok()) {
      result["error"] = {{"code", ErrorCodeFor(s.code())}, {"message", s.message()}};
      ++failed;
    } else {
      ++ok;
    }
    out += result.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  }
  HttpResponse r;
  r.status = 200;
  r.content_type = "application/x-ndjson";
  r.body = std::move(out);
  r.headers["X-Wenjin-Succeeded"] = std::to_string(ok);
  r.headers["X-Wenjin-Failed"] = std::to_string(failed);
  return r;
}

HttpResponse GetResource(Platform* platform, const Caller& caller, HttpRequest& request) {
  nlohmann::json body;
  Status s = platform->GetForCaller(caller, request.params["id"], &body);
  if (!s.ok()) return HttpResponse::Error(s);
  return HttpResponse::Json(200, body);
}

HttpResponse DeleteResource(Platform* platform, const Caller& caller, HttpRequest& request) {
  nlohmann::json body;
  Status s = platform->Withdraw(caller, request.params["id"], &body);
  if (!s.ok()) return HttpResponse::Error(s);
  return HttpResponse::Json(200, body);
}

HttpResponse PostAppeal(Platform* platform, const Caller& caller, HttpRequest& request) {
  nlohmann::json body, response;
  Status s = ParseJsonBody(request, &body);
  if (s.ok() && body.contains("reason") && !body["reason"].is_string()) s = Status::InvalidArgument("reason must be a string");
  if (s.ok()) s = platform->Appeal(caller, request.params["id"], body.value("reason", ""), &response);
  if (!s.ok()) return HttpResponse::Error(s);
  return HttpResponse::Json(200, response);
}

HttpResponse GetMine(Platform* platform, const Caller& caller, HttpRequest& request) {
  nlohmann::json response;
  Status s = platform->ListOwn(caller, request.Query("state").value_or(""), 1000, &response);
  if (!s.ok()) return HttpResponse::Error(s);
  return HttpResponse::Json(200, response);
}

HttpResponse PostNewResource(RouteState* state, const Caller& caller, HttpRequest& request) {
  return PostResource(state, caller, request, /*replace=*/false);
}

HttpResponse PutResource(RouteState* state, const Caller& caller, HttpRequest& request) {
  return PostResource(state, caller, request, /*replace=*/true);
}

}  // namespace

void AddResourceRoutes(Router* router, RouteState* state) {
  router->Add({"POST", "/v1/resources", "post_resource", WithCaller(state, PostNewResource)});
  router->Add({"POST", "/v1/resources:bulk", "post_resources_bulk", WithCaller(state, PostBulk)});
  router->Add({"PUT", "/v1/resources/:id", "put_resource", WithCaller(state, PutResource)});
  router->Add({"GET", "/v1/resources/:id", "get_resource", WithCaller(state, GetResource)});
  router->Add({"DELETE", "/v1/resources/:id", "delete_resource", WithCaller(state, DeleteResource)});
  router->Add({"POST", "/v1/resources/:id/appeal", "post_appeal", WithCaller(state, PostAppeal)});
  router->Add({"GET", "/v1/my/resources", "get_my_resources", WithCaller(state, GetMine)});
}

}  // namespace wenjin::api
