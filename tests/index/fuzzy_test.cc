// Typo candidates: distance rules, OSA distances, and the trie walk against brute force.
#include "index/fuzzy.h"
#include "index/query_context.h"

#include <random>
#include <set>

#include <gtest/gtest.h>

namespace wenjin::index {
namespace {

TEST(FuzzyTest, MaxEditsByLength) {
  const std::pair<size_t, int> cases[] = {{1, 0}, {3, 0}, {4, 1}, {7, 1}, {8, 2}, {20, 2}};
  for (const auto& [length, expected] : cases) EXPECT_EQ(MaxEdits(length), expected) << length;
}

TEST(FuzzyTest, OsaDistances) {
  struct Case {
    const wchar_t* a;
    const wchar_t* b;
    int expected;
  };
  const Case cases[] = {
      {L"from", L"from", 0},       {L"from", L"frmo", 1},          {L"from", L"form", 1},
      {L"school", L"scool", 1},    {L"school", L"schoool", 1},     {L"school", L"skool", 2},
      {L"", L"abc", 3},            {L"éducation", L"education", 1}, {L"ca", L"abc", 3},
      {L"education", L"eudcatoin", 2},
  };
  for (const auto& c : cases) EXPECT_EQ(OsaDistance(c.a, c.b), c.expected) << c.a << " " << c.b;
}

TEST(FuzzyTest, TypoTolerantScripts) {
  const std::pair<const wchar_t*, bool> cases[] = {
      {L"education", true}, {L"образование", true}, {L"التعليم", true}, {L"教育", false},
      {L"学", false},       {L"きょういく", false},  {L"การศึกษา", false}, {L"1234", false},
  };
  for (const auto& [word, expected] : cases) EXPECT_EQ(TypoTolerantScript(word), expected);
}

TEST(FuzzyTest, FindsCandidatesInOrder) {
  TermDictionary dict({{L"education", 5}, {L"educational", 2}, {L"eduction", 1}, {L"vacation", 9},
                       {L"school", 4}, {L"schools", 1}, {L"scholar", 3}, {L"cool", 8}});
  auto got = dict.Within(L"educaiton", 2);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].term, L"education");  // one transposition
  EXPECT_EQ(got[0].distance, 1);
  EXPECT_EQ(got[1].term, L"eduction");
  EXPECT_EQ(got[1].distance, 2);
  got = dict.Within(L"scool", 1);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].term, L"cool");  // same distance: the more frequent first
  EXPECT_EQ(got[1].term, L"school");
  got = dict.Within(L"school", 1);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].term, L"school");
  EXPECT_EQ(got[0].distance, 0);
  EXPECT_EQ(got[1].term, L"schools");
}

// The pruned trie walk must find exactly what a full scan finds.
TEST(FuzzyTest, MatchesBruteForceOnRandomDictionaries) {
  std::mt19937 rng(42);
  const std::wstring alphabet = L"abcdeé";
  auto random_word = [&](size_t min_len, size_t max_len) {
    std::uniform_int_distribution<size_t> len(min_len, max_len);
    std::uniform_int_distribution<size_t> ch(0, alphabet.size() - 1);
    std::wstring w(len(rng), L' ');
    for (auto& c : w) c = alphabet[ch(rng)];
    return w;
  };
  std::vector<TermDictionary::Entry> entries;
  for (int i = 0; i < 2000; ++i) entries.push_back({random_word(1, 9), 1});
  TermDictionary dict(entries);
  std::set<std::wstring> unique;
  for (const auto& e : entries) unique.insert(e.term);
  for (int q = 0; q < 80; ++q) {
    const std::wstring word = random_word(2, 10);
    for (int k = 0; k <= 2; ++k) {
      std::set<std::wstring> expected;
      for (const auto& t : unique) {
        if (OsaDistance(word, t) <= k) expected.insert(t);
      }
      std::set<std::wstring> got;
      for (const auto& c : dict.Within(word, k)) {
        got.insert(c.term);
        EXPECT_EQ(c.distance, OsaDistance(word, c.term));
      }
      ASSERT_EQ(got, expected) << "k=" << k;
    }
  }
}

// Segments have dictionaries of their own: candidates merge, document frequencies add up.
TEST(FuzzyTest, CandidatesMergeAcrossSegments) {
  std::vector<std::shared_ptr<const TermDictionary>> segments = {
      std::make_shared<const TermDictionary>(std::vector<TermDictionary::Entry>{{L"school", 2}, {L"schools", 1}}),
      std::make_shared<const TermDictionary>(std::vector<TermDictionary::Entry>{{L"school", 3}, {L"scholl", 9}}),
  };
  auto got = WithinAll(segments, L"schol", 1, 10);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].term, L"scholl");
  EXPECT_EQ(got[0].doc_freq, 9);
  EXPECT_EQ(got[1].term, L"school");
  EXPECT_EQ(got[1].doc_freq, 5);
  EXPECT_EQ(WithinAll(segments, L"schol", 1, 1).size(), 1u);
}

}  // namespace
}  // namespace wenjin::index
