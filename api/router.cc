// Route matching and dispatch.
#include "api/router.h"

#include <exception>

#include "api/log.h"

namespace wenjin::api {

std::vector<std::string> Router::Split(const std::string& path) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos < path.size()) {
    size_t slash = path.find('/', pos);
    if (slash == std::string::npos) slash = path.size();
    if (slash > pos) out.push_back(path.substr(pos, slash - pos));
    pos = slash + 1;
  }
  return out;
}

void Router::Add(Route route) {
  Compiled c{route, Split(route.pattern)};
  compiled_.push_back(std::move(c));
  routes_.push_back(std::move(route));
}

HttpResponse Router::Dispatch(HttpRequest& request, std::string* route_name) const {
  const std::vector<std::string> segments = Split(request.path);
  std::string allowed;
  for (const auto& c : compiled_) {
    if (c.segments.size() != segments.size()) continue;
    std::map<std::string, std::string> params;
    bool match = true;
    for (size_t i = 0; i < segments.size() && match; ++i) {
      const std::string& want = c.segments[i];
      if (!want.empty() && want[0] == ':') {
        params[want.substr(1)] = PercentDecode(segments[i], /*plus_is_space=*/false);
      } else {
        match = want == segments[i];
      }
    }
    if (!match) continue;
    if (c.route.method != request.method) {
      allowed += (allowed.empty() ? "" : ", ") + c.route.method;
      continue;
    }
    *route_name = c.route.name;
    request.params = std::move(params);
    try {
      return c.route.handler(request);
    } catch (const std::exception& e) {
      LogEvent("error", "handler_exception", {{"route", c.route.name}, {"what", e.what()}});
      return HttpResponse::Error(500, "internal", "internal error");
    } catch (...) {
      LogEvent("error", "handler_exception", {{"route", c.route.name}});
      return HttpResponse::Error(500, "internal", "internal error");
    }
  }
  if (!allowed.empty()) {
    *route_name = "method_not_allowed";
    HttpResponse r = HttpResponse::Error(405, "method_not_allowed",
                                         request.method + " is not allowed here; allowed: " + allowed);
    r.headers["Allow"] = allowed;
    return r;
  }
  *route_name = "not_found";
  return HttpResponse::Error(404, "not_found", "no route for " + request.method + " " + request.path);
}

}  // namespace wenjin::api
