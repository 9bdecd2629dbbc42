// Language identification for documents and queries: CLD2, the query's script, Accept-Language.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace wenjin::analysis {

struct LanguageGuess {
  std::string lang;       // primary subtag ("en", "zh", ...), "" if unknown
  int percent = 0;        // share of the text in that language, 0-100
  bool reliable = false;  // CLD2's own judgement; short texts are rarely reliable
};

// Identifies the main language of UTF-8 text with CLD2. Invalid UTF-8 is tolerated (CLD2 skips
// it). Thread-safe.
LanguageGuess DetectLanguage(std::string_view utf8_text);

// The languages suggested by the scripts of the text, in order of first appearance, without
// duplicates: Han -> zh, ja; Hiragana/Katakana -> ja (and then Han means ja only); Hangul -> ko;
// Thai -> th; Arabic -> ar, fa; Cyrillic -> ru, uk; Devanagari -> hi; Greek -> el; Hebrew -> he;
// and others (see language.cc). Latin and other shared scripts suggest nothing (ambiguous).
std::vector<std::string> ScriptLanguages(std::string_view utf8_text);

// Parses an HTTP Accept-Language header into primary subtags (lowercase) ordered by q value
// (stable for equal q), each language once at its highest q; q=0 and "*" are dropped.
// Malformed entries are skipped.
std::vector<std::string> ParseAcceptLanguage(std::string_view header);

// The languages a query should be analysed for, best first, at most `max`:
// - explicit_lang given ("fr", "fr-CH"): its primary subtag alone;
// - else the query's script languages (ScriptLanguages), those also named by CLD2 or
//   Accept-Language first; when the query also has letters of a shared script (Latin), or no
//   script language, CLD2's and Accept-Language's languages follow. CLD2 counts only when it
//   calls its guess reliable and the query has at least 24 bytes (it is overconfident on a word).
std::vector<std::string> QueryLanguages(std::string_view query, std::string_view explicit_lang,
                                        std::string_view accept_language, size_t max = 3);

// Whether a declared language (any BCP-47 tag) and a detected one (a primary subtag) may name the
// same language, for reporting mismatches on import: the same primary subtag, or two members of
// a group that CLD2 does not tell apart: {no, nb, nn}, {hr, bs, sr, sh}, {ms, id}, {tl, fil}.
bool LanguagesCompatible(std::string_view declared, std::string_view detected);

// Lowercase primary subtag of a BCP-47 tag: "zh-Hant-TW" -> "zh", "EN" -> "en", "" -> "".
std::string PrimarySubtag(std::string_view tag);

}  // namespace wenjin::analysis
