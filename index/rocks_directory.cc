// RocksDirectory: Lucene++ files as fixed-size chunks in RocksDB (layout in rocks_directory.h).
#include "index/rocks_directory.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <string>

#include <lucene++/LuceneHeaders.h>
#include <lucene++/ConcurrentMergeScheduler.h>
#include <lucene++/IndexInput.h>
#include <lucene++/IndexOutput.h>
#include <lucene++/Lock.h>
#include <lucene++/LockFactory.h>

namespace wenjin::index {

using Lucene::String;

namespace {

constexpr char kMetaTag = 'm';
constexpr char kChunkTag = 'c';
// Files whose metadata predates the recorded chunk size were all written with this one.
constexpr uint32_t kLegacyChunkSize = 64 * 1024;
constexpr size_t kLegacyMetaSize = 16;
constexpr size_t kMetaSize = 20;

void AppendBe64(std::string* out, uint64_t v) {
  for (int shift = 56; shift >= 0; shift -= 8) out->push_back(static_cast<char>((v >> shift) & 0xff));
}

uint64_t ReadBe(const char* p, int bytes) {
  uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v = (v << 8) | static_cast<unsigned char>(p[i]);
  return v;
}

std::string Utf8(const String& name) { return Lucene::StringUtils::toUTF8(name); }
String Wide(const std::string& utf8) { return Lucene::StringUtils::toUnicode(utf8); }

std::string MetaKey(const std::string& name) { return std::string(1, kMetaTag) + name; }

// 'c' + be16 size + name: every chunk key of the file starts with this, and only those do.
std::string ChunkPrefix(const std::string& name) {
  std::string prefix(1, kChunkTag);
  prefix.push_back(static_cast<char>((name.size() >> 8) & 0xff));
  prefix.push_back(static_cast<char>(name.size() & 0xff));
  prefix += name;
  return prefix;
}

std::string ChunkKey(const std::string& prefix, uint64_t chunk) {
  std::string key = prefix;
  AppendBe64(&key, chunk);
  return key;
}

// A key past every chunk key of the file with chunk key prefix `prefix`, and before any other
// file's: an iterator's upper bound, or where to seek to skip the file.
std::string ChunkKeysEnd(const std::string& prefix) {
  std::string key = ChunkKey(prefix, UINT64_MAX);
  key.push_back('\xff');
  return key;
}

struct FileMeta {
  uint64_t length = 0;
  uint64_t modified_ms = 0;
  uint32_t chunk_size = 0;  // the file's own: written with the directory's size of that time

  uint64_t chunks() const { return (length + chunk_size - 1) / chunk_size; }
};

std::string EncodeMeta(const FileMeta& meta) {
  std::string value;
  AppendBe64(&value, meta.length);
  AppendBe64(&value, meta.modified_ms);
  for (int shift = 24; shift >= 0; shift -= 8) value.push_back(static_cast<char>((meta.chunk_size >> shift) & 0xff));
  return value;
}

// False when `value` is not a metadata value (see rocks_directory.h).
bool DecodeMeta(const std::string& value, FileMeta* meta) {
  if (value.size() != kMetaSize && value.size() != kLegacyMetaSize) return false;
  meta->length = ReadBe(value.data(), 8);
  meta->modified_ms = ReadBe(value.data() + 8, 8);
  meta->chunk_size = value.size() == kLegacyMetaSize ? kLegacyChunkSize : static_cast<uint32_t>(ReadBe(value.data() + 16, 4));
  return meta->chunk_size > 0;
}

uint64_t NowMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

[[noreturn]] void ThrowIO(const std::string& what, const rocksdb::Status& s) {
  boost::throw_exception(Lucene::IOException(Wide(what + ": " + s.ToString())));
}

[[noreturn]] void ThrowNotFound(const std::string& name) {
  boost::throw_exception(Lucene::FileNotFoundException(Wide("no index file '" + name + "'")));
}

// Files open for reading in this process, by database path and file name, and whether each was
// deleted while open. A deleted file's metadata goes at once (it is no longer listed), its chunks
// when its last input goes, as a file system does with an unlinked file still open. This is what
// a snapshot per open file used to do, but a snapshot keeps every key deleted or overwritten
// after it in the whole database, so one long-lived reader kept all merged-away chunks (and old
// records of every other family) from compaction.
class OpenFileRegistry {
 public:
  static OpenFileRegistry& Get() {
    static OpenFileRegistry registry;
    return registry;
  }
  // Runs `fn` under the registry's lock: deletions and openings of one file are then ordered.
  template <typename Fn>
  auto Locked(Fn fn) {
    std::lock_guard<std::mutex> lock(mu_);
    return fn(files_);
  }
  struct Entry {
    uint64_t inputs = 0;      // open files (each shared by an input and its clones)
    bool deleted = false;     // deleteFile() came while open: the last release removes the chunks
  };
  using Map = std::map<std::string, Entry>;

