// What a search asks and answers: plain UTF-8 types shared by index/, api/ and tools/.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace wenjin::index {

struct SearchRequest {
  std::string query;                   // the learner's query, UTF-8 (query language below)
  // Candidate languages. `lang` given: that language only (BCP-47 primary subtag is used for
  // analysis). Empty: all languages, guessed from the query's script, a language identifier
  // and `accept_language`.
  std::string lang;
  std::string accept_language;         // the caller's Accept-Language header, may be empty
  // Exact-value filters on facet fields: subject, level, type, origin, lang. Values of one
  // field are ORed, fields are ANDed.
  std::map<std::string, std::vector<std::string>> filters;
  size_t offset = 0;
  size_t limit = 10;                   // at most kMaxLimit
  enum class Sort { kRelevance, kDate } sort = Sort::kRelevance;
  bool typo_tolerance = true;
  bool highlight = true;                // snippets with matches marked; false: plain start of the text
  bool facets = true;                   // count facets over all matches; false: `facets` stays empty
};
inline constexpr size_t kMaxLimit = 100;
inline constexpr size_t kMaxQueryBytes = 4096;

struct SearchHit {
  std::string id;
  std::string title;                   // in the matched language when the resource has several
  std::string lang;
  std::string snippet;                 // UTF-8, matches wrapped in <em>...</em>, other text HTML-escaped
  double score = 0;
  std::string subject, level, type, origin, published_at, url;
};

struct SearchResponse {
  uint64_t total = 0;
  double took_ms = 0;
  std::vector<SearchHit> hits;
  // field -> value -> count, over all matches (not just this page): lang, subject, level, type, origin
  std::map<std::string, std::map<std::string, uint64_t>> facets;
  std::vector<std::string> languages;  // the languages the query was analysed for
  std::string parsed_query;            // for debugging: the query as executed
};

struct Suggestion {
  std::string id;
  std::string title;
  std::string lang;
};

}  // namespace wenjin::index
