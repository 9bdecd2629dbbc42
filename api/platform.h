// Platform: the whole data flow behind the REST server and the CLI —
//   upload -> review (screen) -> store -> index -> search.
// Route handlers and CLI commands call these methods and nothing deeper, so both behave alike.
// Thread-safe: one Platform serves all server threads.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "index/search_index.h"
#include "store/db.h"
#include "store/resource_store.h"

namespace wenjin::api {

struct PlatformOptions {
  std::string data_dir = "data";  // RocksDB data directory; Default: ./data
  // NDJSON corpus imported when the store holds no resource yet (first start). Default: none.
  std::string initial_corpus;
  index::IndexOptions index;      // BM25 parameters, commit cadence
};

class Platform {
 public:
  // Opens (creating if needed) the data directory, catches the index up with the change log,
  // and imports `initial_corpus` on first start.
  static Status Open(const PlatformOptions& options, std::unique_ptr<Platform>* platform);
  ~Platform();
  Platform(const Platform&) = delete;
  Platform& operator=(const Platform&) = delete;

  // Learners: search and read published resources only.
  Status Search(const index::SearchRequest& request, index::SearchResponse* response);
  Status Suggest(const std::string& prefix, const std::string& lang, size_t limit,
                 std::vector<index::Suggestion>* suggestions);
  // NotFound unless the resource exists and is published.
  Status GetPublished(const std::string& id, Resource* resource);

  store::ResourceStore* resources() { return resources_.get(); }
  index::SearchIndex* search_index() { return index_.get(); }
  store::Db* db() { return db_.get(); }

 private:
  Platform() = default;
  std::unique_ptr<store::Db> db_;
  std::unique_ptr<store::ResourceStore> resources_;
  std::unique_ptr<index::SearchIndex> index_;
};

}  // namespace wenjin::api
