// ImportNdjson: imports well-formed lines, reports malformed ones by line, and leaves the search
// index merged into one segment unless told not to.
#include "api/importer.h"

#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "index/search_index.h"
#include "store/db.h"
#include "store/resource_store.h"
#include "tests/util/testutil.h"

namespace wenjin::api {
namespace {

std::string Catalogue() {
  std::string ndjson;
  for (int i = 0; i < 9; ++i) {
    ndjson += R"({"id":"r)" + std::to_string(i) + R"(","lang":"en","title":"Volcano lesson )" + std::to_string(i) +
              R"(","description":"Lava and ash."})" + "\n";
    if (i == 4) ndjson += "{not json\n";  // line 6
  }
  return ndjson;
}

class ImporterTest : public ::testing::TestWithParam<bool> {};

TEST_P(ImporterTest, ImportsReportsAndMergesTheIndex) {
  const bool optimize = GetParam();
  testing::TempDir tmp;
  std::unique_ptr<store::Db> db;
  ASSERT_OK(store::Db::Open(tmp.str("db"), &db));
  store::ResourceStore store(db.get());
  index::IndexOptions index_options;
  index_options.commit_every = 2;  // a commit, so a segment, every two resources
  std::unique_ptr<index::SearchIndex> index;
  ASSERT_OK(index::SearchIndex::Open(&store, index_options, &index));

  ImportOptions options;
  options.batch_size = 2;
  options.optimize_index = optimize;
  std::istringstream in(Catalogue());
  ImportReport report;
  ASSERT_OK(ImportNdjson(in, &store, index.get(), options, &report));
  EXPECT_EQ(report.totals.imported, 9u);
  EXPECT_EQ(report.totals.skipped, 1u);
  ASSERT_EQ(report.first_errors.size(), 1u);
  EXPECT_EQ(report.first_errors[0].first, 6u);

  EXPECT_EQ(index->document_count(), 9u);
  if (optimize) {
    EXPECT_EQ(index->segment_count(), 1u);
  } else {
    EXPECT_GT(index->segment_count(), 1u);
  }
  index::SearchRequest request;
  request.query = "volcano";
  index::SearchResponse response;
  ASSERT_OK(index->Search(request, &response));
  EXPECT_EQ(response.total, 9u);
}

INSTANTIATE_TEST_SUITE_P(OptimizeOrNot, ImporterTest, ::testing::Bool());

}  // namespace
}  // namespace wenjin::api
