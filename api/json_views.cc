// Search results as JSON.
#include "api/json_views.h"

namespace wenjin::api {

nlohmann::json SearchResponseToJson(const index::SearchRequest& request, const index::SearchResponse& response) {
  nlohmann::json hits = nlohmann::json::array();
  for (const auto& h : response.hits) {
    nlohmann::json hit = {{"id", h.id}, {"title", h.title}, {"lang", h.lang}, {"snippet", h.snippet},
                          {"score", h.score}};
    auto put = [&](const char* k, const std::string& v) {
      if (!v.empty()) hit[k] = v;
    };
    put("subject", h.subject);
    put("level", h.level);
    put("type", h.type);
    put("origin", h.origin);
    put("published_at", h.published_at);
    put("url", h.url);
    hits.push_back(std::move(hit));
  }
  nlohmann::json facets = nlohmann::json::object();
  for (const auto& [field, counts] : response.facets) {
    nlohmann::json values = nlohmann::json::object();
    for (const auto& [value, count] : counts) values[value] = count;
    facets[field] = std::move(values);
  }
  return {{"total", response.total},
          {"took_ms", response.took_ms},
          {"offset", request.offset},
          {"limit", request.limit},
          {"languages", response.languages},
          {"hits", std::move(hits)},
          {"facets", std::move(facets)}};
}

nlohmann::json SuggestionsToJson(const std::vector<index::Suggestion>& suggestions) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& s : suggestions) items.push_back({{"id", s.id}, {"title", s.title}, {"lang", s.lang}});
  return {{"suggestions", std::move(items)}};
}

}  // namespace wenjin::api
