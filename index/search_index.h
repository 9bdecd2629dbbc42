// SearchIndex: the Lucene++ index of published resources, kept in RocksDB.
//
// The index follows the store's change log: CatchUp() applies every change after the last one
// it has applied (published resources are added or replaced, anything else is removed), and
// each Lucene++ commit records, in its commit user data, the last change sequence it contains.
// Opening the index replays the changes after that sequence, so a crash loses no acknowledged
// resource. Index files live in the kIndexFiles column family (see rocks_directory.h), so a
// RocksDB checkpoint of the data directory is a complete backup.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "index/search_types.h"
#include "store/resource_store.h"
#include "store/status.h"

namespace wenjin::index {

struct IndexOptions {
  double bm25_k1 = 1.2;
  double bm25_b = 0.75;
  // CatchUp() commits to Lucene++ (durably) after this many applied changes; in between,
  // searches see changes through a near-real-time reader.
  size_t commit_every = 5000;
  // One term in this many of the term dictionary is held in memory; a lookup scans at most
  // this many on disk. Lucene's 128 makes each of a query's many term lookups (words x fields x
  // segments) scan up to 128 terms. Measured (bench_search, 30k resources): p50 3.09 ms at
  // 128, 2.48 at 32, 2.34 at 16 for +8 / +29 MB peak RSS. Applies to segments written from now
  // on. Default: 32
  int32_t term_index_interval = 32;
};

class SearchIndex {
 public:
  // Opens the index stored in `store`'s database and replays changes it has not applied.
  // Only one SearchIndex may write to a database at a time: a second one gets kConflict.
  static Status Open(store::ResourceStore* store, const IndexOptions& options,
                     std::unique_ptr<SearchIndex>* index);
  ~SearchIndex();

  // Applies every change in the store's log after the last applied one and makes it visible
  // to searches. Commits when `commit` is true or commit_every changes have accumulated.
  Status CatchUp(bool commit = false);
  // Commits what has been applied so far (a durable Lucene++ commit with the sequence).
  Status Commit();
  // Merges the index into one segment, commits it, and compacts the store's index files into
  // one level without the merged-away ones. A query looks every term up once per segment, so
  // after a bulk import this makes searches several times faster; it rewrites the whole index, so
  // call it after bulk work, not after each change. Searches go on meanwhile (on the segments as
  // they were until the merge is committed); changes wait until it is done.
  Status Optimize();

  Status Search(const SearchRequest& request, SearchResponse* response);
  // Titles starting with `prefix` (after normalisation), best first.
  Status Suggest(const std::string& prefix, const std::string& lang, size_t limit,
                 std::vector<Suggestion>* suggestions);

  // Whether the current reader holds the document of resource `id` (published and applied).
  Status Contains(const std::string& id, bool* present);
  // Runs Lucene++'s CheckIndex over the last commit: OK when every segment reads back whole,
  // Corruption (and `*problems`, if given, says what) otherwise.
  Status Check(std::string* problems = nullptr);

  uint64_t applied_sequence() const;   // last change applied (visible to searches)
  uint64_t committed_sequence() const; // last change in a durable Lucene++ commit
  uint64_t document_count() const;
  // Segments of the current reader (1 after Optimize; Lucene++ merges keep it logarithmic).
  uint64_t segment_count() const;

  class Impl;

 private:
  explicit SearchIndex(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace wenjin::index
