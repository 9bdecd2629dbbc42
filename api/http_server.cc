// Pistache adapter: converts Pistache requests to HttpRequest and HttpResponse back.
#include "api/http_server.h"

#include <algorithm>
#include <chrono>

#include <pistache/endpoint.h>
#include <pistache/http.h>

#include "api/log.h"

namespace wenjin::api {

namespace {

using namespace Pistache;

HttpRequest ToHttpRequest(const Http::Request& req) {
  HttpRequest out;
  out.method = Http::methodString(req.method());
  const std::string& resource = req.resource();
  size_t q = resource.find('?');
  out.path = resource.substr(0, q);
  // Pistache keeps the raw query pairs in an unordered map; rebuild them in our decoded form.
  std::string raw_query = req.query().as_str();
  if (!raw_query.empty() && raw_query[0] == '?') raw_query.erase(0, 1);
  out.query = ParseQueryString(raw_query);
  for (const auto& [name, value] : req.headers().rawList()) {
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    out.headers[lower] = value.value();
  }
  out.body = req.body();
  out.peer = req.address().host();
  return out;
}

// A response header with a name chosen at run time (Retry-After, Content-Type ...).
class NamedHeader : public Http::Header::Header {
 public:
  NamedHeader(std::string name, std::string value) : name_(std::move(name)), value_(std::move(value)) {}
  const char* name() const override { return name_.c_str(); }
  void write(std::ostream& stream) const override { stream << value_; }
#ifdef SAFE_HEADER_CAST
  uint64_t hash() const override { return 0; }
#endif

 private:
  std::string name_;
  std::string value_;
};

class PistacheHandler : public Http::Handler {
 public:
  HTTP_PROTOTYPE(PistacheHandler)

  PistacheHandler(const Router* router, Metrics* metrics) : router_(router), metrics_(metrics) {}

  void onRequest(const Http::Request& req, Http::ResponseWriter writer) override {
    auto started = std::chrono::steady_clock::now();
    HttpRequest request = ToHttpRequest(req);
    std::string route;
    HttpResponse response = router_->Dispatch(request, &route);
    // Pistache 0.0.5 does not put raw headers on the wire, only Header objects.
    for (const auto& [name, value] : response.headers) {
      writer.headers().add(std::make_shared<NamedHeader>(name, value));
    }
    writer.headers().add(std::make_shared<NamedHeader>("Content-Type", response.content_type));
    writer.send(static_cast<Http::Code>(response.status), response.body);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    metrics_->ObserveRequest(route, request.method, response.status, seconds);
    LogEvent("info", "request", {{"route", route}, {"method", request.method}, {"status", response.status},
                                 {"ms", seconds * 1000}, {"bytes_in", request.body.size()},
                                 {"bytes_out", response.body.size()}});
  }

  void onTimeout(const Http::Request&, Http::ResponseWriter writer) override {
    writer.send(Http::Code::Request_Timeout, R"({"error":{"code":"timeout","message":"request timed out"}})");
  }

 private:
  const Router* router_;
  Metrics* metrics_;
};

}  // namespace

class HttpServer::Impl {
 public:
  const Router* router;
  Metrics* metrics;
  ServerOptions options;
  std::unique_ptr<Http::Endpoint> endpoint;
  bool running = false;
};

HttpServer::HttpServer(const Router* router, Metrics* metrics, const ServerOptions& options)
    : impl_(std::make_unique<Impl>()) {
  impl_->router = router;
  impl_->metrics = metrics;
  impl_->options = options;
}

HttpServer::~HttpServer() { Shutdown(); }

Status HttpServer::Start() {
  try {
    Address addr(impl_->options.address, Port(impl_->options.port));
    impl_->endpoint = std::make_unique<Http::Endpoint>(addr);
    auto opts = Http::Endpoint::options()
                    .threads(impl_->options.threads)
                    .flags(Tcp::Options::ReuseAddr)
                    .maxRequestSize(impl_->options.max_request_bytes)
                    .maxResponseSize(64u << 20);
    impl_->endpoint->init(opts);
    impl_->endpoint->setHandler(std::make_shared<PistacheHandler>(impl_->router, impl_->metrics));
    impl_->endpoint->serveThreaded();
    impl_->running = true;
  } catch (const std::exception& e) {
    impl_->endpoint.reset();
    return Status::Unavailable("cannot listen on " + impl_->options.address + ":" +
                               std::to_string(impl_->options.port) + ": " + e.what());
  }
  return Status::OK();
}

void HttpServer::Shutdown() {
  if (impl_ && impl_->running) {
    impl_->endpoint->shutdown();
    impl_->running = false;
  }
}

uint16_t HttpServer::port() const {
  return impl_->endpoint ? static_cast<uint16_t>(impl_->endpoint->getPort()) : 0;
}

}  // namespace wenjin::api
