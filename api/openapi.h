// The OpenAPI 3 document served at GET /v1/openapi.json, built from the live route table plus
// one description per route name, so the document cannot list a route the server lacks.
#pragma once

#include <nlohmann/json.hpp>

#include "api/router.h"

namespace wenjin::api {

// Routes without a description are listed with "undocumented": true (a test forbids that).
nlohmann::json BuildOpenApi(const Router& router);

}  // namespace wenjin::api
