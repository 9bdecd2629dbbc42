// SearchIndex: follows the store's change log into a Lucene++ index kept in RocksDB.
#include "index/search_index.h"

#include <atomic>
#include <mutex>
#include <sstream>

#include <lucene++/LuceneHeaders.h>
#include <lucene++/CheckIndex.h>

#include "index/analysis/field_analyzer.h"
#include "index/document_builder.h"
#include "index/query_engine.h"
#include "index/rocks_directory.h"

namespace wenjin::index {

namespace {

const wchar_t kSeqKey[] = L"seq";

Status FromLucene(const std::string& what, const Lucene::LuceneException& e) {
  std::string message = what + ": " + Lucene::StringUtils::toUTF8(e.getError());
  if (e.getType() == Lucene::LuceneException::LockObtainFailed) {
    return Status::Conflict(what + ": another index writer holds this database's index");
  }
  if (e.getType() == Lucene::LuceneException::IO || e.getType() == Lucene::LuceneException::FileNotFound) {
    return Status::IOError(message);
  }
  return Status::Internal(message);
}

// Runs `fn`, turning Lucene++ and standard exceptions into a Status: the index/ boundary.
template <typename Fn>
Status Guard(const std::string& what, Fn&& fn) {
  try {
    return fn();
  } catch (const Lucene::LuceneException& e) {
    return FromLucene(what, e);
  } catch (const std::exception& e) {
    return Status::Internal(what + ": " + e.what());
  }
}

// A reader shared by the searches that use it; closed when the last of them lets go, so a
// reader is never closed under a running search.
class ReaderHandle {
 public:
  explicit ReaderHandle(Lucene::IndexReaderPtr reader) : reader_(std::move(reader)) {}
  ~ReaderHandle() {
    try {
      reader_->close();
    } catch (...) {  // nothing useful to do while dropping a reader
    }
  }
  ReaderHandle(const ReaderHandle&) = delete;
  ReaderHandle& operator=(const ReaderHandle&) = delete;
  const Lucene::IndexReaderPtr& reader() const { return reader_; }

 private:
  Lucene::IndexReaderPtr reader_;
};

}  // namespace

class SearchIndex::Impl {
 public:
  Impl(store::ResourceStore* store, const IndexOptions& options) : store_(store), options_(options), engine_(options) {}

  ~Impl() {
    std::lock_guard<std::mutex> lock(write_mu_);
    SetReader(nullptr);
    if (!writer_) return;
    try {
      // Commit with our sequence first: IndexWriter::close() would otherwise commit the pending
      // changes without it, and the next open would replay the whole log.
      if (applied_ > committed_) CommitLocked();
      writer_->close();
    } catch (...) {
      try {
        writer_->rollback();  // releases the write lock; the change log still has everything
      } catch (...) {
      }
    }
    dir_->close();
  }

  Status Open() {
    return Guard("opening the search index", [&]() -> Status {
      dir_ = Lucene::newLucene<RocksDirectory>(store_->db());
      const bool exists = Lucene::IndexReader::indexExists(dir_);
      writer_ = Lucene::newLucene<Lucene::IndexWriter>(dir_, analysis::NewFieldAnalyzer(), !exists,
                                                       Lucene::IndexWriter::MaxFieldLengthUNLIMITED);
      writer_->setRAMBufferSizeMB(32);
      writer_->setTermIndexInterval(options_.term_index_interval);
      writer_->setMergeScheduler(NewUncachedMergeScheduler());
      // Segment files apart, not packed into one compound file: packing copies each new segment
      // once more, through RocksDB (bench_search import of ~100k resources: 224-237 s with
      // compound files, 164 s without).
      writer_->setUseCompoundFile(false);
      uint64_t seq = 0;
      if (exists) {
        Lucene::MapStringString data = Lucene::IndexReader::getCommitUserData(dir_);
        if (data.contains(kSeqKey)) {
          std::istringstream in(Lucene::StringUtils::toUTF8(data.get(kSeqKey)));
          if (!(in >> seq)) return Status::Corruption("index commit has a malformed sequence");
        }
      }
      std::lock_guard<std::mutex> lock(write_mu_);
      applied_ = committed_ = seq;
      if (!exists) CommitLocked();  // an empty first commit, so readers can always open
      SetReader(writer_->getReader());
      return Status::OK();
    });
  }

