// Snippets: marks, escaping, windows, and multibyte text never cut mid-character.
#include "index/highlight.h"

#include <gtest/gtest.h>

#include "index/analysis/field_analyzer.h"
#include "tests/index/search_test_util.h"

namespace wenjin::index {
namespace {

struct Case {
  const wchar_t* text;
  std::vector<MatchSpan> spans;
  size_t max_chars;
  const char* expected;
};

TEST(HighlightTest, Snippets) {
  const Case cases[] = {
      {L"open education", {{5, 14}}, 200, "open <em>education</em>"},
      {L"a <b> & \"c\"", {{0, 1}}, 200, "<em>a</em> &lt;b&gt; &amp; &quot;c&quot;"},
      {L"line\nbreak", {}, 200, "line break"},
      {L"学习中文搜索引擎技术", {{2, 4}}, 200, "学习<em>中文</em>搜索引擎技术"},
      // A long text: the window moves to the match and is cut on word boundaries.
      {L"one two three four five six seven eight nine ten eleven twelve target thirteen fourteen",
       {{63, 69}}, 30, "…twelve <em>target</em> thirteen…"},
      {L"前言前言前言前言前言前言前言前言学习中文前言前言前言前言", {{16, 18}}, 10, "…前言<em>学习</em>中文前言前言…"},
      {L"école élève", {{6, 11}}, 200, "école <em>élève</em>"},
      {L"abc", {{1, 99}}, 200, "a<em>bc</em>"},  // clipped to the text
      {L"no match here at all in this text", {}, 10, "no match…"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(MakeSnippet(c.text, c.spans, c.max_chars), c.expected) << Lucene::StringUtils::toUTF8(c.text);
  }
}

TEST(HighlightTest, PicksTheDensestWindow) {
  std::wstring text = L"alpha ";
  for (int i = 0; i < 40; ++i) text += L"filler ";
  const size_t second = text.size();
  text += L"alpha beta ";
  for (int i = 0; i < 40; ++i) text += L"filler ";
  const std::string snippet = MakeSnippet(text, {{0, 5}, {second, second + 5}, {second + 6, second + 10}}, 60);
  EXPECT_NE(snippet.find("<em>alpha</em> <em>beta</em>"), std::string::npos) << snippet;
  EXPECT_EQ(snippet.rfind("…", 0), 0u) << snippet;
}

TEST(HighlightTest, FindsMatchesWithTheFieldAnalysis) {
  const std::wstring text = L"Les élèves étudient l'Éducation.";
  // The folded field maps "élèves" to "eleves": the original characters are marked.
  auto spans = FindMatches(text, {{L"all.fold", {L"eleves"}}, {L"all", {L"éducation"}}});
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(text.substr(spans[0].start, spans[0].end - spans[0].start), L"élèves");
  EXPECT_EQ(MakeSnippet(text, spans), "Les <em>élèves</em> étudient l&#39;<em>Éducation</em>.");
}


// The snippet source of a resource as the query engine builds it: description, "\n", body.
std::wstring SnippetSource(const Resource& r) {
  std::wstring text = Lucene::StringUtils::toUnicode(r.description);
  const std::wstring body = Lucene::StringUtils::toUnicode(r.body);
  if (!body.empty()) text += (text.empty() ? L"" : L"\n") + body;
  return text;
}

std::string Marked(const std::wstring& text, const std::vector<MatchSpan>& spans) {
  return MakeSnippet(text, spans, 10000);
}

// Term vectors give the spans analysis gives: text.<lang> offsets point into the snippet source,
// and so do all.fold's, whose titles come after it and are left out.
TEST(HighlightTest, TermVectorOffsetsMatchAnalysis) {
  std::vector<Resource> docs = {
      testing::MakeResource("fr", "fr", "Les élèves et l'école", "Les élèves de l'école étudient l'Éducation."),
      testing::MakeResource("en", "en", "Libraries", "The library lends books; libraries lend more."),
      testing::MakeResource("zh", "zh", "图书馆", "北京大学的學生在图书馆学习。"),
      testing::MakeResource("ja", "ja", "日本語", "日本語の文章を図書館で読む。"),
      testing::MakeResource("empty", "en", "Only a title about libraries", ""),
  };
  docs[1].body = "A second paragraph on the library.";
  const auto reader = testing::BuildIndex(docs);
  const std::map<Lucene::String, std::set<Lucene::String>> terms = {
      {L"text.fr", {L"élev", L"écol"}}, {L"text.en", {L"librari"}},  {L"text.zh", {L"图书", L"书馆"}},
      {L"all.fold", {L"eleves", L"ecole", L"education", L"library", L"日本", L"本語", L"図書"}},
  };
  for (int32_t d = 0; d < reader->maxDoc(); ++d) {
    const Resource& r = docs[static_cast<size_t>(d)];
    const std::wstring text = SnippetSource(r);
    const auto from_index = FindMatchesInIndex(reader, d, text, terms);
    EXPECT_EQ(Marked(text, from_index), Marked(text, FindMatches(text, terms))) << r.id;
    if (r.id != "empty") EXPECT_FALSE(from_index.empty()) << r.id;
  }
  // The title of "empty" mentions libraries, but it has no text to mark.
  EXPECT_TRUE(FindMatchesInIndex(reader, 4, L"", terms).empty());
}

// An index written without term vectors (as before they were kept) is analysed instead.
TEST(HighlightTest, FieldsWithoutTermVectorsAreAnalysed) {
  auto dir = Lucene::newLucene<Lucene::RAMDirectory>();
  auto writer = Lucene::newLucene<Lucene::IndexWriter>(dir, analysis::NewFieldAnalyzer(), true,
                                                       Lucene::IndexWriter::MaxFieldLengthUNLIMITED);
  auto doc = Lucene::newLucene<Lucene::Document>();
  doc->add(Lucene::newLucene<Lucene::Field>(L"all.fold", L"Les élèves", Lucene::Field::STORE_NO,
                                            Lucene::Field::INDEX_ANALYZED));
  writer->addDocument(doc);
  writer->close();
  auto reader = Lucene::IndexReader::open(dir, true);
  const std::wstring text = L"Les élèves";
  EXPECT_EQ(Marked(text, FindMatchesInIndex(reader, 0, text, {{L"all.fold", {L"eleves"}}})), "Les <em>élèves</em>");
}

}  // namespace
}  // namespace wenjin::index
