// QueryEngine end to end on a small multilingual index: matching in every script, typos, prefixes,
// phrases, operators, filters, facets, paging, sorting, snippets, suggestions and bad input.
#include "index/query_engine.h"

#include <algorithm>
#include <set>

#include <gtest/gtest.h>

#include "tests/index/search_test_util.h"
#include "tests/util/testutil.h"

namespace wenjin::index {
namespace {

using testing::MakeResource;

std::vector<Resource> Corpus() {
  std::vector<Resource> docs = {
      MakeResource("en1", "en", "Introduction to Algebra", "Learn equations, variables and functions step by step.",
                   "math", "secondary", "2023-01-10"),
      MakeResource("en2", "en", "History of Education", "How schools and universities developed over the centuries.",
                   "history", "higher", "2021-05-01"),
      MakeResource("en3", "en", "Algebra exercises for beginners", "Practice problems with solutions.", "math",
                   "primary", "2024-02-01"),
      MakeResource("en4", "en", "Colour theory", "Mixing paints for artists.", "art", "lifelong", "2020-01-01"),
      MakeResource("en5", "en", "Color theory", "Mixing pigments for artists.", "art", "lifelong", "2019-01-01"),
      MakeResource("en6", "en", "Mathematics notes", "Short notes on algebra, geometry and <script> tags & more.",
                   "math", "secondary", "2018-01-01"),
      MakeResource("fr1", "fr", "Les élèves et l'école", "Une introduction à la vie scolaire pour les enfants.",
                   "education", "primary", "2022-09-01"),
      MakeResource("fr2", "fr", "Géographie de la France", "Les fleuves, les montagnes et les régions.", "geography",
                   "secondary", "2017-01-01"),
      MakeResource("zh1", "zh", "中文搜索引擎技术", "我们在北京学习中文搜索引擎技术。", "computing", "higher", "2016-01-01"),
      MakeResource("ru1", "ru", "Введение в физику", "Основы механики и оптики для школьников.", "physics",
                   "secondary", "2015-01-01"),
      MakeResource("es1", "es", "Educación ambiental", "Cómo cuidar el medio ambiente en la escuela.", "environment",
                   "primary", "2014-01-01"),
      MakeResource("de1", "de", "Mathematik für Kinder", "Rechnen lernen mit Spielen.", "math", "primary",
                   "2013-01-01"),
  };
  docs.back().titles = {{"en", "Mathematics for children"}};
  return docs;
}

class QueryEngineTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { reader_ = new Lucene::IndexReaderPtr(testing::BuildIndex(Corpus(), 5)); }
  static void TearDownTestSuite() { delete reader_; }

  SearchResponse Search(SearchRequest request) {
    SearchResponse response;
    Status s = engine_.Search(*reader_, request, &response);
    EXPECT_TRUE(s.ok()) << request.query << ": " << s.ToString();
    return response;
  }
  SearchResponse Search(const std::string& query, const std::string& lang = "") {
    SearchRequest request;
    request.query = query;
    request.lang = lang;
    return Search(request);
  }
  static std::vector<std::string> Ids(const SearchResponse& r) {
    std::vector<std::string> ids;
    for (const auto& h : r.hits) ids.push_back(h.id);
    return ids;
  }

