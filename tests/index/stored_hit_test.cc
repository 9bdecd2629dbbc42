// StoredHit: encoding round trip, damaged input, documents of the older stored form, and the
// UTF-8 decoder snippets use.
#include "index/stored_hit.h"

#include <gtest/gtest.h>

#include "index/schema.h"

namespace wenjin::index {
namespace {

StoredHit Sample() {
  StoredHit h;
  h.id = "r1";
  h.lang = "zh";
  h.lang_tag = "zh-Hant";
  h.subject = "history";
  h.origin = "ai";
  h.title = "學習歷史";
  h.titles_json = R"({"en":"Learning history"})";
  h.description = std::string(300, 'x');  // a length over one LEB128 byte
  h.body = "é\n\xf0\x9f\x93\x9a";
  h.model = "m";
  return h;
}

void ExpectSame(const StoredHit& a, const StoredHit& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.lang, b.lang);
  EXPECT_EQ(a.lang_tag, b.lang_tag);
  EXPECT_EQ(a.subject, b.subject);
  EXPECT_EQ(a.level, b.level);
  EXPECT_EQ(a.type, b.type);
  EXPECT_EQ(a.origin, b.origin);
  EXPECT_EQ(a.published_at, b.published_at);
  EXPECT_EQ(a.title, b.title);
  EXPECT_EQ(a.titles_json, b.titles_json);
  EXPECT_EQ(a.description, b.description);
  EXPECT_EQ(a.body, b.body);
  EXPECT_EQ(a.url, b.url);
  EXPECT_EQ(a.provider, b.provider);
  EXPECT_EQ(a.model, b.model);
}

TEST(StoredHitTest, RoundTripsThroughADocument) {
  auto doc = Lucene::newLucene<Lucene::Document>();
  AddStoredHit(Sample(), doc);
  StoredHit read;
  ASSERT_TRUE(ReadStoredHit(doc, &read).ok());
  ExpectSame(read, Sample());
}

TEST(StoredHitTest, DamagedBytesAreCorruption) {
  const std::string good = EncodeStoredHit(Sample());
  StoredHit out;
  ASSERT_TRUE(DecodeStoredHit(good, &out).ok());
  const std::string cases[] = {
      "",                                    // nothing
      "\x02" + good.substr(1),               // unknown format
      good.substr(0, good.size() - 1),       // truncated value
      good.substr(0, 3),                     // truncated early
      good + "x",                            // trailing bytes
      std::string("\x01\xff\xff\xff", 4),    // a length that never ends
  };
  for (const auto& bytes : cases) {
    EXPECT_EQ(DecodeStoredHit(bytes, &out).code(), Status::Code::kCorruption) << testing::PrintToString(bytes);
  }
}

TEST(StoredHitTest, ReadsDocumentsOfTheOlderForm) {
  auto doc = Lucene::newLucene<Lucene::Document>();
  auto add = [&](const char* field, const std::string& value) {
    doc->add(Lucene::newLucene<Lucene::Field>(Lucene::StringUtils::toUnicode(field), Lucene::StringUtils::toUnicode(value),
                                              Lucene::Field::STORE_YES, Lucene::Field::INDEX_NO));
  };
  add(schema::kId, "old1");
  add(schema::kLang, "fr");
  add(schema::kLangTag, "fr-CA");
  add(schema::kStoredTitle, "Les élèves");
  add(schema::kStoredDescription, "Une leçon.");
  add(schema::kStoredUrl, "https://example.org/old1");
  StoredHit hit;
  ASSERT_TRUE(ReadStoredHit(doc, &hit).ok());
  EXPECT_EQ(hit.id, "old1");
  EXPECT_EQ(hit.lang, "fr");
  EXPECT_EQ(hit.lang_tag, "fr-CA");
  EXPECT_EQ(hit.title, "Les élèves");
  EXPECT_EQ(hit.description, "Une leçon.");
  EXPECT_EQ(hit.url, "https://example.org/old1");
  EXPECT_EQ(hit.body, "");
}

TEST(StoredHitTest, WideFromUtf8) {
  const struct {
    std::string utf8;
    size_t max_chars;
    std::wstring wide;
  } cases[] = {
      {"abc", std::wstring::npos, L"abc"},
      {"élève 學 \xf0\x9f\x93\x9a", std::wstring::npos, L"\u00e9l\u00e8ve \u5b78 \U0001f4da"},
      {"élève", 2, L"\u00e9l"},                          // stops after max_chars code points
      {"a\xff" "b", std::wstring::npos, L"a\ufffd" "b"},    // a byte that starts nothing
      {"a\xc3", std::wstring::npos, L"a\ufffd"},          // cut inside a sequence
      {"\xc0\xafx", std::wstring::npos, L"\ufffd\ufffdx"},  // overlong "/": C0 starts nothing
      {"\xed\xa0\x80x", std::wstring::npos, L"\ufffd\ufffd\ufffdx"},  // a UTF-16 surrogate: no valid prefix
      {"\xe4\xb8x", std::wstring::npos, L"\ufffdx"},      // sequence broken by an ASCII byte
  };
  for (const auto& c : cases) EXPECT_EQ(WideFromUtf8(c.utf8, c.max_chars), c.wide) << c.utf8;
}

}  // namespace
}  // namespace wenjin::index
