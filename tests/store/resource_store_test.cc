#include "store/resource_store.h"

#include <filesystem>

#include <gtest/gtest.h>

namespace wenjin::store {
namespace {

class ResourceStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("wenjin-store-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    ASSERT_TRUE(Db::Open(dir_.string(), &db_).ok());
  }
  void TearDown() override {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::filesystem::path dir_;
  std::unique_ptr<Db> db_;
};

TEST_F(ResourceStoreTest, PutGetAndChangesAreOrdered) {
  ResourceStore store(db_.get());
  Resource r;
  ASSERT_TRUE(ParseResource(R"({"id":"a","title":"Algebra","lang":"en"})", &r).ok());
  uint64_t seq = 0;
  ASSERT_TRUE(store.Put(r, &seq).ok());
  EXPECT_EQ(seq, 1u);
  r.id = "b";
  ASSERT_TRUE(store.Put(r, &seq).ok());
  EXPECT_EQ(seq, 2u);
  ASSERT_TRUE(store.Remove("a", &seq).ok());
  EXPECT_EQ(seq, 3u);

  Resource got;
  EXPECT_TRUE(store.Get("a", &got).IsNotFound());
  ASSERT_TRUE(store.Get("b", &got).ok());
  EXPECT_EQ(got.title, "Algebra");

  std::vector<std::pair<uint64_t, std::string>> changes;
  ASSERT_TRUE(store.ChangesSince(1, [&](const Change& c) {
    changes.emplace_back(c.seq, c.id);
    return true;
  }).ok());
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0], std::make_pair(uint64_t{2}, std::string("b")));
  EXPECT_EQ(changes[1], std::make_pair(uint64_t{3}, std::string("a")));
}

TEST_F(ResourceStoreTest, SequenceSurvivesReopen) {
  {
    ResourceStore store(db_.get());
    Resource r;
    ASSERT_TRUE(ParseResource(R"({"title":"x","lang":"fr"})", &r).ok());
    ASSERT_TRUE(store.Put(r).ok());
    ASSERT_TRUE(store.Put(r).ok());  // no id: each put gets a fresh one
  }
  db_.reset();
  ASSERT_TRUE(Db::Open(dir_.string(), &db_).ok());
  ResourceStore store(db_.get());
  EXPECT_EQ(store.last_sequence(), 2u);
  int count = 0;
  ASSERT_TRUE(store.ForEach([&](const Resource&) { return ++count, true; }).ok());
  EXPECT_EQ(count, 2);
}

std::vector<std::string> OwnedBy(ResourceStore* store, const std::string& owner) {
  std::vector<std::string> ids;
  EXPECT_TRUE(store->ForEachOwnedBy(owner, [&](const Resource& r) {
    EXPECT_EQ(r.owner, owner);
    ids.push_back(r.id);
    return true;
  }).ok());
  return ids;
}

TEST_F(ResourceStoreTest, OwnerIndexFollowsPutsAndRemoves) {
  ResourceStore store(db_.get());
  auto put = [&](const std::string& id, const std::string& owner) {
    Resource r;
    ASSERT_TRUE(ParseResource(R"({"title":"x","lang":"en"})", &r).ok());
    r.id = id;
    r.owner = owner;
    ASSERT_TRUE(store.Put(r).ok());
  };
  put("c", "k_1");
  put("a", "k_1");
  put("b", "k_2");
  put("d", "");  // imported, nobody's
  EXPECT_EQ(OwnedBy(&store, "k_1"), (std::vector<std::string>{"a", "c"}));
  EXPECT_EQ(OwnedBy(&store, "k_2"), std::vector<std::string>{"b"});
  EXPECT_TRUE(OwnedBy(&store, "k_").empty());  // a prefix of a key id is not that key
  EXPECT_TRUE(OwnedBy(&store, "").empty());
  ASSERT_TRUE(store.Remove("a").ok());
  EXPECT_EQ(OwnedBy(&store, "k_1"), std::vector<std::string>{"c"});
}

TEST_F(ResourceStoreTest, OwnerIndexIsBuiltForOlderDatabases) {
  ResourceStore store(db_.get());
  Resource r;
  ASSERT_TRUE(ParseResource(R"({"id":"old","title":"x","lang":"en"})", &r).ok());
  r.owner = "k_9";
  ASSERT_TRUE(store.Put(r).ok());
  // As a database written before the index: no index keys, no marker.
  rocksdb::WriteBatch wipe;
  auto it = db_->NewIterator(Family::kMeta);
  for (it->SeekToFirst(); it->Valid(); it->Next()) wipe.Delete(db_->family(Family::kMeta), it->key());
  it.reset();
  ASSERT_TRUE(db_->Write(&wipe, true).ok());
  ResourceStore reopened(db_.get());
  EXPECT_EQ(OwnedBy(&reopened, "k_9"), std::vector<std::string>{"old"});
}

struct ParseCase {
  const char* json;
  const char* error_contains;  // nullptr: valid
};

TEST(ParseResourceTest, ValidatesFields) {
  const ParseCase cases[] = {
      {R"({"title":"t","lang":"en"})", nullptr},
      {R"({"title":"t","lang":"zh-hant-tw"})", nullptr},
      {R"({"titles":{"fr":"Algèbre","en":"Algebra"},"lang":"fr"})", nullptr},
      {R"({"title":"t"})", "lang is required"},
      {R"({"title":"t","lang":"not a tag"})", "BCP-47"},
      {R"({"title":"t","lang":"qqq"})", "known language"},
      {R"({"title":5,"lang":"en"})", "title must be a string"},
      {R"({"lang":"en"})", "title is required"},
      {R"({"title":"t","lang":"en","origin":"robot"})", "origin"},
      {R"({"title":"t","lang":"en","titles":{"xx-!!":"a"}})", "BCP-47"},
      {R"([1,2])", "JSON object"},
      {R"({"title":"t",)", "not valid JSON"},
      {"{\"title\":\"\xff\",\"lang\":\"en\"}", "UTF-8"},
  };
  for (const auto& c : cases) {
    Resource r;
    Status s = ParseResource(c.json, &r);
    if (c.error_contains == nullptr) {
      EXPECT_TRUE(s.ok()) << c.json << " -> " << s.ToString();
    } else {
      EXPECT_EQ(s.code(), Status::Code::kInvalidArgument) << c.json;
      EXPECT_NE(s.message().find(c.error_contains), std::string::npos) << c.json << " -> " << s.message();
    }
  }
  Resource r;
  ASSERT_TRUE(ParseResource(R"({"title":"t","lang":"zh-hant-tw"})", &r).ok());
  EXPECT_EQ(r.lang, "zh-Hant-TW");
  EXPECT_EQ(PrimaryLanguage(r.lang), "zh");
}

}  // namespace
}  // namespace wenjin::store
