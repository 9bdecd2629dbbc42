// Random and hostile input through every kind of field: no exception, offsets inside the input
// and on UTF-8 character boundaries, positions never going back.
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "index/analysis/tokens.h"

namespace wenjin::analysis {
namespace {

// Characters chosen to stress the analysis: marks without a base, ignorables, expansions,
// apostrophes, scripts without spaces, supplementary planes, invalid bytes.
const std::vector<std::string>& Pieces() {
  static const std::vector<std::string> pieces = {
      "a", "Z", "é", "e\u0301", "\u0301", "\u200B", "\u00AD", "\uFEFF", "\u200D", "ﬁ", "Ⅻ", "ß", "İ", "'", "’",
      " ", "\n", ".", "-", "_", "3", "٣", "中", "國", "の", "カ", "ー", "한", "\u1100", "\u1161", "ไ", "ท",
      "\u0E31", "ກ", "ក", "\u17D2", "မ", "\u1039", "ह", "\u093F", "\u094D", "ع", "\u064E", "\u05B0",
      "\U00020000", "\U0001F600", "\uFDFA", "\xff", "\xe4\xbd", "\xf0\x9f", "\xc0\xaf", "l'", "qu'"};
  return pieces;
}

bool IsContinuationByte(unsigned char c) { return (c & 0xC0) == 0x80; }

TEST(Robustness, RandomTextOnEveryFieldKind) {
  std::mt19937 rng(20241123);
  const auto& pieces = Pieces();
  std::uniform_int_distribution<size_t> pick(0, pieces.size() - 1);
  std::uniform_int_distribution<int> length(0, 40);
  const char* fields[] = {"all", "all.fold", "text.en", "text.fr", "text.zh", "text.ar", "text.fa", "text.el",
                          "text.de", "text.ru", "text.it", "id", "x.kw"};
  for (int round = 0; round < 1500; ++round) {
    std::string text;
    for (int i = length(rng); i > 0; --i) text += pieces[pick(rng)];
    for (const char* field : fields) {
      std::vector<Token> tokens;
      ASSERT_NO_THROW(tokens = AnalyzeField(field, text)) << field << ": " << text;
      int last_position = -1;
      for (const Token& t : tokens) {
        ASSERT_LE(t.start, t.end) << field << ": " << text;
        ASSERT_LE(t.end, text.size()) << field << ": " << text;
        // Offsets fall on character starts (or the end), never inside a valid UTF-8 sequence.
        if (t.start < text.size()) ASSERT_FALSE(IsContinuationByte(text[t.start]) && t.start > 0 &&
                                                static_cast<unsigned char>(text[t.start - 1]) >= 0xC2 &&
                                                static_cast<unsigned char>(text[t.start - 1]) < 0xF5 &&
                                                !IsContinuationByte(text[t.start - 1]))
            << field << ": " << text;
        ASSERT_GE(t.position, last_position) << field << ": " << text;
        ASSERT_FALSE(t.text.empty()) << field << ": " << text;
        last_position = t.position;
      }
    }
  }
}

TEST(Robustness, LongText) {
  std::string text;
  for (int i = 0; i < 2000; ++i) text += "人人生而自由，在尊严和权利上一律平等。All human beings are born free. ";
  std::vector<Token> tokens = AnalyzeField("all", text);
  EXPECT_GT(tokens.size(), 2000u * 20);
  EXPECT_EQ(tokens.back().text, "free");
  EXPECT_EQ(text.substr(tokens.back().start, tokens.back().end - tokens.back().start), "free");
}

}  // namespace
}  // namespace wenjin::analysis