  static Lucene::IndexReaderPtr* reader_;
  QueryEngine engine_{IndexOptions{}};
};
Lucene::IndexReaderPtr* QueryEngineTest::reader_ = nullptr;

TEST_F(QueryEngineTest, FindsTheExpectedResources) {
  struct Case {
    const char* query;
    const char* lang;
    std::set<std::string> expected;  // exactly these ids
    const char* first;               // and this one first ("" = any)
  };
  const Case cases[] = {
      {"algebra", "", {"en1", "en3", "en6"}, ""},
      {"introduction algebra", "", {"en1"}, "en1"},
      {"élèves", "", {"fr1"}, "fr1"},
      {"eleves ecole", "", {"fr1"}, "fr1"},            // accents stripped
      {"école", "fr", {"fr1"}, "fr1"},
      {"搜索引擎", "", {"zh1"}, "zh1"},
      {"北京", "", {"zh1"}, "zh1"},
      {"擎", "", {"zh1"}, "zh1"},                        // one Han character: completed through bigrams
      {"физика", "", {"ru1"}, "ru1"},                   // Russian stemming: физику ~ физика
      {"ambiente", "", {"es1"}, "es1"},
      {"mathematics", "", {"de1", "en6"}, ""},          // de1 through its English title
      {"algebar", "", {"en1", "en3", "en6"}, ""},       // transposition
      {"histroy educaton", "", {"en2"}, "en2"},         // every word misspelt
      {"geographie", "", {"fr2"}, "fr2"},
      {"educ*", "", {"en2", "es1"}, ""},
      {"\"history of education\"", "", {"en2"}, "en2"},
      {"\"education history\"", "", {}, ""},
      {"algebra -beginners", "", {"en1", "en6"}, ""},
      {"algebra NOT notes", "", {"en1", "en3"}, ""},
      {"algebra OR geographie", "", {"en1", "en3", "en6", "fr2"}, ""},
      {"algebra subject:math level:primary", "", {"en3"}, "en3"},
      {"title:algebra", "", {"en1", "en3"}, ""},
      {"algebra unicorn", "", {"en1", "en3", "en6"}, ""},  // AND finds nothing: any word
      {"école", "de", {}, ""},                          // lang restricts to German resources
  };
  for (const auto& c : cases) {
    auto r = Search(c.query, c.lang);
    auto ids = Ids(r);
    EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()), c.expected) << c.query << " -> " << r.parsed_query;
    EXPECT_EQ(r.total, c.expected.size()) << c.query;
    if (*c.first && !ids.empty()) {
      EXPECT_EQ(ids[0], c.first) << c.query;
    }
  }
}

TEST_F(QueryEngineTest, TitleMatchesOutrankBodyMatches) {
  auto ids = Ids(Search("algebra"));
  ASSERT_EQ(ids.size(), 3u);
  EXPECT_EQ(ids[2], "en6");  // algebra only in its description
}

TEST_F(QueryEngineTest, ExactMatchesOutrankTypoMatches) {
  // "theroy" is in no resource, so typo neighbours are searched, for "colour" too: the exact
  // "colour" (en4) outranks its neighbour "color" (en5), and the other way round.
  auto r = Search("colour theroy");
  ASSERT_EQ(Ids(r), (std::vector<std::string>{"en4", "en5"}));
  EXPECT_GT(r.hits[0].score, r.hits[1].score);
  EXPECT_NE(r.parsed_query.find("[typos]"), std::string::npos) << r.parsed_query;
  r = Search("color theroy");
  ASSERT_EQ(Ids(r), (std::vector<std::string>{"en5", "en4"}));
  // Found as typed: taken as typed.
  r = Search("colour");
  EXPECT_EQ(Ids(r), std::vector<std::string>{"en4"});
  EXPECT_EQ(r.parsed_query.find("[typos]"), std::string::npos) << r.parsed_query;
  SearchRequest strict;
  strict.query = "colour theroy";
  strict.typo_tolerance = false;
  r = Search(strict);
  EXPECT_EQ(Ids(r), std::vector<std::string>{"en4"});  // any word, as typed
  EXPECT_EQ(r.parsed_query.find("[typos]"), std::string::npos) << r.parsed_query;
}

