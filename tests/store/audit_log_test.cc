#include "store/audit_log.h"

#include <gtest/gtest.h>

#include "tests/util/testutil.h"

namespace wenjin::store {
namespace {

class AuditLogTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_OK(Db::Open(dir_.str("db"), &db_)); }
  void AppendThree() {
    AuditLog log(db_.get());
    ASSERT_OK(log.Append({"key1", "upload", "r1", nullptr, {{"state", "screening"}}, {}}));
    ASSERT_OK(log.Append({"system", "verdict", "r1", {{"state", "screening"}}, {{"state", "in_review"}}, {}}));
    ASSERT_OK(log.Append({"key2", "decision", "r1", {{"state", "in_review"}}, {{"state", "published"}},
                          {{"reason", "fine"}}}));
  }
  testing::TempDir dir_;
  std::unique_ptr<Db> db_;
};

TEST_F(AuditLogTest, IntactChainVerifiesAndLists) {
  AppendThree();
  AuditLog log(db_.get());  // reopened: continues the chain
  ASSERT_OK(log.Append({"key1", "appeal", "r2", nullptr, nullptr, {}}));
  uint64_t checked = 0;
  ASSERT_OK(log.Verify(&checked));
  EXPECT_EQ(checked, 4u);
  std::vector<AuditRecord> records;
  ASSERT_OK(log.List(0, "r1", "", 100, &records));
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[2].entry.action, "decision");
  ASSERT_OK(log.List(0, "", "key1", 100, &records));
  EXPECT_EQ(records.size(), 2u);
}

TEST_F(AuditLogTest, EditedRecordIsNamed) {
  AppendThree();
  std::string value;
  ASSERT_OK(db_->Get(Family::kAudit, EncodeSequence(2), &value));
  auto j = nlohmann::json::parse(value);
  j["after"]["state"] = "published";  // someone rewrites history
  ASSERT_OK(db_->Put(Family::kAudit, EncodeSequence(2), j.dump()));
  AuditLog log(db_.get());
  uint64_t checked = 0;
  Status s = log.Verify(&checked);
  EXPECT_EQ(s.code(), Status::Code::kCorruption);
  EXPECT_NE(s.message().find("audit record 2 was altered"), std::string::npos) << s.message();
  EXPECT_EQ(checked, 1u);
}

TEST_F(AuditLogTest, RemovedRecordIsNamed) {
  AppendThree();
  ASSERT_OK(db_->Delete(Family::kAudit, EncodeSequence(2)));
  AuditLog log(db_.get());
  uint64_t checked = 0;
  Status s = log.Verify(&checked);
  EXPECT_NE(s.message().find("audit record 2 is missing"), std::string::npos) << s.message();
}

TEST_F(AuditLogTest, FailedCommitLeavesChainUnchanged) {
  AuditLog log(db_.get());
  rocksdb::WriteBatch batch;
  Status s = log.AppendAndCommit({{"k", "upload", "r", nullptr, nullptr, {}}}, &batch,
                                 [] { return Status::IOError("disk full"); });
  EXPECT_EQ(s.code(), Status::Code::kIOError);
  ASSERT_OK(log.Append({"k", "upload", "r", nullptr, nullptr, {}}));
  uint64_t checked = 0;
  ASSERT_OK(log.Verify(&checked));
  EXPECT_EQ(checked, 1u);
}

}  // namespace
}  // namespace wenjin::store
