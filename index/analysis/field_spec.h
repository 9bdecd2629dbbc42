// How a field name selects its analysis: keyword, neutral, folded or per-language.
#pragma once

#include <string>
#include <string_view>

namespace wenjin::analysis {

struct FieldSpec {
  enum class Kind { kKeyword, kNeutral, kFold, kLanguage };
  Kind kind = Kind::kNeutral;
  std::string lang;  // for kLanguage: the primary subtag (always one with a language chain)
};

// Parses a field name (see field_analyzer.h): "id", "lang", "subject", "level", "type", "origin",
// "published_at" and "*.kw" are keywords; "*.fold" folded; "<base>.<lang>" with a language that
// has its own chain is kLanguage (the suffix is read as a BCP-47 tag: "title.zh-Hant" is zh);
// everything else, including a language without its own analysis, is neutral.
FieldSpec ParseFieldName(std::string_view field);

}  // namespace wenjin::analysis
