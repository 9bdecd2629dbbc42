// Block-mode screening: a table of {text, lang, origin, expected canonical verdict}, plus
// offsets into the original bytes, excerpts, JSON, policy, swaps under load and rescans.
#include "review/screener.h"

#include "review/rule_skeleton.h"

#include <atomic>
#include <thread>

#include "tests/review/screener_test_lexicon.h"
#include "tests/util/testutil.h"

namespace wenjin::review {
namespace {

struct Case {
  std::string text;
  std::string lang;
  std::string origin;
  std::string expected;  // ToString(verdict)
};

class ScreenerTest : public ::testing::Test {
 protected:
  ScreenerTest() : screener_(testing::TestLexicon()) {}
  Screener screener_;
};

TEST_F(ScreenerTest, Table) {
  const Case cases[] = {
      // Whole words in space-delimited scripts.
      {"you are an ass", "en", "human", "review ass@11-14:harassment/medium"},
      {"this class is an assessment", "en", "human", "allow"},
      {"as soon as possible", "en", "human", "allow"},
      {"passing the ass.", "en", "human", "review ass@12-15:harassment/medium"},
      // Structural evasions: separated letters, repeated letters.
      {"a.s.s", "en", "human", "review ass@0-5:harassment/medium"},
      {"you a s s", "en", "human", "review ass@4-9:harassment/medium"},
      {"a_-_s..s!", "en", "human", "review ass@0-8:harassment/medium"},
      {"aaassss", "en", "human", "review ass@0-7:harassment/medium"},
      {"idiiiot", "en", "human", "allow idiot@0-7:harassment/low"},
      {"iddiot", "en", "human", "allow"},  // a doubled letter is spelling ("good" is not "god")
      {"i.d.i.o.t", "en", "human", "allow idiot@0-9:harassment/low"},
      {"i.d.d.i.o.t", "en", "human", "allow"},  // "d.d" is two letters, not a disguised one
      {"a\xF0\x9F\x98\x80s\xF0\x9F\x98\x80s", "en", "human", "review ass@0-11:harassment/medium"},
      // Character-level evasions undone by the normaliser; offsets stay in the original.
      {"ASS", "en", "human", "review ass@0-3:harassment/medium"},
      {"a\xE2\x80\x8Bss", "en", "human", "review ass@0-6:harassment/medium"},        // zero-width space
      {"\xD0\x90ss hole", "en", "human", "review ass@0-4:harassment/medium"},          // Cyrillic А
      {"a$$", "en", "human", "review ass@0-3:harassment/medium"},
      // Phrases: the gap may be any separator run.
      {"what a bad word", "en", "human", "review bad word@7-15:harassment/high"},
      {"bad-word", "fr", "human", "review bad word@0-8:harassment/high"},
      {"bad words", "en", "human", "allow"},
      // Languages: en rules do not apply to French text; unknown language applies all.
      {"killer", "en", "human", "block killer@0-6:violence/block"},
      {"killer", "fr", "human", "allow"},
      {"killer", "", "human", "block killer@0-6:violence/block"},
      {"killer", "en-GB", "human", "block killer@0-6:violence/block"},
      // Policy: low alone allows (flag recorded); ai origin is stricter.
      {"idiot", "en", "human", "allow idiot@0-5:harassment/low"},
      {"idiot", "en", "ai", "allow idiot@0-5:harassment/low"},
      {"you ass", "en", "ai", "review ass@4-7:harassment/medium"},
      {"a bad word", "en", "ai", "block bad word@2-10:harassment/high"},
      {"idiot ass", "en", "human", "review idiot@0-5:harassment/low ass@6-9:harassment/medium"},
      // Allow entries suppress matches inside them.
      {"the assassin bug eats insects", "en", "human", "allow"},
      {"the assassin fled", "en", "human", "review assassin@4-12:violence/medium"},
      // Regex rules, matched on the normalised text, whole words.
      {"just KILL   yourself", "en", "human", "block kill\\s+your\\s*self@5-20:self-harm/block"},
      {"skill yourself up", "en", "human", "allow"},
      // CJK: substrings, unless the dictionary segmentation says the match cuts a longer word.
      {"他找人代考", "zh", "human", "review 代考@9-15:scam/high"},
      {"现代考古学很有意思", "zh", "human", "allow"},
      {"代.考", "zh", "human", "review 代考@0-7:scam/high"},
      {"取代，考试", "zh", "human", "allow"},
      {"你是傻逼吗", "zh", "human", "review 傻逼@6-12:harassment/high"},
      {"你是傻逼吗", "ja", "ai", "block 傻逼@6-12:harassment/high"},
      {"你是傻逼吗", "ko", "human", "allow"},
      {"", "en", "human", "allow"},
  };
  for (const auto& c : cases) {
    Verdict v = screener_.Screen(c.text, c.lang, c.origin);
    EXPECT_EQ(ToString(v), c.expected) << "text: " << c.text << " lang: " << c.lang;
  }
}

TEST_F(ScreenerTest, ExcerptIsOriginalTextWithContext) {
  const std::string text = "Some long introduction text, then: you are an ASS, said nobody in particular.";
  Verdict v = screener_.Screen(text, "en", "human");
  ASSERT_EQ(v.flags.size(), 1u);
  EXPECT_EQ(text.substr(v.flags[0].start, v.flags[0].end - v.flags[0].start), "ASS");
  EXPECT_NE(v.flags[0].excerpt.find("are an ASS, said"), std::string::npos) << v.flags[0].excerpt;
  EXPECT_LT(v.flags[0].excerpt.size(), text.size());
}

TEST_F(ScreenerTest, ExcerptCutsOnCharacterBoundaries) {
  const std::string text = "这是一段很长的中文文本，里面有人说要找人代考，真是太糟糕了，我们应该举报。";
  Verdict v = screener_.Screen(text, "zh", "human");
  ASSERT_EQ(v.flags.size(), 1u);
  std::shared_ptr<const Lexicon> unused;
  // A valid UTF-8 excerpt loads as a lexicon pattern without a UTF-8 error.
  EXPECT_OK(LoadLexiconFiles({{"x.tsv", "pattern\tkind\tcategory\tseverity\tlangs\tnote\n" +
                                            v.flags[0].excerpt + "\tterm\tc\tlow\t*\n"}},
                             &unused));
}

TEST_F(ScreenerTest, JsonShape) {
  Verdict v = screener_.Screen("you are an ass", "en", "human");
  nlohmann::json j = VerdictToJson(v);
  EXPECT_EQ(j["verdict"], "review");
  EXPECT_EQ(j["lexicon_version"], screener_.lexicon()->version());
  ASSERT_EQ(j["flags"].size(), 1u);
  EXPECT_EQ(j["flags"][0]["rule"], "ass");
  EXPECT_EQ(j["flags"][0]["category"], "harassment");
  EXPECT_EQ(j["flags"][0]["severity"], "medium");
  EXPECT_EQ(j["flags"][0]["start"], 11);
  EXPECT_EQ(j["flags"][0]["end"], 14);
  EXPECT_EQ(j["flags"][0]["excerpt"], "you are an ass");
}

TEST(SkeletonTest, Table) {
  // Runs collapse, one-letter words separated by non-letters join, other gaps become a space.
  const std::pair<const char*, const char*> cases[] = {
      {"feeeeltch", "feltch"},   {"f.e.l.t.c.h", "feltch"}, {"f e l t c h", "feltch"},
      {"bad-word", "bad word"},  {"as soon", "as son"},    {"a.ss", "as"},
      {"代.考", "代考"},          {"取代，考试", "取代考试"}, {"x, y and z", "xy and z"},
      {"", ""},
  };
  for (const auto& [text, expected] : cases) EXPECT_EQ(MakeSkeleton(text).text(), expected) << text;
}

TEST(SkeletonTest, TermSpans) {
  const std::vector<std::string> ass = {"a", "s", "s"};
  const std::tuple<const char*, bool, PatternForm> cases[] = {
      {"ass", true, PatternForm::kPlain},     {"a.s.s", true, PatternForm::kSeparated},
      {"a . s_ss", true, PatternForm::kSeparated}, {"aaass", true, PatternForm::kRepeat},
      {"asss", true, PatternForm::kRepeat},  {"aass", false, PatternForm::kPlain},
      {"as", false, PatternForm::kPlain},    {"a.ss", false, PatternForm::kPlain},
      {"as s", false, PatternForm::kPlain},
  };
  for (const auto& [span, ok, form] : cases) {
    PatternForm got = PatternForm::kAllow;
    EXPECT_EQ(MatchTermSpan(span, ass, false, true, &got), ok) << span;
    if (ok) {
      EXPECT_EQ(got, form) << span;
    }
  }
  PatternForm got;
  EXPECT_FALSE(MatchTermSpan("a.s.s", ass, false, /*allow_structural=*/false, &got));
  EXPECT_TRUE(MatchTermSpan("代.考", {"代", "考"}, true, true, &got));
  EXPECT_FALSE(MatchTermSpan("代,考", {"代", "考"}, true, true, &got));
  EXPECT_TRUE(MatchTermSpan("bad--word", {"b", "a", "d", " ", "w", "o", "r", "d"}, false, false, &got));
}

TEST(ScreenerSpelledLeetTest, DigitsInLettersTypedOneByOne) {
  // "f 3 l t c h": each character is a word of its own, so the normaliser keeps "3" a digit;
  // joined in the skeleton with other one-letter words, it reads as "e".
  const std::string header = "pattern\tkind\tcategory\tseverity\tlangs\tnote\n";
  std::shared_ptr<const Lexicon> lexicon;
  ASSERT_OK(LoadLexiconFiles({{"en.tsv", header + "feltch\tterm\tc\thigh\t*\n"
                                                   "nigette\tterm\tc\thigh\t*\n"
                                                   "abe\tterm\tc\tlow\t*\n"}},
                             &lexicon));
  const std::pair<std::string, std::string> cases[] = {
      {"typed f 3 l t c h here", "review feltch@6-17:c/high"},
      {"n 1 g 3 t t 3", "review nigette@0-13:c/high"},  // digits first, inside and last
      {"f-3-l-t-c-h", "review feltch@0-11:c/high"},
      {"a b 3", "allow abe@0-5:c/low"},
      {"a 3", "allow"},             // two one-character words: not enough to read digits
      {"1 2 3", "allow"},           // no letter: numbers stay numbers
      {"page a, b 3 of 5", "allow abe@5-11:c/low"},  // the price: short terms in lists
      {"f3ltch", "review feltch@0-6:c/high"},  // inside a word: the normaliser's own reading
  };
  for (const auto& [text, expected] : cases) {
    EXPECT_EQ(ToString(ScreenWith(*lexicon, text, "en", "human")), expected) << text;
  }
}

TEST(ScreenerMarksTest, TermsWhoseFirstOrLastLetterCarriesAMark) {
  // Devanagari: a vowel sign or virama is a combining mark, so the term's first or last unit
  // ("चू", "ता") is longer than the skeleton character it starts or ends on. Such terms were
  // never found, even written plainly.
  const std::string header = "pattern\tkind\tcategory\tseverity\tlangs\tnote\n";
  std::shared_ptr<const Lexicon> lexicon;
  ASSERT_OK(LoadLexiconFiles({{"hi.tsv", header + "चूत\tterm\tc\thigh\thi\n"
                                                   "कुत्ता\tterm\tc\thigh\thi\n"
                                                   "बकरी\tterm\tc\tlow\thi\n"}},
                             &lexicon));
  const std::pair<std::string, std::string> cases[] = {
      {"वह चूत है", "review चूत@7-16:c/high"},
      {"यह कुत्ता है", "review कुत्ता@7-25:c/high"},
      {"एक बकरी", "allow बकरी@7-19:c/low"},
      {"कुत्ताघर", "allow"},  // inside a longer word: not a whole-word match
      {"अचूत", "allow"},
  };
  for (const auto& [text, expected] : cases) {
    EXPECT_EQ(ToString(ScreenWith(*lexicon, text, "hi", "human")), expected) << text;
  }
}

TEST(DecideTest, Policy) {
  struct PolicyCase {
    std::vector<Severity> severities;
    Decision human, ai;
  };
  const PolicyCase cases[] = {
      {{}, Decision::kAllow, Decision::kAllow},
      {{Severity::kLow}, Decision::kAllow, Decision::kAllow},
      {{Severity::kLow, Severity::kLow}, Decision::kAllow, Decision::kAllow},
      {{Severity::kMedium}, Decision::kReview, Decision::kReview},
      {{Severity::kHigh}, Decision::kReview, Decision::kBlock},
      {{Severity::kBlock}, Decision::kBlock, Decision::kBlock},
      {{Severity::kLow, Severity::kBlock, Severity::kMedium}, Decision::kBlock, Decision::kBlock},
  };
  for (const auto& c : cases) {
    std::vector<Flag> flags;
    for (Severity s : c.severities) flags.push_back(Flag{"r", "c", s, 0, 1, ""});
    EXPECT_EQ(Decide(flags, "human"), c.human);
    EXPECT_EQ(Decide(flags, "ai"), c.ai);
  }
}

TEST(SwapTest, ScreensDuringSwapsSeeOneWholeLexicon) {
  // Lexicon A flags "alpha" only, B flags "beta" only: a verdict flagging both, or a failure,
  // would mean a half-swapped lexicon.
  const std::string header = "pattern\tkind\tcategory\tseverity\tlangs\tnote\n";
  LexiconOptions a_options, b_options;
  a_options.version = "A";
  b_options.version = "B";
  std::shared_ptr<const Lexicon> a, b;
  ASSERT_OK(LoadLexiconFiles({{"a.tsv", header + "alpha\tterm\tc\tmedium\t*\n"}}, a_options, &a));
  ASSERT_OK(LoadLexiconFiles({{"b.tsv", header + "beta\tterm\tc\thigh\t*\n"}}, b_options, &b));
  Screener screener(a);
  std::atomic<bool> stop{false};
  std::atomic<int> bad{0}, screened{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 3; ++t) {
    threads.emplace_back([&] {
      while (!stop) {
        Verdict v = screener.Screen("alpha and beta", "en", "human");
        const std::string s = ToString(v);
        const bool ok = (v.lexicon_version == "A" && s == "review alpha@0-5:c/medium") ||
                        (v.lexicon_version == "B" && s == "review beta@10-14:c/high");
        if (!ok) ++bad;
        ++screened;
      }
    });
  }
  for (int i = 0; i < 200; ++i) screener.Swap(i % 2 ? a : b);
  while (screened < 500) std::this_thread::yield();
  stop = true;
  for (auto& t : threads) t.join();
  EXPECT_EQ(bad, 0);
}

TEST(RescanTest, ReportsChangedVerdicts) {
  const std::string header = "pattern\tkind\tcategory\tseverity\tlangs\tnote\n";
  std::shared_ptr<const Lexicon> before, after;
  ASSERT_OK(LoadLexiconFiles({{"a.tsv", header + "alpha\tterm\tc\tmedium\t*\n"}}, &before));
  ASSERT_OK(LoadLexiconFiles({{"a.tsv", header + "alpha\tterm\tc\tblock\t*\ngamma\tterm\tc\tlow\t*\n"}},
                             &after));
  Screener screener(before);
  std::vector<RescanItem> items = {
      {"r1", "alpha here", "en", "human", {}},
      {"r2", "nothing here", "en", "human", {}},
      {"r3", "gamma ray", "en", "human", {}},
  };
  for (auto& item : items) item.previous = screener.Screen(item.text, item.lang, item.origin);
  EXPECT_TRUE(Rescan(screener, items).empty());
  screener.Swap(after);
  auto changes = Rescan(screener, items);
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].id, "r1");
  EXPECT_EQ(changes[0].before.decision, Decision::kReview);
  EXPECT_EQ(changes[0].after.decision, Decision::kBlock);
  EXPECT_EQ(changes[1].id, "r3");
  EXPECT_EQ(ToString(changes[1].after), "allow gamma@0-5:c/low");
}

}  // namespace
}  // namespace wenjin::review
