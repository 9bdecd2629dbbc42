// Db: the one durable store. A RocksDB instance with one column family per concern, so a single
// checkpoint is a complete, consistent backup of resources, the search index, lexicons, review
// state, keys and audit.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include "store/status.h"

namespace wenjin::store {

enum class Family {
  kResources,   // resource id -> resource record (JSON)
  kChanges,     // big-endian change sequence -> change record
  kIndexFiles,  // Lucene++ directory: (file name, chunk) -> bytes, plus file lengths
  kLexicons,    // lexicon versions and serialised Hyperscan databases
  kReview,      // review items, leases, idempotency keys
  kKeys,        // API keys (hashed)
  kAudit,       // sequence -> hash-chained audit record
  kMeta,        // small settings: schema version, counters
};
inline constexpr int kFamilyCount = 8;
const char* FamilyName(Family family);

// Maps a RocksDB status onto ours; keeps the storage error's kind (NotFound, Corruption, IO...).
Status FromRocks(const rocksdb::Status& status);

class Db {
 public:
  static constexpr size_t kDefaultIndexCacheBytes = size_t{32} << 20;
  struct Options {
    bool create_if_missing = true;
    bool read_only = false;
    // Memory for the search index's hot chunks (RocksDB's block cache of the index family); the
    // rest of the index is read from the OS page cache on demand, each read costing a system
    // call, a checksum and a lookup. More of it makes searches faster at that much more resident
    // memory (bench_search on ~100k resources, README "Performance": page p50 by cache size).
    // Default: 32 MiB, with which the RocksDB directory stays within 1.25x the peak memory of
    // Lucene++ on a file system.
    size_t index_cache_bytes = kDefaultIndexCacheBytes;
  };

  // Opens (and creates) the database at `path` with every column family.
  static Status Open(const std::string& path, const Options& options, std::unique_ptr<Db>* db);
  static Status Open(const std::string& path, std::unique_ptr<Db>* db) { return Open(path, Options(), db); }
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  rocksdb::DB* raw() { return db_.get(); }
  rocksdb::ColumnFamilyHandle* family(Family f) { return handles_[static_cast<int>(f)]; }
  const std::string& path() const { return path_; }
  size_t index_cache_bytes() const { return index_cache_bytes_; }

  // Reads a value; NotFound when the key is absent.
  Status Get(Family f, std::string_view key, std::string* value);
  // Writes a batch. `sync` = the WAL is fsynced before returning: what an acknowledgement needs.
  Status Write(rocksdb::WriteBatch* batch, bool sync = true);
  Status Put(Family f, std::string_view key, std::string_view value, bool sync = true);
  Status Delete(Family f, std::string_view key, bool sync = true);
  Status SyncWal();
  // Rewrites the whole family into its last level, dropping what was deleted or overwritten
  // (unless a live snapshot still sees it). After a bulk rewrite (a merge of the whole search
  // index) reads then find every key in one level instead of searching several.
  Status Compact(Family f);

  // A RocksDB iterator over one family, owned by the caller.
  std::unique_ptr<rocksdb::Iterator> NewIterator(Family f);

  // A consistent on-disk copy of everything (RocksDB checkpoint: hard links where possible).
  // `dir` must not exist yet.
  Status Checkpoint(const std::string& dir);

 private:
  Db() = default;
  std::string path_;
  size_t index_cache_bytes_ = 0;
  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;  // released in ~Db, before the DB closes
  rocksdb::ColumnFamilyHandle* default_handle_ = nullptr;
};

// Big-endian fixed-width encoding, so keys sort in numeric order.
std::string EncodeSequence(uint64_t seq);
bool DecodeSequence(std::string_view key, uint64_t* seq);

}  // namespace wenjin::store
