// Per-route OpenAPI descriptions.
#include "api/openapi.h"

#include <map>

namespace wenjin::api {

namespace {

struct RouteDoc {
  const char* summary;
  const char* role;                       // who may call it
  std::vector<const char*> query_params;  // names of query parameters
  const char* body;                       // request body media type, or nullptr
};

const std::map<std::string, RouteDoc>& Docs() {
  static const std::map<std::string, RouteDoc> docs = {
      {"get_healthz", {"Health and index progress", "anyone", {}, nullptr}},
      {"get_metrics", {"Prometheus metrics (text format)", "anyone", {}, nullptr}},
      {"get_page", {"The plain learner search page", "anyone", {}, nullptr}},
      {"get_openapi", {"This document", "anyone", {}, nullptr}},
      {"get_search",
       {"Search published resources", "anyone",
        {"q", "lang", "subject", "level", "type", "origin", "offset", "limit", "sort", "typo", "highlight", "facets"}, nullptr}},
      {"get_suggest", {"Title completions for a prefix", "anyone", {"q", "lang", "limit"}, nullptr}},
      {"post_resource",
       {"Upload a resource (JSON, or a raw text/markdown/html/srt/vtt file with metadata in the query); screened before storing",
        "publisher, admin", {"title", "lang", "filename", "subject", "level", "type", "origin", "model"}, "application/json"}},
      {"post_resources_bulk", {"Upload NDJSON, one resource a line; answers one result a line", "publisher, admin", {},
                               "application/x-ndjson"}},
      {"put_resource", {"Replace a resource and screen it again", "owner, admin", {}, "application/json"}},
      {"get_resource", {"A resource: published for learners, every state for its publisher and reviewers", "anyone", {}, nullptr}},
      {"delete_resource", {"Withdraw a resource (removed from search at once)", "owner, admin", {}, nullptr}},
      {"post_appeal", {"Appeal a rejection once", "owner", {}, "application/json"}},
      {"get_my_resources", {"The caller's resources in every state, with reasons", "publisher, admin", {"state"}, nullptr}},
      {"get_review_queue", {"Open review items by priority", "reviewer, senior_reviewer, admin",
                            {"queue", "category", "lang", "severity", "limit"}, nullptr}},
      {"post_review_claim", {"Lease a review item (409 when held by another reviewer)", "reviewer, senior_reviewer, admin", {},
                             "application/json"}},
      {"post_review_decision", {"approve | reject | escalate, with a reason", "reviewer, senior_reviewer, admin", {},
                                "application/json"}},
      {"post_screen", {"Screen a text: {text, lang?, origin?}", "anyone", {}, "application/json"}},
      {"post_screen_session", {"Open a streaming screening session", "anyone", {}, "application/json"}},
      {"post_screen_chunk", {"Feed a chunk (raw bytes); answers the verdict so far", "session owner", {},
                             "application/octet-stream"}},
      {"delete_screen_session", {"Close a session; answers the final verdict", "session owner", {}, nullptr}},
      {"post_lexicon", {"Publish a lexicon version {files:{name.tsv: content}}; re-screens stored resources", "admin", {},
                        "application/json"}},
      {"get_lexicons", {"Lexicon versions", "admin", {}, nullptr}},
      {"post_key", {"Create an API key {role, label?}; the key is shown once", "admin", {}, "application/json"}},
      {"get_audit", {"Audit records", "admin", {"resource", "actor", "after", "limit"}, nullptr}},
  };
  return docs;
}

std::string OpenApiPath(const std::string& pattern, std::vector<std::string>* path_params) {
  std::string out;
  size_t i = 0;
  while (i < pattern.size()) {
    if (pattern[i] == ':' && i > 0 && pattern[i - 1] == '/') {
      size_t end = pattern.find('/', i);
      if (end == std::string::npos) end = pattern.size();
      std::string name = pattern.substr(i + 1, end - i - 1);
      path_params->push_back(name);
      out += "{" + name + "}";
      i = end;
    } else {
      out.push_back(pattern[i++]);
    }
  }
  return out;
}

}  // namespace

nlohmann::json BuildOpenApi(const Router& router) {
  nlohmann::json paths = nlohmann::json::object();
  const nlohmann::json error_response = {
      {"description", "Error"},
      {"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}};
  for (const Route& route : router.routes()) {
    std::vector<std::string> path_params;
    std::string path = OpenApiPath(route.pattern, &path_params);
    std::string method = route.method;
    for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    nlohmann::json op = {{"operationId", route.name}};
    auto doc = Docs().find(route.name);
    if (doc == Docs().end()) {
      op["undocumented"] = true;
    } else {
      op["summary"] = doc->second.summary;
      op["description"] = std::string("Who: ") + doc->second.role + ".";
      nlohmann::json params = nlohmann::json::array();
      for (const auto& p : path_params) {
        params.push_back({{"name", p}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}});
      }
      for (const char* q : doc->second.query_params) {
        params.push_back({{"name", q}, {"in", "query"}, {"required", std::string(q) == "q" && route.name != "post_resource"},
                          {"schema", {{"type", "string"}}}});
      }
      if (!params.empty()) op["parameters"] = params;
      if (doc->second.body) {
        op["requestBody"] = {{"required", true}, {"content", {{doc->second.body, {{"schema", {{"type", "object"}}}}}}}};
      }
    }
    op["responses"] = {{"200", {{"description", "OK"}}}, {"4XX", error_response}};
    paths[path][method] = std::move(op);
  }
  nlohmann::json error_schema = {
      {"type", "object"},
      {"properties",
       {{"error",
         {{"type", "object"},
          {"properties", {{"code", {{"type", "string"}}}, {"message", {{"type", "string"}}}}}}}}}};
  nlohmann::json doc;
  doc["openapi"] = "3.0.3";
  doc["info"] = {{"title", "wenjin"},
                 {"version", "0.1.0"},
                 {"description", "Multilingual search and content review. Keys travel as Authorization: Bearer KEY."}};
  doc["paths"] = std::move(paths);
  doc["components"]["securitySchemes"]["bearer"] = {{"type", "http"}, {"scheme", "bearer"}};
  doc["components"]["schemas"]["Error"] = std::move(error_schema);
  doc["security"] = nlohmann::json::array({nlohmann::json::object(), {{"bearer", nlohmann::json::array()}}});
  return doc;
}

}  // namespace wenjin::api
