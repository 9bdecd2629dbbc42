// LanguageBonusCollector ranks and scores as the query clause it replaces: a ConstantScoreQuery
// over a language filter with the bonus as its boost, SHOULD next to the query.
#include "index/language_bonus.h"

#include <gtest/gtest.h>

#include <lucene++/ConstantScoreQuery.h>
#include <lucene++/QueryWrapperFilter.h>

#include "index/bm25.h"

namespace wenjin::index {
namespace {

using Lucene::newLucene;

TEST(LanguageBonusTest, SameScoresAsAConstantScoreClause) {
  const std::vector<std::pair<std::wstring, std::wstring>> docs = {
      {L"en", L"open education"}, {L"fr", L"open education open"}, {L"en", L"education"},
      {L"de", L"open"},           {L"", L"open education"},        {L"fr", L"education education"},
  };
  auto dir = newLucene<Lucene::RAMDirectory>();
  auto writer = newLucene<Lucene::IndexWriter>(dir, newLucene<Lucene::WhitespaceAnalyzer>(), true,
                                               Lucene::IndexWriter::MaxFieldLengthUNLIMITED);
  for (size_t i = 0; i < docs.size(); ++i) {
    auto doc = newLucene<Lucene::Document>();
    if (!docs[i].first.empty()) {
      doc->add(newLucene<Lucene::Field>(L"lang", docs[i].first, Lucene::Field::STORE_NO,
                                        Lucene::Field::INDEX_NOT_ANALYZED_NO_NORMS));
    }
    doc->add(newLucene<Lucene::Field>(L"text", docs[i].second, Lucene::Field::STORE_NO, Lucene::Field::INDEX_ANALYZED));
    writer->addDocument(doc);
    if (i == 3) writer->commit();  // two segments
  }
  writer->close();
  auto searcher = newLucene<Lucene::IndexSearcher>(Lucene::IndexReader::open(dir, true));
  searcher->setSimilarity(newLucene<Bm25Similarity>());

  for (const wchar_t* lang : {L"fr", L"en", L"zz"}) {
    auto query = newLucene<Lucene::BooleanQuery>();
    query->add(newLucene<Lucene::TermQuery>(newLucene<Lucene::Term>(L"text", L"open")), Lucene::BooleanClause::SHOULD);
    query->add(newLucene<Lucene::TermQuery>(newLucene<Lucene::Term>(L"text", L"education")),
               Lucene::BooleanClause::SHOULD);

    auto with_clause = newLucene<Lucene::BooleanQuery>(true);
    with_clause->add(query, Lucene::BooleanClause::MUST);
    auto same_language = newLucene<Lucene::ConstantScoreQuery>(newLucene<Lucene::QueryWrapperFilter>(
        newLucene<Lucene::TermQuery>(newLucene<Lucene::Term>(L"lang", lang))));
    same_language->setBoost(0.5);
    with_clause->add(same_language, Lucene::BooleanClause::SHOULD);
    auto expected = searcher->search(with_clause, 10);

    // With FieldCache's arrays, and with those a FieldStats keeps.
    for (const FieldStatsPtr& arrays : {FieldStatsPtr(), std::make_shared<FieldStats>(searcher->getIndexReader())}) {
      auto top = Lucene::TopScoreDocCollector::create(10, true);
      searcher->search(query, Lucene::FilterPtr(),
                       newLucene<LanguageBonusCollector>(top, "lang", Lucene::StringUtils::toUTF8(lang), 0.5, arrays));
      auto got = top->topDocs();
      ASSERT_EQ(got->totalHits, expected->totalHits);
      ASSERT_EQ(got->scoreDocs.size(), expected->scoreDocs.size());
      for (int32_t i = 0; i < got->scoreDocs.size(); ++i) {
        EXPECT_EQ(got->scoreDocs[i]->doc, expected->scoreDocs[i]->doc) << i;
        EXPECT_NEAR(got->scoreDocs[i]->score, expected->scoreDocs[i]->score, 1e-6) << i;
      }
    }
  }
}

}  // namespace
}  // namespace wenjin::index