 private:
  std::mutex mu_;
  Map files_;
};

std::string OpenKey(const std::string& db_path, const std::string& name) {
  std::string key = db_path;
  key.push_back('\0');  // paths hold no NUL
  return key + name;
}

}  // namespace

// State every input and output of one directory shares. Kept alive by them, so a stray input
// never points at a freed directory (the Db itself must still outlive them).
struct RocksDirectory::Shared {
  rocksdb::DB* db = nullptr;
  rocksdb::ColumnFamilyHandle* family = nullptr;
  uint32_t chunk_size = 0;
  std::string db_path;
  uint64_t max_kept_bytes = 0;      // bound on chunks kept pinned by open files, all together
  std::atomic<uint64_t> kept_bytes{0};
  std::atomic<uint64_t> writes{0};  // writes completed so far
  std::atomic<uint64_t> synced{0};  // writes known to be in the synced WAL
  std::mutex sync_mu;               // one SyncWAL at a time; later callers find it done

  void Write(rocksdb::WriteBatch* batch, const std::string& what) {
    rocksdb::WriteOptions wo;
    wo.sync = false;  // made durable by sync(), see the header
    rocksdb::Status s = db->Write(wo, batch);
    if (!s.ok()) ThrowIO(what, s);
    writes.fetch_add(1);
  }
  void Put(const std::string& key, const char* data, size_t size, const std::string& what) {
    rocksdb::WriteBatch batch;
    batch.Put(family, key, rocksdb::Slice(data, size));
    Write(&batch, what);
  }
  bool GetMeta(const std::string& name, FileMeta* meta) {
    std::string value;
    rocksdb::Status s = db->Get(rocksdb::ReadOptions(), family, MetaKey(name), &value);
    if (s.IsNotFound()) return false;
    if (!s.ok()) ThrowIO("reading metadata of " + name, s);
    if (!DecodeMeta(value, meta)) {
      boost::throw_exception(Lucene::IOException(Wide("corrupt metadata of index file " + name)));
    }
    return true;
  }
  // Adds to `batch` the deletion of every chunk of the file with chunk key prefix `prefix`: the
  // first `known` by key, any others (a writer that died before close(), a file whose metadata is
  // gone) found with one seek past them.
  void DeleteChunks(const std::string& prefix, uint64_t known, rocksdb::WriteBatch* batch) {
    for (uint64_t i = 0; i < known; ++i) batch->Delete(family, ChunkKey(prefix, i));
    rocksdb::ReadOptions ro;
    const std::string upper = ChunkKeysEnd(prefix);
    rocksdb::Slice upper_slice(upper);
    ro.iterate_upper_bound = &upper_slice;
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(ro, family));
    for (it->Seek(ChunkKey(prefix, known)); it->Valid(); it->Next()) batch->Delete(family, it->key());
    if (!it->status().ok()) ThrowIO("finding the chunks of an index file", it->status());
  }
  void Sync() {
    uint64_t target = writes.load();
    if (synced.load() >= target) return;
    std::lock_guard<std::mutex> lock(sync_mu);
    target = writes.load();
    if (synced.load() >= target) return;
    rocksdb::Status s = db->SyncWAL();
    if (!s.ok()) ThrowIO("syncing the index", s);
    uint64_t seen = synced.load();
    while (seen < target && !synced.compare_exchange_weak(seen, target)) {
    }
  }
};

