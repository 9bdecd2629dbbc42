// HttpServer: serves a Router over HTTP/1.1 with Pistache. Every request is counted and timed
// in Metrics and logged as one JSON line (route, status, duration; no query text, no address).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "api/metrics.h"
#include "api/router.h"
#include "store/status.h"

namespace wenjin::api {

struct ServerOptions {
  std::string address = "127.0.0.1";  // Default: loopback only
  uint16_t port = 8080;               // Default: 8080; 0 picks a free port (see HttpServer::port)
  int threads = 2;                    // worker threads; Default: 2
  // Largest request accepted (headers + body); larger ones get 413. Default: 10 MiB + headers.
  size_t max_request_bytes = (10u << 20) + (64u << 10);
};

class HttpServer {
 public:
  // `router` and `metrics` must outlive the server.
  HttpServer(const Router* router, Metrics* metrics, const ServerOptions& options);
  ~HttpServer();  // shuts down
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and starts serving on background threads. Unavailable when the port is taken.
  Status Start();
  void Shutdown();
  uint16_t port() const;  // the bound port (after Start)

  class Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace wenjin::api
