// Internal: the compiled Hyperscan state behind a Lexicon (block and stream databases, the map
// from pattern id to rule, a scratch pool). Used by the screener; not a public interface.
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

struct PatternRef {
  uint32_t rule = 0;
  PatternForm form = PatternForm::kPlain;
};

struct Lexicon::Compiled {
  std::shared_ptr<const Normalizer> normalizer;  // the one terms went through; text must too
  HsDatabase block_db;   // nullptr when the lexicon has no rules
  HsDatabase stream_db;  // HS_MODE_STREAM | HS_MODE_SOM_HORIZON_LARGE
  std::unique_ptr<HsScratchPool> scratch;
  std::shared_ptr<const PiiDetector> pii;  // nullptr when PII detection is off
  std::vector<std::string> allowed_url_domains;
  std::vector<PatternRef> patterns;  // Hyperscan id -> rule and form
  uint32_t max_allow_bytes = 0;      // longest normalised allow entry
  std::string fingerprint;           // of the expressions; prefixes serialised databases
  bool compiled_now = false;         // false when loaded from serialised databases
};

}  // namespace wenjin::review
