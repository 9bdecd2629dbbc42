// wenjin search: runs one query against a data directory and prints the response as JSON.
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "api/json_views.h"
#include "api/platform.h"
#include "tools/cli/command.h"

namespace wenjin::cli {
namespace {

constexpr const char* kUsage =
    "usage: wenjin search [--data DIR] [--lang L] [--limit N] [--offset N] [--sort relevance|date]\n"
    "                     [--filter FIELD=VALUE]... QUERY...\n"
    "  --data DIR       data directory (default ./data)\n"
    "  --lang L         search this language only (default: guessed from the query)\n"
    "  --filter F=V     keep hits whose F (subject, level, type, origin, lang) is V; repeatable\n"
    "  --index-cache-mb N  memory for the search index's hot chunks, MiB (default 32)\n"
    "Prints {total, took_ms, hits:[...], facets} as on GET /v1/search.\n";

int RunSearch(const std::vector<std::string>& argv) {
  Args args(argv);
  if (args.Flag("help")) {
    std::cout << kUsage;
    return 0;
  }
  api::PlatformOptions platform_options = DataDirOptions(&args);
  index::SearchRequest request;
  request.lang = args.Option("lang");
  request.limit = static_cast<size_t>(args.Integer("limit", 10, 0, static_cast<long long>(index::kMaxLimit)));
  request.offset = static_cast<size_t>(args.Integer("offset", 0, 0, 10000));
  const std::string sort = args.Option("sort", "relevance");
  for (std::string f = args.Option("filter"); !f.empty(); f = args.Option("filter")) {
    size_t eq = f.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == f.size()) return Fail("--filter needs FIELD=VALUE, got '" + f + "'", 2);
    request.filters[f.substr(0, eq)].push_back(f.substr(eq + 1));
  }
  if (!args.Done(kUsage, 1, SIZE_MAX, "a query")) return 2;
  if (sort == "date") {
    request.sort = index::SearchRequest::Sort::kDate;
  } else if (sort != "relevance") {
    return Fail("--sort must be relevance or date", 2);
  }
  for (const auto& word : args.rest()) request.query += (request.query.empty() ? "" : " ") + word;

  // Searching never creates a data directory: a typo in --data should not look like "no hits".
  if (!std::filesystem::exists(std::filesystem::path(platform_options.data_dir) / "CURRENT")) {
    return Fail("no data directory at " + platform_options.data_dir + " (create one with wenjin index)");
  }
  std::unique_ptr<api::Platform> platform;
  Status s = api::Platform::Open(platform_options, &platform);
  if (!s.ok()) return Fail(s.ToString());
  index::SearchResponse response;
  s = platform->Search(request, &response);
  if (!s.ok()) return Fail(s.ToString(), s.code() == Status::Code::kInvalidArgument ? 2 : 1);
  nlohmann::json json = api::SearchResponseToJson(request, response);
  std::cout << (isatty(STDOUT_FILENO) ? json.dump(2) : json.dump()) << "\n";
  return 0;
}

}  // namespace
WENJIN_COMMAND("search", "search a data directory and print the response as JSON", RunSearch);
}  // namespace wenjin::cli
