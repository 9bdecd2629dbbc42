// Internal: the compiled Hyperscan state behind a Lexicon (the skeleton literal database for
// terms and allow entries, the regex database, per-rule units, a scratch pool). Used by the
// screener; not a public interface.
#pragma once

#include <memory>
#include <string>
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
  // Literal database over text skeletons (review/rule_skeleton.h), no start-of-match needed:
  // Hyperscan id -> the term/allow rules whose skeleton it is. nullptr when there are none.
  HsDatabase skeleton_db;
  std::vector<std::vector<uint32_t>> skeleton_rules;
  std::vector<uint32_t> skeleton_length;  // bytes of each skeleton literal
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