  Status CatchUp(bool commit) {
    std::lock_guard<std::mutex> lock(write_mu_);
    return Guard("updating the search index", [&]() -> Status {
      Status apply;
      const uint64_t before = applied_;
      WENJIN_RETURN_IF_ERROR(store_->ChangesSince(applied_, [&](const store::Change& change) {
        apply = Apply(change);
        return apply.ok();
      }));
      WENJIN_RETURN_IF_ERROR(apply);
      if (commit && applied_ > committed_) CommitLocked();
      // Visible to the next search, which reopens the reader; a bulk import that catches up
      // after every batch then pays for no reopen (each one flushes a small segment).
      if (applied_ != before) stale_ = true;
      return Status::OK();
    });
  }

  Status Commit() {
    std::lock_guard<std::mutex> lock(write_mu_);
    return Guard("committing the search index", [&]() -> Status {
      if (applied_ > committed_) CommitLocked();
      return Status::OK();
    });
  }

  Status Optimize() {
    std::lock_guard<std::mutex> lock(write_mu_);
    return Guard("merging the search index", [&]() -> Status {
      // Searches must not wait for the merge: give them a reader of everything applied now.
      if (stale_.load()) {
        SetReader(writer_->getReader());
        stale_ = false;
      }
      writer_->optimize();
      CommitLocked();
      // Searches move to the merged segment now, so no reader holds the merged-away files. Then
      // the index family is compacted into one level, without their chunks: the merges wrote the
      // segment's chunks across several levels, and a read that finds a chunk in one level
      // looks in each level above it first. bench_search, wenjin, ~100k resources, one run
      // each: page p50 0.758 ms searching right after the import without this compaction, 0.659
      // with it (before the directory stopped using snapshots, so with the deleted chunks kept).
      SetReader(writer_->getReader());
      stale_ = false;
      return store_->db()->Compact(store::Family::kIndexFiles);
    });
  }

  Status Search(const SearchRequest& request, SearchResponse* response) {
    return Guard("searching", [&] { return engine_.Search(FreshReader()->reader(), request, response); });
  }

  Status Suggest(const std::string& prefix, const std::string& lang, size_t limit,
                 std::vector<Suggestion>* suggestions) {
    return Guard("suggesting", [&] { return engine_.Suggest(FreshReader()->reader(), prefix, lang, limit, suggestions); });
  }

  Status Contains(const std::string& id, bool* present) {
    return Guard("looking up a document", [&]() -> Status {
      // The handle is held until the lookup is done: the term docs open each segment's part
      // lazily, in next(), and a reader replaced meanwhile would be closed under them.
      const std::shared_ptr<ReaderHandle> handle = FreshReader();
      Lucene::TermDocsPtr docs = handle->reader()->termDocs(IdTerm(id));
      *present = docs->next();
      docs->close();
      return Status::OK();
    });
  }

  Status Check(std::string* problems) {
    return Guard("checking the index", [&]() -> Status {
      auto checker = Lucene::newLucene<Lucene::CheckIndex>(dir_);
      Lucene::IndexStatusPtr status = checker->checkIndex();
      if (status->clean) return Status::OK();
      std::string what = status->missingSegments ? "segments are missing" : "segments are broken";
      if (problems) *problems = what;
      return Status::Corruption("search index: " + what);
    });
  }

  uint64_t applied() const { return applied_.load(); }
  uint64_t committed() const { return committed_.load(); }
  uint64_t SegmentCount() {
    return CountOfReader([](const Lucene::IndexReaderPtr& r) { return r->getSequentialSubReaders().size(); });
  }
  uint64_t DocumentCount() {
    return CountOfReader([](const Lucene::IndexReaderPtr& r) { return r->numDocs(); });
  }

 private:
  // `count` of the current reader; 0 when the reader cannot be had (a count is informational).
  template <typename Count>
  uint64_t CountOfReader(Count count) {
    try {
      return static_cast<uint64_t>(count(FreshReader()->reader()));
    } catch (const Lucene::LuceneException&) {
      return 0;
    }
  }

