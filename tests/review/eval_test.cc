// Evaluation on the labelled set in tests/review/eval/ with the bundled lexicon: recall on
// disguised terms (per language and evasion), false positives on clean sentences, and the
// bundled corpus screened with no block. Prints the tables; fails below the thresholds.
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "review/screener.h"
#include "tests/util/testutil.h"

namespace wenjin::review {
namespace {

// Thresholds, set just under what the screener reaches (see the report for the misses).
// Misses are leetspeak the screen does not read: symbols among letters typed one by one
// ("@ r r $ 3"), a lone "1" or "!" for the word "I", and lexicon entries written in leetspeak
// themselves. Measured 2026-11-23: recall 0.962 overall, every language >= 0.939.
constexpr double kMinRecall = 0.96;          // disguised terms caught, overall
constexpr double kMinRecallPerLang = 0.93;   // ... in every language
constexpr double kMaxFalsePositive = 0.01;   // clean sentences with a medium+ flag (measured 0/248)
constexpr double kMaxCorpusReview = 0.002;   // bundled corpus resources sent to review (measured 1/3733)

std::vector<std::map<std::string, std::string>> ReadTsv(const std::filesystem::path& path) {
  std::vector<std::map<std::string, std::string>> rows;
  std::ifstream in(path);
  std::string line;
  std::vector<std::string> header;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cols;
    std::stringstream ss(line);
    std::string col;
    while (std::getline(ss, col, '\t')) cols.push_back(col);
    if (header.empty()) {
      header = cols;
      continue;
    }
    std::map<std::string, std::string> row;
    for (size_t i = 0; i < header.size() && i < cols.size(); ++i) row[header[i]] = cols[i];
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string Lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

class EvalTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::shared_ptr<const Lexicon> lexicon;
    Status s = LoadLexiconDir((wenjin::testing::SourceDir() / "lexicons").string(), &lexicon);
    ASSERT_TRUE(s.ok()) << s.ToString();
    screener_ = new Screener(lexicon);
  }
  static void TearDownTestSuite() {
    delete screener_;
    screener_ = nullptr;
  }
  static Screener* screener_;
};
Screener* EvalTest::screener_ = nullptr;

struct Tally {
  int total = 0, hit = 0;
  double rate() const { return total ? static_cast<double>(hit) / total : 0; }
};

TEST_F(EvalTest, DisguisedTermsAreCaught) {
  const auto path = wenjin::testing::SourceDir() / "tests/review/eval/disguised.tsv";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "no " << path;
  const auto rows = ReadTsv(path);
  ASSERT_GT(rows.size(), 100u);
  Tally all;
  std::map<std::string, Tally> by_lang, by_evasion;
  std::vector<std::string> misses;
  for (const auto& row : rows) {
    const std::string& expected = row.at("expected_rule_pattern");
    Verdict v = screener_->Screen(row.at("text"), row.at("lang"), "human");
    bool caught = false;
    for (const auto& f : v.flags) caught = caught || Lower(f.rule) == Lower(expected);
    for (Tally* t : {&all, &by_lang[row.at("lang")], &by_evasion[row.at("evasion")]}) {
      ++t->total;
      t->hit += caught;
    }
    if (!caught) misses.push_back(row.at("lang") + " [" + row.at("evasion") + "] " + expected + ": " + row.at("text"));
  }
  std::printf("recall on disguised terms: %.4f (%d/%d)\n", all.rate(), all.hit, all.total);
  for (const auto& [lang, t] : by_lang) std::printf("  lang %-4s %.4f (%d/%d)\n", lang.c_str(), t.rate(), t.hit, t.total);
  for (const auto& [ev, t] : by_evasion) std::printf("  %-36s %.4f (%d/%d)\n", ev.c_str(), t.rate(), t.hit, t.total);
  for (const auto& m : misses) std::printf("  miss: %s\n", m.c_str());
  EXPECT_GE(all.rate(), kMinRecall);
  for (const auto& [lang, t] : by_lang) EXPECT_GE(t.rate(), kMinRecallPerLang) << lang;
}

TEST_F(EvalTest, CleanSentencesAreAllowed) {
  const auto path = wenjin::testing::SourceDir() / "tests/review/eval/clean.tsv";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "no " << path;
  const auto rows = ReadTsv(path);
  ASSERT_GT(rows.size(), 50u);
  Tally all;
  std::map<std::string, Tally> by_lang;
  for (const auto& row : rows) {
    Verdict v = screener_->Screen(row.at("text"), row.at("lang"), "human");
    bool flagged = v.decision != Decision::kAllow;
    for (const auto& f : v.flags) flagged = flagged || f.severity >= Severity::kMedium;
    for (Tally* t : {&all, &by_lang[row.at("lang")]}) {
      ++t->total;
      t->hit += flagged;
    }
    if (flagged) std::printf("  false positive: %s %s -> %s\n", row.at("lang").c_str(), row.at("text").c_str(), ToString(v).c_str());
  }
  std::printf("false-positive rate on clean sentences: %.4f (%d/%d)\n", all.rate(), all.hit, all.total);
  for (const auto& [lang, t] : by_lang) std::printf("  lang %-4s %.4f (%d/%d)\n", lang.c_str(), t.rate(), t.hit, t.total);
  EXPECT_LE(all.rate(), kMaxFalsePositive);
}

TEST_F(EvalTest, BundledCorpusHasNoBlock) {
  const auto path = wenjin::testing::SourceDir() / "corpora/catalog.ndjson";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "no " << path;
  std::ifstream in(path);
  std::string line;
  int total = 0, review = 0, block = 0, low_only = 0;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    nlohmann::json r = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (r.is_discarded()) continue;
    const std::string text = r.value("title", "") + "\n" + r.value("description", "");
    Verdict v = screener_->Screen(text, r.value("lang", ""), r.value("origin", "human"));
    ++total;
    if (v.decision == Decision::kBlock) ++block;
    if (v.decision == Decision::kReview) ++review;
    if (v.decision == Decision::kAllow && !v.flags.empty()) ++low_only;
    if (v.decision != Decision::kAllow) {
      std::printf("  %s %s: %s\n", DecisionName(v.decision), r.value("id", "").c_str(), ToString(v).c_str());
    }
  }
  std::printf("bundled corpus: %d resources, block %d, review %d (%.4f), allowed with low flags %d\n", total,
              block, review, total ? static_cast<double>(review) / total : 0.0, low_only);
  ASSERT_GT(total, 0);
  EXPECT_EQ(block, 0);
  EXPECT_LE(static_cast<double>(review) / total, kMaxCorpusReview);
}

}  // namespace
}  // namespace wenjin::review