namespace {

using SharedPtr = std::shared_ptr<RocksDirectory::Shared>;

using ChunkPtr = std::shared_ptr<const rocksdb::PinnableSlice>;

// One opened file as its inputs see it: fixed length, its chunks kept until it is released even
// if the file is deleted meanwhile (see OpenFileRegistry).
struct OpenFile {
  SharedPtr shared;
  std::string name;
  std::string prefix;
  uint64_t length = 0;
  uint32_t chunk_size = 0;
  bool registered = false;  // counted in OpenFileRegistry

  // The chunks its inputs have read, kept pinned while the file is open (a reader's segment files
  // stay open for the reader's life): a query clones an input per term and field, and each clone
  // would otherwise look its chunks up in RocksDB again. Bounded per directory (see Shared).
  mutable std::mutex mu;
  mutable std::vector<ChunkPtr> chunks;  // guarded by mu; by chunk number, null if not kept
  mutable uint64_t kept_bytes = 0;       // guarded by mu

  ChunkPtr Kept(uint64_t chunk) const {
    std::lock_guard<std::mutex> lock(mu);
    return chunk < chunks.size() ? chunks[chunk] : ChunkPtr();
  }
  void Keep(uint64_t chunk, const ChunkPtr& data) const;
  ~OpenFile();
};

void OpenFile::Keep(uint64_t chunk, const ChunkPtr& data) const {
  const uint64_t size = data->size();
  // Reserve first, so concurrent keepers never take the directory past its bound together.
  if (shared->kept_bytes.fetch_add(size) + size > shared->max_kept_bytes) {
    shared->kept_bytes.fetch_sub(size);
    return;
  }
  std::lock_guard<std::mutex> lock(mu);
  if (chunks.size() <= chunk) chunks.resize(chunk + 1);
  if (chunks[chunk]) {  // another clone kept it first
    shared->kept_bytes.fetch_sub(size);
    return;
  }
  chunks[chunk] = data;
  kept_bytes += size;
}

OpenFile::~OpenFile() {
  shared->kept_bytes.fetch_sub(kept_bytes);
  if (!registered) return;
  try {
    OpenFileRegistry::Get().Locked([&](OpenFileRegistry::Map& files) {
      auto it = files.find(OpenKey(shared->db_path, name));
      if (it == files.end() || --it->second.inputs > 0) return;
      const bool deleted = it->second.deleted;
      files.erase(it);
      if (!deleted) return;
      rocksdb::WriteBatch batch;
      shared->DeleteChunks(prefix, (length + chunk_size - 1) / chunk_size, &batch);
      shared->Write(&batch, "deleting index file " + name);
    });
  } catch (...) {
    // The chunks stay behind, without metadata; the next RocksDirectory on this store removes them.
  }
}

// Set by UncachedReadScope on its thread.
thread_local bool t_uncached_reads = false;

class RocksIndexInput : public Lucene::IndexInput {
 public:
  RocksIndexInput() = default;
  explicit RocksIndexInput(std::shared_ptr<const OpenFile> file) : file_(std::move(file)) {}
  LUCENE_CLASS(RocksIndexInput);

  uint8_t readByte() override {
    if (pos_ < chunk_start_ || pos_ >= chunk_end_) Load();
    return static_cast<uint8_t>(chunk_->data()[pos_++ - chunk_start_]);
  }

