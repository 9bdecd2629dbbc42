// The speed paths of the screener give the same answers as the plain ones:
//  - MakeSkeleton (ASCII words in one loop, table lookups for other characters) against a
//    direct transcription of the per-character definition in review/rule_skeleton.h;
//  - the normaliser's bulk ASCII path against one byte at a time (a 1-byte stream never
//    takes it);
//  - screening ASCII text and the same text with non-ASCII words around the match: the same
//    flags at the same offsets, shifted by the bytes added before them;
//  - per-language literal databases: each language sees its own rules and the "*" rules,
//    text of unknown language sees every rule, before and after serialisation.
#include <string>
#include <vector>

#include "review/hs_lexicon.h"
#include "review/lexicon.h"
#include "review/normalizer.h"
#include "review/rule_patterns.h"
#include "review/rule_skeleton.h"
#include "review/screener.h"
#include "review/verdict.h"
#include "tests/review/screener_test_lexicon.h"
#include "tests/util/testutil.h"

#include <unicode/utf8.h>

namespace wenjin::review {
namespace {

// The skeleton as first written: per character, words collected, then emitted.
Skeleton ReferenceSkeleton(std::string_view normalized) {
  struct Char {
    int32_t cp;
    uint32_t begin, end;
  };
  struct Word {
    std::vector<Char> chars;
    bool single = true;
    uint32_t gap_begin = 0, gap_end = 0;
  };
  std::vector<Word> words;
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(normalized.size());
  bool in_word = false;
  uint32_t gap_begin = 0;
  while (i < n) {
    const int32_t begin = i;
    UChar32 c;
    U8_NEXT(normalized.data(), i, n, c);
    if (!IsWordChar(c)) {
      if (in_word) gap_begin = static_cast<uint32_t>(begin);
      in_word = false;
      continue;
    }
    const bool unsegmented = IsUnsegmentedChar(static_cast<uint32_t>(c));
    const bool continues =
        in_word && !unsegmented && !IsUnsegmentedChar(static_cast<uint32_t>(words.back().chars.back().cp));
    if (!continues) {
      Word w;
      w.gap_begin = in_word ? static_cast<uint32_t>(begin) : gap_begin;
      w.gap_end = static_cast<uint32_t>(begin);
      words.push_back(std::move(w));
    }
    Word& w = words.back();
    if (!w.chars.empty() && w.chars.front().cp != c) w.single = false;
    w.chars.push_back({c, static_cast<uint32_t>(begin), static_cast<uint32_t>(i)});
    in_word = true;
  }
  Skeleton out;
  std::string text;
  int32_t last_cp = -1;
  auto append = [&](std::string_view bytes, uint32_t from, uint32_t to) {
    for (char b : bytes) {
      text += b;
      out.from.push_back(from);
      out.to.push_back(to);
    }
  };
  for (size_t k = 0; k < words.size(); ++k) {
    const Word& w = words[k];
    if (k > 0 && w.gap_end > w.gap_begin && !(words[k - 1].single && w.single)) {
      append(" ", w.gap_begin, w.gap_end);
      last_cp = ' ';
    } else if (k > 0 && w.chars.front().cp != last_cp &&
               !(IsUnsegmentedChar(static_cast<uint32_t>(w.chars.front().cp)) &&
                 IsUnsegmentedChar(static_cast<uint32_t>(last_cp)))) {
      out.joins.push_back(static_cast<uint32_t>(text.size()));  // a word begins with no space before it
    }
    for (const Char& ch : w.chars) {
      if (ch.cp == last_cp) {
        for (size_t b = out.to.size(); b > 0 && out.from[b - 1] == out.from[out.to.size() - 1]; --b) {
          out.to[b - 1] = ch.end;
        }
        continue;
      }
      append(normalized.substr(ch.begin, ch.end - ch.begin), ch.begin, ch.end);
      last_cp = ch.cp;
    }
    if (w.single) {
      const auto at = static_cast<uint32_t>(text.size() - U8_LENGTH(last_cp));
      if (out.single_words.empty() || out.single_words.back() != at) out.single_words.push_back(at);
    }
  }
  // Letters typed one by one: in a stretch of >= 3 adjacent one-character skeleton words with
  // an ASCII letter and a digit, digits read as their leetspeak letters.
  const auto& at = out.single_words;
  for (size_t k = 0, end = 0; k < at.size(); k = end) {
    for (end = k + 1; end < at.size() && at[end] == at[end - 1] + 1;) ++end;
    std::string chars;
    for (size_t j = k; j < end; ++j) chars += text[at[j]];
    const bool letter = chars.find_first_of("abcdefghijklmnopqrstuvwxyz") != std::string::npos;
    const bool digit = chars.find_first_of("0123456789") != std::string::npos;
    if (end - k < 3 || !letter || !digit) continue;
    for (size_t j = k; j < end; ++j) {
      char& c = text[at[j]];
      static const std::string kDigits = "0123456789", kLetters = "oi2easgtbg";
      if (size_t d = kDigits.find(c); d != std::string::npos && kLetters[d] != '2') c = kLetters[d];
    }
  }
  out.framed = " " + text + " ";
  return out;
}

void ExpectSameSkeleton(const std::string& text) {
  const Skeleton fast = MakeSkeleton(text);
  const Skeleton reference = ReferenceSkeleton(text);
  EXPECT_EQ(fast.framed, reference.framed) << text;
  EXPECT_EQ(fast.joins, reference.joins) << text;
  EXPECT_EQ(fast.from, reference.from) << text;
  EXPECT_EQ(fast.to, reference.to) << text;
  EXPECT_EQ(fast.single_words, reference.single_words) << text;
}

TEST(FastPathTest, SkeletonMatchesReferenceOnTable) {
  const char* cases[] = {
      "", "a", "aaa", "b.a.d", "b a d word", "x, y and z", "baaaad wooord", "good food",
      "as soon as", "a.ss", "  leading and trailing  ",
      // non-ASCII inside and next to ASCII words, repeats across the border
      "na\xC3\xAFve caf\xC3\xA9", "\xC3\xA9\xC3\xA9\xC3\xA9t\xC3\xA9", "stra\xC3\x9F" "e", "b\xC3\xA9\xC3\xA9" "d a",
      "ass\xD0\xB0\xD0\xB0 \xD0\xB0ss",  // Cyrillic a after and before ASCII
      // unsegmented scripts: each character a word; digits and Latin beside them
      "\xE4\xBB\xA3\xE8\x80\x83", "\xE4\xBB\xA3.\xE8\x80\x83", "\xE5\x8F\x96\xE4\xBB\xA3\xEF\xBC\x8C\xE8\x80\x83",
      "ab\xE4\xBB\xA3\xE4\xBB\xA3" "cd", "10\xE5\xB9\xB4", "\xE0\xB8\x81\xE0\xB8\x81\xE0\xB8\x82",
      // combining marks, emoji separators, invalid bytes
      "e\xCC\x81\xCC\x81x", "a\xF0\x9F\x98\x80s\xF0\x9F\x98\x80s", "ab\xFF" "cd \xC3", "\xE0\xA4\x95\xE0\xA5\x8D\xE0\xA4\xB7",
  };
  for (const char* text : cases) ExpectSameSkeleton(text);
}

TEST(FastPathTest, SkeletonMatchesReferenceOnGeneratedMixes) {
  // Deterministic mixes of pieces that exercise every branch: ASCII letters and repeats,
  // separators, non-ASCII letters (one to four bytes), marks, CJK, invalid bytes.
  const char* pieces[] = {"a", "b", "s", "aa", " ", ".", "-", "\xC3\xA9", "\xD0\xB0", "\xCC\x81",
                          "\xE4\xBB\xA3", "\xE8\x80\x83", "\xF0\x9F\x98\x80", "7", "\xFF", "\xE0\xB8\x81"};
  const size_t count = sizeof(pieces) / sizeof(pieces[0]);
  uint64_t state = 12345;
  for (int sample = 0; sample < 3000; ++sample) {
    std::string text;
    const int length = 1 + sample % 17;
    for (int k = 0; k < length; ++k) {
      state = state * 6364136223846793005ull + 1442695040888963407ull;
      text += pieces[(state >> 33) % count];
    }
    ExpectSameSkeleton(text);
  }
}

TEST(FastPathTest, SkeletonMatchesReferenceOnLongAsciiMixes) {
  // Longer texts for the 64-byte blocks of the ASCII path: words of 1 to 40 bytes (the
  // 16-byte copy and the byte loop), words and repeats across block edges, upper case,
  // digits, and now and then a non-ASCII letter or separator inside or after a word.
  const char* pieces[] = {"a", "b", "Bb", "oo", " ", " ", ".", ", ", "x y", "7", "0o", "word", "tttt",
                          "abcdefghijklmnop", "abcdefghijklmnopq", "supercalifragilisticexpialidocious",
                          "\xC3\xA9", "\xE4\xBB\xA3", "\xF0\x9F\x98\x80", "q", "ss"};
  const size_t count = sizeof(pieces) / sizeof(pieces[0]);
  uint64_t state = 987654321;
  for (int sample = 0; sample < 2000; ++sample) {
    std::string text;
    const int length = 1 + sample % 120;
    for (int k = 0; k < length; ++k) {
      state = state * 6364136223846793005ull + 1442695040888963407ull;
      text += pieces[(state >> 33) % count];
    }
    ExpectSameSkeleton(text);
  }
}

TEST(FastPathTest, NormaliserBulkAsciiEqualsByteAtATime) {
  std::unique_ptr<Normalizer> normalizer;
  ASSERT_OK(Normalizer::Create(NormalizerOptions(), &normalizer));
  std::string long_run(3000, 'a');
  long_run[1500] = '3';  // a substitution in a run longer than kMaxRunBytes
  const std::string cases[] = {
      "h3ll0 w0rld, sh1t and a$$ @ss me@ bad! |cell| sh!t 1st 4th 5g 10 students $5",
      "plain ASCII text with no substitutions at all",
      "m1x3d \xC3\xA9t\xC3\xA9 4nd \xD0\xB0$$ 10\xD1\x81\xD0\xBC",
      long_run,
      "2024 !!! 3 a 3a a3 @ $ | ! 0",
      // Stretches without substitutes end with a run still open (its start and letters must
      // be right for a substitute after the next non-ASCII character), also past the run cap.
      std::string(1500, 'a') + "\xC3\xA9" + "3x",
      "\xC3\xA9" + std::string(1030, 'b') + "5\xC3\xA9" + "d",
      std::string(2050, 'c') + "\xD0\xB0" + "7" + std::string(10, 'd'),
      std::string(1100, '2') + "a\xC3\xA9" + "3 " + std::string(1023, 'e') + "\xC3\xA9" + "0e",
      "12 ab\xC3\xA9" "cd \xC3\xA9" "3f ab, \xC3\xA9" "4 x\xC3\xA9" "y5",
      // the run's only letters are in the bulk stretch; its substitute comes after a
      // character that adds no letter (a removed ZWSP, a superscript digit)
      "xy2\xE2\x80\x8B" "3", "ab\xC2\xB2" "3 ab\xE2\x80\x8B" "1x",
  };
  for (const std::string& text : cases) {
    const NormalizedText whole = normalizer->Normalize(text);
    auto stream = normalizer->NewStream();
    NormalizedText bytewise;
    auto append = [&](const NormalizedText& piece) {
      bytewise.text += piece.text;
      bytewise.origin_start.insert(bytewise.origin_start.end(), piece.origin_start.begin(), piece.origin_start.end());
      bytewise.origin_end.insert(bytewise.origin_end.end(), piece.origin_end.begin(), piece.origin_end.end());
    };
    for (char c : text) append(stream->Feed(std::string_view(&c, 1)));
    append(stream->Finish());
    EXPECT_EQ(bytewise.text, whole.text) << text.substr(0, 80);
    EXPECT_EQ(bytewise.origin_start, whole.origin_start) << text.substr(0, 80);
    EXPECT_EQ(bytewise.origin_end, whole.origin_end) << text.substr(0, 80);
  }
}

TEST(FastPathTest, AsciiAndNonAsciiTextGiveSameFlagsAndOffsets) {
  Screener screener(testing::TestLexicon());
  struct Case {
    std::string ascii;
    std::string prefix;  // non-ASCII words put in front; flags move by its size
    std::string lang;
  };
  const Case cases[] = {
      {"you are an ass", "\xC3\xA9t\xC3\xA9 ", "en"},
      {"a.s.s and aaassss", "\xD0\xBC\xD0\xB8\xD1\x80 ", "en"},
      {"what a bad word, bad-word", "na\xC3\xAFve ", "en"},
      {"the assassin bug and the assassin", "\xE4\xBD\xA0\xE5\xA5\xBD ", "en"},
      {"killer idiot", "\xF0\x9F\x98\x80 ", "en"},
      {"this class is an assessment", "caf\xC3\xA9 ", "en"},
  };
  for (const Case& c : cases) {
    const Verdict plain = screener.Screen(c.ascii, c.lang, "human");
    const Verdict mixed = screener.Screen(c.prefix + c.ascii, c.lang, "human");
    EXPECT_EQ(mixed.decision, plain.decision) << c.ascii;
    ASSERT_EQ(mixed.flags.size(), plain.flags.size()) << c.ascii;
    for (size_t i = 0; i < plain.flags.size(); ++i) {
      EXPECT_EQ(mixed.flags[i].rule, plain.flags[i].rule) << c.ascii;
      EXPECT_EQ(mixed.flags[i].start, plain.flags[i].start + c.prefix.size()) << c.ascii;
      EXPECT_EQ(mixed.flags[i].end, plain.flags[i].end + c.prefix.size()) << c.ascii;
    }
  }
}

TEST(FastPathTest, OneCharacterTermsOnlyAsWholeWordsOfThatLetter) {
  // Terms whose skeleton is one character are looked up at one-letter words, not scanned.
  const std::string header = "pattern\tkind\tcategory\tseverity\tlangs\tnote\n";
  std::shared_ptr<const Lexicon> lexicon;
  ASSERT_OK(LoadLexiconFiles({{"a.tsv", header + "kkk\tterm\tc\thigh\t*\n"
                                                  "b\tterm\tc\tlow\thi\n"
                                                  "\xE5\xB1\x8C\tterm\tc\thigh\tzh\n"
                                                  "bad\tterm\tc\tmedium\t*\n"}},
                             &lexicon));
  const std::tuple<const char*, const char*, const char*> cases[] = {
      {"the kkk rally", "en", "review kkk@4-7:c/high"},
      {"a k.k.k member", "en", "review kkk@2-7:c/high"},  // joined with the one-letter "a"
      {"kkkkk", "en", "review kkk@0-5:c/high"},
      {"kit kkkit akkk", "en", "allow"},
      {"plan b now", "hi", "allow b@5-6:c/low"},
      {"plan b now", "en", "allow"},
      {"abc bb", "hi", "allow"},  // "bb" is "b" doubled, not a form of "b"
      {"\xE4\xBD\xA0\xE5\xB1\x8C", "zh", "review \xE5\xB1\x8C@3-6:c/high"},
      {"i am a b.a.d kkk", "en", "review bad@7-12:c/medium kkk@13-16:c/high"},
  };
  for (const auto& [text, lang, expected] : cases) {
    EXPECT_EQ(ToString(ScreenWith(*lexicon, text, lang, "human")), expected) << text << " " << lang;
  }
}

TEST(FastPathTest, WordEdgesAtSpacesAndAtJoins) {
  // Literals carry a space at each word edge (" bad "); where the skeleton joins words without
  // a space (one-letter words, a word beside Han) they are found by the joined scan instead.
  const std::string header = "pattern\tkind\tcategory\tseverity\tlangs\tnote\n";
  std::shared_ptr<const Lexicon> lexicon;
  ASSERT_OK(LoadLexiconFiles({{"a.tsv", header + "bad\tterm\tc\tmedium\t*\n"
                                                  "bad word\tterm\tc\thigh\t*\n"
                                                  "bad a\tterm\tc\tlow\t*\n"
                                                  "a\xE7\x89\x87\tterm\tc\tlow\t*\n"
                                                  "\xE4\xBB\xA3\xE8\x80\x83\tterm\tc\thigh\t*\n"}},
                             &lexicon));
  const std::pair<const char*, const char*> cases[] = {
      {"bad", "review bad@0-3:c/medium"},
      {"xbad badx, xbadx", "allow"},
      {"x b.a.d", "review bad@2-7:c/medium"},         // starts at a join: skeleton "xbad"
      {"b.a.d x", "review bad@0-5:c/medium"},         // ends at a join: skeleton "badx"
      {"so bad word.", "review bad@3-6:c/medium bad word@3-11:c/high"},
      {"so bad a.b", "review bad@3-6:c/medium bad a@3-8:c/low"},  // the phrase ends at a join
      {"\xE4\xB8\xAD" "bad" "\xE6\x96\x87", "review bad@3-6:c/medium"},  // Han on both sides
      {"\xE8\xBF\x99" "a\xE7\x89\x87", "allow a\xE7\x89\x87@3-7:c/low"},  // Latin edge after Han
      {"ba\xE7\x89\x87", "allow"},                  // the Latin edge is inside "ba"
      {"\xE5\x8F\x96\xE4\xBB\xA3\xE8\x80\x83\xE8\xAF\x95 x\xE4\xBB\xA3\xE8\x80\x83",
       "review \xE4\xBB\xA3\xE8\x80\x83@14-20:c/high"},  // Han edges stay open (cut-word check aside)
  };
  for (const auto& [text, expected] : cases) {
    EXPECT_EQ(ToString(ScreenWith(*lexicon, text, "", "human")), expected) << text;
  }
}

std::string FlagRules(const Verdict& v) {
  std::string out;
  for (const Flag& f : v.flags) out += f.rule + "@" + std::to_string(f.start) + " ";
  return out;
}

TEST(FastPathTest, EachLanguageScansItsOwnAndUniversalRules) {
  const std::string header = "pattern\tkind\tcategory\tseverity\tlangs\tnote\n";
  const std::map<std::string, std::string> files = {
      {"a.tsv", header + "ho\tterm\tc\tmedium\ten\n"
                         "uk\tterm\tc\tmedium\ten,de\n"
                         "alpha\tterm\tc\tmedium\t*\n"
                         "ya\tterm\tc\tmedium\tzh\n"
                         "\xE4\xBB\xA3\xE8\x80\x83\tterm\tc\tmedium\tzh\n"
                         "h.o\tallow\t\t\t*\n"}};
  std::shared_ptr<const Lexicon> compiled, loaded;
  ASSERT_OK(LoadLexiconFiles(files, &compiled));
  SerializedDatabases databases;
  ASSERT_OK(compiled->Serialize(&databases));
  ASSERT_OK(BuildLexicon(files, LexiconOptions(), &databases, &loaded));
  ASSERT_FALSE(loaded->compiled().compiled_now);
  const std::string text = "ho uk alpha ya \xE4\xBB\xA3\xE8\x80\x83";
  const std::pair<const char*, const char*> cases[] = {
      {"en", "ho@0 uk@3 alpha@6 "},
      {"en-GB", "ho@0 uk@3 alpha@6 "},
      {"de", "uk@3 alpha@6 "},
      {"zh-Hans", "alpha@6 ya@12 \xE4\xBB\xA3\xE8\x80\x83@15 "},
      {"fr", "alpha@6 "},  // named by no rule: the "*" database
      {"", "ho@0 uk@3 alpha@6 ya@12 \xE4\xBB\xA3\xE8\x80\x83@15 "},
      {"und", "ho@0 uk@3 alpha@6 ya@12 \xE4\xBB\xA3\xE8\x80\x83@15 "},
  };
  for (const auto& [lang, expected] : cases) {
    EXPECT_EQ(FlagRules(ScreenWith(*compiled, text, lang, "human")), expected) << lang;
    EXPECT_EQ(FlagRules(ScreenWith(*loaded, text, lang, "human")), expected) << lang;
  }
}

}  // namespace
}  // namespace wenjin::review
