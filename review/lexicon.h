// Lexicon: a parsed, validated and compiled set of screening rules, immutable once built.
//
// A lexicon is a directory of UTF-8 *.tsv files (format: docs in issue 3, kept exactly):
//   header line  "pattern<TAB>kind<TAB>category<TAB>severity<TAB>langs<TAB>note"
//   '#' starts a comment line; blank lines are skipped
//   kind      term | regex | allow
//   severity  low | medium | high | block   (allow lines may leave it empty or "-")
//   langs     "*" or a comma list of BCP-47 tags ("en", "zh-Hant", "pt-BR")
//   note      free text, optional
// Terms and allow entries go through the Normalizer and become Hyperscan literals over text
// skeletons, which also catch separated letters ("b.a.d", "b a d") and repeated letters
// ("baaad"); see review/rule_skeleton.h. Regexes are matched against the normalised
// (case-folded) text.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "review/normalizer.h"
#include "review/verdict.h"
#include "store/status.h"

namespace wenjin::review {

enum class RuleKind { kTerm, kRegex, kAllow };

// A lexicon's compiled Hyperscan databases as bytes (each prefixed by a fingerprint of the
// patterns it holds, so databases from other patterns are recompiled, not trusted).
struct SerializedDatabases {
  std::string skeleton;  // term and allow literals (see review/rule_skeleton.h)
  std::string regex;     // regex rules
};
const char* RuleKindName(RuleKind kind);

struct Rule {
  std::string pattern;  // as written in the file
  RuleKind kind = RuleKind::kTerm;
  std::string category;
  Severity severity = Severity::kLow;
  std::vector<std::string> langs;  // lower-cased primary subtags; empty = every language
  std::string note;
  std::string file;  // file name (no directory) and 1-based line, for messages
  int line = 0;
  std::string normalized;  // terms and allow entries: the normalised form the patterns use
};

struct LexiconOptions {
  // Version label reported in verdicts. Default: "" = a content hash of the files (12 hex).
  std::string version;
  // How terms and text are normalised. Default: everything on.
  NormalizerOptions normalizer;
  // Run the PII detectors (review/pii.h) and merge their matches into verdicts. Default: true.
  bool detect_pii = true;
  // PII detector options: allowed URL domains, phone region. Default: none / from lang.
  std::vector<std::string> allowed_url_domains;
};

// True when the rule applies to text in `lang` ("" = unknown: every rule applies).
bool RuleAppliesTo(const Rule& rule, std::string_view lang);


class Lexicon {
 public:
  ~Lexicon();
  Lexicon(const Lexicon&) = delete;
  Lexicon& operator=(const Lexicon&) = delete;

  const std::string& version() const { return version_; }
  const std::vector<Rule>& rules() const { return rules_; }
  // The source files, name -> content, exactly as loaded (what a lexicon store saves).
  const std::map<std::string, std::string>& files() const { return files_; }

  // Rule counts for `wenjin lexicon check`: "kind:term", "category:adult", "severity:high",
  // "lang:en" ("lang:*" for rules that apply everywhere) -> count.
  std::map<std::string, int> Counts() const;

  // Compiled Hyperscan state; defined in review/hs_lexicon.h, used by the screener only.
  struct Compiled;
  const Compiled& compiled() const { return *compiled_; }

  // Serialised Hyperscan databases, so a store can skip recompiling.
  Status Serialize(SerializedDatabases* out) const;

 private:
  friend Status BuildLexicon(const std::map<std::string, std::string>& files, const LexiconOptions& options,
                             const SerializedDatabases* databases, std::shared_ptr<const Lexicon>* out);
  Lexicon();
  std::string version_;
  std::vector<Rule> rules_;
  std::map<std::string, std::string> files_;
  std::unique_ptr<Compiled> compiled_;
};

// Parses and compiles a lexicon from file name -> content (only names ending ".tsv" are
// read). On any malformed line returns InvalidArgument whose message lists
// "file:line: problem" for every bad line, one per line, and leaves *out untouched.
Status LoadLexiconFiles(const std::map<std::string, std::string>& files, std::shared_ptr<const Lexicon>* out);
Status LoadLexiconFiles(const std::map<std::string, std::string>& files, const LexiconOptions& options,
                        std::shared_ptr<const Lexicon>* out);
// Same, reading every *.tsv file of `dir` (not recursive). NotFound/IOError if unreadable.
Status LoadLexiconDir(const std::string& dir, std::shared_ptr<const Lexicon>* out);
Status LoadLexiconDir(const std::string& dir, const LexiconOptions& options, std::shared_ptr<const Lexicon>* out);

// A lexicon of no rules (the PII detectors still run, if `options` asks for them): what a
// platform screens with before any lexicon is installed. A set of files without any *.tsv file
// is refused by LoadLexiconFiles instead, as the likely sign of a wrong path.
Status EmptyLexicon(const LexiconOptions& options, std::shared_ptr<const Lexicon>* out);

// Reads the *.tsv files of a directory into name -> content.
Status ReadLexiconDir(const std::string& dir, std::map<std::string, std::string>* files);

// Parses without compiling: every rule, or InvalidArgument listing every bad line (regexes
// are compiled one by one to find the bad ones; terms are not normalised here).
Status ParseLexicon(const std::map<std::string, std::string>& files, std::vector<Rule>* rules);

// 12 hex digits of a 64-bit FNV-1a hash over the sorted file names and contents.
std::string LexiconContentHash(const std::map<std::string, std::string>& files);

// Builds a lexicon; when `databases` is given (from Lexicon::Serialize of the same files and
// options) they are deserialised instead of compiled, falling back to compiling if any does
// not load.
Status BuildLexicon(const std::map<std::string, std::string>& files, const LexiconOptions& options,
                    const SerializedDatabases* databases, std::shared_ptr<const Lexicon>* out);

}  // namespace wenjin::review
