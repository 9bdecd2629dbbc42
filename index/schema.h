// The Lucene++ document schema of a published resource: field names, what each holds, how it is indexed.
//
// Text fields (analysed; the field name picks the analysis, see index/analysis/field_analyzer.h):
//   title.<lang>   each title in its own language: the primary title in the resource's primary
//                  language, plus every entry of `titles` (only for languages with their own
//                  analysis, HasLanguageAnalysis()).
//   text.<lang>    description + body in the resource's primary language (same condition).
//   title          every title of the resource, language-neutral analysis.
//   title.fold     the same, diacritics folded. Also the field Suggest completes on.
//   all            every title + description + body, language-neutral.
//   all.fold       the same, diacritics folded; its term dictionary feeds typo candidates.
// Title fields are queried with kTitleBoost so a title match outweighs a body match.
//
// Exact per-document lengths (BM25 needs them; Lucene++ norms are one lossy byte): for every
// text field F that has tokens, the keyword term "len.F" holds the token count in decimal. It is
// read per segment through FieldCache. Norms are omitted on text fields.
//
// Keyword fields (indexed as one untouched token; single-valued so facets can use
// FieldCache): id, lang (primary subtag, lowercase: "zh"), lang.kw (canonical full tag,
// "zh-Hant"), subject, level, type, origin, published_at (ISO 8601, sorts as a string).
// langs.kw (multi-valued, not stored): the primary subtag of every language the resource has a
// title or text in; `SearchRequest::lang` restricts to it.
//
// Stored: s.hit alone, binary: what a hit shows (index/stored_hit.h). Documents indexed before it
// existed store id, lang, lang.kw, subject, level, type, origin and published_at with their
// keyword fields, and s.title (primary title), s.titles (JSON object lang -> title),
// s.description, s.body, s.url, s.provider, s.model as stored-only strings; they are still read.
#pragma once

#include <string>
#include <string_view>

namespace wenjin::index::schema {

inline constexpr char kId[] = "id";
inline constexpr char kLang[] = "lang";
inline constexpr char kLangTag[] = "lang.kw";
inline constexpr char kLangs[] = "langs.kw";
inline constexpr char kSubject[] = "subject";
inline constexpr char kLevel[] = "level";
inline constexpr char kType[] = "type";
inline constexpr char kOrigin[] = "origin";
inline constexpr char kPublishedAt[] = "published_at";

inline constexpr char kTitle[] = "title";
inline constexpr char kTitleFold[] = "title.fold";
inline constexpr char kAll[] = "all";
inline constexpr char kAllFold[] = "all.fold";

inline constexpr char kStoredHit[] = "s.hit";
// Legacy stored fields (see above).
inline constexpr char kStoredTitle[] = "s.title";
inline constexpr char kStoredTitles[] = "s.titles";
inline constexpr char kStoredDescription[] = "s.description";
inline constexpr char kStoredBody[] = "s.body";
inline constexpr char kStoredUrl[] = "s.url";
inline constexpr char kStoredProvider[] = "s.provider";
inline constexpr char kStoredModel[] = "s.model";

// How much more a title match weighs than a body match.
inline constexpr double kTitleBoost = 2.0;

// The facet (and filter) fields, in response order.
inline constexpr const char* kFacetFields[] = {kLang, kSubject, kLevel, kType, kOrigin};

inline std::string TitleField(std::string_view lang) { return "title." + std::string(lang); }
inline std::string TextField(std::string_view lang) { return "text." + std::string(lang); }
// The keyword field holding the exact token count of text field `field`.
inline std::string LengthField(std::string_view field) { return "len." + std::string(field); }

}  // namespace wenjin::index::schema
