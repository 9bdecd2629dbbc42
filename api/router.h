// Router: the REST route table. Patterns are "/v1/resources/:id"; a segment starting with ':'
// is a parameter (percent-decoded after splitting, so "%2F" stays inside one parameter).
// A literal segment may contain ':' elsewhere ("/v1/resources:bulk").
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "api/http.h"

namespace wenjin::api {

using Handler = std::function<HttpResponse(HttpRequest&)>;

struct Route {
  std::string method;   // "GET", "POST", "PUT", "DELETE"
  std::string pattern;  // "/v1/search"
  std::string name;     // stable label for metrics and logs: "get_search"
  Handler handler;
};

class Router {
 public:
  void Add(Route route);
  // Runs the matching route's handler. No route for the path: 404; the path exists for other
  // methods: 405 with Allow. `*route_name` receives the route's name ("not_found" otherwise).
  // A handler that throws gets a 500 JSON error; the exception does not escape.
  HttpResponse Dispatch(HttpRequest& request, std::string* route_name) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  struct Compiled {
    Route route;
    std::vector<std::string> segments;  // ":id" for parameters
  };
  static std::vector<std::string> Split(const std::string& path);
  std::vector<Compiled> compiled_;
  std::vector<Route> routes_;
};

}  // namespace wenjin::api
