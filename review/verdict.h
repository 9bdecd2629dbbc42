// Verdict types of the screener: severities, decisions, flags, the decision policy and the
// verdict's JSON and canonical one-line forms.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace wenjin::review {

enum class Severity { kLow, kMedium, kHigh, kBlock };
enum class Decision { kAllow, kReview, kBlock };

// "low", "medium", "high", "block".
const char* SeverityName(Severity severity);
// Parses a severity name (exact, lower case); false when unknown.
bool ParseSeverity(std::string_view name, Severity* out);
// "allow", "review", "block".
const char* DecisionName(Decision decision);

// One rule that matched.
struct Flag {
  std::string rule;      // the rule's pattern as written in the lexicon
  std::string category;  // e.g. "harassment", "pii"
  Severity severity = Severity::kLow;
  uint32_t start = 0;    // bytes of the ORIGINAL text: [start, end)
  uint32_t end = 0;
  std::string excerpt;   // the matched original text with a little context, cut on UTF-8 boundaries
};

struct Verdict {
  Decision decision = Decision::kAllow;
  std::vector<Flag> flags;  // ordered by start, then end, then rule
  std::string lexicon_version;
};

// The policy. origin "ai" is stricter (generated text is published without a human author):
//   human: any block flag -> block; any high/medium -> review; low alone -> allow.
//   ai:    any block or high flag -> block; any medium -> review; low alone -> allow.
Decision Decide(const std::vector<Flag>& flags, std::string_view origin);

// Orders flags canonically (start, end, rule) and removes exact duplicates.
void SortFlags(std::vector<Flag>* flags);

// {"verdict": "review", "flags": [{rule, category, severity, start, end, excerpt}],
//  "lexicon_version": "..."}
nlohmann::json VerdictToJson(const Verdict& verdict);

// Canonical one-line form for table tests: "review bad@0-3:harassment/medium ..." (no excerpts,
// no version): decision, then each flag as rule@start-end:category/severity.
std::string ToString(const Verdict& verdict);

// The original bytes [start, end) widened by up to `context` bytes each side, both ends moved
// onto UTF-8 character boundaries.
std::string MakeExcerpt(std::string_view original, uint32_t start, uint32_t end, uint32_t context = 24);

}  // namespace wenjin::review
