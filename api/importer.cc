// NDJSON bulk import: parse, commit in batches, keep the index caught up.
#include "api/importer.h"

#include <chrono>

namespace wenjin::api {

Status ImportNdjson(std::istream& in, store::ResourceStore* store, index::SearchIndex* index,
                    const ImportOptions& options, ImportReport* report) {
  auto started = std::chrono::steady_clock::now();
  ImportReport r;
  store::ResourceBatch batch;
  std::vector<std::string> batch_ids;

  auto flush = [&]() -> Status {
    if (batch.empty()) return Status::OK();
    WENJIN_RETURN_IF_ERROR(store->Commit(&batch));
    r.totals.imported += batch_ids.size();
    if (index) WENJIN_RETURN_IF_ERROR(index->CatchUp());
    if (options.on_commit) options.on_commit(batch_ids, r.totals);
    batch = store::ResourceBatch();
    batch_ids.clear();
    return Status::OK();
  };

  std::string line;
  while (std::getline(in, line)) {
    r.totals.lines++;
    r.totals.bytes += line.size() + 1;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;  // blank lines are not errors
    Resource resource;
    Status s = ParseResource(line, &resource);
    if (!s.ok()) {
      r.totals.skipped++;
      if (r.first_errors.size() < 20) r.first_errors.emplace_back(r.totals.lines, s.message());
      if (options.on_error) options.on_error(r.totals.lines, s);
      continue;
    }
    if (resource.id.empty()) resource.id = NewResourceId();
    resource.state = ResourceState::kPublished;
    batch_ids.push_back(resource.id);
    batch.Put(std::move(resource));
    if (batch.size() >= options.batch_size) WENJIN_RETURN_IF_ERROR(flush());
  }
  WENJIN_RETURN_IF_ERROR(flush());
  if (index) WENJIN_RETURN_IF_ERROR(index->CatchUp(/*commit=*/true));
  if (index && options.optimize_index && r.totals.imported > 0) WENJIN_RETURN_IF_ERROR(index->Optimize());
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  *report = std::move(r);
  return Status::OK();
}

}  // namespace wenjin::api
