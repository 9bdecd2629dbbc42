// wenjin serve: the REST server on a data directory (bundled corpus loaded on first start).
#include <signal.h>

#include <algorithm>
#include <filesystem>
#include <iostream>

#include "api/http_server.h"
#include "api/log.h"
#include "api/platform.h"
#include "api/routes.h"
#include "tools/cli/command.h"

namespace wenjin::cli {
namespace {

constexpr const char* kUsage =
    "usage: wenjin serve [--data DIR] [--port N] [--address ADDR] [--threads N] [--corpus FILE | --no-corpus]\n"
    "  --data DIR      data directory (default ./data, created if missing)\n"
    "  --port N        TCP port (default 8080)\n"
    "  --address ADDR  listen address (default 127.0.0.1)\n"
    "  --corpus FILE   NDJSON imported on first start (default: the bundled corpora/catalog.ndjson)\n"
    "  --lexicons DIR  lexicon used when the data directory has none yet (default: the bundled lexicons/)\n"
    "  --rate-limit N  requests per second per key and per address (default 50; 0 = off)\n"
    "  --max-body N    largest upload in bytes (default 10485760)\n"
    "  --index-cache-mb N  memory for the search index's hot chunks, MiB (default 32)\n";

int RunServe(const std::vector<std::string>& argv) {
  Args args(argv);
  if (args.Flag("help")) {
    std::cout << kUsage;
    return 0;
  }
  api::PlatformOptions platform_options = DataDirOptions(&args);
  api::ServerOptions server_options;
  api::RouteOptions route_options;
  server_options.address = args.Option("address", "127.0.0.1");
  server_options.port = static_cast<uint16_t>(args.Integer("port", 8080, 0, 65535));
  server_options.threads = static_cast<int>(args.Integer("threads", 2, 1, 64));
  std::string bundled = std::string(WENJIN_SOURCE_DIR) + "/corpora/catalog.ndjson";
  platform_options.initial_corpus = args.Option("corpus", std::filesystem::exists(bundled) ? bundled : "");
  if (args.Flag("no-corpus")) platform_options.initial_corpus.clear();
  platform_options.lexicon_dir = args.Option("lexicons", platform_options.lexicon_dir);
  // Requests per second; whole numbers are plenty for a per-key limit.
  route_options.rate_per_second = static_cast<double>(args.Integer("rate-limit", 50, 0, 1000000));
  route_options.rate_burst = std::max(1.0, route_options.rate_per_second * 2);
  route_options.max_body_bytes = static_cast<size_t>(args.Integer("max-body", 10 << 20, 1024, 1ll << 30));
  server_options.max_request_bytes = route_options.max_body_bytes + (64u << 10);
  if (!args.Done(kUsage)) return 2;

  // Block the stop signals in every thread; the main thread waits for them below.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  std::unique_ptr<api::Platform> platform;
  Status s = api::Platform::Open(platform_options, &platform);
  if (!s.ok()) return Fail(s.ToString());
  api::Metrics metrics;
  api::RouteState route_state({platform.get(), &metrics, route_options});
  api::Router router = api::BuildRouter(&route_state);
  api::HttpServer server(&router, &metrics, server_options);
  s = server.Start();
  if (!s.ok()) return Fail(s.ToString());
  api::LogEvent("info", "listening",
                {{"url", "http://" + server_options.address + ":" + std::to_string(server.port())},
                 {"data", platform_options.data_dir},
                 {"documents", platform->search_index()->document_count()}});

  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  api::LogEvent("info", "stopping", {{"signal", signal_number}});
  server.Shutdown();
  return 0;
}

}  // namespace
WENJIN_COMMAND("serve", "run the REST server (default: ./data, 127.0.0.1:8080, bundled corpus)", RunServe);
}  // namespace wenjin::cli
