// kill -9 of a real `wenjin index` process in the middle of a bulk import, at several points:
// after a restart every acknowledged resource is stored and searchable, and the index checks
// clean. Acknowledgements are the "ack COUNT LAST_ID" lines `wenjin index --acks` prints after
// each durable commit; a line the child managed to print before dying counts as acknowledged.
#include <signal.h>
#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "index/search_index.h"
#include "store/db.h"
#include "store/resource_store.h"
#include "tests/tools/cli_process.h"
#include "tests/util/testutil.h"

namespace wenjin {
namespace {

// A word no language has and no other resource shares: "zq" + the number in letters a-j.
std::string UniqueWord(int round, int i) {
  std::string word = "zq";
  for (char c : std::to_string(round * 100000 + i)) word.push_back(static_cast<char>('a' + (c - '0')));
  return word;
}

std::string Id(int round, int i) {
  char id[32];
  std::snprintf(id, sizeof id, "r%d-%05d", round, i);
  return id;
}

void WriteCorpus(const std::string& path, int round, int count) {
  std::ofstream out(path);
  for (int i = 0; i < count; ++i) {
    out << R"({"id":")" << Id(round, i) << R"(","lang":"en","title":"Lesson )" << UniqueWord(round, i)
        << R"( on river ecology","description":"Field notes and exercises about rivers, number )" << i
        << R"(.","subject":"biology","level":"secondary","type":"course"})" << "\n";
  }
}

// Parses "ack COUNT LAST_ID"; false for any other line.
bool ParseAck(const std::string& line, uint64_t* count) {
  std::istringstream in(line);
  std::string tag, id;
  return (in >> tag >> *count >> id) && tag == "ack";
}

class CrashTest : public ::testing::Test {
 protected:
  // Imports `round`'s corpus and kills the importer once `kill_after` resources are
  // acknowledged; returns how many were acknowledged in the end (0 and a failure otherwise).
  uint64_t ImportAndKill(int round, int count, uint64_t kill_after) {
    const std::string corpus = tmp_.str("round" + std::to_string(round) + ".ndjson");
    WriteCorpus(corpus, round, count);
    testing::CliChild child({"index", "--data", data_dir(), "--acks", "--batch", "250", corpus},
                            tmp_.str("round" + std::to_string(round) + ".err"));
    uint64_t acked = 0, n = 0;
    std::string line;
    while (acked < kill_after && child.ReadLine(&line)) {
      if (ParseAck(line, &n)) acked = n;
    }
    EXPECT_GE(acked, kill_after) << "the import ended before the kill point; make the corpus larger";
    const int status = child.Kill(SIGKILL);
    EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "the importer was not killed mid-import";
    // Whatever it printed before dying was acknowledged too.
    while (child.ReadLine(&line)) {
      if (ParseAck(line, &n)) acked = n;
    }
    EXPECT_LT(acked, static_cast<uint64_t>(count)) << "killed after the import had finished";
    return acked;
  }

  // Restarts on the data directory in this process (as the server would) and checks every
  // acknowledged resource of every round so far.
  void VerifyAfterRestart(const std::vector<uint64_t>& acked_per_round) {
    std::unique_ptr<store::Db> db;
    ASSERT_OK(store::Db::Open(data_dir(), &db));
    store::ResourceStore store(db.get());
    std::unique_ptr<index::SearchIndex> index;
    ASSERT_OK(index::SearchIndex::Open(&store, index::IndexOptions(), &index));
    std::string problems;
    EXPECT_OK(index->Check(&problems));
    EXPECT_EQ(index->applied_sequence(), store.last_sequence());
    uint64_t stored = 0;
    ASSERT_OK(store.ForEach([&](const Resource&) {
      ++stored;
      return true;
    }));
    EXPECT_EQ(index->document_count(), stored);  // every stored resource is published and indexed
    for (size_t round = 0; round < acked_per_round.size(); ++round) {
      int missing = 0;
      for (uint64_t i = 0; i < acked_per_round[round]; ++i) {
        bool present = false;
        ASSERT_OK(index->Contains(Id(round, i), &present));
        Resource r;
        if (!present || !store.Get(Id(round, i), &r).ok()) ++missing;
      }
      EXPECT_EQ(missing, 0) << "round " << round << ": acknowledged but lost";
      // Full-text search finds the first, a middle and the last acknowledged resource.
      for (uint64_t i : {uint64_t{0}, acked_per_round[round] / 2, acked_per_round[round] - 1}) {
        index::SearchRequest request;
        request.query = UniqueWord(round, static_cast<int>(i));
        request.lang = "en";
        request.typo_tolerance = false;  // neighbours differ by one letter
        index::SearchResponse response;
        ASSERT_OK(index->Search(request, &response));
        ASSERT_EQ(response.hits.size(), 1u) << request.query;
        EXPECT_EQ(response.hits[0].id, Id(round, i));
      }
    }
  }

  std::string data_dir() const { return tmp_.str("data"); }
  testing::TempDir tmp_;
};

// Three imports into one data directory, each killed at a different point (early, while the
// first Lucene++ commit is pending, and later, after several); each restart recovers the
// previous crashes' work as well.
TEST_F(CrashTest, KilledImportsLoseNothingAcknowledged) {
  const int kCount = 20000;
  const uint64_t kill_points[] = {750, 4000, 9000};
  std::vector<uint64_t> acked;
  for (int round = 0; round < 3; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    acked.push_back(ImportAndKill(round, kCount, kill_points[round]));
    ASSERT_FALSE(HasFailure());
    VerifyAfterRestart(acked);
    ASSERT_FALSE(HasFailure());
  }
  // A fresh `wenjin search` process sees the last acknowledged resource of the last round.
  const std::string last = UniqueWord(2, static_cast<int>(acked.back() - 1));
  testing::CliResult search = testing::RunWenjin({"search", "--data", data_dir(), "--lang", "en", last}, tmp_.str());
  EXPECT_EQ(search.exit_code, 0) << search.err;
  EXPECT_NE(search.out.find(Id(2, static_cast<int>(acked.back() - 1))), std::string::npos) << search.out;
}

}  // namespace
}  // namespace wenjin
