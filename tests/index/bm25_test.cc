// BM25 scores on a tiny index equal hand-computed values, and order documents accordingly.
#include "index/bm25.h"

#include <cmath>

#include <gtest/gtest.h>
#include <lucene++/FieldCache.h>

#include "index/stored_hit.h"
#include "tests/index/search_test_util.h"

namespace wenjin::index {
namespace {

using Lucene::newLucene;

// Independent of the code under test: the textbook formula.
double Expected(double tf, double dl, double avgdl, double n, double docs, double k1, double b) {
  const double idf = std::log(1 + (docs - n + 0.5) / (n + 0.5));
  return idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * dl / avgdl));
}

class Bm25Test : public ::testing::Test {
 protected:
  void SetUp() override {
    // Field "all" lengths 3, 2, 5, 4 (avgdl 3.5); two segments.
    reader_ = testing::BuildIndex({testing::MakeResource("d0", "en", "", "apple banana apple"),
                                   testing::MakeResource("d1", "en", "", "banana cherry"),
                                   testing::MakeResource("d2", "en", "", "apple cherry cherry cherry date"),
                                   testing::MakeResource("d3", "en", "", "date elderberry fig grape")},
                                  /*per_segment=*/2);
    stats_ = std::make_shared<FieldStats>(reader_);
  }

  // id -> score of every match.
  std::map<std::string, double> Run(const Lucene::QueryPtr& query, std::vector<std::string>* order = nullptr) {
    auto searcher = newLucene<Lucene::IndexSearcher>(reader_);
    searcher->setSimilarity(newLucene<Bm25Similarity>());
    auto top = searcher->search(query, 10);
    std::map<std::string, double> scores;
    for (int32_t i = 0; i < top->scoreDocs.size(); ++i) {
      StoredHit hit;
      EXPECT_TRUE(ReadStoredHit(searcher->doc(top->scoreDocs[i]->doc), &hit).ok());
      const std::string& id = hit.id;
      scores[id] = top->scoreDocs[i]->score;
      if (order) order->push_back(id);
    }
    return scores;
  }

  Lucene::QueryPtr Term(const wchar_t* text, Bm25Params p = {}) {
    return newLucene<Bm25TermQuery>(newLucene<Lucene::Term>(L"all", text), stats_, p);
  }

  Lucene::IndexReaderPtr reader_;
  FieldStatsPtr stats_;
};

TEST_F(Bm25Test, FieldStatisticsAreExact) {
  auto totals = stats_->Get(L"all");
  EXPECT_EQ(totals.docs, 4);
  EXPECT_DOUBLE_EQ(totals.avg_length, 3.5);
  EXPECT_EQ(stats_->Get(L"title").docs, 0);  // no titles
}

// The per-segment arrays FieldStats keeps are FieldCache's, and stay the same on later calls.
TEST_F(Bm25Test, SegmentArraysAreFieldCachesAndKept) {
  auto segments = reader_->getSequentialSubReaders();
  ASSERT_EQ(segments.size(), 2);
  std::vector<int32_t> lengths;
  for (const auto& segment : segments) {
    auto kept = stats_->SegmentLengths(segment, L"all");
    auto direct = FieldStats::Lengths(segment, L"all");
    ASSERT_EQ(kept.size(), direct.size());
    for (int32_t i = 0; i < kept.size(); ++i) lengths.push_back(kept[i]);
    for (int32_t i = 0; i < kept.size(); ++i) EXPECT_EQ(kept[i], direct[i]);
    EXPECT_EQ(&stats_->SegmentLengths(segment, L"all")[0], &kept[0]);  // the same array
    auto strings = stats_->SegmentStrings(segment, L"lang");
    EXPECT_EQ(strings, Lucene::FieldCache::DEFAULT()->getStringIndex(segment, L"lang"));
    EXPECT_EQ(stats_->SegmentStrings(segment, L"lang"), strings);
  }
  EXPECT_EQ(lengths, (std::vector<int32_t>{3, 2, 5, 4}));
  // Segments differ: the second's array is its own.
  EXPECT_NE(&stats_->SegmentLengths(segments[0], L"all")[0], &stats_->SegmentLengths(segments[1], L"all")[0]);
}