  // Postings and the term dictionary are mostly variable-length integers; IndexInput decodes
  // them a virtual readByte() at a time. Within the current chunk they are decoded in place.
  int32_t readVInt() override {
    if (!InChunk(5)) return IndexInput::readVInt();
    return static_cast<int32_t>(DecodeVarint<uint32_t>());
  }
  int64_t readVLong() override {
    if (!InChunk(10)) return IndexInput::readVLong();
    return static_cast<int64_t>(DecodeVarint<uint64_t>());
  }

  void readBytes(uint8_t* b, int32_t offset, int32_t length) override {
    while (length > 0) {
      if (pos_ < chunk_start_ || pos_ >= chunk_end_) Load();
      int32_t n = static_cast<int32_t>(std::min<uint64_t>(length, chunk_end_ - pos_));
      std::memcpy(b + offset, chunk_->data() + (pos_ - chunk_start_), n);
      pos_ += n;
      offset += n;
      length -= n;
    }
  }

  void close() override {
    // Frees the cache only; the file stays open as long as any clone does.
    chunk_.reset();
    chunk_start_ = chunk_end_ = 0;
  }
  int64_t getFilePointer() override { return static_cast<int64_t>(pos_); }
  void seek(int64_t pos) override { pos_ = static_cast<uint64_t>(pos); }  // loaded lazily
  int64_t length() override { return static_cast<int64_t>(file_->length); }

  Lucene::LuceneObjectPtr clone(const Lucene::LuceneObjectPtr& other = Lucene::LuceneObjectPtr()) override {
    Lucene::LuceneObjectPtr object = IndexInput::clone(other ? other : Lucene::newLucene<RocksIndexInput>());
    auto copy = boost::dynamic_pointer_cast<RocksIndexInput>(object);
    copy->file_ = file_;
    copy->chunk_ = chunk_;
    copy->chunk_start_ = chunk_start_;
    copy->chunk_end_ = chunk_end_;
    copy->pos_ = pos_;
    return copy;
  }

 private:
  // Whether the current chunk holds the next `bytes` bytes.
  bool InChunk(uint64_t bytes) const { return pos_ >= chunk_start_ && pos_ + bytes <= chunk_end_; }

  // A Lucene variable-length integer (7 bits a byte, low bits first) at pos_, which the caller
  // has checked has room for the longest valid one in the current chunk.
  template <typename T>
  T DecodeVarint() {
    const auto* p = reinterpret_cast<const uint8_t*>(chunk_->data()) + (pos_ - chunk_start_);
    constexpr int kMaxBytes = sizeof(T) == 4 ? 5 : 10;
    T value = 0;
    int n = 0;
    uint8_t b;
    do {
      b = p[n];
      value |= static_cast<T>(b & 0x7f) << (7 * n);
      ++n;
    } while ((b & 0x80) && n < kMaxBytes);
    pos_ += static_cast<uint64_t>(n);
    // Corrupt input: consume the rest of an over-long integer as IndexInput would.
    while (b & 0x80) b = readByte();
    return value;
  }

  // Makes the chunk holding pos_ current.
  void Load() {
    const OpenFile& f = *file_;
    if (pos_ >= f.length) {
      boost::throw_exception(Lucene::IOException(Wide("read past EOF of index file " + f.name)));
    }
    const uint64_t chunk = pos_ / f.chunk_size;
    const uint64_t start = chunk * f.chunk_size;
    const uint64_t expected = std::min<uint64_t>(f.chunk_size, f.length - start);
    if (ChunkPtr kept = f.Kept(chunk)) {
      chunk_ = std::move(kept);
      chunk_start_ = start;
      chunk_end_ = start + expected;
      return;
    }
    rocksdb::ReadOptions ro;
    ro.fill_cache = !t_uncached_reads;
    // Pinned, not copied: the chunk stays in RocksDB's block cache while an input uses it, so a
    // query opening many term streams does not copy a chunk per stream.
    auto data = std::make_shared<rocksdb::PinnableSlice>();
    rocksdb::Status s = f.shared->db->Get(ro, f.shared->family, ChunkKey(f.prefix, chunk), data.get());
    if (s.IsNotFound() || (s.ok() && data->size() < expected)) {
      boost::throw_exception(Lucene::IOException(
          Wide("index file " + f.name + " is missing bytes of chunk " + std::to_string(chunk))));
    }
    if (!s.ok()) ThrowIO("reading index file " + f.name, s);
    if (!t_uncached_reads) f.Keep(chunk, data);  // a merge reads each chunk once
    chunk_ = std::move(data);
    chunk_start_ = start;
    chunk_end_ = start + expected;
  }

