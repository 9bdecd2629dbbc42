// Snippets: marks, escaping, windows, and multibyte text never cut mid-character.
#include "index/highlight.h"

#include <gtest/gtest.h>

#include "index/analysis/field_analyzer.h"

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


}  // namespace
}  // namespace wenjin::index
