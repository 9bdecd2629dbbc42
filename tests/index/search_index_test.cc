// SearchIndex: follows the change log (publish, hide, remove), records the applied sequence in
// its commits, replays on open, refuses a second writer, and serves searches while catching up.
#include "index/search_index.h"

#include <algorithm>
#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include <rocksdb/db.h>
#include <rocksdb/metadata.h>

#include "store/db.h"
#include "store/resource_store.h"
#include "tests/util/testutil.h"

namespace wenjin::index {
namespace {

Resource Make(const std::string& id, const std::string& title, ResourceState state = ResourceState::kPublished) {
  Resource r;
  r.id = id;
  r.title = title;
  r.description = "A course about " + title;
  r.lang = "en";
  r.state = state;
  return r;
}

class SearchIndexTest : public ::testing::Test {
 protected:
  void SetUp() override { OpenStore(); }

  void OpenStore() {
    ASSERT_OK(store::Db::Open(tmp_.str("db"), &db_));
    store_ = std::make_unique<store::ResourceStore>(db_.get());
  }
  void OpenIndex(IndexOptions options = IndexOptions()) {
    ASSERT_OK(SearchIndex::Open(store_.get(), options, &index_));
  }
  // Closes everything, as a clean shutdown does.
  void CloseAll() {
    index_.reset();
    store_.reset();
    db_.reset();
  }
  bool Contains(const std::string& id) {
    bool present = false;
    Status s = index_->Contains(id, &present);
    EXPECT_TRUE(s.ok()) << s.ToString();
    return present;
  }
  std::vector<std::string> SearchIds(const std::string& query) {
    SearchRequest request;
    request.query = query;
    request.lang = "en";
    request.limit = 100;
    SearchResponse response;
    Status s = index_->Search(request, &response);
    EXPECT_TRUE(s.ok()) << s.ToString();
    std::vector<std::string> ids;
    for (const auto& hit : response.hits) ids.push_back(hit.id);
    std::sort(ids.begin(), ids.end());
    return ids;
  }