  std::shared_ptr<const OpenFile> file_;
  ChunkPtr chunk_;                            // shared with clones; never modified
  uint64_t chunk_start_ = 0;                  // file offset of chunk_[0]
  uint64_t chunk_end_ = 0;                    // file offset one past the valid bytes of chunk_
  uint64_t pos_ = 0;
};

class RocksIndexOutput : public Lucene::IndexOutput {
 public:
  RocksIndexOutput(SharedPtr shared, std::string name)
      : shared_(std::move(shared)), name_(std::move(name)), prefix_(ChunkPrefix(name_)) {
    buffer_.resize(shared_->chunk_size);
  }
  ~RocksIndexOutput() override = default;  // an output never closed leaves its file at length 0
  LUCENE_CLASS(RocksIndexOutput);

  void writeByte(uint8_t b) override {
    Prepare();
    buffer_[offset_++] = static_cast<char>(b);
    Written();
  }

  void writeBytes(const uint8_t* b, int32_t offset, int32_t length) override {
    while (length > 0) {
      Prepare();
      int32_t n = std::min<int32_t>(length, static_cast<int32_t>(shared_->chunk_size - offset_));
      std::memcpy(buffer_.data() + offset_, b + offset, n);
      offset_ += n;
      offset += n;
      length -= n;
      Written();
    }
  }

  void flush() override {
    FlushChunk();
    PutMeta();
  }

  void close() override {
    if (closed_) return;
    FlushChunk();
    PutMeta();
    closed_ = true;
    std::string().swap(buffer_);
  }

  int64_t getFilePointer() override {
    return static_cast<int64_t>(chunk_ * shared_->chunk_size + offset_);
  }

  void seek(int64_t pos) override {
    const uint64_t chunk = static_cast<uint64_t>(pos) / shared_->chunk_size;
    if (chunk != chunk_) SwitchTo(chunk);
    offset_ = static_cast<uint32_t>(static_cast<uint64_t>(pos) % shared_->chunk_size);
  }

  int64_t length() override { return static_cast<int64_t>(length_); }

 private:
  // Before writing at offset_: moves to the next chunk when this one is full, and zero-fills a
  // gap left by a seek past the bytes the chunk holds.
  void Prepare() {
    if (closed_) boost::throw_exception(Lucene::IOException(Wide("write to closed index file " + name_)));
    if (offset_ == shared_->chunk_size) SwitchTo(chunk_ + 1);
    if (offset_ > used_) std::memset(buffer_.data() + used_, 0, offset_ - used_);
  }
  void Written() {
    dirty_ = true;
    used_ = std::max(used_, offset_);
    length_ = std::max<uint64_t>(length_, chunk_ * shared_->chunk_size + offset_);
  }
  void FlushChunk() {
    if (!dirty_) return;
    shared_->Put(ChunkKey(prefix_, chunk_), buffer_.data(), used_, "writing index file " + name_);
    dirty_ = false;
  }
  void PutMeta() {
    std::string value = EncodeMeta({length_, NowMillis(), shared_->chunk_size});
    shared_->Put(MetaKey(name_), value.data(), value.size(), "writing metadata of " + name_);
  }
  // Writes the current chunk if changed and loads `chunk` (stored bytes, if any, so a seek-back
  // patch keeps the rest of the chunk).
  void SwitchTo(uint64_t chunk) {
    FlushChunk();
    chunk_ = chunk;
    offset_ = 0;
    used_ = 0;
    if (chunk * shared_->chunk_size >= length_) return;  // nothing written there yet
    std::string stored;
    rocksdb::Status s = shared_->db->Get(rocksdb::ReadOptions(), shared_->family, ChunkKey(prefix_, chunk), &stored);
    if (s.IsNotFound()) return;  // a gap left by seeking past the end
    if (!s.ok()) ThrowIO("reading back index file " + name_, s);
    used_ = static_cast<uint32_t>(std::min<size_t>(stored.size(), shared_->chunk_size));
    std::memcpy(buffer_.data(), stored.data(), used_);
  }

