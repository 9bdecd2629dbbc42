// Streaming sessions: for every chunk size 1..16 the final verdict equals the block-mode
// screen of the whole text (matches spanning chunk edges, mid-character cuts, deferred
// whole-word checks), and a session stops at the first block.
#include <string>
#include <vector>

#include "review/screener.h"
#include "tests/review/screener_test_lexicon.h"
#include "tests/util/testutil.h"

namespace wenjin::review {
namespace {

struct StreamCase {
  std::string text;
  std::string lang;
  std::string origin;
};

Verdict StreamInChunks(const Screener& screener, const StreamCase& c, size_t chunk) {
  auto session = screener.NewSession(c.lang, c.origin);
  for (size_t pos = 0; pos < c.text.size() && !session->done(); pos += chunk) {
    session->Feed(std::string_view(c.text).substr(pos, chunk));
  }
  return session->Finish();
}

TEST(StreamTest, SameVerdictAsBlockModeForEveryChunking) {
  Screener screener(testing::TestLexicon());
  const StreamCase cases[] = {
      {"you are an ass", "en", "human"},
      {"this class is an assessment, as soon as possible", "en", "human"},
      {"a.s.s and aaassss and a\xF0\x9F\x98\x80s\xF0\x9F\x98\x80s", "en", "human"},
      {"a\xE2\x80\x8Bss \xD0\x90ss a$$", "en", "human"},
      {"what a bad word, bad-word, bad words", "en", "human"},
      {"the assassin bug eats insects; the assassin fled", "en", "human"},
      {"idiot ass idiot", "en", "ai"},
      {"他找人代考。现代考古学很有意思。代.考 取代，考试", "zh", "human"},
      {"你是傻逼吗", "zh", "human"},
      {"just KILL   yourself, or skill yourself up", "en", "human"},
      {"a long clean text about the history of science and education in many countries", "en", "human"},
      {"killer at the end: killer", "en", "human"},
      {"", "en", "human"},
  };
  for (const auto& c : cases) {
    const Verdict whole = screener.Screen(c.text, c.lang, c.origin);
    for (size_t chunk = 1; chunk <= 16; ++chunk) {
      const Verdict streamed = StreamInChunks(screener, c, chunk);
      EXPECT_EQ(streamed.decision, whole.decision) << c.text << " chunk " << chunk;
      if (whole.decision != Decision::kBlock) {
        EXPECT_EQ(ToString(streamed), ToString(whole)) << c.text << " chunk " << chunk;
        ASSERT_EQ(streamed.flags.size(), whole.flags.size());
        for (size_t i = 0; i < whole.flags.size(); ++i) {
          EXPECT_EQ(streamed.flags[i].excerpt, whole.flags[i].excerpt) << c.text << " chunk " << chunk;
        }
      }
      EXPECT_EQ(streamed.lexicon_version, whole.lexicon_version);
    }
  }
}

TEST(StreamTest, VerdictSoFarGrowsAndStopsAtBlock) {
  Screener screener(testing::TestLexicon());
  auto session = screener.NewSession("en", "human");
  EXPECT_EQ(ToString(session->Feed("hello there, you a")), "allow");
  session->Feed("ss, and more text follows here to settle the whole-word check ...");
  Verdict v = session->Feed(" and then a killer appears");
  EXPECT_FALSE(session->done());
  v = session->Feed(" followed by enough text for the match to be judged.");
  EXPECT_EQ(v.decision, Decision::kBlock);
  EXPECT_TRUE(session->done());
  const uint64_t fed = session->bytes_fed();
  v = session->Feed("more text after the block is ignored");
  EXPECT_EQ(v.decision, Decision::kBlock);
  EXPECT_EQ(session->bytes_fed(), fed);
  EXPECT_EQ(session->Finish().decision, Decision::kBlock);
}

TEST(StreamTest, MatchAtEndNeedsFinish) {
  Screener screener(testing::TestLexicon());
  auto session = screener.NewSession("en", "human");
  // "ass" could still become "assessment": not judged until more text or the end arrives.
  EXPECT_EQ(ToString(session->Feed("you are an ass")), "allow");
  EXPECT_EQ(ToString(session->Finish()), "review ass@11-14:harassment/medium");
  auto other = screener.NewSession("en", "human");
  other->Feed("you are an ass");
  EXPECT_EQ(ToString(other->Feed("essment")), "allow");
  EXPECT_EQ(ToString(other->Finish()), "allow");
}

TEST(StreamTest, SessionKeepsItsLexiconAcrossSwap) {
  const std::string header = "pattern\tkind\tcategory\tseverity\tlangs\tnote\n";
  std::shared_ptr<const Lexicon> a, b;
  ASSERT_OK(LoadLexiconFiles({{"a.tsv", header + "alpha\tterm\tc\tmedium\t*\n"}}, &a));
  ASSERT_OK(LoadLexiconFiles({{"b.tsv", header + "beta\tterm\tc\tmedium\t*\n"}}, &b));
  Screener screener(a);
  auto session = screener.NewSession("en", "human");
  session->Feed("alpha ");
  screener.Swap(b);
  session->Feed("beta");
  EXPECT_EQ(ToString(session->Finish()), "review alpha@0-5:c/medium");
}

}  // namespace
}  // namespace wenjin::review