  testing::TempDir tmp_;
  std::unique_ptr<store::Db> db_;
  std::unique_ptr<store::ResourceStore> store_;
  std::unique_ptr<SearchIndex> index_;
};

TEST_F(SearchIndexTest, EmptyStoreOpensEmptyIndex) {
  OpenIndex();
  EXPECT_EQ(index_->document_count(), 0u);
  EXPECT_EQ(index_->applied_sequence(), 0u);
  EXPECT_FALSE(Contains("nothing"));
  EXPECT_OK(index_->Check());
}

// Each step changes the store, catches up, and states which ids must then be searchable.
TEST_F(SearchIndexTest, FollowsTheChangeLog) {
  OpenIndex();
  struct Step {
    const char* what;
    std::function<Status(store::ResourceStore*)> change;
    std::vector<std::string> searchable;
  } steps[] = {
      {"publish two", [](store::ResourceStore* s) {
         store::ResourceBatch b;
         b.Put(Make("a", "Photosynthesis basics"));
         b.Put(Make("b", "Volcano geology"));
         return s->Commit(&b);
       }, {"a", "b"}},
      {"one in review is not searchable", [](store::ResourceStore* s) {
         return s->Put(Make("c", "Glacier geology", ResourceState::kInReview));
       }, {"a", "b"}},
      {"approved: now searchable", [](store::ResourceStore* s) { return s->Put(Make("c", "Glacier geology")); },
       {"a", "b", "c"}},
      {"withdrawn leaves search", [](store::ResourceStore* s) {
         return s->Put(Make("a", "Photosynthesis basics", ResourceState::kWithdrawn));
       }, {"b", "c"}},
      {"removed leaves search", [](store::ResourceStore* s) { return s->Remove("b"); }, {"c"}},
      {"rejected is never searchable", [](store::ResourceStore* s) {
         return s->Put(Make("d", "Spam", ResourceState::kRejected));
       }, {"c"}},
  };
  for (const auto& step : steps) {
    SCOPED_TRACE(step.what);
    ASSERT_OK(step.change(store_.get()));
    ASSERT_OK(index_->CatchUp());
    EXPECT_EQ(index_->applied_sequence(), store_->last_sequence());
    std::vector<std::string> present;
    for (const char* id : {"a", "b", "c", "d"}) {
      if (Contains(id)) present.push_back(id);
    }
    EXPECT_EQ(present, step.searchable);
    EXPECT_EQ(index_->document_count(), step.searchable.size());
  }
}

TEST_F(SearchIndexTest, UpdatedResourceIsFoundByItsNewTextOnly) {
  OpenIndex();
  ASSERT_OK(store_->Put(Make("x", "Medieval castles")));
  ASSERT_OK(index_->CatchUp());
  EXPECT_EQ(SearchIds("castles"), std::vector<std::string>{"x"});
  ASSERT_OK(store_->Put(Make("x", "Coral reefs")));
  ASSERT_OK(index_->CatchUp());
  EXPECT_EQ(SearchIds("reefs"), std::vector<std::string>{"x"});
  EXPECT_EQ(SearchIds("castles"), std::vector<std::string>{});
  EXPECT_EQ(index_->document_count(), 1u);
}

TEST_F(SearchIndexTest, CommitsEveryNChangesWithTheSequence) {
  IndexOptions options;
  options.commit_every = 3;
  OpenIndex(options);
  for (int i = 0; i < 7; ++i) ASSERT_OK(store_->Put(Make("r" + std::to_string(i), "Topic " + std::to_string(i))));
  ASSERT_OK(index_->CatchUp());
  EXPECT_EQ(index_->applied_sequence(), 7u);
  EXPECT_EQ(index_->committed_sequence(), 6u);  // commits after the 3rd and 6th change
  ASSERT_OK(index_->Commit());
  EXPECT_EQ(index_->committed_sequence(), 7u);
}

TEST_F(SearchIndexTest, OptimizeMergesIntoOneDurableSegment) {
  OpenIndex();
  for (int i = 0; i < 4; ++i) {  // each commit leaves a segment
    ASSERT_OK(store_->Put(Make("r" + std::to_string(i), "Topic number " + std::to_string(i))));
    ASSERT_OK(index_->CatchUp(/*commit=*/true));
  }
  ASSERT_OK(store_->Remove("r0"));
  ASSERT_OK(index_->CatchUp(/*commit=*/true));
  ASSERT_GT(index_->segment_count(), 1u);
  ASSERT_OK(index_->Optimize());
  EXPECT_EQ(index_->segment_count(), 1u);
  EXPECT_EQ(SearchIds("topic"), (std::vector<std::string>{"r1", "r2", "r3"}));
  EXPECT_EQ(index_->committed_sequence(), store_->last_sequence());
  // Durable: a reopened index has the one merged segment and replays nothing.
  CloseAll();
  OpenStore();
  OpenIndex();
  EXPECT_EQ(index_->segment_count(), 1u);
  EXPECT_EQ(index_->document_count(), 3u);
  EXPECT_OK(index_->Check());
}

// Optimize() leaves the index's chunks in one level of RocksDB below level 0, so a read looks in
// one table, not in each level the merges' writes reached, and nothing of the merged-away
// segments: neither their chunks nor the deletions of them (which a reader still holding the
// old segments, or a RocksDB snapshot, would keep).
TEST_F(SearchIndexTest, OptimizeLeavesTheIndexFilesInOneLevel) {
  OpenIndex();
  for (int i = 0; i < 4; ++i) {
    ASSERT_OK(store_->Put(Make("r" + std::to_string(i), "Topic number " + std::to_string(i))));
    ASSERT_OK(index_->CatchUp(/*commit=*/true));
    ASSERT_FALSE(SearchIds("topic").empty());  // a reader on the segments so far
  }
  ASSERT_OK(index_->Optimize());
  rocksdb::ColumnFamilyMetaData meta;
  db_->raw()->GetColumnFamilyMetaData(db_->family(store::Family::kIndexFiles), &meta);
  size_t levels_used = 0, files = 0;
  uint64_t deletions = 0;
  for (const auto& level : meta.levels) {
    if (level.files.empty()) continue;
    ++levels_used;
    files += level.files.size();
    EXPECT_NE(level.level, 0) << "index files left in level 0";
    for (const auto& f : level.files) deletions += f.num_deletions;
  }
  EXPECT_GT(files, 0u);
  EXPECT_EQ(levels_used, 1u);
  EXPECT_EQ(deletions, 0u) << "deleted chunks kept (a reader of the old segments still open?)";
  EXPECT_EQ(SearchIds("topic").size(), 4u);
}

TEST_F(SearchIndexTest, ReopenResumesFromTheCommittedSequenceAndReplaysTheRest) {
  OpenIndex();
  ASSERT_OK(store_->Put(Make("early", "Ancient Rome")));
  ASSERT_OK(index_->CatchUp(/*commit=*/true));
  const uint64_t committed = index_->committed_sequence();
  EXPECT_EQ(committed, 1u);
  index_.reset();
  // Changes made while no index was open (as when a process died before catching up).
  ASSERT_OK(store_->Put(Make("late", "Ancient Greece")));
  ASSERT_OK(store_->Remove("early"));
  CloseAll();
  OpenStore();
  OpenIndex();
  EXPECT_EQ(index_->applied_sequence(), 3u);
  EXPECT_EQ(index_->committed_sequence(), 3u);  // Open commits what it replayed
  EXPECT_TRUE(Contains("late"));
  EXPECT_FALSE(Contains("early"));
  EXPECT_EQ(SearchIds("greece"), std::vector<std::string>{"late"});
  EXPECT_OK(index_->Check());
}

TEST_F(SearchIndexTest, SecondWriterOnTheSameDatabaseIsAConflict) {
  OpenIndex();
  std::unique_ptr<SearchIndex> second;
  Status s = SearchIndex::Open(store_.get(), IndexOptions(), &second);
  EXPECT_EQ(s.code(), Status::Code::kConflict) << s.ToString();
  EXPECT_FALSE(second);
  index_.reset();  // the lock goes with the first index
  ASSERT_OK(SearchIndex::Open(store_.get(), IndexOptions(), &second));
}

TEST_F(SearchIndexTest, SearchesRunWhileTheIndexCatchesUp) {
  OpenIndex();
  ASSERT_OK(store_->Put(Make("seed", "Seed topic")));
  ASSERT_OK(index_->CatchUp());
  std::atomic<bool> done{false};
  std::atomic<int> failures{0}, searches{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 3; ++t) {
    readers.emplace_back([&] {
      while (!done.load()) {
        bool present = false;
        { Status st = index_->Contains("seed", &present); if (!st.ok() || !present) { failures++; fprintf(stderr, "CONTAINS %s %d\n", st.ToString().c_str(), present); } }
        SearchRequest request;
        request.query = "topic";
        request.lang = "en";
        SearchResponse response;
        { Status st = index_->Search(request, &response); if (!st.ok() || response.total == 0) { failures++; fprintf(stderr, "SEARCH %s %lu\n", st.ToString().c_str(), (unsigned long)response.total); } }
        searches++;
      }
    });
  }
  for (int round = 0; round < 20; ++round) {
    store::ResourceBatch batch;
    for (int i = 0; i < 10; ++i) batch.Put(Make("r" + std::to_string(round * 10 + i), "Topic number " + std::to_string(i)));
    ASSERT_OK(store_->Commit(&batch));
    ASSERT_OK(index_->CatchUp(round % 5 == 0));
  }
  done = true;
  for (auto& t : readers) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_GT(searches.load(), 0);
  EXPECT_EQ(index_->document_count(), 201u);
}

}  // namespace
}  // namespace wenjin::index