// Typo neighbours are searched only when the words as typed find nothing; then a word found in
// several resources is still taken as typed, and an absent or rare one gets its neighbours.
TEST(QueryEngineTypos, NeighboursOnlyWhenTheWordsAsTypedFindNothing) {
  std::vector<Resource> docs;
  for (int i = 0; i < 3; ++i) {
    docs.push_back(MakeResource("planet" + std::to_string(i), "en", "Planet facts " + std::to_string(i), "Craters."));
  }
  docs.push_back(MakeResource("planets", "en", "Planets of the solar system", "Moons."));
  docs.push_back(MakeResource("orbit", "en", "Comet orbitz", "Tails."));
  docs.push_back(MakeResource("moon", "en", "Planet moonz", "Phases."));
  docs.push_back(MakeResource("year", "en", "Almanac 2024", "Tides."));
  auto reader = testing::BuildIndex(docs, 2);
  QueryEngine engine{IndexOptions{}};
  auto ids = [&](const std::string& q) {
    SearchRequest request;
    request.query = q;
    SearchResponse response;
    EXPECT_TRUE(engine.Search(reader, request, &response).ok()) << q;
    std::set<std::string> out;
    for (const auto& h : response.hits) out.insert(h.id);
    return out;
  };
  // Found as typed: exact matches only, "planet" does not pull in "planets" nor the reverse.
  EXPECT_EQ(ids("planet"), (std::set<std::string>{"planet0", "planet1", "planet2", "moon"}));
  EXPECT_EQ(ids("planets"), (std::set<std::string>{"planets"}));
  // Absent: every neighbour within the edits its length allows (1 for 7 letters, 2 for 8).
  EXPECT_EQ(ids("plannet"), (std::set<std::string>{"planet0", "planet1", "planet2", "moon"}));
  EXPECT_EQ(ids("plannets").size(), 5u);
  EXPECT_EQ(ids("orbitt"), (std::set<std::string>{"orbit"}));
  // Numbers and the bigrams of scripts without spaces are not in the typo dictionary: "x2024"
  // (one edit from the number 2024 in a title) does not become it.
  EXPECT_EQ(ids("x2024"), (std::set<std::string>{}));
  EXPECT_EQ(ids("2024"), (std::set<std::string>{"year"}));
  // "planet moonx" finds nothing as typed; "planet" (in 4 resources) stays as typed while the
  // absent "moonx" becomes "moonz", so "planets" is not pulled in.
  EXPECT_EQ(ids("planet moonx"), (std::set<std::string>{"moon"}));
}

TEST_F(QueryEngineTest, FiltersAndFacetsCountAllMatches) {
  SearchRequest request;
  request.query = "algebra OR mathematik OR geographie OR colour OR color";
  request.limit = 1;
  auto r = Search(request);
  EXPECT_EQ(r.total, 7u);
  EXPECT_EQ(r.hits.size(), 1u);
  EXPECT_EQ(r.facets["lang"], (std::map<std::string, uint64_t>{{"de", 1}, {"en", 5}, {"fr", 1}}));
  EXPECT_EQ(r.facets["subject"], (std::map<std::string, uint64_t>{{"art", 2}, {"geography", 1}, {"math", 4}}));
  EXPECT_EQ(r.facets["level"],
            (std::map<std::string, uint64_t>{{"lifelong", 2}, {"primary", 2}, {"secondary", 3}}));

  request.filters = {{"subject", {"math", "art"}}, {"level", {"primary", "lifelong"}}};
  r = Search(request);
  EXPECT_EQ(r.total, 4u);  // en3, de1, en4, en5
  request.filters = {{"lang", {"en-US"}}};
  EXPECT_EQ(Search(request).total, 0u);  // full tags match exactly
  request.filters = {{"lang", {"EN"}}};
  EXPECT_EQ(Search(request).total, 5u);
}

TEST_F(QueryEngineTest, FacetsAndHighlightingCanBeSkipped) {
  SearchRequest request;
  request.query = "algebra OR geometry";
  const auto full = Search(request);
  ASSERT_EQ(full.total, 3u);
  ASSERT_FALSE(full.facets.empty());
  ASSERT_TRUE(std::any_of(full.hits.begin(), full.hits.end(),
                          [](const SearchHit& h) { return h.snippet.find("<em>") != std::string::npos; }));

  request.facets = false;
  request.highlight = false;
  const auto lean = Search(request);
  EXPECT_EQ(lean.total, full.total);
  EXPECT_EQ(Ids(lean), Ids(full));
  EXPECT_TRUE(lean.facets.empty());
  for (const auto& hit : lean.hits) {
    EXPECT_FALSE(hit.snippet.empty()) << hit.id;
    EXPECT_EQ(hit.snippet.find("<em>"), std::string::npos) << hit.snippet;
  }
}

