// Reading typed query parameters with errors that name the parameter.
#pragma once

#include <string>

#include "api/http.h"
#include "index/search_types.h"

namespace wenjin::api {

// Integer parameter in [min, max]; `fallback` when absent.
Status IntParam(const HttpRequest& request, const std::string& name, long min, long max, long fallback,
                long* value);
// Boolean parameter, "true" or "false"; `*value` is left as it is when absent.
Status BoolParam(const HttpRequest& request, const std::string& name, bool* value);
// GET /v1/search parameters -> SearchRequest (q, lang, subject, level, type, origin, offset,
// limit, sort, typo, highlight, facets; Accept-Language header). InvalidArgument names the bad
// parameter.
Status ParseSearchRequest(const HttpRequest& request, index::SearchRequest* search);

}  // namespace wenjin::api
