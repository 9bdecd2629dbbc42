// `wenjin audit verify` as a real process: a clean chain passes, an edited or removed record is
// named and the exit code is non-zero.
#include <memory>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "store/db.h"
#include "tests/tools/cli_process.h"
#include "tests/util/testutil.h"

namespace wenjin {
namespace {

class AuditCliTest : public ::testing::Test {
 protected:
  testing::CliResult Run(const std::vector<std::string>& args) { return testing::RunWenjin(args, tmp_.str()); }
  std::string Data() { return tmp_.str("data"); }

  // Three audit records: one per key created.
  void MakeChain() {
    for (const char* role : {"admin", "publisher", "reviewer"}) {
      auto r = Run({"keys", "create", "--data", Data(), "--role", role});
      ASSERT_EQ(r.exit_code, 0) << r.err;
    }
  }
  // Edits (changes the actor of) or removes the stored audit record `seq`, bypassing AuditLog.
  void Tamper(uint64_t seq, bool remove) {
    std::unique_ptr<store::Db> db;
    ASSERT_OK(store::Db::Open(Data(), &db));
    auto* family = db->family(store::Family::kAudit);
    const std::string key = store::EncodeSequence(seq);
    std::string value;
    ASSERT_TRUE(db->raw()->Get(rocksdb::ReadOptions(), family, key, &value).ok());
    if (remove) {
      ASSERT_TRUE(db->raw()->Delete(rocksdb::WriteOptions(), family, key).ok());
      return;
    }
    auto record = nlohmann::json::parse(value);
    record["actor"] = "someone-else";  // what an attacker hiding their tracks would change
    ASSERT_TRUE(db->raw()->Put(rocksdb::WriteOptions(), family, key, record.dump()).ok());
  }

  testing::TempDir tmp_;
};

TEST_F(AuditCliTest, CleanChainVerifies) {
  MakeChain();
  auto r = Run({"audit", "verify", "--data", Data()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("3"), std::string::npos) << r.out;  // records checked
}

TEST_F(AuditCliTest, EditedRecordIsNamed) {
  MakeChain();
  Tamper(2, /*remove=*/false);
  auto r = Run({"audit", "verify", "--data", Data()});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE((r.out + r.err).find("audit record 2"), std::string::npos) << r.out << r.err;
}

TEST_F(AuditCliTest, RemovedRecordIsNamed) {
  MakeChain();
  Tamper(2, /*remove=*/true);
  auto r = Run({"audit", "verify", "--data", Data()});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE((r.out + r.err).find("audit record 2 is missing"), std::string::npos) << r.out << r.err;
}

TEST_F(AuditCliTest, MissingDataDirectoryIsAnError) {
  auto r = Run({"audit", "verify", "--data", tmp_.str("nowhere")});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_FALSE(r.err.empty());
}

}  // namespace
}  // namespace wenjin