TEST_F(QueryEngineTest, PagingAndDateSort) {
  SearchRequest request;
  request.query = "algebra OR mathematik OR geographie OR colour OR color";
  request.limit = 7;
  auto all = Ids(Search(request));
  ASSERT_EQ(all.size(), 7u);
  request.limit = 3;
  request.offset = 2;
  EXPECT_EQ(Ids(Search(request)), std::vector<std::string>(all.begin() + 2, all.begin() + 5));
  request.offset = 6;
  EXPECT_EQ(Ids(Search(request)), std::vector<std::string>{all[6]});
  request.offset = 50;
  EXPECT_TRUE(Search(request).hits.empty());

  request.offset = 0;
  request.limit = 10;
  request.sort = SearchRequest::Sort::kDate;
  auto r = Search(request);
  ASSERT_EQ(r.hits.size(), 7u);
  for (size_t i = 1; i < r.hits.size(); ++i) EXPECT_GE(r.hits[i - 1].published_at, r.hits[i].published_at);
}

TEST_F(QueryEngineTest, SnippetsHighlightEscapeAndKeepCharactersWhole) {
  struct Case {
    const char* query;
    const char* expected_snippet;
  };
  const Case cases[] = {
      {"equations", "Learn <em>equations</em>, variables and functions step by step."},
      {"geometry", "Short notes on algebra, <em>geometry</em> and &lt;script&gt; tags &amp; more."},
      {"北京", "我们在<em>北京</em>学习中文搜索引擎技术。"},
      {"eleves enfants", "Une introduction à la vie scolaire pour les <em>enfants</em>."},
      {"механика", "Основы <em>механики</em> и оптики для школьников."},
  };
  for (const auto& c : cases) {
    auto r = Search(c.query);
    ASSERT_FALSE(r.hits.empty()) << c.query;
    EXPECT_EQ(r.hits[0].snippet, c.expected_snippet) << c.query;
    EXPECT_TRUE(IsValidUtf8(r.hits[0].snippet));
  }
}

TEST_F(QueryEngineTest, HitFieldsAndTitleInTheQueryLanguage) {
  auto r = Search("children", "en");
  ASSERT_EQ(Ids(r), std::vector<std::string>{"de1"});
  EXPECT_EQ(r.hits[0].title, "Mathematics for children");
  EXPECT_EQ(r.hits[0].lang, "de");
  EXPECT_EQ(r.hits[0].subject, "math");
  EXPECT_EQ(r.hits[0].level, "primary");
  EXPECT_EQ(r.hits[0].published_at, "2013-01-01");
  EXPECT_EQ(Search("kinder").hits.at(0).title, "Mathematik für Kinder");
}

