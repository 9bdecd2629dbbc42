// MaxDisjunctionQuery finds and scores exactly what Lucene++'s DisjunctionMaxQuery does, alone
// (nextDoc) and inside a conjunction (advance), with and without a tie-breaker and boosts.
#include "index/max_disjunction.h"

#include <gtest/gtest.h>

#include <lucene++/DisjunctionMaxQuery.h>

#include "index/analysis/field_analyzer.h"

namespace wenjin::index {
namespace {

using Lucene::newLucene;

Lucene::IndexReaderPtr SmallIndex() {
  const std::vector<std::pair<std::wstring, std::wstring>> docs = {
      {L"open education", L"resources for open learning"},
      {L"learning maths", L"education in schools, open to all"},
      {L"history", L"no match here"},
      {L"open open open", L"education education"},
      {L"", L"learning and education, learning again"},
      {L"education", L""},
  };
  auto dir = newLucene<Lucene::RAMDirectory>();
  auto writer = newLucene<Lucene::IndexWriter>(dir, newLucene<Lucene::WhitespaceAnalyzer>(), true,
                                               Lucene::IndexWriter::MaxFieldLengthUNLIMITED);
  for (size_t i = 0; i < docs.size(); ++i) {
    auto doc = newLucene<Lucene::Document>();
    doc->add(newLucene<Lucene::Field>(L"title", docs[i].first, Lucene::Field::STORE_NO, Lucene::Field::INDEX_ANALYZED));
    doc->add(newLucene<Lucene::Field>(L"body", docs[i].second, Lucene::Field::STORE_NO, Lucene::Field::INDEX_ANALYZED));
    writer->addDocument(doc);
    if (i == 2) writer->commit();  // two segments
  }
  writer->close();
  return Lucene::IndexReader::open(dir, true);
}

Lucene::QueryPtr Term(const wchar_t* field, const wchar_t* text, double boost = 1.0) {
  auto q = newLucene<Lucene::TermQuery>(newLucene<Lucene::Term>(field, text));
  q->setBoost(boost);
  return q;
}

// The disjunction of `word` over title (boosted) and body, as either query class.
template <typename Disjunction>
Lucene::QueryPtr Word(const wchar_t* word, double tie_breaker) {
  auto dis = newLucene<Disjunction>(tie_breaker);
  dis->add(Term(L"title", word, 2.0));
  dis->add(Term(L"body", word));
  dis->add(Term(L"body", L"absent"));  // a disjunct that matches nothing
  return dis;
}

std::string Ranked(const Lucene::SearcherPtr& searcher, const Lucene::QueryPtr& query) {
  auto top = searcher->search(query, 100);
  std::string out = std::to_string(top->totalHits) + ":";
  for (const auto& sd : top->scoreDocs) out += " " + std::to_string(sd->doc) + "=" + std::to_string(sd->score);
  return out;
}

TEST(MaxDisjunctionTest, SameMatchesAndScoresAsDisjunctionMaxQuery) {
  auto searcher = newLucene<Lucene::IndexSearcher>(SmallIndex());
  for (double tie : {0.0, 0.1, 1.0}) {
    for (const wchar_t* word : {L"education", L"open", L"learning", L"absent"}) {
      EXPECT_EQ(Ranked(searcher, Word<MaxDisjunctionQuery>(word, tie)),
                Ranked(searcher, Word<Lucene::DisjunctionMaxQuery>(word, tie)))
          << Lucene::StringUtils::toUTF8(word) << " tie " << tie;
    }
    // Two words that must both match: the conjunction advances each disjunction.
    auto both = [&](auto make) {
      auto q = newLucene<Lucene::BooleanQuery>();
      q->add(make(L"education"), Lucene::BooleanClause::MUST);
      q->add(make(L"open"), Lucene::BooleanClause::MUST);
      return q;
    };
    const std::string fast = Ranked(searcher, both([&](const wchar_t* w) { return Word<MaxDisjunctionQuery>(w, tie); }));
    EXPECT_EQ(fast, Ranked(searcher, both([&](const wchar_t* w) { return Word<Lucene::DisjunctionMaxQuery>(w, tie); })));
    EXPECT_EQ(fast.substr(0, 2), "3:") << fast;  // docs 0, 1 and 3 have both words
  }
}

TEST(MaxDisjunctionTest, RewritingKeepsTheClass) {
  auto query = newLucene<MaxDisjunctionQuery>(0.1);
  query->add(Term(L"title", L"open"));
  query->add(newLucene<Lucene::PrefixQuery>(newLucene<Lucene::Term>(L"body", L"educ")));  // rewrites
  auto rewritten = query->rewrite(SmallIndex());
  EXPECT_NE(rewritten, query);
  EXPECT_TRUE(boost::dynamic_pointer_cast<MaxDisjunctionQuery>(rewritten));
}

}  // namespace
}  // namespace wenjin::index
