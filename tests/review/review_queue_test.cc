#include "review/review_queue.h"

#include <gtest/gtest.h>

#include "tests/util/testutil.h"

namespace wenjin::review {
namespace {

ReviewItem Item(const std::string& id, const std::string& severity, const std::string& origin, int64_t created,
                const std::string& category = "adult", const std::string& lang = "en") {
  ReviewItem i;
  i.id = id;
  i.resource_id = "r-" + id;
  i.severity = severity;
  i.origin = origin;
  i.created_ms = created;
  i.lang = lang;
  i.flags = nlohmann::json::array({{{"category", category}, {"severity", severity}}});
  return i;
}

class ReviewQueueTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK(store::Db::Open(dir_.str("db"), &db_));
    queue_ = std::make_unique<ReviewQueue>(db_.get());
    rocksdb::WriteBatch batch;
    queue_->Put(Item("a", "medium", "human", 1), &batch);
    queue_->Put(Item("b", "high", "human", 5), &batch);
    queue_->Put(Item("c", "medium", "ai", 9, "ai-artifact"), &batch);
    queue_->Put(Item("d", "high", "ai", 7, "violence", "fr-CA"), &batch);
    queue_->Put(Item("e", "medium", "human", 0), &batch);
    ASSERT_OK(db_->Write(&batch));
  }
  std::vector<std::string> Ids(const QueueFilter& f, int64_t now = 100) {
    std::vector<ReviewItem> items;
    EXPECT_OK(queue_->List(f, now, &items));
    std::vector<std::string> ids;
    for (auto& i : items) ids.push_back(i.id);
    return ids;
  }
  testing::TempDir dir_;
  std::unique_ptr<store::Db> db_;
  std::unique_ptr<ReviewQueue> queue_;
};

TEST_F(ReviewQueueTest, OrdersBySeverityThenAiThenAge) {
  EXPECT_EQ(Ids({}), (std::vector<std::string>{"d", "b", "c", "e", "a"}));
}

TEST_F(ReviewQueueTest, Filters) {
  QueueFilter f;
  f.category = "ai-artifact";
  EXPECT_EQ(Ids(f), (std::vector<std::string>{"c"}));
  f = {};
  f.lang = "fr";
  EXPECT_EQ(Ids(f), (std::vector<std::string>{"d"}));
  f = {};
  f.severity = "high";
  EXPECT_EQ(Ids(f), (std::vector<std::string>{"d", "b"}));
}

TEST_F(ReviewQueueTest, LiveLeaseHidesItemUntilItEnds) {
  ReviewItem d;
  ASSERT_OK(queue_->Get("d", &d));
  d.claimed_by = "k_rev";
  d.lease_until_ms = 200;
  rocksdb::WriteBatch batch;
  queue_->Put(d, &batch);
  ASSERT_OK(db_->Write(&batch));
  EXPECT_EQ(Ids({}, 100).front(), "b");
  EXPECT_EQ(Ids({}, 201).front(), "d");
}

TEST_F(ReviewQueueTest, DecidedItemsLeaveTheQueueAndTheOpenIndex) {
  ReviewItem b;
  ASSERT_OK(queue_->OpenItemFor("r-b", &b));
  b.status = "decided";
  rocksdb::WriteBatch batch;
  queue_->Put(b, &batch);
  ASSERT_OK(db_->Write(&batch));
  EXPECT_TRUE(queue_->OpenItemFor("r-b", &b).IsNotFound());
  EXPECT_EQ(Ids({}), (std::vector<std::string>{"d", "c", "e", "a"}));
  uint64_t standard = 0, senior = 0;
  ASSERT_OK(queue_->CountOpen(&standard, &senior));
  EXPECT_EQ(standard, 4u);
  EXPECT_EQ(senior, 0u);
}

}  // namespace
}  // namespace wenjin::review