  SharedPtr shared_;
  std::string name_;
  std::string prefix_;
  std::string buffer_;     // the current chunk, chunk_size bytes
  uint64_t chunk_ = 0;     // which chunk buffer_ holds
  uint32_t offset_ = 0;    // write position inside buffer_
  uint32_t used_ = 0;      // bytes of buffer_ that hold file data
  uint64_t length_ = 0;    // highest offset written + 1
  bool dirty_ = false;     // buffer_ differs from what is stored
  bool closed_ = false;
};

// Locks held in this process, by database path and lock name.
class LockRegistry {
 public:
  static LockRegistry& Get() {
    static LockRegistry registry;
    return registry;
  }
  bool Acquire(const std::string& key) {
    std::lock_guard<std::mutex> lock(mu_);
    return held_.insert(key).second;
  }
  void Release(const std::string& key) {
    std::lock_guard<std::mutex> lock(mu_);
    held_.erase(key);
  }
  bool Held(const std::string& key) {
    std::lock_guard<std::mutex> lock(mu_);
    return held_.count(key) > 0;
  }

 private:
  std::mutex mu_;
  std::set<std::string> held_;
};

class RocksLock : public Lucene::Lock {
 public:
  explicit RocksLock(std::string key) : key_(std::move(key)) {}
  ~RocksLock() override {
    if (mine_) LockRegistry::Get().Release(key_);  // a writer dropped without close()
  }
  LUCENE_CLASS(RocksLock);

  bool obtain() override {
    if (mine_) return true;
    mine_ = LockRegistry::Get().Acquire(key_);
    return mine_;
  }
  void release() override {
    if (!mine_) return;
    LockRegistry::Get().Release(key_);
    mine_ = false;
  }
  bool isLocked() override { return LockRegistry::Get().Held(key_); }
  String toString() override { return Wide("RocksLock@" + key_); }

 private:
  std::string key_;
  bool mine_ = false;
};

class RocksLockFactory : public Lucene::LockFactory {
 public:
  explicit RocksLockFactory(std::string db_path) : db_path_(std::move(db_path)) {}
  LUCENE_CLASS(RocksLockFactory);

  Lucene::LockPtr makeLock(const String& name) override { return Lucene::newLucene<RocksLock>(Key(name)); }
  void clearLock(const String& name) override { LockRegistry::Get().Release(Key(name)); }

 private:
  std::string Key(const String& name) {
    std::string key = db_path_;
    key.push_back('\0');  // paths hold no NUL, so keys of different databases never collide
    key += Utf8(name);
    return key;
  }
  std::string db_path_;
};

std::string CanonicalPath(const std::string& path) {
  std::error_code ec;
  auto canonical = std::filesystem::weakly_canonical(path, ec);
  return ec ? path : canonical.string();
}

}  // namespace

RocksDirectory::RocksDirectory(store::Db* db, const RocksDirectoryOptions& options)
    : shared_(std::make_shared<Shared>()) {
  shared_->db = db->raw();
  shared_->family = db->family(store::Family::kIndexFiles);
  shared_->chunk_size = std::max<uint32_t>(options.chunk_size, 1);
  shared_->max_kept_bytes = options.max_kept_chunk_bytes.value_or(db->index_cache_bytes() / 2);
  shared_->db_path = CanonicalPath(db->path());
  setLockFactory(Lucene::newLucene<RocksLockFactory>(shared_->db_path));
  RemoveOrphanChunks();
}

