// Bulk import of NDJSON resources (one JSON object a line) into the store and the index.
// Used by `wenjin index` and by the server's first start (the bundled corpus), so both import
// the same way. Trusted data: resources are stored as published.
#pragma once

#include <cstdint>
#include <functional>
#include <istream>
#include <string>
#include <utility>
#include <vector>

#include "index/search_index.h"
#include "store/resource_store.h"

namespace wenjin::api {

struct ImportProgress {
  uint64_t lines = 0;      // lines read so far
  uint64_t imported = 0;   // resources durably committed so far
  uint64_t skipped = 0;
  uint64_t bytes = 0;      // bytes read so far
};

struct ImportOptions {
  size_t batch_size = 500;  // resources per durable commit; Default: 500
  // Called after each durable commit with the ids it acknowledged. Default: none.
  std::function<void(const std::vector<std::string>& ids, const ImportProgress&)> on_commit;
  // Called for each malformed line (1-based line number). Default: none.
  std::function<void(uint64_t line, const Status& error)> on_error;
  // After importing anything, merge the search index into one segment (SearchIndex::Optimize):
  // a bulk load is the time to pay for it, and every later query looks its terms up once
  // instead of once per segment. Default: true
  bool optimize_index = true;
};

struct ImportReport {
  ImportProgress totals;
  std::vector<std::pair<uint64_t, std::string>> first_errors;  // (line, message), at most 20
  double seconds = 0;
};

// Reads `in` to the end. A malformed line is reported and skipped; the rest is imported.
// Returns an error only when storing or indexing fails (what was committed before stays).
Status ImportNdjson(std::istream& in, store::ResourceStore* store, index::SearchIndex* index,
                    const ImportOptions& options, ImportReport* report);

}  // namespace wenjin::api
