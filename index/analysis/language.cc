// Language identification: CLD2 for text, Unicode scripts and Accept-Language for queries.
#include "index/analysis/language.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <string>

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include "public/compact_lang_det.h"

namespace wenjin::analysis {
namespace {

// CLD2 needs valid UTF-8; invalid bytes become spaces so the rest is still identified.
std::string ValidUtf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(std::min<size_t>(text.size(), INT32_MAX));
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  while (i < n) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0) {
      out.push_back(' ');
    } else {
      out.append(text.data() + start, i - start);
    }
  }
  return out;
}

// CLD2 keeps a few legacy codes; the rest of the project speaks current BCP-47 primary subtags.
std::string FromCld2Code(const char* code) {
  std::string tag = PrimarySubtag(code ? code : "");
  if (tag == "un" || tag == "xx") return "";
  if (tag == "iw") return "he";
  if (tag == "in") return "id";
  if (tag == "jw") return "jv";
  return tag;
}

// Languages suggested by one script; empty for shared or unknown scripts.
const std::vector<std::string>& LanguagesOfScript(UScriptCode script) {
  static const std::vector<std::string> kNone;
  static const std::vector<std::string> kHan{"zh", "ja"}, kKana{"ja"}, kHangul{"ko"}, kThai{"th"},
      kArabic{"ar", "fa"}, kCyrillic{"ru", "uk"}, kDevanagari{"hi"}, kGreek{"el"}, kHebrew{"he"},
      kLao{"lo"}, kKhmer{"km"}, kMyanmar{"my"}, kGeorgian{"ka"}, kArmenian{"hy"}, kBengali{"bn"},
      kTamil{"ta"}, kTelugu{"te"}, kGujarati{"gu"}, kGurmukhi{"pa"}, kKannada{"kn"},
      kMalayalam{"ml"}, kSinhala{"si"}, kEthiopic{"am"}, kTibetan{"bo"}, kOriya{"or"};
  switch (script) {
    case USCRIPT_HAN: return kHan;
    case USCRIPT_HIRAGANA:
    case USCRIPT_KATAKANA: return kKana;
    case USCRIPT_HANGUL: return kHangul;
    case USCRIPT_THAI: return kThai;
    case USCRIPT_ARABIC: return kArabic;
    case USCRIPT_CYRILLIC: return kCyrillic;
    case USCRIPT_DEVANAGARI: return kDevanagari;
    case USCRIPT_GREEK: return kGreek;
    case USCRIPT_HEBREW: return kHebrew;
    case USCRIPT_LAO: return kLao;
    case USCRIPT_KHMER: return kKhmer;
    case USCRIPT_MYANMAR: return kMyanmar;
    case USCRIPT_GEORGIAN: return kGeorgian;
    case USCRIPT_ARMENIAN: return kArmenian;
    case USCRIPT_BENGALI: return kBengali;
    case USCRIPT_TAMIL: return kTamil;
    case USCRIPT_TELUGU: return kTelugu;
    case USCRIPT_GUJARATI: return kGujarati;
    case USCRIPT_GURMUKHI: return kGurmukhi;
    case USCRIPT_KANNADA: return kKannada;
    case USCRIPT_MALAYALAM: return kMalayalam;
    case USCRIPT_SINHALA: return kSinhala;
    case USCRIPT_ETHIOPIC: return kEthiopic;
    case USCRIPT_TIBETAN: return kTibetan;
    case USCRIPT_ORIYA: return kOriya;
    default: return kNone;
  }
}

struct ScriptScan {
  std::vector<std::string> languages;  // from scripts that name languages
  bool has_shared_script_letters = false;  // letters of Latin or another script naming no language
};

ScriptScan ScanScripts(std::string_view text) {
  ScriptScan scan;
  bool has_kana = false;
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(std::min<size_t>(text.size(), INT32_MAX));
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0 || !u_isalpha(c)) continue;
    UErrorCode err = U_ZERO_ERROR;
    UScriptCode script = uscript_getScript(c, &err);
    if (U_FAILURE(err)) continue;
    if (script == USCRIPT_HIRAGANA || script == USCRIPT_KATAKANA) has_kana = true;
    const auto& langs = LanguagesOfScript(script);
    if (langs.empty()) {
      if (script != USCRIPT_COMMON && script != USCRIPT_INHERITED) scan.has_shared_script_letters = true;
      continue;
    }
    for (const auto& lang : langs) {
      if (std::find(scan.languages.begin(), scan.languages.end(), lang) == scan.languages.end()) {
        scan.languages.push_back(lang);
      }
    }
  }
  if (has_kana) {  // Kanji next to kana is Japanese, not Chinese.
    auto zh = std::find(scan.languages.begin(), scan.languages.end(), "zh");
    if (zh != scan.languages.end()) scan.languages.erase(zh);
  }
  return scan;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

