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
    "  --max-body N    largest upload in bytes (default 10485760)\n";

int RunServe(const std::vector<std::string>& argv) {
  Args args(argv);
  if (args.Flag("help")) {
    std::cout << kUsage;
    return 0;
  }
  api::PlatformOptions platform_options;
  platform_options.data_dir = args.Option("data", "data");
  api::ServerOptions server_options;
  api::RouteOptions route_options;
  server_options.address = args.Option("address", "127.0.0.1");
  std::string port = args.Option("port", "8080");
  std::string threads = args.Option("threads", "2");
  std::string bundled = std::string(WENJIN_SOURCE_DIR) + "/corpora/catalog.ndjson";
  platform_options.initial_corpus = args.Option("corpus", std::filesystem::exists(bundled) ? bundled : "");
  if (args.Flag("no-corpus")) platform_options.initial_corpus.clear();
  platform_options.lexicon_dir = args.Option("lexicons", std::string(WENJIN_SOURCE_DIR) + "/lexicons");
  std::string rate = args.Option("rate-limit", "50");
  std::string max_body = args.Option("max-body", std::to_string(10u << 20));
  if (!args.error().empty()) return Fail(args.error() + "\n" + kUsage, 2);
  if (!args.UnknownOption().empty()) return Fail("unknown option " + args.UnknownOption() + "\n" + kUsage, 2);
  if (!args.rest().empty()) return Fail("unexpected argument '" + args.rest()[0] + "'\n" + kUsage, 2);
  try {
    int p = std::stoi(port);
    if (p < 0 || p > 65535) throw std::out_of_range("port");
    server_options.port = static_cast<uint16_t>(p);
    server_options.threads = std::stoi(threads);
    if (server_options.threads < 1 || server_options.threads > 64) throw std::out_of_range("threads");
    route_options.rate_per_second = std::stod(rate);
    route_options.rate_burst = std::max(1.0, route_options.rate_per_second * 2);
    long long mb = std::stoll(max_body);
    if (mb < 1024 || mb > (1ll << 30)) throw std::out_of_range("max-body");
    route_options.max_body_bytes = static_cast<size_t>(mb);
    server_options.max_request_bytes = route_options.max_body_bytes + (64u << 10);
  } catch (const std::exception&) {
    return Fail("--port must be 0-65535, --threads 1-64, --rate-limit a number, --max-body 1024..1073741824", 2);
  }

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