// Chunks without metadata are those of files deleted while open by a process that ended before
// the file was released. One seek per file finds them.
void RocksDirectory::RemoveOrphanChunks() {
  Shared& sh = *shared_;
  OpenFileRegistry::Get().Locked([&](OpenFileRegistry::Map& files) {
    rocksdb::ReadOptions ro;
    const std::string upper(1, kChunkTag + 1);
    rocksdb::Slice upper_slice(upper);
    ro.iterate_upper_bound = &upper_slice;
    std::unique_ptr<rocksdb::Iterator> it(sh.db->NewIterator(ro, sh.family));
    rocksdb::WriteBatch batch;
    for (it->Seek(std::string(1, kChunkTag)); it->Valid();) {
      const rocksdb::Slice key = it->key();
      const size_t size = key.size() >= 3 ? (static_cast<unsigned char>(key[1]) << 8) | static_cast<unsigned char>(key[2]) : 0;
      if (key.size() < 3 + size + 8) {  // not a chunk key: leave it
        it->Next();
        continue;
      }
      const std::string name(key.data() + 3, size);
      const std::string prefix = ChunkPrefix(name);
      FileMeta meta;
      if (!sh.GetMeta(name, &meta) && !files.count(OpenKey(sh.db_path, name))) sh.DeleteChunks(prefix, 0, &batch);
      it->Seek(ChunkKeysEnd(prefix));
    }
    if (!it->status().ok()) ThrowIO("listing index chunks", it->status());
    if (batch.Count() > 0) sh.Write(&batch, "removing chunks of deleted index files");
  });
}

RocksDirectory::~RocksDirectory() = default;

uint64_t RocksDirectory::kept_chunk_bytes() const { return shared_->kept_bytes.load(); }

UncachedReadScope::UncachedReadScope() : previous_(t_uncached_reads) { t_uncached_reads = true; }
UncachedReadScope::~UncachedReadScope() { t_uncached_reads = previous_; }

namespace {

class UncachedMergeScheduler : public Lucene::ConcurrentMergeScheduler {
 protected:
  void doMerge(const Lucene::OneMergePtr& merge) override {
    UncachedReadScope uncached;
    Lucene::ConcurrentMergeScheduler::doMerge(merge);
  }
};

}  // namespace

Lucene::MergeSchedulerPtr NewUncachedMergeScheduler() { return Lucene::newLucene<UncachedMergeScheduler>(); }

Lucene::HashSet<String> RocksDirectory::listAll() {
  ensureOpen();
  Lucene::HashSet<String> names = Lucene::HashSet<String>::newInstance();
  rocksdb::ReadOptions ro;
  const std::string upper(1, kMetaTag + 1);
  rocksdb::Slice upper_slice(upper);
  ro.iterate_upper_bound = &upper_slice;
  std::unique_ptr<rocksdb::Iterator> it(shared_->db->NewIterator(ro, shared_->family));
  for (it->Seek(std::string(1, kMetaTag)); it->Valid(); it->Next()) {
    rocksdb::Slice key = it->key();
    names.add(Wide(std::string(key.data() + 1, key.size() - 1)));
  }
  if (!it->status().ok()) ThrowIO("listing index files", it->status());
  return names;
}

bool RocksDirectory::fileExists(const String& name) {
  ensureOpen();
  FileMeta meta;
  return shared_->GetMeta(Utf8(name), &meta);
}

uint64_t RocksDirectory::fileModified(const String& name) {
  ensureOpen();
  FileMeta meta;
  if (!shared_->GetMeta(Utf8(name), &meta)) ThrowNotFound(Utf8(name));
  return meta.modified_ms;
}

