// MultiFieldAnalysis gives, field by field, the terms and offsets of analysing the text as that
// field alone, while tokenizing once.
#include "index/analysis/multi_field_analysis.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <set>

#include <lucene++/OffsetAttribute.h>
#include <lucene++/TermAttribute.h>

#include "index/analysis/field_analyzer.h"
#include "index/analysis/language_chains.h"
#include "store/resource.h"
#include "tests/util/testutil.h"

namespace wenjin::analysis {
namespace {

// "term@start-end" per token, code-point offsets, joined by spaces.
std::string Separately(const Lucene::String& field, const Lucene::String& text) {
  static const Lucene::AnalyzerPtr analyzer = NewFieldAnalyzer();
  auto stream = analyzer->tokenStream(field, Lucene::newLucene<Lucene::StringReader>(text));
  auto term = stream->addAttribute<Lucene::TermAttribute>();
  auto offset = stream->addAttribute<Lucene::OffsetAttribute>();
  stream->reset();
  std::string out;
  while (stream->incrementToken()) {
    if (!out.empty()) out += ' ';
    out += Lucene::StringUtils::toUTF8(term->term()) + "@" + std::to_string(offset->startOffset()) + "-" +
           std::to_string(offset->endOffset());
  }
  return out;
}

std::vector<std::string> Together(MultiFieldAnalysis& analysis, const std::vector<Lucene::String>& fields,
                                  const Lucene::String& text) {
  std::vector<std::string> out(fields.size());
  analysis.Analyze(text, fields, [&](size_t f, std::wstring_view term, int32_t start, int32_t end) {
    if (!out[f].empty()) out[f] += ' ';
    out[f] += Lucene::StringUtils::toUTF8(Lucene::String(term)) + "@" + std::to_string(start) + "-" +
              std::to_string(end);
  });
  return out;
}

TEST(MultiFieldAnalysisTest, EachFieldGetsItsOwnAnalysisFromOneTokenization) {
  const std::vector<Lucene::String> fields = {
      L"text.fr", L"text.en", L"text.de", L"text.ru", L"text.ar", L"text.zh", L"text.es", L"all",     L"all.fold",
      L"title.it", L"text.pt", L"text.nl", L"text.sv", L"text.fi", L"text.tr", L"text.el", L"text.fa", L"text.hi",
      L"text.cs", L"text.hu", L"text.da", L"text.ja", L"text.th"};
  const std::vector<Lucene::String> texts = {
      L"Les élèves de l'école étudient l'Éducation à distance, qu'il pleuve ou non.",
      L"The children were running to the libraries; the library's books.",
      L"Die Schülerinnen lernen Mathematik in der Grundschule.",
      L"Ученики изучают математику в школе.",
      L"يدرس الطلاب الرياضيات في المدرسة",
      L"北京大学的學生在图书馆学习。",
      L"¿Dónde están los niños? En la escuela, dell'arte.",
      L"日本語の文章とคำภาษาไทยและ한국어 텍스트 mixed with English 2024",
      L"",
      L"!!! ... ---",
      L"Η Ελλάδα ΟΔΟΣ και η γλώσσα. Türkçe öğrenciler okulda. Suomen kielen opiskelijat.",
      L"دانشجویان در دانشگاه درس می‌خوانند. विद्यार्थी विद्यालय में पढ़ते हैं।",
      L"Os alunos estudam; de leerlingen studeren; eleverna studerar; a diákok tanulnak; žáci se učí.",
  };
  MultiFieldAnalysis analysis;
  // Twice over: the chains are reused from one text to the next.
  std::vector<Lucene::String> twice = texts;
  twice.insert(twice.end(), texts.begin(), texts.end());
  for (const auto& text : twice) {
    const auto together = Together(analysis, fields, text);
    for (size_t f = 0; f < fields.size(); ++f) {
      EXPECT_EQ(together[f], Separately(fields[f], text))
          << Lucene::StringUtils::toUTF8(fields[f]) << " of " << Lucene::StringUtils::toUTF8(text);
    }
  }
}

TEST(MultiFieldAnalysisTest, LanguageFieldsSkipTheSplitElisionsNeutralFieldsKeep) {
  MultiFieldAnalysis analysis;
  const auto out = Together(analysis, {L"text.fr", L"all"}, L"l'école");
  EXPECT_EQ(out[0], "écol@0-7");  // French: the ElisionFilter removes the article, then stems
  EXPECT_EQ(out[1], "l'école@0-7 école@2-7");
}

TEST(MultiFieldAnalysisTest, KeywordFieldsGetNoTokensAndRepeatedFieldsAgree) {
  MultiFieldAnalysis analysis;
  const auto out = Together(analysis, {L"id", L"all.fold", L"all.fold"}, L"Élève");
  EXPECT_EQ(out[0], "");
  EXPECT_EQ(out[1], "eleve@0-5");
  EXPECT_EQ(out[2], out[1]);
}


// FindTerms filters only the words that start like a wanted term in languages whose chain keeps
// word starts. On every text of the bundled catalogue in those languages, wanting every term
// the text has (and then every fifth) finds exactly the tokens the whole analysis finds.
TEST(MultiFieldAnalysisTest, FindingWantedTermsMissesNoneOnTheBundledCatalogue) {
  std::ifstream in(testing::SourceDir() / "corpora" / "catalog.ndjson");
  ASSERT_TRUE(in.good());
  MultiFieldAnalysis analysis;
  std::map<std::string, int> texts_by_language;
  std::string line;
  while (std::getline(in, line)) {
    Resource r;
    if (!ParseResource(line, &r).ok()) continue;
    const std::string lang = r.lang.substr(0, r.lang.find('-'));
    if (!LanguageChainKeepsWordStart(lang)) continue;
    const Lucene::String text = Lucene::StringUtils::toUnicode(r.description + "\n" + r.body);
    const std::vector<Lucene::String> fields = {Lucene::StringUtils::toUnicode("text." + lang)};
    std::vector<std::string> all;
    std::set<Lucene::String> every_term, some_terms;
    analysis.Analyze(text, fields, [&](size_t, std::wstring_view term, int32_t start, int32_t end) {
      all.push_back(Lucene::StringUtils::toUTF8(Lucene::String(term)) + "@" + std::to_string(start));
      every_term.emplace(term);
    });
    size_t i = 0;
    for (const auto& t : every_term) {
      if (i++ % 5 == 0) some_terms.insert(t);
    }
    for (const auto* wanted : {&every_term, &some_terms}) {
      std::vector<std::string> expected, found;
      analysis.Analyze(text, fields, [&](size_t, std::wstring_view term, int32_t start, int32_t) {
        if (wanted->count(Lucene::String(term))) {
          expected.push_back(Lucene::StringUtils::toUTF8(Lucene::String(term)) + "@" + std::to_string(start));
        }
      });
      analysis.FindTerms(text, fields, {wanted}, [&](size_t, std::wstring_view term, int32_t start, int32_t) {
        found.push_back(Lucene::StringUtils::toUTF8(Lucene::String(term)) + "@" + std::to_string(start));
      });
      std::string missed;  // the tokens FindTerms left out
      for (const auto& e : expected) {
        if (std::find(found.begin(), found.end(), e) == found.end()) missed += " " + e;
      }
      ASSERT_EQ(found, expected) << r.id << " missed:" << missed;
    }
    ++texts_by_language[lang];
  }
  // The catalogue's languages with such chains, each with real texts.
  for (const char* lang : {"en", "de", "es", "pt", "nl", "sv", "da", "fi", "hu", "ru", "tr", "ro"}) {
    EXPECT_GE(texts_by_language[lang], 30) << lang;
  }
}


// The same on every text of the catalogue, in every language, for the fields a snippet uses at
// once (the text's language field, the folded and the neutral one): FindTerms may analyse only
// windows of the text (and stem only some words), and finds exactly what the whole analysis finds.
TEST(MultiFieldAnalysisTest, WindowsOfTheTextFindWhatTheWholeTextHas) {
  std::ifstream in(testing::SourceDir() / "corpora" / "catalog.ndjson");
  ASSERT_TRUE(in.good());
  MultiFieldAnalysis analysis;
  std::string line;
  size_t texts = 0;
  while (std::getline(in, line)) {
    Resource r;
    if (!ParseResource(line, &r).ok()) continue;
    const std::string lang = r.lang.substr(0, r.lang.find('-'));
    const Lucene::String text = Lucene::StringUtils::toUnicode(r.description + "\n" + r.body);
    const std::vector<Lucene::String> fields = {Lucene::StringUtils::toUnicode("text." + lang), L"all.fold", L"all"};
    std::vector<std::set<Lucene::String>> every(fields.size());
    analysis.Analyze(text, fields, [&](size_t f, std::wstring_view term, int32_t, int32_t) { every[f].emplace(term); });
    // A few terms per field, as a query has: every 7th, from a different start per field.
    std::vector<std::set<Lucene::String>> some(fields.size());
    for (size_t f = 0; f < fields.size(); ++f) {
      size_t i = f;
      for (const auto& t : every[f]) {
        if (i++ % 7 == 0) some[f].insert(t);
      }
    }
    std::vector<const std::set<Lucene::String>*> wanted = {&some[0], &some[1], &some[2]};
    auto describe = [](size_t f, std::wstring_view term, int32_t start, int32_t end) {
      return std::to_string(f) + ":" + Lucene::StringUtils::toUTF8(Lucene::String(term)) + "@" + std::to_string(start) +
             "-" + std::to_string(end);
    };
    std::vector<std::string> expected, found;
    analysis.Analyze(text, fields, [&](size_t f, std::wstring_view term, int32_t start, int32_t end) {
      if (some[f].count(Lucene::String(term))) expected.push_back(describe(f, term, start, end));
    });
    analysis.FindTerms(text, fields, wanted, [&](size_t f, std::wstring_view term, int32_t start, int32_t end) {
      found.push_back(describe(f, term, start, end));
    });
    std::sort(expected.begin(), expected.end());
    std::sort(found.begin(), found.end());
    ASSERT_EQ(found, expected) << r.id;
    ++texts;
  }
  EXPECT_GT(texts, 3000u);
}

TEST(MultiFieldAnalysisTest, WindowsKeepTokensThatTouchTheirEdges) {
  MultiFieldAnalysis analysis;
  // Combining marks after spaces, an elided article, an underscore word, Han after ASCII, tabs.
  const Lucene::String text =
      L"zzz e\u0301cole zzz \u0301x l'\u00e9cole zzz _init zzz abc\u4e2d\u6587 zzz\tEcole. zzz Y\u00e9s";
  const std::vector<Lucene::String> fields = {L"text.fr", L"all.fold"};
  std::set<Lucene::String> fr, fold;
  analysis.Analyze(text, fields, [&](size_t f, std::wstring_view term, int32_t, int32_t) {
    if (term != L"zzz") (f == 0 ? fr : fold).emplace(term);
  });
  std::vector<std::string> expected, found;
  auto add = [](std::vector<std::string>* out) {
    return [out](size_t f, std::wstring_view term, int32_t start, int32_t end) {
      out->push_back(std::to_string(f) + Lucene::StringUtils::toUTF8(Lucene::String(term)) + "@" +
                     std::to_string(start) + "-" + std::to_string(end));
    };
  };
  analysis.Analyze(text, fields, [&](size_t f, std::wstring_view term, int32_t start, int32_t end) {
    if ((f == 0 ? fr : fold).count(Lucene::String(term))) add(&expected)(f, term, start, end);
  });
  analysis.FindTerms(text, fields, {&fr, &fold}, add(&found));
  std::sort(expected.begin(), expected.end());
  std::sort(found.begin(), found.end());
  EXPECT_EQ(found, expected);
  EXPECT_GE(found.size(), 10u);
}

}  // namespace
}  // namespace wenjin::analysis