TEST_F(QueryEngineTest, BadInputIsRefusedOrParsedNeverThrown) {
  struct Case {
    std::string query;
    size_t limit;
    std::map<std::string, std::vector<std::string>> filters;
    bool ok;
  };
  const Case cases[] = {
      {"", 10, {}, false},
      {"   ", 10, {}, false},
      {"\xff\xfe invalid", 10, {}, false},
      {"caf\xc3", 10, {}, false},                  // truncated UTF-8
      {std::string(10 * 1024, 'a'), 10, {}, false},  // 10 KB
      {"*", 10, {}, false},
      {"!!! ???", 10, {}, false},
      {"(((", 10, {}, false},
      {"\"unbalanced quote", 10, {}, true},
      {"algebra)", 10, {}, true},
      {"AND OR algebra NOT", 10, {}, true},
      {"the of and", 10, {}, true},                // stop words are kept by the neutral field
      {"algebra", 101, {}, false},
      {"algebra", 10, {{"colour", {"red"}}}, false},
      {"a:b:c subject: lang:", 10, {}, true},
      {std::string(2000, '(') + "x", 10, {}, true},
      {[] { std::string s; while (s.size() + 12 < kMaxQueryBytes) s += "中文搜索引擎"; return s; }(), 10, {}, true},
      {"algebra", 0, {}, true},
  };
  for (const auto& c : cases) {
    SearchRequest request;
    request.query = c.query;
    request.limit = c.limit;
    request.filters = c.filters;
    SearchResponse response;
    Status s = engine_.Search(*reader_, request, &response);
    EXPECT_EQ(s.ok(), c.ok) << c.query.substr(0, 40) << ": " << s.ToString();
    EXPECT_LE(response.hits.size(), c.limit);
    if (!s.ok()) {
      EXPECT_EQ(s.code(), Status::Code::kInvalidArgument) << s.ToString();
      EXPECT_FALSE(s.message().empty());
    }
  }
  // Every word the same 4 KB of noise: parsed (first words kept), no crash.
  std::string noise;
  while (noise.size() + 8 < kMaxQueryBytes) noise += "zq*x\"(- ";
  SearchRequest request;
  request.query = noise;
  SearchResponse response;
  Status s = engine_.Search(*reader_, request, &response);
  EXPECT_TRUE(s.ok() || s.code() == Status::Code::kInvalidArgument) << s.ToString();
}

TEST_F(QueryEngineTest, SuggestCompletesTitles) {
  struct Case {
    const char* prefix;
    const char* lang;
    std::set<std::string> expected;
  };
  const Case cases[] = {
      {"alg", "", {"en1", "en3"}},
      {"introduction to al", "", {"en1"}},
      {"Intro", "", {"en1"}},
      {"geog", "", {"fr2"}},                 // folded: géographie
      {"mathem", "en", {"de1", "en6"}},
      {"中文", "", {"zh1"}},
      {"zzz", "", {}},
  };
  for (const auto& c : cases) {
    std::vector<Suggestion> suggestions;
    ASSERT_OK(engine_.Suggest(*reader_, c.prefix, c.lang, 10, &suggestions));
    std::set<std::string> ids;
    for (const auto& s : suggestions) ids.insert(s.id);
    EXPECT_EQ(ids, c.expected) << c.prefix;
  }
  std::vector<Suggestion> suggestions;
  ASSERT_OK(engine_.Suggest(*reader_, "mathem", "en", 10, &suggestions));
  for (const auto& s : suggestions) {
    if (s.id == "de1") {
      EXPECT_EQ(s.title, "Mathematics for children");
    }
  }
  EXPECT_EQ(engine_.Suggest(*reader_, "", "", 10, &suggestions).code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(engine_.Suggest(*reader_, "\xff", "", 10, &suggestions).code(), Status::Code::kInvalidArgument);
}

// A new reader (as after a near-real-time reopen) is picked up, typo dictionary included.
TEST(QueryEngineReaderTest, NewReadersAreSeen) {
  QueryEngine engine{IndexOptions{}};
  auto docs = Corpus();
  auto first = testing::BuildIndex(docs, 4);
  SearchRequest request;
  request.query = "photosyntesis";
  SearchResponse response;
  ASSERT_OK(engine.Search(first, request, &response));
  EXPECT_EQ(response.total, 0u);
  docs.push_back(MakeResource("en9", "en", "Photosynthesis", "How plants make sugar from light.", "biology"));
  auto second = testing::BuildIndex(docs, 4);
  ASSERT_OK(engine.Search(second, request, &response));
  ASSERT_EQ(response.total, 1u);
  EXPECT_EQ(response.hits[0].id, "en9");
  ASSERT_OK(engine.Search(first, request, &response));  // an older reader still works
  EXPECT_EQ(response.total, 0u);
}

}  // namespace
}  // namespace wenjin::index