void RocksDirectory::touchFile(const String& name) {
  ensureOpen();
  const std::string utf8 = Utf8(name);
  FileMeta meta;
  if (!shared_->GetMeta(utf8, &meta)) ThrowNotFound(utf8);
  meta.modified_ms = std::max(NowMillis(), meta.modified_ms + 1);  // strictly later, as callers expect
  std::string value = EncodeMeta(meta);
  shared_->Put(MetaKey(utf8), value.data(), value.size(), "touching " + utf8);
}

void RocksDirectory::deleteFile(const String& name) {
  ensureOpen();
  const std::string utf8 = Utf8(name);
  OpenFileRegistry::Get().Locked([&](OpenFileRegistry::Map& files) {
    FileMeta meta;
    if (!shared_->GetMeta(utf8, &meta)) ThrowNotFound(utf8);
    rocksdb::WriteBatch batch;
    batch.Delete(shared_->family, MetaKey(utf8));
    auto open = files.find(OpenKey(shared_->db_path, utf8));
    if (open != files.end()) {
      open->second.deleted = true;  // its chunks go with its last input
    } else {
      shared_->DeleteChunks(ChunkPrefix(utf8), meta.chunks(), &batch);
    }
    shared_->Write(&batch, "deleting index file " + utf8);
  });
}

int64_t RocksDirectory::fileLength(const String& name) {
  ensureOpen();
  FileMeta meta;
  if (!shared_->GetMeta(Utf8(name), &meta)) ThrowNotFound(Utf8(name));
  return static_cast<int64_t>(meta.length);
}

Lucene::IndexOutputPtr RocksDirectory::createOutput(const String& name) {
  ensureOpen();
  const std::string utf8 = Utf8(name);
  OpenFileRegistry::Get().Locked([&](OpenFileRegistry::Map& files) {
    // Replacing a file (Lucene rewrites only segments.gen, which readers hold open for a moment):
    // every old chunk goes now, so a shorter new file never shows old bytes past its end, and an
    // old input still open no longer owns the chunks (they are the new file's).
    rocksdb::WriteBatch batch;
    FileMeta meta;
    const bool exists = shared_->GetMeta(utf8, &meta);
    auto open = files.find(OpenKey(shared_->db_path, utf8));
    if (open != files.end()) open->second.deleted = false;
    if (exists || open != files.end()) {
      shared_->DeleteChunks(ChunkPrefix(utf8), exists ? meta.chunks() : 0, &batch);
    }
    // The file exists (empty) from now on, as on a file system; a writer that dies before close()
    // leaves it listed, so Lucene's deleter removes it and its chunks on the next open.
    batch.Put(shared_->family, MetaKey(utf8), EncodeMeta({0, NowMillis(), shared_->chunk_size}));
    shared_->Write(&batch, "creating index file " + utf8);
  });
  return Lucene::newLucene<RocksIndexOutput>(shared_, utf8);
}

Lucene::IndexInputPtr RocksDirectory::openInput(const String& name) {
  ensureOpen();
  auto file = std::make_shared<OpenFile>();
  file->shared = shared_;
  file->name = Utf8(name);
  file->prefix = ChunkPrefix(file->name);
  FileMeta meta;
  OpenFileRegistry::Get().Locked([&](OpenFileRegistry::Map& files) {
    // Registered and read under one lock, so a deletion comes either before (not found) or after
    // (deferred until the file is released).
    if (!shared_->GetMeta(file->name, &meta)) ThrowNotFound(file->name);
    ++files[OpenKey(shared_->db_path, file->name)].inputs;
    file->registered = true;
  });
  file->length = meta.length;
  file->chunk_size = meta.chunk_size;
  return Lucene::newLucene<RocksIndexInput>(std::shared_ptr<const OpenFile>(std::move(file)));
}

void RocksDirectory::sync(const String& name) {
  ensureOpen();
  shared_->Sync();
}

void RocksDirectory::close() { isOpen = false; }

String RocksDirectory::getLockID() { return Wide("wenjin-rocks@" + shared_->db_path); }

String RocksDirectory::toString() { return Wide("RocksDirectory@" + shared_->db_path); }

}  // namespace wenjin::index
