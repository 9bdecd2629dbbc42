// Internal: the compiled Hyperscan state behind a Lexicon (the skeleton literal database for
// terms and allow entries, the regex database, per-rule units, a scratch pool). Used by the
// screener; not a public interface.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "review/hs_handles.h"
#include "review/lexicon.h"
#include "review/normalizer.h"
#include "review/pii.h"
#include "review/rule_patterns.h"

namespace wenjin::review {

struct Lexicon::Compiled {
  std::shared_ptr<const Normalizer> normalizer;  // the one terms went through; text must too
  std::shared_ptr<const PiiDetector> pii;        // nullptr when PII detection is off
  std::vector<std::string> allowed_url_domains;
  // Literal database over framed text skeletons (review/rule_skeleton.h), no start-of-match
  // needed: Hyperscan id -> the term/allow rules whose skeleton it is. nullptr when there are
  // none. An edge of a literal that is a character of a space-delimited script must be a word
  // edge, so the literal carries a space there (" ass "): a hit inside a longer word ("class")
  // never reaches a callback. Edges in unsegmented scripts (Han, Thai ...) stay open.
  HsDatabase skeleton_db;
  std::vector<std::vector<uint32_t>> skeleton_rules;
  std::vector<uint32_t> skeleton_length;  // bytes of each skeleton literal, without the spaces
  static constexpr uint8_t kWordStart = 1, kWordEnd = 2;
  std::vector<uint8_t> skeleton_edges;  // per literal: kWordStart | kWordEnd
  // Words also begin and end where the skeleton joins words without a space
  // (Skeleton::joins): the literals with a word edge, without their spaces, scanned only in
  // windows of max_joined_length bytes either side of such a join. nullptr when none.
  HsDatabase joined_db;
  uint32_t max_joined_length = 0;
  // Skeleton literals of one character (terms like "kkk", "b", "屌"): code point -> literal
  // id. They stay out of the databases, where they would fire at every such letter inside
  // other words, and are looked up only at Skeleton::single_words (a whole-word match of such
  // a term is made of words of that one letter). single_char_bmp marks their BMP code points.
  std::unordered_map<int32_t, uint32_t> single_char_literals;
  std::vector<bool> single_char_bmp = std::vector<bool>(0x10000);
  // The database literals (same ids) split by language, so text in one language does not pay for
  // hits of other languages' terms (a short term of one language is a common letter pair in
  // the next). Key: a primary language some term or allow rule names -> the literals of rules
  // for it or for every language; "*" -> the literals of rules for every language. A null
  // database: no literal applies.
  std::map<std::string, HsDatabase, std::less<>> language_skeleton_db;

  // The skeleton database for text whose primary language is `primary` ("" = unknown: all).
  const hs_database_t* SkeletonDbFor(std::string_view primary) const {
    if (primary.empty()) return skeleton_db.get();
    auto it = language_skeleton_db.find(primary);
    if (it == language_skeleton_db.end()) it = language_skeleton_db.find("*");
    return it == language_skeleton_db.end() ? nullptr : it->second.get();
  }
  // Matched on the normalised text with start-of-match.
  HsDatabase regex_db;
  // Regex rules, and terms without letters as escaped literals: id -> rule, and its form.
  std::vector<uint32_t> regex_rules;
  std::vector<PatternForm> regex_forms;
  // Per rule (indexes of Lexicon::rules()): units of terms and allow entries (SplitUnits), and
  // whether the term is in a script without spaces (then its separators exclude punctuation).
  std::vector<std::vector<std::string>> units;
  std::vector<bool> unsegmented;
  std::vector<bool> allow_structural;  // terms: plain, separated and repeated forms; allow: plain only
  std::unique_ptr<HsScratchPool> scratch;
  uint32_t max_allow_bytes = 0;  // longest normalised allow entry
  std::string fingerprint;       // of the compiled literals and regexes; prefixes serialised dbs
  bool compiled_now = false;     // false when loaded from serialised databases
};

}  // namespace wenjin::review