TEST_F(Bm25Test, TermScoresMatchHandComputedValues) {
  struct Case {
    const wchar_t* term;
    Bm25Params params;
    std::map<std::string, double> expected;
  };
  const Case cases[] = {
      {L"apple", {1.2, 0.75}, {{"d0", Expected(2, 3, 3.5, 2, 4, 1.2, 0.75)}, {"d2", Expected(1, 5, 3.5, 2, 4, 1.2, 0.75)}}},
      {L"cherry", {1.2, 0.75}, {{"d1", Expected(1, 2, 3.5, 2, 4, 1.2, 0.75)}, {"d2", Expected(3, 5, 3.5, 2, 4, 1.2, 0.75)}}},
      {L"fig", {1.2, 0.75}, {{"d3", Expected(1, 4, 3.5, 1, 4, 1.2, 0.75)}}},
      {L"apple", {2.0, 0.3}, {{"d0", Expected(2, 3, 3.5, 2, 4, 2.0, 0.3)}, {"d2", Expected(1, 5, 3.5, 2, 4, 2.0, 0.3)}}},
      {L"cherry", {0.5, 1.0}, {{"d1", Expected(1, 2, 3.5, 2, 4, 0.5, 1.0)}, {"d2", Expected(3, 5, 3.5, 2, 4, 0.5, 1.0)}}},
      {L"missing", {1.2, 0.75}, {}},
  };
  for (const auto& c : cases) {
    auto got = Run(Term(c.term, c.params));
    ASSERT_EQ(got.size(), c.expected.size()) << Lucene::StringUtils::toUTF8(c.term);
    for (const auto& [id, score] : c.expected) EXPECT_NEAR(got[id], score, 1e-4) << id;
  }
}

TEST_F(Bm25Test, BooleanQueriesSumAndBoostsMultiply) {
  auto query = newLucene<Lucene::BooleanQuery>();
  auto apple = Term(L"apple");
  apple->setBoost(2.0);
  query->add(apple, Lucene::BooleanClause::SHOULD);
  query->add(Term(L"cherry"), Lucene::BooleanClause::SHOULD);
  std::vector<std::string> order;
  auto got = Run(query, &order);
  const double d0 = 2.0 * Expected(2, 3, 3.5, 2, 4, 1.2, 0.75);
  const double d1 = Expected(1, 2, 3.5, 2, 4, 1.2, 0.75);
  const double d2 = 2.0 * Expected(1, 5, 3.5, 2, 4, 1.2, 0.75) + Expected(3, 5, 3.5, 2, 4, 1.2, 0.75);
  EXPECT_NEAR(got["d0"], d0, 1e-4);
  EXPECT_NEAR(got["d1"], d1, 1e-4);
  EXPECT_NEAR(got["d2"], d2, 1e-4);
  // The order follows the hand-computed scores.
  std::vector<std::pair<double, std::string>> expected = {{d0, "d0"}, {d1, "d1"}, {d2, "d2"}};
  std::sort(expected.rbegin(), expected.rend());
  ASSERT_EQ(order.size(), 3u);
  for (size_t i = 0; i < 3; ++i) EXPECT_EQ(order[i], expected[i].second);
}

TEST_F(Bm25Test, PhraseScoresUsePhraseFrequencyAndSummedIdf) {
  auto phrase = newLucene<Bm25PhraseQuery>(
      std::vector<std::pair<Lucene::TermPtr, int32_t>>{{newLucene<Lucene::Term>(L"all", L"cherry"), 0},
                                                       {newLucene<Lucene::Term>(L"all", L"date"), 1}},
      stats_, Bm25Params{});
  auto got = Run(phrase);
  ASSERT_EQ(got.size(), 1u);  // d3 has "date" but not "cherry date"
  const double idf = std::log(1 + (4 - 2 + 0.5) / 2.5) * 2;  // cherry and date are each in 2 docs
  const double expected = idf * 1 * 2.2 / (1 + 1.2 * (0.25 + 0.75 * 5 / 3.5));
  EXPECT_NEAR(got["d2"], expected, 1e-4);
}

TEST_F(Bm25Test, ShorterFieldWinsAtEqualFrequency) {
  std::vector<std::string> order;
  Run(Term(L"banana"), &order);  // tf 1 in d0 (len 3) and d1 (len 2)
  ASSERT_EQ(order.size(), 2u);
  EXPECT_EQ(order[0], "d1");
}

TEST_F(Bm25Test, IdfCeilingLimitsRareTerms) {
  const double cap = 0.1;
  auto capped = newLucene<Bm25TermQuery>(newLucene<Lucene::Term>(L"all", L"fig"), stats_, Bm25Params{}, cap);
  auto got = Run(capped);
  EXPECT_NEAR(got["d3"], cap * 2.2 / (1 + 1.2 * (0.25 + 0.75 * 4 / 3.5)), 1e-4);
}

}  // namespace
}  // namespace wenjin::index