void AddUnique(std::vector<std::string>* out, const std::string& lang) {
  if (!lang.empty() && std::find(out->begin(), out->end(), lang) == out->end()) out->push_back(lang);
}

// CLD2 calls even one word "reliable" ("北京大学" -> ja): below this length its guess is ignored.
constexpr size_t kMinDetectableQueryBytes = 24;

}  // namespace

std::string PrimarySubtag(std::string_view tag) {
  tag = Trim(tag);
  size_t end = tag.find_first_of("-_");
  std::string out(tag.substr(0, end));
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool LanguagesCompatible(std::string_view declared, std::string_view detected) {
  static const std::vector<std::vector<std::string_view>> kGroups = {
      {"no", "nb", "nn"}, {"hr", "bs", "sr", "sh"}, {"ms", "id"}, {"tl", "fil"}};
  std::string a = PrimarySubtag(declared), b = PrimarySubtag(detected);
  if (a == b) return true;
  for (const auto& group : kGroups) {
    bool has_a = std::find(group.begin(), group.end(), a) != group.end();
    bool has_b = std::find(group.begin(), group.end(), b) != group.end();
    if (has_a && has_b) return true;
  }
  return false;
}

LanguageGuess DetectLanguage(std::string_view utf8_text) {
  std::string text = ValidUtf8(utf8_text);
  CLD2::Language language3[3];
  int percent3[3] = {0, 0, 0};
  int text_bytes = 0;
  bool reliable = false;
  CLD2::ExtDetectLanguageSummary(text.data(), static_cast<int>(text.size()), /*is_plain_text=*/true,
                                 language3, percent3, &text_bytes, &reliable);
  LanguageGuess guess;
  guess.lang = FromCld2Code(CLD2::LanguageCode(language3[0]));
  if (guess.lang.empty()) return LanguageGuess{};
  guess.percent = percent3[0];
  guess.reliable = reliable;
  return guess;
}

std::vector<std::string> ScriptLanguages(std::string_view utf8_text) {
  return ScanScripts(utf8_text).languages;
}

std::vector<std::string> ParseAcceptLanguage(std::string_view header) {
  struct Entry {
    std::string lang;
    double q;
    size_t order;
  };
  std::vector<Entry> entries;
  size_t order = 0;
  while (!header.empty()) {
    size_t comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    size_t semi = item.find(';');
    std::string_view tag = Trim(item.substr(0, semi));
    double q = 1.0;
    if (semi != std::string_view::npos) {
      std::string_view params = Trim(item.substr(semi + 1));
      if (params.size() < 2 || (params[0] != 'q' && params[0] != 'Q') || params[1] != '=') continue;
      std::string value(Trim(params.substr(2)));
      char* end = nullptr;
      q = std::strtod(value.c_str(), &end);
      if (value.empty() || end != value.c_str() + value.size() || q < 0 || q > 1) continue;
    }
    if (tag.empty() || tag == "*" || q <= 0) continue;
    std::string lang = PrimarySubtag(tag);
    bool valid = lang.size() >= 2 && lang.size() <= 8 &&
                 std::all_of(lang.begin(), lang.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    if (!valid) continue;
    auto it = std::find_if(entries.begin(), entries.end(), [&](const Entry& e) { return e.lang == lang; });
    if (it == entries.end()) {
      entries.push_back({lang, q, order++});
    } else if (q > it->q) {
      it->q = q;
    }
  }
  std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.q > b.q; });
  std::vector<std::string> out;
  for (auto& e : entries) out.push_back(std::move(e.lang));
  return out;
}

std::vector<std::string> QueryLanguages(std::string_view query, std::string_view explicit_lang,
                                        std::string_view accept_language, size_t max) {
  std::vector<std::string> out;
  if (max == 0) return out;
  std::string explicit_primary = PrimarySubtag(explicit_lang);
  if (!explicit_primary.empty()) {
    out.push_back(explicit_primary);
    return out;
  }
  // Languages the caller or CLD2 vouch for, best first.
  std::vector<std::string> preferred;
  if (query.size() >= kMinDetectableQueryBytes) {
    LanguageGuess guess = DetectLanguage(query);
    if (guess.reliable) AddUnique(&preferred, guess.lang);
  }
  for (const auto& lang : ParseAcceptLanguage(accept_language)) AddUnique(&preferred, lang);

  ScriptScan scan = ScanScripts(query);
  if (scan.languages.empty()) {
    out = preferred;
  } else {
    for (const auto& lang : preferred) {
      if (std::find(scan.languages.begin(), scan.languages.end(), lang) != scan.languages.end()) {
        AddUnique(&out, lang);
      }
    }
    for (const auto& lang : scan.languages) AddUnique(&out, lang);
    if (scan.has_shared_script_letters) {
      for (const auto& lang : preferred) AddUnique(&out, lang);
    }
  }
  if (out.size() > max) out.resize(max);
  return out;
}

}  // namespace wenjin::analysis
