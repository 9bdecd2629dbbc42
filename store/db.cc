#include "store/db.h"

#include <filesystem>

#include <rocksdb/cache.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/options.h>
#include <rocksdb/table.h>
#include <rocksdb/utilities/checkpoint.h>

namespace wenjin::store {

namespace {
// Index files are written in bursts (a flushed segment, a merge) and mostly deleted soon after;
// the default 64 MiB memtables can hold two of those at once while one flushes. bench_search,
// lucene-rocks: peak RSS while indexing 257.6 MB with them (and 64 KiB chunks, a 256 MiB cache),
// 193.9 with 16 MiB (together with this file's other index settings; not measured apart).
constexpr size_t kIndexWriteBufferBytes = size_t{16} << 20;
constexpr const char* kFamilyNames[kFamilyCount] = {
    "resources", "changes", "index_files", "lexicons", "review", "keys", "audit", "meta",
};
}  // namespace

const char* FamilyName(Family family) { return kFamilyNames[static_cast<int>(family)]; }

Status FromRocks(const rocksdb::Status& s) {
  if (s.ok()) return Status::OK();
  if (s.IsNotFound()) return Status::NotFound(s.ToString());
  if (s.IsCorruption()) return Status::Corruption(s.ToString());
  if (s.IsIOError()) return Status::IOError(s.ToString());
  if (s.IsInvalidArgument()) return Status::InvalidArgument(s.ToString());
  if (s.IsBusy() || s.IsTimedOut() || s.IsTryAgain()) return Status::Unavailable(s.ToString());
  return Status::Internal(s.ToString());
}

Status Db::Open(const std::string& path, const Options& options, std::unique_ptr<Db>* out) {
  rocksdb::DBOptions db_options;
  db_options.create_if_missing = options.create_if_missing;
  db_options.create_missing_column_families = true;
  db_options.max_background_jobs = 2;
  db_options.keep_log_file_num = 4;

  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  families.emplace_back(rocksdb::kDefaultColumnFamilyName, rocksdb::ColumnFamilyOptions());
  for (const char* name : kFamilyNames) {
    rocksdb::ColumnFamilyOptions cf;
    if (std::string_view(name) == "index_files") {
      // Index chunks are already compact binary; large blobs compress poorly and are read whole.
      cf.compression = rocksdb::kNoCompression;
      cf.write_buffer_size = kIndexWriteBufferBytes;
      // Searches read index chunks pinned in the family's own block cache (no copy), sized by
      // Options::index_cache_bytes; the other families keep RocksDB's default one.
      rocksdb::BlockBasedTableOptions table;
      table.block_cache = rocksdb::NewLRUCache(options.index_cache_bytes);
      // Between compactions a chunk may sit in any of several levels; a Bloom filter per table
      // answers "not here" without reading the table's index and data blocks.
      table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
      cf.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
    }
    families.emplace_back(name, cf);
  }

  std::unique_ptr<Db> db(new Db());
  db->path_ = path;
  db->index_cache_bytes_ = options.index_cache_bytes;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s;
  // RocksDB creates the directory (for its info log) even when told not to create a database.
  if (!options.create_if_missing && !std::filesystem::exists(path)) {
    return Status::IOError("cannot open data directory " + path + ": it does not exist");
  }
  if (options.read_only) {
    s = rocksdb::DB::OpenForReadOnly(db_options, path, families, &handles, &raw);
  } else {
    std::error_code ec;
    if (options.create_if_missing) std::filesystem::create_directories(path, ec);
    s = rocksdb::DB::Open(db_options, path, families, &handles, &raw);
  }
  if (!s.ok()) return Status::IOError("cannot open data directory " + path + ": " + s.ToString());
  db->db_.reset(raw);
  // handles[0] is the default family, which we do not use.
  db->handles_.assign(handles.begin() + 1, handles.end());
  db->default_handle_ = handles[0];
  *out = std::move(db);
  return Status::OK();
}

Db::~Db() {
  if (!db_) return;
  for (auto* h : handles_) db_->DestroyColumnFamilyHandle(h);
  if (default_handle_) db_->DestroyColumnFamilyHandle(default_handle_);
  db_->Close();
}

Status Db::Get(Family f, std::string_view key, std::string* value) {
  return FromRocks(db_->Get(rocksdb::ReadOptions(), family(f), rocksdb::Slice(key.data(), key.size()), value));
}

Status Db::Write(rocksdb::WriteBatch* batch, bool sync) {
  rocksdb::WriteOptions wo;
  wo.sync = sync;
  return FromRocks(db_->Write(wo, batch));
}

Status Db::Put(Family f, std::string_view key, std::string_view value, bool sync) {
  rocksdb::WriteBatch batch;
  batch.Put(family(f), rocksdb::Slice(key.data(), key.size()), rocksdb::Slice(value.data(), value.size()));
  return Write(&batch, sync);
}

Status Db::Delete(Family f, std::string_view key, bool sync) {
  rocksdb::WriteBatch batch;
  batch.Delete(family(f), rocksdb::Slice(key.data(), key.size()));
  return Write(&batch, sync);
}

Status Db::SyncWal() { return FromRocks(db_->SyncWAL()); }

Status Db::Compact(Family f) {
  rocksdb::CompactRangeOptions options;
  options.bottommost_level_compaction = rocksdb::BottommostLevelCompaction::kForce;
  return FromRocks(db_->CompactRange(options, family(f), nullptr, nullptr));
}

std::unique_ptr<rocksdb::Iterator> Db::NewIterator(Family f) {
  return std::unique_ptr<rocksdb::Iterator>(db_->NewIterator(rocksdb::ReadOptions(), family(f)));
}

Status Db::Checkpoint(const std::string& dir) {
  if (std::filesystem::exists(dir)) return Status::AlreadyExists("backup directory exists: " + dir);
  rocksdb::Checkpoint* raw = nullptr;
  WENJIN_RETURN_IF_ERROR(FromRocks(rocksdb::Checkpoint::Create(db_.get(), &raw)));
  std::unique_ptr<rocksdb::Checkpoint> checkpoint(raw);
  // flush so the copy holds SST files, not just a WAL to replay
  return FromRocks(checkpoint->CreateCheckpoint(dir, /*log_size_for_flush=*/0));
}

std::string EncodeSequence(uint64_t seq) {
  std::string key(8, '\0');
  for (int i = 7; i >= 0; --i) {
    key[i] = static_cast<char>(seq & 0xff);
    seq >>= 8;
  }
  return key;
}

bool DecodeSequence(std::string_view key, uint64_t* seq) {
  if (key.size() != 8) return false;
  uint64_t v = 0;
  for (unsigned char c : key) v = (v << 8) | c;
  *seq = v;
  return true;
}

}  // namespace wenjin::store
