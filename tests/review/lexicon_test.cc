// Lexicon parsing and validation: every malformed line is named by file and line, the whole
// lexicon is rejected, and good lexicons report their rule counts and a content version.
#include "review/lexicon.h"

#include <fstream>

#include "review/hs_lexicon.h"
#include "review/lexicon_store.h"
#include "review/screener.h"

#include "tests/review/screener_test_lexicon.h"
#include "tests/util/testutil.h"

namespace wenjin::review {
namespace {

const std::string kHeader = "pattern\tkind\tcategory\tseverity\tlangs\tnote\n";

Status Load(const std::map<std::string, std::string>& files, std::shared_ptr<const Lexicon>* out) {
  return LoadLexiconFiles(files, out);
}

TEST(LexiconTest, LoadsGoodLexiconWithCounts) {
  std::shared_ptr<const Lexicon> lexicon;
  ASSERT_OK(Load(testing::TestLexiconFiles(), &lexicon));
  ASSERT_NE(lexicon, nullptr);
  EXPECT_EQ(lexicon->rules().size(), 9u);
  auto counts = lexicon->Counts();
  EXPECT_EQ(counts["kind:term"], 7);
  EXPECT_EQ(counts["kind:regex"], 1);
  EXPECT_EQ(counts["kind:allow"], 1);
  EXPECT_EQ(counts["category:harassment"], 4);
  EXPECT_EQ(counts["severity:block"], 2);
  EXPECT_EQ(counts["lang:*"], 2);
  EXPECT_EQ(counts["lang:zh"], 2);
  EXPECT_EQ(counts["lang:en"], 4);  // "en,en-GB" is one language: both have primary tag "en"
  EXPECT_EQ(counts["lang:ja"], 1);
  EXPECT_EQ(lexicon->version().size(), 12u);
}

TEST(LexiconTest, RuleFieldsAreParsed) {
  std::shared_ptr<const Lexicon> lexicon;
  ASSERT_OK(Load(testing::TestLexiconFiles(), &lexicon));
  const Rule& r = lexicon->rules()[0];
  EXPECT_EQ(r.pattern, "ass");
  EXPECT_EQ(r.kind, RuleKind::kTerm);
  EXPECT_EQ(r.category, "harassment");
  EXPECT_EQ(r.severity, Severity::kMedium);
  EXPECT_EQ(r.langs, std::vector<std::string>{"en"});
  EXPECT_EQ(r.note, "insult");
  EXPECT_EQ(r.file, "en.tsv");
  EXPECT_EQ(r.line, 3);
}

TEST(LexiconTest, VersionIsAContentHash) {
  auto files = testing::TestLexiconFiles();
  std::shared_ptr<const Lexicon> a, b, c;
  ASSERT_OK(Load(files, &a));
  ASSERT_OK(Load(files, &b));
  EXPECT_EQ(a->version(), b->version());
  files["zh.tsv"] += "作弊\tterm\tscam\tlow\tzh\n";
  ASSERT_OK(Load(files, &c));
  EXPECT_NE(a->version(), c->version());
  LexiconOptions options;
  options.version = "v7";
  ASSERT_OK(LoadLexiconFiles(files, options, &c));
  EXPECT_EQ(c->version(), "v7");
}

struct BadCase {
  std::string body;      // lines after the header of bad.tsv
  std::string expected;  // substring of the error message
};

TEST(LexiconTest, MalformedLinesAreReportedWithFileAndLine) {
  const BadCase cases[] = {
      {"foo\tterm\tx\tsevere\t*\t\n", "bad.tsv:2: unknown severity 'severe'"},
      {"foo\tword\tx\tlow\t*\t\n", "bad.tsv:2: unknown kind 'word'"},
      {"foo\tterm\tx\tlow\n", "bad.tsv:2: missing column"},
      {"foo\tterm\tx\tlow\t*\tnote\textra\n", "bad.tsv:2: too many columns"},
      {"foo\tterm\tx\tlow\tenglish!\t\n", "bad.tsv:2: bad language tag 'english!'"},
      {"foo\tterm\tx\tlow\t\t\n", "bad.tsv:2: empty langs"},
      {"\tterm\tx\tlow\t*\t\n", "bad.tsv:2: empty pattern"},
      {"foo\tterm\t\tlow\t*\t\n", "bad.tsv:2: empty category"},
      {"# comment\n\nfo(o\tregex\tx\tlow\t*\t\n", "bad.tsv:4: bad regex"},
      {"ok\tterm\tx\tlow\t*\t\na[b\tregex\tx\tlow\t*\t\n", "bad.tsv:3: bad regex"},
      {"\xff\xfe\tterm\tx\tlow\t*\t\n", "bad.tsv:2: not valid UTF-8"},
  };
  for (const auto& c : cases) {
    std::shared_ptr<const Lexicon> lexicon;
    Status s = Load({{"good.tsv", kHeader + "fine\tterm\tx\tlow\t*\t\n"}, {"bad.tsv", kHeader + c.body}},
                    &lexicon);
    EXPECT_EQ(s.code(), Status::Code::kInvalidArgument) << c.body;
    EXPECT_NE(s.message().find(c.expected), std::string::npos) << s.message();
    EXPECT_EQ(lexicon, nullptr) << c.body;
  }
}

TEST(LexiconTest, EveryBadLineIsListed) {
  std::shared_ptr<const Lexicon> lexicon;
  Status s = Load({{"a.tsv", kHeader + "x\tterm\tc\tlow\t*\n(\tregex\tc\tlow\t*\n"},
                   {"b.tsv", kHeader + "y\tterm\tc\tsome\t*\nz\tterm\tc\tlow\n"}},
                  &lexicon);
  ASSERT_FALSE(s.ok());
  for (const char* where : {"a.tsv:3:", "b.tsv:2:", "b.tsv:3:"}) {
    EXPECT_NE(s.message().find(where), std::string::npos) << where << " in " << s.message();
  }
  EXPECT_EQ(s.message().find("a.tsv:2:"), std::string::npos) << s.message();
}

TEST(LexiconTest, HeaderIsRequired) {
  std::shared_ptr<const Lexicon> lexicon;
  Status s = Load({{"a.tsv", "x\tterm\tc\tlow\t*\t\n"}}, &lexicon);
  EXPECT_NE(s.message().find("a.tsv:1: expected the header"), std::string::npos) << s.message();
  s = Load({{"a.tsv", "# only a comment\n"}}, &lexicon);
  EXPECT_NE(s.message().find("no header"), std::string::npos) << s.message();
  s = Load({{"readme.txt", "hello"}}, &lexicon);
  EXPECT_NE(s.message().find("no *.tsv"), std::string::npos) << s.message();
}

TEST(LexiconTest, RegexWithWordBoundaryCompiles) {
  // \b does not compile with Unicode classes; such a regex falls back to ASCII classes.
  std::shared_ptr<const Lexicon> lexicon;
  ASSERT_OK(Load({{"a.tsv", kHeader + "\\bfoo\\b\tregex\tc\tlow\t*\t\n"}}, &lexicon));
}

TEST(LexiconTest, LoadsFromDirectory) {
  wenjin::testing::TempDir dir;
  for (const auto& [name, content] : testing::TestLexiconFiles()) {
    std::ofstream(dir.str(name)) << content;
  }
  std::ofstream(dir.str("README.md")) << "not a lexicon file";
  std::shared_ptr<const Lexicon> lexicon;
  ASSERT_OK(LoadLexiconDir(dir.str(), &lexicon));
  EXPECT_EQ(lexicon->files().size(), 2u);
  std::shared_ptr<const Lexicon> from_map;
  ASSERT_OK(Load(testing::TestLexiconFiles(), &from_map));
  EXPECT_EQ(lexicon->version(), from_map->version());
  EXPECT_TRUE(LoadLexiconDir(dir.str("missing"), &lexicon).IsNotFound());
}

TEST(LexiconTest, LanguageApplicability) {
  Rule rule;
  rule.langs = {"en", "zh"};
  EXPECT_TRUE(RuleAppliesTo(rule, "en"));
  EXPECT_TRUE(RuleAppliesTo(rule, "en-GB"));
  EXPECT_TRUE(RuleAppliesTo(rule, "zh-Hant"));
  EXPECT_TRUE(RuleAppliesTo(rule, ""));
  EXPECT_FALSE(RuleAppliesTo(rule, "fr"));
  rule.langs.clear();
  EXPECT_TRUE(RuleAppliesTo(rule, "fr"));
}

TEST(LexiconStoreTest, SaveActivateLoadWithoutRecompiling) {
  wenjin::testing::TempDir dir;
  std::unique_ptr<store::Db> db;
  ASSERT_OK(store::Db::Open(dir.str("db"), &db));
  LexiconStore lexicons(db.get());
  std::shared_ptr<const Lexicon> original, loaded;
  EXPECT_TRUE(lexicons.LoadActive(LexiconOptions(), &loaded).IsNotFound());
  ASSERT_OK(Load(testing::TestLexiconFiles(), &original));
  EXPECT_TRUE(original->compiled().compiled_now);
  ASSERT_OK(lexicons.Save(*original));
  EXPECT_TRUE(lexicons.Activate("nope").IsNotFound());
  ASSERT_OK(lexicons.Activate(original->version()));
  ASSERT_OK(lexicons.LoadActive(LexiconOptions(), &loaded));
  EXPECT_FALSE(loaded->compiled().compiled_now);  // deserialised, not recompiled
  EXPECT_EQ(loaded->version(), original->version());
  EXPECT_EQ(loaded->files(), original->files());
  for (const char* text : {"you a.s.s", "代考", "the assassin bug", "killer"}) {
    EXPECT_EQ(ToString(ScreenWith(*loaded, text, "", "human")), ToString(ScreenWith(*original, text, "", "human")))
        << text;
  }
}

TEST(LexiconStoreTest, ListsVersionsAndRecompilesBadDatabases) {
  wenjin::testing::TempDir dir;
  std::unique_ptr<store::Db> db;
  ASSERT_OK(store::Db::Open(dir.str("db"), &db));
  LexiconStore lexicons(db.get());
  const std::string header = "pattern\tkind\tcategory\tseverity\tlangs\tnote\n";
  LexiconOptions v1, v2;
  v1.version = "v1";
  v2.version = "v2";
  std::shared_ptr<const Lexicon> a, b, loaded;
  ASSERT_OK(LoadLexiconFiles({{"a.tsv", header + "alpha\tterm\tc\tmedium\t*\n"}}, v1, &a));
  ASSERT_OK(LoadLexiconFiles({{"a.tsv", header + "alpha\tterm\tc\tblock\t*\nbeta\tterm\tc\tlow\t*\n"}}, v2, &b));
  ASSERT_OK(lexicons.Save(*a));
  ASSERT_OK(lexicons.Save(*b));
  ASSERT_OK(lexicons.Activate("v2"));
  std::vector<LexiconInfo> infos;
  ASSERT_OK(lexicons.List(&infos));
  ASSERT_EQ(infos.size(), 2u);
  EXPECT_EQ(infos[0].version, "v1");
  EXPECT_EQ(infos[0].rules, 1);
  EXPECT_FALSE(infos[0].active);
  EXPECT_EQ(infos[1].version, "v2");
  EXPECT_TRUE(infos[1].active);
  // A damaged stored database is recompiled from the stored files, not trusted.
  ASSERT_OK(db->Put(store::Family::kLexicons, "v/v2/skeleton", "garbage"));
  ASSERT_OK(lexicons.LoadActive(LexiconOptions(), &loaded));
  EXPECT_TRUE(loaded->compiled().compiled_now);
  EXPECT_EQ(ToString(ScreenWith(*loaded, "alpha beta", "", "human")), "block alpha@0-5:c/block beta@6-10:c/low");
}

}  // namespace
}  // namespace wenjin::review
