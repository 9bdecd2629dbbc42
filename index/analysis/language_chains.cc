// Per-language chains: which Lucene++ contrib filters, stop words and stemmer each language gets.
#include "index/analysis/language_chains.h"

#include <algorithm>
#include <map>
#include <mutex>

#include <lucene++/ArabicAnalyzer.h>
#include <lucene++/ArabicNormalizationFilter.h>
#include <lucene++/ArabicStemFilter.h>
#include <lucene++/BrazilianAnalyzer.h>
#include <lucene++/CharArraySet.h>
#include <lucene++/CzechAnalyzer.h>
#include <lucene++/DutchAnalyzer.h>
#include <lucene++/ElisionFilter.h>
#include <lucene++/FrenchAnalyzer.h>
#include <lucene++/GermanAnalyzer.h>
#include <lucene++/GreekAnalyzer.h>
#include <lucene++/GreekLowerCaseFilter.h>
#include <lucene++/PersianAnalyzer.h>
#include <lucene++/PersianNormalizationFilter.h>
#include <lucene++/RussianAnalyzer.h>
#include <lucene++/StopAnalyzer.h>
#include <lucene++/StopFilter.h>

#include <unicode/utf16.h>

#include "index/analysis/hindi_filter.h"
#include "index/analysis/normalized_text.h"
#include "index/analysis/stop_words.h"
#include "index/analysis/token_filters.h"

