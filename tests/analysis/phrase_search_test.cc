// Search-level checks of the analysis: phrases over CJK/Thai runs, Traditional/Simplified,
// folding and stemming, through a real Lucene++ index (RAMDirectory) and QueryParser, and
// highlighting of the original text from the analyzer's offsets.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <lucene++/LuceneHeaders.h>
#include <lucene++/Highlighter.h>
#include <lucene++/QueryScorer.h>
#include <lucene++/SimpleHTMLFormatter.h>

#include "index/analysis/field_analyzer.h"

namespace wenjin::analysis {
namespace {

using Lucene::String;
using Lucene::StringUtils;

struct Doc {
  const char* id;
  std::vector<std::pair<const char*, const char*>> fields;  // field name -> UTF-8 text
};

// A small in-memory index analysed by NewFieldAnalyzer(); queries parsed with NewQueryAnalyzer().
class PhraseSearchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = Lucene::newLucene<Lucene::RAMDirectory>();
    Lucene::IndexWriterPtr writer = Lucene::newLucene<Lucene::IndexWriter>(
        dir_, NewFieldAnalyzer(), true, Lucene::IndexWriter::MaxFieldLengthUNLIMITED);
    for (const Doc& d : Docs()) {
      Lucene::DocumentPtr doc = Lucene::newLucene<Lucene::Document>();
      doc->add(Lucene::newLucene<Lucene::Field>(L"id", StringUtils::toUnicode(d.id), Lucene::Field::STORE_YES,
                                                Lucene::Field::INDEX_NOT_ANALYZED));
      for (const auto& [name, text] : d.fields) {
        doc->add(Lucene::newLucene<Lucene::Field>(StringUtils::toUnicode(name), StringUtils::toUnicode(text),
                                                  Lucene::Field::STORE_YES, Lucene::Field::INDEX_ANALYZED));
      }
      writer->addDocument(doc);
    }
    writer->close();
    searcher_ = Lucene::newLucene<Lucene::IndexSearcher>(dir_, true);
  }

  static std::vector<Doc> Docs() {
    return {
        {"zh", {{"all", "人人生而自由，在尊严和权利上一律平等。"}, {"all.zh", "人人生而自由，在尊严和权利上一律平等。"}}},
        {"zh-lib", {{"all", "我们在国家图书馆学习。"}, {"all.zh", "我们在国家图书馆学习。"}}},
        {"th", {{"all", "มนุษย์ทั้งหลายเกิดมามีอิสระและเสมอภาคกันในเกียรติศักดิ์และสิทธิ"}}},
        {"ja", {{"all", "すべての人間は、生まれながらにして自由であり、かつ、尊厳と権利とについて平等である。"}}},
        {"fr", {{"all.fold", "L'élève étudie à l'école."}, {"all.fr", "L'élève étudie à l'école."}}},
        {"ko", {{"all", "학생들이 학교에서 공부합니다"}}},
    };
  }

  // Ids of the documents matching `query` on `field`, sorted.
  std::vector<std::string> Search(const char* field, const char* query) {
    Lucene::QueryParserPtr parser = Lucene::newLucene<Lucene::QueryParser>(
        Lucene::LuceneVersion::LUCENE_CURRENT, StringUtils::toUnicode(field), NewQueryAnalyzer());
    Lucene::QueryPtr q = parser->parse(StringUtils::toUnicode(query));
    Lucene::TopDocsPtr top = searcher_->search(q, 10);
    std::vector<std::string> ids;
    for (const Lucene::ScoreDocPtr& sd : top->scoreDocs) {
      ids.push_back(StringUtils::toUTF8(searcher_->doc(sd->doc)->get(L"id")));
    }
    std::sort(ids.begin(), ids.end());
    return ids;
  }

  Lucene::RAMDirectoryPtr dir_;
  Lucene::IndexSearcherPtr searcher_;
};

using Ids = std::vector<std::string>;

