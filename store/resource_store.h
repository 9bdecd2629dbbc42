// ResourceStore: resource records plus the change log that the search index follows.
//
// Every committed batch writes the records and one change record per resource in a single
// synced RocksDB write, so a resource is acknowledged only once it and its change are durable.
// Change sequences are strictly increasing and committed in order (one writer at a time), so an
// index that has applied change N has seen every change <= N.
#pragma once

#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "store/db.h"
#include "store/resource.h"

namespace wenjin::store {

// One change: resource `id` was written or removed; its current record says which.
struct Change {
  uint64_t seq = 0;
  std::string id;
};

// Writes that commit together: resource records, removals, and any other family's writes
// (review items, audit records) that must not be seen without them.
class ResourceBatch {
 public:
  void Put(Resource resource) { puts_.push_back(std::move(resource)); }
  void Remove(std::string id) { removes_.push_back(std::move(id)); }
  rocksdb::WriteBatch& extra() { return extra_; }
  bool empty() const { return puts_.empty() && removes_.empty() && extra_.Count() == 0; }
  size_t size() const { return puts_.size() + removes_.size(); }

 private:
  friend class ResourceStore;
  std::vector<Resource> puts_;
  std::vector<std::string> removes_;
  rocksdb::WriteBatch extra_;
};

class ResourceStore {
 public:
  explicit ResourceStore(Db* db);

  Status Get(std::string_view id, Resource* out);
  // Commits the batch durably; `*last_seq` receives the sequence of its last change.
  Status Commit(ResourceBatch* batch, uint64_t* last_seq = nullptr);
  Status Put(const Resource& resource, uint64_t* seq = nullptr);
  Status Remove(std::string_view id, uint64_t* seq = nullptr);

  // Calls `fn` for each change with seq > `after`, in order, until it returns false.
  Status ChangesSince(uint64_t after, const std::function<bool(const Change&)>& fn);
  // Calls `fn` for every stored resource, in id order, until it returns false.
  Status ForEach(const std::function<bool(const Resource&)>& fn);
  // Calls `fn` for every resource whose owner is `owner`, in id order, until it returns false.
  // Reads an owner index (kMeta) kept in the same batches as the records; a database written
  // before the index existed gets it built on the first call.
  Status ForEachOwnedBy(std::string_view owner, const std::function<bool(const Resource&)>& fn);

  uint64_t last_sequence() const;
  Db* db() { return db_; }

 private:
  Status EnsureOwnerIndex();

  Db* db_;
  mutable std::mutex mu_;  // serialises commits so sequences land in order
  uint64_t last_seq_ = 0;
};

}  // namespace wenjin::store