  // REQUIRES: write_mu_ held. Throws LuceneException (caught by the caller's Guard).
  Status Apply(const store::Change& change) {
    Resource resource;
    Status s = store_->Get(change.id, &resource);
    if (s.ok() && resource.state == ResourceState::kPublished) {
      writer_->updateDocument(IdTerm(change.id), BuildDocument(resource));
    } else if (s.ok() || s.IsNotFound()) {
      writer_->deleteDocuments(IdTerm(change.id));  // removed, withdrawn, or not (yet) published
    } else {
      return s;
    }
    applied_ = change.seq;
    if (++uncommitted_ >= options_.commit_every) CommitLocked();
    return Status::OK();
  }

  // REQUIRES: write_mu_ held. A durable Lucene++ commit recording the applied sequence.
  void CommitLocked() {
    Lucene::MapStringString data = Lucene::MapStringString::newInstance();
    data.put(kSeqKey, Lucene::StringUtils::toString(static_cast<int64_t>(applied_.load())));
    writer_->commit(data);
    committed_ = applied_.load();
    uncommitted_ = 0;
  }

  void SetReader(Lucene::IndexReaderPtr reader) {
    std::shared_ptr<ReaderHandle> next = reader ? std::make_shared<ReaderHandle>(std::move(reader)) : nullptr;
    std::shared_ptr<ReaderHandle> previous;
    {
      std::lock_guard<std::mutex> lock(reader_mu_);
      previous = std::move(reader_);
      reader_ = std::move(next);
    }
    engine_.ForgetReader();
    // `previous` closes here unless a search still holds it.
  }

  // The reader, reopened first if changes were applied since it was opened. Throws
  // LuceneException when reopening fails.
  std::shared_ptr<ReaderHandle> FreshReader() {
    if (stale_.load()) {
      std::lock_guard<std::mutex> lock(write_mu_);
      if (stale_.load()) {
        SetReader(writer_->getReader());
        stale_ = false;
      }
    }
    std::lock_guard<std::mutex> lock(reader_mu_);
    return reader_;
  }

  // Constant after construction.
  store::ResourceStore* const store_;
  const IndexOptions options_;
  QueryEngine engine_;
  RocksDirectoryPtr dir_;            // set by Open()

  // Guarded by write_mu_ (applied_/committed_ are also read without it).
  std::mutex write_mu_;
  Lucene::IndexWriterPtr writer_;
  std::atomic<uint64_t> applied_{0};
  std::atomic<uint64_t> committed_{0};
  size_t uncommitted_ = 0;
  std::atomic<bool> stale_{false};   // changes applied that the reader does not show yet

  // Guarded by reader_mu_.
  std::mutex reader_mu_;
  std::shared_ptr<ReaderHandle> reader_;
};

Status SearchIndex::Open(store::ResourceStore* store, const IndexOptions& options,
                         std::unique_ptr<SearchIndex>* index) {
  auto impl = std::make_unique<Impl>(store, options);
  WENJIN_RETURN_IF_ERROR(impl->Open());
  std::unique_ptr<SearchIndex> opened(new SearchIndex(std::move(impl)));
  // Replay what the last commit does not contain, and commit it so the next open is quick.
  WENJIN_RETURN_IF_ERROR(opened->CatchUp(/*commit=*/true));
  *index = std::move(opened);
  return Status::OK();
}

SearchIndex::SearchIndex(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SearchIndex::~SearchIndex() = default;

Status SearchIndex::CatchUp(bool commit) { return impl_->CatchUp(commit); }
Status SearchIndex::Commit() { return impl_->Commit(); }
Status SearchIndex::Optimize() { return impl_->Optimize(); }
Status SearchIndex::Search(const SearchRequest& request, SearchResponse* response) {
  return impl_->Search(request, response);
}
Status SearchIndex::Suggest(const std::string& prefix, const std::string& lang, size_t limit,
                            std::vector<Suggestion>* suggestions) {
  return impl_->Suggest(prefix, lang, limit, suggestions);
}
Status SearchIndex::Contains(const std::string& id, bool* present) { return impl_->Contains(id, present); }
Status SearchIndex::Check(std::string* problems) { return impl_->Check(problems); }
uint64_t SearchIndex::applied_sequence() const { return impl_->applied(); }
uint64_t SearchIndex::committed_sequence() const { return impl_->committed(); }
uint64_t SearchIndex::document_count() const { return impl_->DocumentCount(); }
uint64_t SearchIndex::segment_count() const { return impl_->SegmentCount(); }

}  // namespace wenjin::index
