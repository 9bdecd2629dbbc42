// Transport-neutral HTTP request/response types. Route handlers take and return these, so they
// can be tested without a socket; http_server.cc adapts Pistache to them.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/status.h"

namespace wenjin::api {

struct HttpRequest {
  std::string method;  // "GET", "POST", ...
  std::string path;    // raw path as received, without the query string (the router decodes segments)
  std::multimap<std::string, std::string> query;    // decoded query parameters
  std::map<std::string, std::string> headers;       // names lower-cased
  std::string body;
  std::string peer;    // remote address, for rate limits
  std::map<std::string, std::string> params;        // path parameters filled by the router

  // First value of a query parameter, or nullopt.
  std::optional<std::string> Query(const std::string& name) const;
  std::vector<std::string> QueryAll(const std::string& name) const;
  std::string Header(const std::string& lower_name) const;  // "" when absent
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::map<std::string, std::string> headers;

  static HttpResponse Json(int status, const nlohmann::json& body);
  // {"error": {"code": "invalid_argument", "message": "..."}} with the status for `status`.
  static HttpResponse Error(const Status& status);
  static HttpResponse Error(int http_status, std::string_view code, std::string_view message);
};

// The one table mapping our Status codes to HTTP codes and to the error code strings in bodies.
int HttpStatusFor(Status::Code code);
const char* ErrorCodeFor(Status::Code code);

// "%E4%B8%AD+x" -> "中 x" (plus as space when `plus_is_space`). Invalid escapes are kept as-is.
std::string PercentDecode(std::string_view in, bool plus_is_space);
// Splits "a=1&b=%20x" into decoded pairs.
std::multimap<std::string, std::string> ParseQueryString(std::string_view query);

}  // namespace wenjin::api