TEST_F(PhraseSearchTest, ChinesePhrases) {
  EXPECT_EQ(Search("all", "\"尊严和权利\""), Ids{"zh"});
  EXPECT_EQ(Search("all", "\"生而自由\""), Ids{"zh"});   // spans dictionary words differently
  EXPECT_EQ(Search("all", "\"图书馆学\""), Ids{"zh-lib"});  // crosses a word boundary
  EXPECT_EQ(Search("all", "\"国家图书馆\""), Ids{"zh-lib"});
  EXPECT_EQ(Search("all", "\"自由生而\""), Ids{});        // same characters, wrong order
  EXPECT_EQ(Search("all", "\"国家图书\""), Ids{"zh-lib"});
  EXPECT_EQ(Search("all", "\"国家图书室\""), Ids{});      // one character differs at the end
  EXPECT_EQ(Search("all", "权"), Ids{"zh"});              // one character, inside a word
  EXPECT_EQ(Search("all", "在"), (Ids{"zh", "zh-lib"}));
}

TEST_F(PhraseSearchTest, TraditionalFindsSimplifiedOnZhField) {
  EXPECT_EQ(Search("all.zh", "\"尊嚴和權利\""), Ids{"zh"});
  EXPECT_EQ(Search("all.zh", "\"國家圖書館\""), Ids{"zh-lib"});
  EXPECT_EQ(Search("all", "\"尊嚴和權利\""), Ids{});  // the neutral field keeps the script
}

TEST_F(PhraseSearchTest, ThaiPhrases) {
  EXPECT_EQ(Search("all", "\"เสมอภาคกัน\""), Ids{"th"});
  EXPECT_EQ(Search("all", "\"ศักดิ์และสิทธิ\""), Ids{"th"});  // starts inside the word เกียรติศักดิ์
  EXPECT_EQ(Search("all", "\"มีอิสระ\""), Ids{"th"});
  EXPECT_EQ(Search("all", "\"สิทธิและ\""), Ids{});          // both words occur, not in this order
}

TEST_F(PhraseSearchTest, JapanesePhrases) {
  EXPECT_EQ(Search("all", "\"尊厳と権利\""), Ids{"ja"});
  EXPECT_EQ(Search("all", "\"生まれながら\""), Ids{"ja"});
  EXPECT_EQ(Search("all", "\"権利と尊厳\""), Ids{});
}

TEST_F(PhraseSearchTest, KoreanPartOfWord) {
  EXPECT_EQ(Search("all", "학교"), Ids{"ko"});  // inside 학교에서
  EXPECT_EQ(Search("all", "학생"), Ids{"ko"});
}

TEST_F(PhraseSearchTest, FoldingAndStemming) {
  EXPECT_EQ(Search("all.fold", "eleve"), Ids{"fr"});
  EXPECT_EQ(Search("all.fold", "ecole"), Ids{"fr"});  // l'école
  EXPECT_EQ(Search("all.fr", "écoles"), Ids{"fr"});
  EXPECT_EQ(Search("all.fr", "\"élèves étudie\""), Ids{"fr"});
}

// The Highlighter re-analyses the stored text; offsets must land on the original characters,
// here Traditional characters matched through their Simplified terms.
TEST(Highlighting, MarksOriginalText) {
  struct Case {
    const char* field;
    const char* text;
    const char* query;
    const char* expected;
  };
  const Case cases[] = {
      {"all.zh", "我們在國家圖書館學習。", "\"国家图书馆\"", "我們在<B>國家圖書館</B>學習。"},
      {"all.fold", "Une ﬁlle et l'ÉLÈVE", "eleve fille", "Une <B>ﬁlle</B> et l'<B>ÉLÈVE</B>"},
      {"all", "Straße ＡＢＣ", "strasse", "<B>Straße</B> ＡＢＣ"},
  };
  Lucene::AnalyzerPtr analyzer = NewFieldAnalyzer();
  for (const Case& c : cases) {
    String field = StringUtils::toUnicode(c.field);
    Lucene::QueryParserPtr parser = Lucene::newLucene<Lucene::QueryParser>(Lucene::LuceneVersion::LUCENE_CURRENT,
                                                                          field, NewQueryAnalyzer());
    Lucene::QueryPtr query = parser->parse(StringUtils::toUnicode(c.query));
    Lucene::HighlighterPtr highlighter = Lucene::newLucene<Lucene::Highlighter>(
        Lucene::newLucene<Lucene::SimpleHTMLFormatter>(), Lucene::newLucene<Lucene::QueryScorer>(query, field));
    String fragment = highlighter->getBestFragment(analyzer, field, StringUtils::toUnicode(c.text));
    EXPECT_EQ(StringUtils::toUTF8(fragment), c.expected) << c.text;
  }
}

}  // namespace
}  // namespace wenjin::analysis
