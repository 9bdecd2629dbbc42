// Internal: decides which raw Hyperscan matches become flags (language filter, whole-word
// checks, CJK dictionary-segmentation check, allow suppression, dedupe), for both the block
// screen and streaming sessions, so the two give the same verdict for any chunking.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <tuple>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "review/hs_lexicon.h"
#include "review/normalizer.h"
#include "review/verdict.h"

namespace wenjin::review {

// A candidate match: rule, form, [from, to) in normalised bytes (absolute in a stream).
struct RawMatch {
  uint32_t rule = 0;
  PatternForm form = PatternForm::kPlain;
  uint64_t from = 0;
  uint64_t to = 0;
  bool operator<(const RawMatch& o) const {
    return std::tie(rule, form, from, to) < std::tie(o.rule, o.form, o.from, o.to);
  }
};

// Which rules apply to text in one language (RuleAppliesTo), with the language tag parsed
// once rather than per match.
class RuleFilter {
 public:
  RuleFilter(const Lexicon& lexicon, std::string_view lang);
  bool Applies(uint32_t rule) const;
  // The text's primary language subtag, "" when unknown (every rule applies).
  const std::string& primary() const { return primary_; }

 private:
  const std::vector<Rule>& rules_;
  std::string primary_;  // "" when every rule applies
};

// Every candidate in `normalized` (offsets relative to it): skeleton literal hits checked
// against their terms' forms, and regex matches, for the rules `filter` lets through (the
// literals are scanned with the database of the filter's language).
// Candidates that the text already shows to fail the whole-word check are left out (the
// resolver would drop them); those whose neighbours lie outside `normalized` are kept.
// `scratch` must fit the lexicon's databases.
std::vector<RawMatch> FindMatches(const Lexicon::Compiled& compiled, const RuleFilter& filter,
                                  std::string_view normalized, hs_scratch_t* scratch);

// Scans normalised text (whole) with the lexicon's block-mode databases and returns the
// accepted flags (lexicon rules only, no PII), excerpts cut from `original`.
std::vector<Flag> ScanNormalized(const Lexicon& lexicon, const NormalizedText& normalized,
                                 std::string_view original, std::string_view lang);

// The PII detectors' matches in `original` as flags (empty when the lexicon has PII off).
std::vector<Flag> DetectPiiFlags(const Lexicon::Compiled& compiled, std::string_view original,
                                 std::string_view lang);

// Not thread-safe; one per screen or session. Holds a reference to the lexicon's state.
class MatchResolver {
 public:
  // `dedupe`: remember every candidate so one found again by an overlapping rescan (streaming)
  // is judged once. A block screen finds each candidate once and can skip that.
  MatchResolver(const Lexicon& lexicon, std::string_view lang, bool dedupe = true);

  // Queues raw matches (any order).
  void Add(const std::vector<RawMatch>& matches);
  const RuleFilter& filter() const { return filter_; }

  // Judges every queued match that has enough text after it to be judged exactly as with the
  // whole text (all of them when `complete`). `text` is all normalised text so far with its
  // offset map.
  void Resolve(const NormalizedText& text, bool complete);

  // The accepted flags so far, in canonical order, with excerpts cut from `original` (all
  // original bytes so far).
  std::vector<Flag> Flags(std::string_view original) const;
  bool HasPending() const { return !pending_.empty(); }
  // Changes whenever a flag is added or replaced, so a session rebuilds its verdict only then.
  uint64_t generation() const { return generation_; }

 private:
  struct Span {
    uint64_t from, to;
  };
  bool Applies(const RawMatch& m) const;
  bool Ready(const RawMatch& m, size_t text_len, bool complete) const;
  bool PassesBoundaries(const RawMatch& m, std::string_view text) const;

  const Lexicon& lexicon_;
  const Lexicon::Compiled& compiled_;
  RuleFilter filter_;
  bool dedupe_;
  std::vector<RawMatch> pending_;
  std::set<RawMatch> seen_;  // streaming rescans overlapping windows: each candidate once
  std::vector<Span> allows_;
  // (rule, normalised start) -> flag with the longest accepted end.
  std::map<std::pair<uint32_t, uint64_t>, std::pair<uint64_t, Flag>> flags_;
  uint64_t generation_ = 0;
};

}  // namespace wenjin::review
