// BuildDocument: the fields of the schema, exact lengths, keyword values, the stored hit.
#include "index/document_builder.h"

#include <gtest/gtest.h>

#include "index/analysis/tokens.h"
#include "index/schema.h"
#include "index/stored_hit.h"
#include "tests/index/search_test_util.h"

namespace wenjin::index {
namespace {

std::vector<std::string> Values(const Lucene::DocumentPtr& doc, const std::string& field) {
  std::vector<std::string> out;
  for (const auto& f : doc->getFieldables(Lucene::StringUtils::toUnicode(field))) {
    out.push_back(Lucene::StringUtils::toUTF8(f->stringValue()));
  }
  return out;
}

bool HasField(const Lucene::DocumentPtr& doc, const std::string& field) {
  return doc->getFieldable(Lucene::StringUtils::toUnicode(field)) != nullptr;
}

Resource Sample() {
  Resource r = testing::MakeResource("r1", "fr-CA", "Les élèves à l'école", "Une leçon de géographie.", "geography",
                                     "primary", "2024-03-01");
  r.body = "Les fleuves du Québec.";
  r.titles = {{"en", "Pupils at school"}, {"fr", "ignored: the primary title wins"}};
  r.url = "https://example.org/r1";
  r.origin = "ai";
  r.model = "some-model";
  return r;
}

TEST(DocumentBuilderTest, KeywordFields) {
  auto doc = BuildDocument(Sample());
  const std::pair<std::string, std::vector<std::string>> cases[] = {
      {schema::kId, {"r1"}},          {schema::kLang, {"fr"}},          {schema::kLangTag, {"fr-CA"}},
      {schema::kSubject, {"geography"}}, {schema::kLevel, {"primary"}},    {schema::kType, {"course"}},
      {schema::kOrigin, {"ai"}},      {schema::kPublishedAt, {"2024-03-01"}},
  };
  for (const auto& [field, expected] : cases) {
    EXPECT_EQ(Values(doc, field), expected) << field;
    EXPECT_FALSE(doc->getField(Lucene::StringUtils::toUnicode(field))->isStored()) << field << ": in the stored hit";
  }
}

TEST(DocumentBuilderTest, OneStoredFieldHoldsTheHit) {
  auto doc = BuildDocument(Sample());
  size_t stored = 0;
  for (const auto& f : doc->getFields()) stored += f->isStored() ? 1 : 0;
  EXPECT_EQ(stored, 1u);
  StoredHit hit;
  ASSERT_TRUE(ReadStoredHit(doc, &hit).ok());
  EXPECT_EQ(hit.id, "r1");
  EXPECT_EQ(hit.lang, "fr");
  EXPECT_EQ(hit.lang_tag, "fr-CA");
  EXPECT_EQ(hit.title, "Les élèves à l'école");
  EXPECT_EQ(hit.titles_json, R"({"en":"Pupils at school","fr":"Les élèves à l'école"})");
  EXPECT_EQ(hit.body, "Les fleuves du Québec.");
  EXPECT_EQ(hit.url, "https://example.org/r1");
  EXPECT_EQ(hit.model, "some-model");
  EXPECT_EQ(hit.origin, "ai");
}

TEST(DocumentBuilderTest, TextFieldsPerLanguageAndNeutral) {
  auto doc = BuildDocument(Sample());
  for (const char* field : {"title.fr", "title.en", "text.fr", "title", "title.fold", "all", "all.fold"}) {
    EXPECT_TRUE(HasField(doc, field)) << field;
    EXPECT_TRUE(HasField(doc, schema::LengthField(field))) << field;
  }
  EXPECT_FALSE(HasField(doc, "text.en"));  // the body is in the primary language only
  EXPECT_EQ(Values(doc, schema::kLangs).size(), 2u);
}

TEST(DocumentBuilderTest, LengthsAreExactTokenCounts) {
  Resource r = Sample();
  auto doc = BuildDocument(r);
  const std::string titles = r.title + "\n" + r.titles.at("en");
  const std::string text = r.description + "\n" + r.body;
  const std::pair<std::string, std::string> cases[] = {
      {"title", titles}, {"all", titles + "\n" + text}, {"text.fr", text}, {"title.en", r.titles.at("en")}};
  for (const auto& [field, source] : cases) {
    const auto expected = analysis::AnalyzeField(field, source).size();
    ASSERT_GT(expected, 0u);
    EXPECT_EQ(Values(doc, schema::LengthField(field)), std::vector<std::string>{std::to_string(expected)}) << field;
  }
}

TEST(DocumentBuilderTest, IndexedDocumentIsFoundByIdTermAndReplaced) {
  Resource r = Sample();
  auto reader = testing::BuildIndex({r});
  EXPECT_EQ(reader->docFreq(IdTerm("r1")), 1);
  EXPECT_EQ(reader->docFreq(Lucene::newLucene<Lucene::Term>(L"all.fold", L"eleves")), 1);
  EXPECT_EQ(reader->docFreq(Lucene::newLucene<Lucene::Term>(L"title.en", L"pupil")), 1);  // English stemming
  EXPECT_EQ(Lucene::StringUtils::toUTF8(IdTerm("r1")->field()), schema::kId);
}

}  // namespace
}  // namespace wenjin::index
