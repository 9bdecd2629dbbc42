// NormalizeWithOffsets: same text as ICU's whole-string NFKC_Casefold, and a sound offset map.
#include "index/analysis/normalized_text.h"

#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <unicode/normalizer2.h>
#include <unicode/utf16.h>

#include "tests/util/testutil.h"

namespace wenjin::analysis {
namespace {

std::wstring Wide(const icu::UnicodeString& s) {
  std::wstring out;
  for (int32_t i = 0; i < s.length();) {
    UChar32 c = s.char32At(i);
    i += U16_LENGTH(c);
    out.push_back(static_cast<wchar_t>(c));
  }
  return out;
}

icu::UnicodeString Reference(const std::wstring& text) {
  icu::UnicodeString in;
  for (wchar_t c : text) in.append(static_cast<UChar32>(c == 0x2019 ? 0x27 : c));
  UErrorCode err = U_ZERO_ERROR;
  return icu::Normalizer2::getNFKCCasefoldInstance(err)->normalize(in, err);
}

// Checks the text against ICU and the map's shape: one entry per unit, ranges inside the
// original, never going backwards.
void Check(const std::wstring& text) {
  NormalizedText n;
  NormalizeWithOffsets(text.data(), static_cast<int32_t>(text.size()), &n);
  ASSERT_EQ(Wide(n.text), Wide(Reference(text)));
  ASSERT_EQ(n.start_of.size(), static_cast<size_t>(n.text.length()));
  ASSERT_EQ(n.end_of.size(), static_cast<size_t>(n.text.length()));
  int32_t last_start = 0;
  for (size_t i = 0; i < n.start_of.size(); ++i) {
    ASSERT_LE(last_start, n.start_of[i]);
    ASSERT_LT(n.start_of[i], n.end_of[i]);
    ASSERT_LE(n.end_of[i], static_cast<int32_t>(text.size()));
    last_start = n.start_of[i];
  }
}

TEST(NormalizeWithOffsets, EdgeCases) {
  const wchar_t* cases[] = {
      L"",
      L"Hello World",
      L"e\u0301cole E\u0323\u0301",          // combining marks, reordered by canonical order
      L"\u1100\u1161\u11A8 \uAC00\u11A8",      // Hangul jamo composing into syllables
      L"\uFB01 \u2167 \uFDFA \u3392",          // expansions: ligature, roman numeral, Arabic ligature, ㎒
      L"\U00020000\U0001F600x\U0001D400",      // supplementary characters (surrogate pairs)
      L"a\u200Bb\u00ADc\uFEFFd\u200Ce",        // default ignorables removed
      L"l\u2019\u00E9cole",                    // apostrophe mapping
      L"ＡＢＣ Straße ΣΑΣ İ",
  };
  for (const wchar_t* c : cases) Check(c);

  NormalizedText n;
  std::wstring text = L"a\uFB01\U00020000b";
  NormalizeWithOffsets(text.data(), static_cast<int32_t>(text.size()), &n);
  ASSERT_EQ(Wide(n.text), L"afi\U00020000b");
  // "fi" both come from the ligature at code point 1; the supplementary character is one code
  // point (index 2) over two UTF-16 units.
  EXPECT_EQ(n.OriginalStart(1), 1);
  EXPECT_EQ(n.OriginalEnd(3), 2);
  EXPECT_EQ(n.OriginalStart(3), 2);
  EXPECT_EQ(n.OriginalEnd(5), 3);
  EXPECT_EQ(n.OriginalStart(5), 3);
}

TEST(NormalizeWithOffsets, InvalidCodePointsBecomeReplacementCharacters) {
  std::wstring text = {L'a', static_cast<wchar_t>(0xD800), L'b', static_cast<wchar_t>(0x110000)};
  NormalizedText n;
  NormalizeWithOffsets(text.data(), static_cast<int32_t>(text.size()), &n);
  EXPECT_EQ(Wide(n.text), L"a\uFFFDb\uFFFD");
}

// Every text of the bundled multilingual corpus (60+ languages) normalises as ICU does.
TEST(NormalizeWithOffsets, BundledCorpusMatchesIcu) {
  std::ifstream in(wenjin::testing::SourceDir() / "corpora" / "catalog.ndjson");
  if (!in) GTEST_SKIP() << "corpora/catalog.ndjson not present";
  std::string line;
  size_t checked = 0;
  while (std::getline(in, line)) {
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (!j.is_object()) continue;
    for (const char* key : {"title", "description", "body"}) {
      if (!j.contains(key) || !j[key].is_string()) continue;
      icu::UnicodeString u = icu::UnicodeString::fromUTF8(j[key].get<std::string>());
      Check(Wide(u));
      if (HasFatalFailure()) return;
      ++checked;
    }
  }
  EXPECT_GT(checked, 1000u);
}

}  // namespace
}  // namespace wenjin::analysis
