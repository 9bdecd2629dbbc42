// ParseFieldName.
#include "index/analysis/field_spec.h"

#include "index/analysis/language.h"
#include "index/analysis/language_chains.h"

namespace wenjin::analysis {

FieldSpec ParseFieldName(std::string_view field) {
  static constexpr std::string_view kKeywords[] = {"id", "lang", "subject", "level", "type", "origin", "published_at"};
  FieldSpec spec;
  for (std::string_view k : kKeywords) {
    if (field == k) {
      spec.kind = FieldSpec::Kind::kKeyword;
      return spec;
    }
  }
  size_t dot = field.rfind('.');
  if (dot == std::string_view::npos) return spec;
  std::string_view suffix = field.substr(dot + 1);
  if (suffix == "kw") {
    spec.kind = FieldSpec::Kind::kKeyword;
  } else if (suffix == "fold") {
    spec.kind = FieldSpec::Kind::kFold;
  } else {
    std::string lang = PrimarySubtag(suffix);
    if (HasLanguageChain(lang)) {
      spec.kind = FieldSpec::Kind::kLanguage;
      spec.lang = std::move(lang);
    }
  }
  return spec;
}

}  // namespace wenjin::analysis
