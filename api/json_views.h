// The JSON shapes the API answers with (also printed by the CLI, so both agree).
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "index/search_types.h"

namespace wenjin::api {

// {total, took_ms, offset, limit, languages, hits:[{id, title, lang, snippet, score, ...}], facets}
nlohmann::json SearchResponseToJson(const index::SearchRequest& request, const index::SearchResponse& response);
// {suggestions:[{id, title, lang}]}
nlohmann::json SuggestionsToJson(const std::vector<index::Suggestion>& suggestions);

}  // namespace wenjin::api