namespace wenjin::analysis {
namespace {

enum class Special { kNone, kArabic, kPersian, kGreek, kChinese, kHindi };

struct LanguageSpec {
  const char* stemmer = nullptr;             // libstemmer algorithm, or nullptr
  Lucene::HashSet<Lucene::String> (*lucene_stop_words)() = nullptr;  // a contrib list, or nullptr
  bool own_stop_words = false;               // OwnStopWords(lang)
  bool elision = false;                      // strip l', d', qu'... (French, Italian)
  Special special = Special::kNone;
};

Lucene::HashSet<Lucene::String> EnglishStops() { return Lucene::StopAnalyzer::ENGLISH_STOP_WORDS_SET(); }
Lucene::HashSet<Lucene::String> FrenchStops() { return Lucene::FrenchAnalyzer::getDefaultStopSet(); }
Lucene::HashSet<Lucene::String> GermanStops() { return Lucene::GermanAnalyzer::getDefaultStopSet(); }
Lucene::HashSet<Lucene::String> RussianStops() { return Lucene::RussianAnalyzer::getDefaultStopSet(); }
Lucene::HashSet<Lucene::String> DutchStops() { return Lucene::DutchAnalyzer::getDefaultStopSet(); }
Lucene::HashSet<Lucene::String> PortugueseStops() { return Lucene::BrazilianAnalyzer::getDefaultStopSet(); }
Lucene::HashSet<Lucene::String> CzechStops() { return Lucene::CzechAnalyzer::getDefaultStopSet(); }
Lucene::HashSet<Lucene::String> GreekStops() { return Lucene::GreekAnalyzer::getDefaultStopSet(); }
Lucene::HashSet<Lucene::String> ArabicStops() { return Lucene::ArabicAnalyzer::getDefaultStopSet(); }
Lucene::HashSet<Lucene::String> PersianStops() { return Lucene::PersianAnalyzer::getDefaultStopSet(); }

const std::map<std::string, LanguageSpec, std::less<>>& Specs() {
  static const std::map<std::string, LanguageSpec, std::less<>> specs = [] {
    std::map<std::string, LanguageSpec, std::less<>> m;
    m["en"] = {"english", EnglishStops};
    m["fr"] = {"french", FrenchStops, false, true};
    m["es"] = {"spanish", nullptr, true};
    m["pt"] = {"portuguese", PortugueseStops};
    m["de"] = {"german", GermanStops, true};
    m["it"] = {"italian", nullptr, true, true};
    m["ru"] = {"russian", RussianStops};
    m["nl"] = {"dutch", DutchStops};
    m["sv"] = {"swedish", nullptr, true};
    m["no"] = m["nb"] = m["nn"] = {"norwegian", nullptr, true};
    m["da"] = {"danish", nullptr, true};
    m["fi"] = {"finnish", nullptr, true};
    m["hu"] = {"hungarian", nullptr, true};
    m["ro"] = {"romanian", nullptr, true};
    m["tr"] = {"turkish", nullptr, true};
    m["cs"] = {nullptr, CzechStops};
    m["el"] = {nullptr, GreekStops, false, false, Special::kGreek};
    m["ar"] = {nullptr, ArabicStops, false, false, Special::kArabic};
    m["fa"] = {nullptr, PersianStops, false, false, Special::kPersian};
    m["zh"] = {nullptr, nullptr, false, false, Special::kChinese};
    m["hi"] = {nullptr, nullptr, true, false, Special::kHindi};
    return m;
  }();
  return specs;
}

Lucene::String Normalized(const Lucene::String& word) {
  icu::UnicodeString u;
  for (wchar_t c : word) u.append(static_cast<UChar32>(c));
  icu::UnicodeString n = NormalizeString(u);
  Lucene::String out;
  for (int32_t i = 0; i < n.length();) {
    UChar32 c = n.char32At(i);
    i += U16_LENGTH(c);
    out.push_back(static_cast<wchar_t>(c));
  }
  return out;
}

// Stop sets normalised like the text they are compared with, built once per language.
Lucene::CharArraySetPtr StopSet(std::string_view lang, const LanguageSpec& spec) {
  static std::mutex mu;
  static std::map<std::string, Lucene::CharArraySetPtr, std::less<>> cache;
  std::lock_guard<std::mutex> lock(mu);
  auto it = cache.find(lang);
  if (it != cache.end()) return it->second;
  Lucene::HashSet<Lucene::String> words = Lucene::HashSet<Lucene::String>::newInstance();
  if (spec.lucene_stop_words) {
    for (const Lucene::String& w : spec.lucene_stop_words()) words.add(Normalized(w));
  }
  if (spec.own_stop_words) {
    for (std::string_view w : *OwnStopWords(lang)) words.add(Normalized(Lucene::StringUtils::toUnicode(std::string(w))));
  }
  Lucene::CharArraySetPtr set;
  if (!words.empty()) set = Lucene::newLucene<Lucene::CharArraySet>(words, false);
  cache.emplace(std::string(lang), set);
  return set;
}

Lucene::HashSet<Lucene::String> Articles(std::string_view lang) {
  Lucene::HashSet<Lucene::String> set = Lucene::HashSet<Lucene::String>::newInstance();
  static const wchar_t* kFrench[] = {L"l", L"m", L"t", L"qu", L"n", L"s", L"j", L"d", L"c", L"jusqu", L"quoiqu",
                                     L"lorsqu", L"puisqu"};
  static const wchar_t* kItalian[] = {L"c", L"l", L"all", L"dall", L"dell", L"nell", L"sull", L"coll", L"pell",
                                      L"gl", L"agl", L"dagl", L"degl", L"negl", L"sugl", L"un", L"m", L"t",
                                      L"s", L"v", L"d", L"quell", L"quest", L"po"};
  if (lang == "fr") {
    for (const wchar_t* a : kFrench) set.add(a);
  } else {
    for (const wchar_t* a : kItalian) set.add(a);
  }
  return set;
}

}  // namespace

Lucene::TokenStreamPtr WrapLanguageChain(std::string_view lang, const Lucene::TokenStreamPtr& source) {
  auto it = Specs().find(lang);
  if (it == Specs().end()) return source;
  const LanguageSpec& spec = it->second;
  Lucene::TokenStreamPtr stream = source;
  switch (spec.special) {
    case Special::kChinese:
      stream = Lucene::newLucene<SimplifiedChineseFilter>(stream);
      break;
    case Special::kGreek:
      stream = Lucene::newLucene<Lucene::GreekLowerCaseFilter>(stream);
      break;
    case Special::kPersian:
      stream = Lucene::newLucene<Lucene::ArabicNormalizationFilter>(stream);
      stream = Lucene::newLucene<Lucene::PersianNormalizationFilter>(stream);
      break;
    default:
      break;
  }
  if (spec.elision) stream = Lucene::newLucene<Lucene::ElisionFilter>(stream, Articles(lang));
  if (Lucene::CharArraySetPtr stops = StopSet(lang, spec)) {
    stream = Lucene::newLucene<Lucene::StopFilter>(true, stream, stops);
  }
  if (spec.special == Special::kArabic) {
    stream = Lucene::newLucene<Lucene::ArabicNormalizationFilter>(stream);
    stream = Lucene::newLucene<Lucene::ArabicStemFilter>(stream);
  }
  if (spec.special == Special::kHindi) stream = Lucene::newLucene<HindiFilter>(stream);
  if (spec.stemmer) stream = Lucene::newLucene<StemFilter>(stream, spec.stemmer);
  return stream;
}

bool LanguageChainKeepsWordStart(std::string_view lang) {
  auto it = Specs().find(lang);
  return it != Specs().end() && it->second.stemmer != nullptr && !it->second.elision &&
         it->second.special == Special::kNone;
}

bool HasLanguageChain(std::string_view lang) { return Specs().count(lang) > 0; }

std::vector<std::string> LanguagesWithChains() {
  std::vector<std::string> out;
  for (const auto& [lang, spec] : Specs()) out.push_back(lang);
  return out;  // std::map keeps them sorted
}

}  // namespace wenjin::analysis
