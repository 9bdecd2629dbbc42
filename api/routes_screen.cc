// Screening routes: one-shot screens and streaming sessions for model output.
#include "api/routes.h"
#include "store/resource.h"

namespace wenjin::api {

namespace {

Status ScreenParams(const nlohmann::json& body, std::string* lang, std::string* origin) {
  if (body.contains("lang")) {
    if (!body["lang"].is_string()) return Status::InvalidArgument("lang must be a string");
    std::string raw = body["lang"];
    if (!raw.empty()) WENJIN_RETURN_IF_ERROR(CanonicalLanguageTag(raw, lang));
  }
  *origin = "human";
  if (body.contains("origin")) {
    if (!body["origin"].is_string() || (body["origin"] != "human" && body["origin"] != "ai")) {
      return Status::InvalidArgument("origin must be 'human' or 'ai'");
    }
    *origin = body["origin"];
  }
  return Status::OK();
}

HttpResponse PostScreen(RouteState* state, const Caller&, HttpRequest& request) {
  nlohmann::json body;
  Status s = ParseJsonBody(request, &body);
  if (s.ok() && (!body.contains("text") || !body["text"].is_string())) s = Status::InvalidArgument("text is required (a string)");
  std::string lang, origin;
  if (s.ok()) s = ScreenParams(body, &lang, &origin);
  if (!s.ok()) return HttpResponse::Error(s);
  review::Verdict v = state->context.platform->Screen(body["text"].get<std::string>(), lang, origin);
  state->context.metrics->Increment("wenjin_verdicts_total", {{"verdict", review::DecisionName(v.decision)}, {"source", "screen"}});
  return HttpResponse::Json(200, review::VerdictToJson(v));
}

std::string Owner(const Caller& caller, const HttpRequest& request) {
  return caller.key_id.empty() ? "addr:" + request.peer : caller.key_id;
}

HttpResponse PostSession(RouteState* state, const Caller& caller, HttpRequest& request) {
  nlohmann::json body = nlohmann::json::object();
  Status s;
  if (!request.body.empty()) s = ParseJsonBody(request, &body);
  std::string lang, origin;
  if (s.ok()) s = ScreenParams(body, &lang, &origin);
  if (s.ok() && !body.contains("origin")) origin = "ai";  // sessions exist for model output
  std::string id;
  if (s.ok()) s = state->sessions.Open(*state->context.platform->screener(), lang, origin, Owner(caller, request), &id);
  if (!s.ok()) return HttpResponse::Error(s);
  return HttpResponse::Json(201, {{"id", id}, {"lang", lang}, {"origin", origin}});
}

nlohmann::json SessionVerdict(const std::string& id, const review::Verdict& v, uint64_t bytes, bool done) {
  nlohmann::json j = review::VerdictToJson(v);
  j["session"] = id;
  j["bytes"] = bytes;
  j["done"] = done;
  return j;
}

// The chunk is the raw request body (any bytes, any size); a JSON body {"text": "..."} also works.
HttpResponse PostChunk(RouteState* state, const Caller& caller, HttpRequest& request) {
  std::string chunk = request.body;
  if (request.Header("content-type").find("json") != std::string::npos) {
    nlohmann::json body;
    Status s = ParseJsonBody(request, &body);
    if (s.ok() && (!body.contains("text") || !body["text"].is_string())) s = Status::InvalidArgument("text is required");
    if (!s.ok()) return HttpResponse::Error(s);
    chunk = body["text"];
  }
  review::Verdict v;
  uint64_t bytes = 0;
  const std::string& id = request.params["id"];
  Status s = state->sessions.Feed(id, Owner(caller, request), chunk, &v, &bytes);
  if (!s.ok()) return HttpResponse::Error(s);
  return HttpResponse::Json(200, SessionVerdict(id, v, bytes, v.decision == review::Decision::kBlock));
}

HttpResponse DeleteSession(RouteState* state, const Caller& caller, HttpRequest& request) {
  review::Verdict v;
  uint64_t bytes = 0;
  const std::string& id = request.params["id"];
  Status s = state->sessions.Close(id, Owner(caller, request), &v, &bytes);
  if (!s.ok()) return HttpResponse::Error(s);
  state->context.metrics->Increment("wenjin_verdicts_total", {{"verdict", review::DecisionName(v.decision)}, {"source", "stream"}});
  return HttpResponse::Json(200, SessionVerdict(id, v, bytes, true));
}

}  // namespace

void AddScreenRoutes(Router* router, RouteState* state) {
  router->Add({"POST", "/v1/screen", "post_screen", WithCaller(state, PostScreen)});
  router->Add({"POST", "/v1/screen/sessions", "post_screen_session", WithCaller(state, PostSession)});
  router->Add({"POST", "/v1/screen/sessions/:id/chunks", "post_screen_chunk", WithCaller(state, PostChunk)});
  router->Add({"DELETE", "/v1/screen/sessions/:id", "delete_screen_session", WithCaller(state, DeleteSession)});
}

}  // namespace wenjin::api
