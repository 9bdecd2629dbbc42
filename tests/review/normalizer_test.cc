// Tests for the screening normaliser: each mapping on real multilingual examples, the offset
// map, streaming equivalence and thread safety.
#include "review/normalizer.h"
#include "review/normalize_data.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <thread>
#include <vector>

#include "tests/util/testutil.h"

namespace wenjin::review {
namespace {

struct Case {
  const char* input;
  const char* expected;
};

class NormalizerTest : public ::testing::Test {
 protected:
  static std::unique_ptr<Normalizer> Make(NormalizerOptions options = {}) {
    std::unique_ptr<Normalizer> n;
    Status s = Normalizer::Create(options, &n);
    EXPECT_TRUE(s.ok()) << s.ToString();
    return n;
  }
  void ExpectTable(const std::vector<Case>& cases, NormalizerOptions options = {}) {
    auto n = Make(options);
    for (const Case& c : cases) {
      NormalizedText out = n->Normalize(c.input);
      EXPECT_EQ(out.text, c.expected) << "input: " << c.input;
      EXPECT_EQ(out.origin_start.size(), out.text.size()) << c.input;
      EXPECT_EQ(out.origin_end.size(), out.text.size()) << c.input;
    }
  }
  // The original substring behind the first occurrence of `needle` in the normalised text.
  static std::string OriginalOf(const Normalizer& n, const std::string& input, const std::string& needle) {
    NormalizedText out = n.Normalize(input);
    size_t at = out.text.find(needle);
    if (at == std::string::npos) return "<not found in '" + out.text + "'>";
    auto [b, e] = out.ToOriginal(at, at + needle.size());
    return input.substr(b, e - b);
  }
};

TEST_F(NormalizerTest, CaseFoldingAndNfkc) {
  ExpectTable({
      {"Hello WORLD", "hello world"},
      {"ＡＢＣ ｂａｄ", "abc bad"},  // fullwidth
      {"Straße", "strasse"},         // de: sharp s folds to ss
      {"ﬁne ﬂower", "fine flower"},  // ligatures
      {"Ⅻ", "xii"},                  // Roman numeral
      {"𝐛𝐚𝐝 𝔟𝔞𝔡", "bad bad"},        // mathematical bold and fraktur
      {"ÉCOLE", "ecole"},            // fr: case + accent
  });
}

TEST_F(NormalizerTest, IgnorablesAndFormatCharactersRemoved) {
  ExpectTable({
      {"b\u200Ba\u200Bd", "bad"},  // zero-width space
      {"b\u200Ca\u200Dd", "bad"},  // ZWNJ, ZWJ
      {"ba\u00ADd", "bad"},        // soft hyphen
      {"\u202Ebad\u202C", "bad"},  // bidi override
      {"\u2066b\u2069ad", "bad"},  // bidi isolates
      {"\uFEFFbad", "bad"},        // BOM
      {"ba\uFE0Fd", "bad"},        // variation selector
      {"\u200B", ""},
  });
}

TEST_F(NormalizerTest, DiacriticsFolded) {
  ExpectTable({
      {"niño mañana", "nino manana"},    // es
      {"élève à côté", "eleve a cote"},  // fr
      {"Über schön", "uber schon"},      // de
      {"ação não", "acao nao"},          // pt
      {"e\u0301cole", "ecole"},          // decomposed input
      {"Tiếng Việt", "tieng viet"},      // stacked marks
      {"ёлка йод", "eлкa иoд"},          // ru: ё/й lose their marks; е/а/о become Latin
  });
}

TEST_F(NormalizerTest, DiacriticsKeptWhereTheyAreLetters) {
  ExpectTable({
      {"हिन्दी", "हिन्दी"},      // Devanagari vowel signs and virama stay
      {"ภาษาไทย", "ภาษาไทย"},  // Thai
      {"ที่นี่", "ที่นี่"},            // Thai tone marks stay
  });
  // With folding off, Latin accents stay too.
  NormalizerOptions keep;
  keep.fold_diacritics = false;
  ExpectTable({{"niño", "niño"}, {"ÉCOLE", "école"}}, keep);
}

TEST_F(NormalizerTest, ArabicTatweelAndHarakatRemoved) {
  ExpectTable({
      {"كـــلب", "كلب"},     // tatweel stretches the word
      {"كَلْب", "كلب"},        // fatha, sukun
      {"مُحَمَّد", "محمد"},      // damma, fatha, shadda
      {"الرَّحْمَٰن", "الرحمن"},  // superscript alef U+0670
      {"سلام", "سلام"},      // plain text unchanged
  });
}

TEST_F(NormalizerTest, ConfusablesMapToLatin) {
  ExpectTable({
      {"раураl", "paypal"},  // Cyrillic р а у а
      {"bаd", "bad"},        // Cyrillic а
      {"gοοd", "good"},      // Greek omicron
      {"ѕhіt", "shit"},      // Cyrillic dze, byelorussian i
      {"ɑss", "ass"},        // Latin alpha
  });
  NormalizerOptions off;
  off.map_confusables = false;
  ExpectTable({{"bаd", "bаd"}}, off);
}

TEST_F(NormalizerTest, TraditionalToSimplified) {
  ExpectTable({
      {"漢語", "汉语"},
      {"資訊檢索", "资讯检索"},
      {"學習中文", "学习中文"},
      {"简体不变", "简体不变"},
  });
  NormalizerOptions off;
  off.traditional_to_simplified = false;
  ExpectTable({{"漢語", "漢語"}}, off);
}

TEST_F(NormalizerTest, SubstitutionsInsideWords) {
  ExpectTable({
      {"b4d", "bad"},
      {"@ss", "ass"},
      {"sh1t", "shit"},
      {"h3ll0", "hello"},
      {"$h!t", "shit"},
      {"a$$", "ass"},
      {"5hit", "shit"},
      {"ｂ４ｄ", "bad"},  // fullwidth digit inside a word
      {"sh|t", "shit"},
  });
}

TEST_F(NormalizerTest, SubstitutionsLeaveNumbersAndPunctuation) {
  ExpectTable({
      {"2024", "2024"},
      {"10 students", "10 students"},
      {"$5 or 3.50", "$5 or 3.50"},
      {"You are bad!", "you are bad!"},
      {"bad!!", "bad!!"},
      {"|bad|", "|bad|"},
      {"1st 2nd 3rd 4th", "1st 2nd 3rd 4th"},
      {"5g 4k 3kg 60fps", "5g 4k 3kg 60fps"},
      {"10см", "10cм"},                      // ru unit: the digits stay
      {"我在2024年学习", "我在2024年学习"},  // digits in Chinese stay
      {"Hi @ everyone", "hi @ everyone"},
  });
  NormalizerOptions off;
  off.map_substitutions = false;
  ExpectTable({{"sh1t b4d", "sh1t b4d"}}, off);
}

TEST_F(NormalizerTest, InvalidUtf8BecomesReplacementCharacter) {
  ExpectTable({
      {"a\xFF"
       "b",
       "a\uFFFD"
       "b"},
      {"a\xC3", "a\uFFFD"},                    // truncated at the end
      {"\xED\xA0\x80", "\uFFFD\uFFFD\uFFFD"},  // surrogate U+D800 encoded: invalid
      {"\xC0\xAF", "\uFFFD\uFFFD"},            // overlong '/'
      {"\xE4\xB8x", "\uFFFDx"},                // cut sequence then ASCII
  });
  auto n = Make();
  NormalizedText out = n->Normalize("a\xE4\xB8x");
  ASSERT_EQ(out.text, "a\uFFFDx");
  // The replacement character's three bytes all point at the two bad input bytes.
  EXPECT_EQ(out.ToOriginal(1, 4), (std::pair<uint32_t, uint32_t>{1, 3}));
}

TEST_F(NormalizerTest, EmojiAreSeparators) {
  ExpectTable({
      {"b😀a😀d", "b😀a😀d"},
      {"👍🏽 good", "👍🏽 good"},
  });
}

// The screener looks for the normalised rule term and reports ToOriginal of the hit: that span
// must be exactly what the writer typed, disguise included.
TEST_F(NormalizerTest, OffsetsPointAtTheDisguisedWord) {
  auto n = Make();
  struct Span {
    std::string input, term, original;
  };
  std::vector<Span> spans = {
      {"You are a ｂ\u200Bａｄ student", "bad", "ｂ\u200Bａｄ"},                     // en
      {"Tu es vraiment b\u00ADê\u00ADt\u00ADe.", "bête", "b\u00ADê\u00ADt\u00ADe"},  // fr
      {"eres un idi0ta", "idiota", "idi0ta"},                                        // es
      {"Du bist ein Ar$ch", "Arsch", "Ar$ch"},                                       // de
      {"você é um idio\u0301ta", "idiota", "idio\u0301ta"},                          // pt
      {"ты дура́к", "дурак", "дура́к"},                                                // ru
      {"يا كـــلب", "كلب", "كـــلب"},                                                // ar
      {"這是漢語", "汉语", "漢語"},                                                  // zh
      {"Straße", "ss", "ß"},
      {"x a\xFF"
       "b y",
       "a\uFFFD"
       "b",
       "a\xFF"
       "b"},
  };
  for (const auto& s : spans) {
    std::string needle = n->Normalize(s.term).text;
    EXPECT_EQ(OriginalOf(*n, s.input, needle), s.original) << s.input;
  }
}

TEST_F(NormalizerTest, OffsetsAreMonotonicAndWithinInput) {
  auto n = Make();
  std::string input = "Héllo ｗｏｒｌｄ, 漢語 كَلْب ﬁ b\u200Ba\u200Bd 😀 sh1t \xFF";
  NormalizedText out = n->Normalize(input);
  uint32_t prev = 0;
  for (size_t i = 0; i < out.text.size(); ++i) {
    EXPECT_LE(prev, out.origin_start[i]);
    EXPECT_LT(out.origin_start[i], out.origin_end[i]);
    EXPECT_LE(out.origin_end[i], input.size());
    prev = out.origin_start[i];
  }
}

// Russian text shares its confusable mapping with Russian rule terms, so Russian terms keep
// matching Russian text. The cost: a Russian word made only of Latin look-alikes (сор, рас, ...)
// normalises to a Latin string. Check that ordinary Russian sentences produce no English rule
// term as a whole word.
TEST_F(NormalizerTest, RussianTextDoesNotBecomeEnglishTerms) {
  auto n = Make();
  const std::vector<std::string> english_terms = {"ass", "shit", "bad",   "cock", "porn", "sex",
                                                  "hoe", "cop",  "pussy", "xxx",  "ho",   "sob"};
  const std::vector<std::string> sentences = {
      "Сегодня на уроке мы изучаем историю России.",
      "Ученики читают книгу о природе и животных.",
      "Сосновый лес рос у реки.",
      "Он сказал: «Хорошо, сейчас приеду».",
      "Ох, как холодно! Сухо и ясно.",
  };
  for (const auto& s : sentences) {
    std::string text = " " + n->Normalize(s).text + " ";
    for (char& c : text)
      if (c == '.' || c == ',' || c == '!' || c == ':') c = ' ';
    for (const auto& term : english_terms) {
      EXPECT_EQ(text.find(" " + term + " "), std::string::npos) << s << " -> " << text;
    }
  }
  // The known cost: a Russian word spelt only with look-alikes of Latin letters is, after
  // mapping, the English word it looks like ("сор", litter, reads "cop"). Rules carry a
  // `langs` column, so an English-only term is not applied to Russian text.
  EXPECT_EQ(n->Normalize("сор").text, "cop");
  // ...while a Russian term still matches its own text.
  std::string term = n->Normalize("дурак").text;
  EXPECT_NE(n->Normalize("Ты ДУРАК!").text.find(term), std::string::npos);
}

// The inputs the streaming tests cut up.
std::vector<std::string> StreamInputs() {
  return {
      "You are a ｂ\u200Bａｄ student, sh1t happens in 2024!",
      "niño e\u0301cole Tiếng Việt Straße ﬁne",
      "كـــلب مُحَمَّد الرَّحْمَٰن",
      "這是漢語資訊檢索，我在2024年學習。",
      "раураl ѕhіt ёлка 10см h3ll0 $h!t a$$ @ss",
      "bad 😀 b😀a😀d 👍🏽 \xFF\xC3 a\xE4\xB8x \xED\xA0\x80 end\xF0\x9F",
      "हिन्दी ภาษาไทย ที่นี่ e\u0301\u0323\u0301x",
      std::string(3000, 'a') + "1" + std::string(10, 'b'),  // a run longer than kMaxRunBytes
      "",
  };
}

void ExpectSame(const NormalizedText& whole, const NormalizedText& streamed, const std::string& what) {
  EXPECT_EQ(streamed.text, whole.text) << what;
  EXPECT_EQ(streamed.origin_start, whole.origin_start) << what;
  EXPECT_EQ(streamed.origin_end, whole.origin_end) << what;
}

void Append(NormalizedText* all, const NormalizedText& part) {
  all->text += part.text;
  all->origin_start.insert(all->origin_start.end(), part.origin_start.begin(), part.origin_start.end());
  all->origin_end.insert(all->origin_end.end(), part.origin_end.begin(), part.origin_end.end());
}

TEST_F(NormalizerTest, StreamEqualsWholeForFixedChunkSizes) {
  auto n = Make();
  for (const std::string& input : StreamInputs()) {
    NormalizedText whole = n->Normalize(input);
    for (size_t chunk = 1; chunk <= 7; ++chunk) {
      auto stream = n->NewStream();
      NormalizedText all;
      for (size_t i = 0; i < input.size(); i += chunk) Append(&all, stream->Feed(input.substr(i, chunk)));
      Append(&all, stream->Finish());
      ExpectSame(whole, all, "chunk " + std::to_string(chunk) + ": " + input.substr(0, 60));
    }
  }
}

// Normalize into a reused NormalizedText: the previous text's bytes and offsets never leak
// into the next result, whether it is longer or shorter.
// The bulk ASCII path's SSE2 fold and substitute classes are the tables', for every byte.
TEST(NormalizeDataTest, SimdAsciiClassesEqualTables) {
  const NormalizeData* data = nullptr;
  ASSERT_TRUE(NormalizeData::Get(&data).ok());
  for (int first = 0; first < 128; first += 16) {
    alignas(16) unsigned char bytes[16], folded[16];
    for (int k = 0; k < 16; ++k) bytes[k] = static_cast<unsigned char>(first + k);
    const __m128i x = _mm_load_si128(reinterpret_cast<const __m128i*>(bytes));
    _mm_store_si128(reinterpret_cast<__m128i*>(folded), AsciiFold16(x));
    const uint32_t substitutes = AsciiSubstituteMask16(x);
    for (int k = 0; k < 16; ++k) {
      const int c = first + k;
      EXPECT_EQ(static_cast<char>(folded[k]), data->ascii_fold[c]) << c;
      EXPECT_EQ((substitutes >> k) & 1, data->ascii_class[c] == CharClass::kSubstitute ? 1u : 0u) << c;
    }
  }
}

TEST_F(NormalizerTest, NormalizeIntoReusedBuffersEqualsFresh) {
  auto n = Make();
  NormalizedText reused;
  for (const std::string& input : StreamInputs()) {
    n->Normalize(input, &reused);
    ExpectSame(n->Normalize(input), reused, "reused: " + input.substr(0, 60));
  }
  n->Normalize("", &reused);
  EXPECT_TRUE(reused.text.empty());
  EXPECT_TRUE(reused.origin_start.empty());
}

TEST_F(NormalizerTest, StreamEqualsWholeForRandomSplits) {
  auto n = Make();
  std::mt19937 rng(20261123);
  for (const std::string& input : StreamInputs()) {
    NormalizedText whole = n->Normalize(input);
    for (int trial = 0; trial < 20; ++trial) {
      auto stream = n->NewStream();
      NormalizedText all;
      size_t i = 0;
      while (i < input.size()) {
        size_t len = std::uniform_int_distribution<size_t>(0, 12)(rng);  // empty chunks too
        Append(&all, stream->Feed(input.substr(i, len)));
        i += len;
      }
      Append(&all, stream->Finish());
      ExpectSame(whole, all, "trial " + std::to_string(trial) + ": " + input.substr(0, 60));
    }
  }
}

TEST_F(NormalizerTest, StreamReleasesFinishedWordsEarly) {
  auto n = Make();
  auto stream = n->NewStream();
  // "bad " is final once the next word starts; "sh1" may still become "shit" or stay "sh1";
  // the last character may still take a combining mark.
  EXPECT_EQ(stream->Feed("bad sh1").text, "bad ");
  EXPECT_EQ(stream->Feed("t ").text, "");
  EXPECT_EQ(stream->Feed("x").text, "shit ");
  EXPECT_EQ(stream->Finish().text, "x");
}

TEST_F(NormalizerTest, StreamHoldsBackAtMostOneCappedRun) {
  auto n = Make();
  auto stream = n->NewStream();
  // A run with no separator (a base64 blob, say) is resolved in pieces of kMaxRunBytes, so a
  // stream does not hold the whole of it back.
  NormalizedText first = stream->Feed(std::string(5000, 'a'));
  EXPECT_GE(first.text.size(), 5000u - 1024u - 1u);
  EXPECT_LT(first.text.size(), 5000u);
  NormalizedText rest = stream->Finish();
  EXPECT_EQ(first.text.size() + rest.text.size(), 5000u);
  EXPECT_EQ(rest.origin_end.back(), 5000u);
}

TEST_F(NormalizerTest, ToOriginalEdgeCases) {
  auto n = Make();
  NormalizedText out = n->Normalize("ab\u200B");  // "ab", b -> "b\u200B" (bytes 1..5)
  ASSERT_EQ(out.text, "ab");
  using Range = std::pair<uint32_t, uint32_t>;
  EXPECT_EQ(out.ToOriginal(0, 1), (Range{0, 1}));
  EXPECT_EQ(out.ToOriginal(1, 2), (Range{1, 5}));
  EXPECT_EQ(out.ToOriginal(0, 99), (Range{0, 5}));  // end clamped
  EXPECT_EQ(out.ToOriginal(1, 1), (Range{1, 1}));   // empty range at its position
  EXPECT_EQ(out.ToOriginal(2, 2), (Range{5, 5}));   // empty range at the end
  EXPECT_EQ(NormalizedText{}.ToOriginal(0, 0), (Range{0, 0}));
}

TEST_F(NormalizerTest, AllOptionsOffStillFoldsCaseAndIgnorables) {
  NormalizerOptions off;
  off.fold_diacritics = off.map_confusables = off.traditional_to_simplified = off.map_substitutions = false;
  ExpectTable(
      {
          {"ÉCOLE b\u200Bаd 漢語 sh1t", "école b\u0430d 漢語 sh1t"},
          {"ＡＢＣ", "abc"},
      },
      off);
}

TEST_F(NormalizerTest, NormalizeIsThreadSafe) {
  auto n = Make();
  std::vector<std::string> inputs = StreamInputs();
  std::vector<NormalizedText> expected;
  for (const auto& s : inputs) expected.push_back(n->Normalize(s));
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 50; ++round) {
        for (size_t i = 0; i < inputs.size(); ++i) {
          if (n->Normalize(inputs[i]).text != expected[i].text) ++mismatches[t];
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < 4; ++t) EXPECT_EQ(mismatches[t], 0) << "thread " << t;
}

// The shared memo of one-character segments is filled by whichever thread first meets a
// character: threads racing over characters no other test uses must agree with a later
// single-threaded run.
TEST_F(NormalizerTest, ConcurrentFirstUseAgrees) {
  auto n = Make();
  std::string text;
  auto add = [&](char32_t from, char32_t to) {
    for (char32_t c = from; c <= to; ++c) {
      char buf[4];
      size_t len = 0;
      if (c < 0x800) {
        buf[len++] = static_cast<char>(0xC0 | (c >> 6));
      } else {
        buf[len++] = static_cast<char>(0xE0 | (c >> 12));
        buf[len++] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      }
      buf[len++] = static_cast<char>(0x80 | (c & 0x3F));
      text.append(buf, len);
      text += ' ';
    }
  };
  add(0x0100, 0x024F);  // Latin Extended-A/B
  add(0x1E00, 0x1EFF);  // Latin Extended Additional (Vietnamese)
  add(0x1F00, 0x1FFF);  // Greek Extended
  add(0xAC00, 0xAE00);  // Hangul syllables
  std::vector<std::string> results(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) threads.emplace_back([&, t] { results[t] = n->Normalize(text).text; });
  for (auto& th : threads) th.join();
  std::string later = n->Normalize(text).text;
  EXPECT_NE(later, text);  // the range holds characters that do change (ā -> a ...)
  for (int t = 0; t < 4; ++t) EXPECT_EQ(results[t], later) << "thread " << t;
}

}  // namespace
}  // namespace wenjin::review
