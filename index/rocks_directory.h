// RocksDirectory: a Lucene++ Directory whose files live in the kIndexFiles column family of a
// store::Db, so the search index is part of the one durable store (and of its backups).
//
// On-disk layout (all keys in the kIndexFiles family, see docs/index-files.md):
//   'm' + name                                  -> be64 length, be64 modified time (ms since epoch),
//                                                  be32 chunk size (absent in older files: 64 KiB)
//   'c' + be16 name size + name + be64 chunk no -> bytes [no * chunk_size, (no + 1) * chunk_size)
// The size prefix makes the layout binary-safe and keeps a file's chunks contiguous and in order.
//
// Writes: an output buffers one whole chunk and writes it when the chunk is full, when the
// output seeks into another chunk (Lucene seeks back to patch headers; the chunk it lands in is
// read back, patched and rewritten once), on flush() and on close(). The length is published in
// the metadata key on flush() and close(). Writes are not synced one by one; sync(name) syncs the
// RocksDB WAL, which makes every earlier write durable, so a Lucene++ commit (which syncs each
// file it references before writing segments_N) is durable when commit() returns.
//
// Reads: an input caches the chunk it is in. A file deleted by the writer (merged away) while
// inputs still have it open loses its metadata at once (it is no longer listed) and its chunks
// when the last of those inputs and their clones is gone, as on POSIX file systems. (A RocksDB
// snapshot per open file would do the same, but it keeps everything deleted after it in the whole
// database from compaction while the file is open.) Chunks left by a process that ended first
// are removed when a RocksDirectory is next made on the store.
// An open file also keeps each chunk its inputs read pinned until it is closed, up to a bound
// per directory, so the many clones a query makes skip the RocksDB lookup; merges keep none.
//
// Locking: the lock factory keeps a second writer in the same process out with a registry keyed
// by database path and lock name (so different databases never contend). Across processes the
// exclusion comes from RocksDB itself: it holds a LOCK file in the data directory, so a second
// process cannot open the same Db at all; a lock record stored in RocksDB would add nothing.
//
// Thread safety: the directory may be used from many threads at once (Lucene++ merges in the
// background). Each IndexInput/IndexOutput is for one thread; clone an input for another.
// The Db must outlive the directory and every input and output it made.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>

#include <lucene++/Lucene.h>
#include <lucene++/Directory.h>

#include "store/db.h"

namespace wenjin::index {

struct RocksDirectoryOptions {
  // Size of the stored chunks of files written from now on; each file records its own, so it
  // may change for an existing database. A query reads a few bytes here and there in many
  // files, and a chunk is the unit RocksDB reads, checksums and caches, so smaller chunks waste
  // less of a small block cache (bench_search, lucene-rocks at ~100k resources: 64 KiB chunks and
  // a 256 MiB cache, peak RSS 353 MB and page p50 0.71x lucene-fs's; 16 KiB and 32 MiB, with
  // smaller memtables, 242 MB and 0.65x).
  // Default: 16 KiB (64 KiB before it was recorded per file).
  uint32_t chunk_size = 16 * 1024;
  // Chunks that open files keep pinned for their inputs, all files together (see "Reads").
  // They sit in RocksDB's block cache, which they cannot leave while kept. 0 keeps none.
  // Default: half the index family's block cache (store::Db::Options::index_cache_bytes).
  std::optional<uint64_t> max_kept_chunk_bytes;
};

class RocksDirectory : public Lucene::Directory {
 public:
  // REQUIRES: `db` outlives the directory. Sets the in-process lock factory.
  explicit RocksDirectory(store::Db* db, const RocksDirectoryOptions& options = RocksDirectoryOptions());
  ~RocksDirectory() override;
  using String = Lucene::String;  // LUCENE_CLASS names it unqualified
  LUCENE_CLASS(RocksDirectory);

  // Lucene++ Directory. Errors throw LuceneException (IOException, FileNotFoundException,
  // AlreadyClosedException) as Lucene++ expects; callers outside index/ never see them.
  Lucene::HashSet<Lucene::String> listAll() override;
  bool fileExists(const Lucene::String& name) override;
  uint64_t fileModified(const Lucene::String& name) override;
  void touchFile(const Lucene::String& name) override;
  void deleteFile(const Lucene::String& name) override;
  int64_t fileLength(const Lucene::String& name) override;
  Lucene::IndexOutputPtr createOutput(const Lucene::String& name) override;
  Lucene::IndexInputPtr openInput(const Lucene::String& name) override;
  void sync(const Lucene::String& name) override;
  void close() override;
  Lucene::String getLockID() override;
  Lucene::String toString() override;

  // Bytes of chunks its open files keep pinned now (see RocksDirectoryOptions).
  uint64_t kept_chunk_bytes() const;

  // Shared with this directory's inputs and outputs; internal.
  struct Shared;

 private:
  void RemoveOrphanChunks();
  std::shared_ptr<Shared> shared_;
};

// While one is alive, index chunks that this thread reads from any RocksDirectory do not enter
// RocksDB's block cache. A merge reads every chunk of its segments once; caching them would grow
// the process by the size of the index and evict what searches read.
class UncachedReadScope {
 public:
  UncachedReadScope();
  ~UncachedReadScope();
  UncachedReadScope(const UncachedReadScope&) = delete;
  UncachedReadScope& operator=(const UncachedReadScope&) = delete;

 private:
  bool previous_;
};

// Lucene++'s concurrent merge scheduler, each merge running inside an UncachedReadScope. Give it
// to every IndexWriter over a RocksDirectory.
Lucene::MergeSchedulerPtr NewUncachedMergeScheduler();
typedef boost::shared_ptr<RocksDirectory> RocksDirectoryPtr;

}  // namespace wenjin::index
