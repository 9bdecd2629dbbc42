// Lexicon parsing, validation, hashing and Hyperscan compilation.
#include "review/lexicon.h"

#include <hs/hs.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>

#include "review/hs_lexicon.h"
#include "review/rule_patterns.h"
#include "review/rule_skeleton.h"
#include "store/resource.h"

namespace wenjin::review {
namespace {

constexpr std::string_view kHeader[] = {"pattern", "kind", "category", "severity", "langs", "note"};

// Names in the serialised skeleton set: "" every literal, a language tag its subset, and
// this one (not a language tag) the joined database of Lexicon::Compiled.
constexpr std::string_view kJoinedName = "~joined";

std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> cols;
  size_t pos = 0;
  while (true) {
    size_t tab = line.find('\t', pos);
    cols.push_back(line.substr(pos, tab == std::string_view::npos ? std::string_view::npos : tab - pos));
    if (tab == std::string_view::npos) break;
    pos = tab + 1;
  }
  return cols;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool ValidUtf8(std::string_view s) {
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    if (c < 0) return false;
  }
  return true;
}

// BCP-47 shape: a 2-3 letter language (or "und"), then subtags of 1-8 alphanumerics.
bool ValidLangTag(std::string_view tag) {
  size_t pos = 0;
  bool first = true;
  while (pos <= tag.size()) {
    size_t dash = tag.find('-', pos);
    std::string_view sub = tag.substr(pos, dash == std::string_view::npos ? std::string_view::npos : dash - pos);
    if (sub.empty() || sub.size() > 8) return false;
    for (char c : sub) {
      const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      const bool digit = c >= '0' && c <= '9';
      if (first ? !alpha : !(alpha || digit)) return false;
    }
    if (first && (sub.size() < 2 || sub.size() > 3)) return false;
    first = false;
    if (dash == std::string_view::npos) break;
    pos = dash + 1;
  }
  return true;
}

bool ParseKind(std::string_view s, RuleKind* kind) {
  if (s == "term") *kind = RuleKind::kTerm;
  else if (s == "regex") *kind = RuleKind::kRegex;
  else if (s == "allow") *kind = RuleKind::kAllow;
  else return false;
  return true;
}

// Compiles one regex alone, to tell which line is bad. *ucp receives whether the Unicode-class
// flags could be used (they reject \b; then the regex compiles with ASCII classes).
std::string CheckRegex(const std::string& pattern, bool* ucp) {
  std::string first_error;
  for (bool with_ucp : {true, false}) {
    hs_database_t* raw = nullptr;
    hs_compile_error_t* err = nullptr;
    hs_error_t rc = hs_compile(pattern.c_str(), RegexFlags(with_ucp), HS_MODE_BLOCK, nullptr, &raw, &err);
    HsDatabase db(raw);
    HsCompileError error(err);
    if (rc == HS_SUCCESS) {
      *ucp = with_ucp;
      return "";
    }
    if (first_error.empty()) first_error = error ? error->message : "compile failed";
  }
  return first_error;
}

// Parses one file; appends rules, and "name:line: problem" strings for bad lines.
void ParseFile(const std::string& name, std::string_view content, std::vector<Rule>* rules,
               std::vector<bool>* regex_ucp, std::vector<std::string>* errors) {
  bool header_seen = false;
  int line_no = 0;
  size_t pos = 0;
  auto bad = [&](const std::string& problem) {
    errors->push_back(name + ":" + std::to_string(line_no) + ": " + problem);
  };
  while (pos < content.size()) {
    size_t nl = content.find('\n', pos);
    std::string_view line = content.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? content.size() : nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line_no == 1 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);  // BOM
    if (Trim(line).empty() || line.front() == '#') continue;
    if (!ValidUtf8(line)) {
      bad("not valid UTF-8");
      continue;
    }
    std::vector<std::string_view> cols = SplitTabs(line);
    if (!header_seen) {
      header_seen = true;
      bool ok = cols.size() == 6 || cols.size() == 5;
      for (size_t i = 0; ok && i < cols.size(); ++i) ok = Trim(cols[i]) == kHeader[i];
      if (!ok) bad("expected the header line 'pattern<TAB>kind<TAB>category<TAB>severity<TAB>langs<TAB>note'");
      continue;
    }
    if (cols.size() < 5) {
      bad("missing column: " + std::to_string(cols.size()) +
          " tab-separated columns, expected pattern, kind, category, severity, langs[, note]");
      continue;
    }
    if (cols.size() > 6) {
      bad("too many columns: " + std::to_string(cols.size()) + " (a tab inside the note?)");
      continue;
    }
    Rule rule;
    rule.file = name;
    rule.line = line_no;
    rule.pattern = std::string(cols[0]);
    const size_t errors_before = errors->size();
    if (Trim(cols[0]).empty()) bad("empty pattern");
    const std::string_view kind = Trim(cols[1]);
    if (!ParseKind(kind, &rule.kind)) bad("unknown kind '" + std::string(kind) + "' (term, regex or allow)");
    rule.category = std::string(Trim(cols[2]));
    const std::string_view severity = Trim(cols[3]);
    if (rule.kind == RuleKind::kAllow && (severity.empty() || severity == "-")) {
      rule.severity = Severity::kLow;
    } else if (!ParseSeverity(severity, &rule.severity)) {
      bad("unknown severity '" + std::string(severity) + "' (low, medium, high or block)");
    }
    if (rule.kind != RuleKind::kAllow && rule.category.empty()) bad("empty category");
    const std::string_view langs = Trim(cols[4]);
    if (langs.empty()) {
      bad("empty langs (use * for every language)");
    } else if (langs != "*") {
      for (std::string_view tag : [&] {
             std::vector<std::string_view> tags;
             size_t p = 0;
             while (p <= langs.size()) {
               size_t comma = langs.find(',', p);
               tags.push_back(Trim(langs.substr(p, comma == std::string_view::npos ? std::string_view::npos
                                                                                      : comma - p)));
               if (comma == std::string_view::npos) break;
               p = comma + 1;
             }
             return tags;
           }()) {
        if (!ValidLangTag(tag)) {
          bad("bad language tag '" + std::string(tag) + "' (BCP-47, e.g. en, zh-Hant, or *)");
        } else if (std::string primary = PrimaryLanguage(tag);
                   std::find(rule.langs.begin(), rule.langs.end(), primary) == rule.langs.end()) {
          rule.langs.push_back(std::move(primary));
        }
      }
    }
    if (cols.size() == 6) rule.note = std::string(cols[5]);
    bool ucp = true;
    if (rule.kind == RuleKind::kRegex && !Trim(cols[0]).empty()) {
      std::string problem = CheckRegex(rule.pattern, &ucp);
      if (!problem.empty()) bad("bad regex: " + problem);
    }
    if (errors->size() == errors_before) {
      rules->push_back(std::move(rule));
      regex_ucp->push_back(ucp);
    }
  }
  if (!header_seen) {
    line_no = std::max(line_no, 1);
    bad("no header line");
  }
}

Status ParseAll(const std::map<std::string, std::string>& files, std::vector<Rule>* rules,
                std::vector<bool>* regex_ucp) {
  std::vector<std::string> errors;
  int tsv_files = 0;
  for (const auto& [name, content] : files) {
    if (name.size() < 4 || name.compare(name.size() - 4, 4, ".tsv") != 0) continue;
    ++tsv_files;
    ParseFile(name, content, rules, regex_ucp, &errors);
  }
  if (tsv_files == 0) errors.push_back("no *.tsv files in the lexicon");
  if (errors.empty()) return Status::OK();
  std::string message = "lexicon rejected, " + std::to_string(errors.size()) + " problem(s):";
  for (const auto& e : errors) message += "\n" + e;
  return Status::InvalidArgument(message);
}

// Compiles the literals whose indexes are in `which` (Hyperscan id = index) into one
// block-mode database; none leaves *out null.
Status CompileLiterals(const std::vector<std::string>& literals, const std::vector<uint32_t>& which,
                       HsDatabase* out) {
  out->reset();
  if (which.empty()) return Status::OK();
  std::vector<const char*> expressions;
  std::vector<size_t> lengths;
  std::vector<unsigned int> flags(which.size(), 0), ids;
  for (uint32_t i : which) {
    expressions.push_back(literals[i].data());
    lengths.push_back(literals[i].size());
    ids.push_back(i);
  }
  hs_database_t* raw = nullptr;
  hs_compile_error_t* err = nullptr;
  hs_error_t rc = hs_compile_lit_multi(expressions.data(), flags.data(), ids.data(), lengths.data(),
                                       static_cast<unsigned int>(which.size()), HS_MODE_BLOCK, nullptr, &raw, &err);
  HsCompileError error(err);
  if (rc != HS_SUCCESS) {
    return Status::Internal(std::string("cannot compile the term literals: ") + (error ? error->message : "?"));
  }
  out->reset(raw);
  return Status::OK();
}

// Compiles the regexes (Hyperscan id = index); on failure names the rule's file and line.
Status CompileRegexes(const std::vector<std::string>& regexes, const std::vector<unsigned int>& flags,
                      const std::vector<uint32_t>& regex_rules, const std::vector<Rule>& rules, HsDatabase* out) {
  if (regexes.empty()) return Status::OK();
  std::vector<const char*> expressions;
  std::vector<unsigned int> ids;
  for (size_t i = 0; i < regexes.size(); ++i) {
    expressions.push_back(regexes[i].c_str());
    ids.push_back(static_cast<unsigned int>(i));
  }
  hs_database_t* raw = nullptr;
  hs_compile_error_t* err = nullptr;
  hs_error_t rc = hs_compile_multi(expressions.data(), flags.data(), ids.data(),
                                   static_cast<unsigned int>(regexes.size()), HS_MODE_BLOCK, nullptr, &raw, &err);
  HsCompileError error(err);
  if (rc != HS_SUCCESS) {
    std::string where = "lexicon";
    if (error && error->expression >= 0 && static_cast<size_t>(error->expression) < regexes.size()) {
      const Rule& rule = rules[regex_rules[error->expression]];
      where = rule.file + ":" + std::to_string(rule.line);
    }
    return Status::InvalidArgument("lexicon rejected, 1 problem(s):\n" + where +
                                   ": cannot compile: " + (error ? error->message : "unknown error"));
  }
  out->reset(raw);
  return Status::OK();
}

// Serialised databases carry a fingerprint of the literals and regexes they were compiled
// from, so a database stored by an older normaliser or rule compiler is recompiled, not trusted.
uint64_t Fnv1a(uint64_t h, std::string_view bytes);

// A serialised set (review/hs_handles.h) behind the fingerprint; it must hold exactly the
// names in `names` and a database under "".
Status Deserialize(const std::string& bytes, const std::string& fingerprint, const std::set<std::string>& names,
                   std::map<std::string, HsDatabase>* out) {
  if (bytes.size() <= fingerprint.size() || bytes.compare(0, fingerprint.size(), fingerprint) != 0) {
    return Status::Corruption("serialised database is from other patterns");
  }
  std::map<std::string, HsDatabase> set;
  WENJIN_RETURN_IF_ERROR(DeserializeDatabaseSet(std::string_view(bytes).substr(fingerprint.size()), &set));
  bool same = set.size() == names.size() && set.count("") == 1 && set.at("") != nullptr;
  for (const auto& name : names) same = same && set.count(name) == 1;
  if (!same) return Status::Corruption("serialised database set holds other databases");
  *out = std::move(set);
  return Status::OK();
}

uint64_t Fnv1a(uint64_t h, std::string_view bytes) {
  for (unsigned char b : bytes) {
    h ^= b;
    h *= 1099511628211ull;
  }
  return h;
}

}  // namespace

const char* RuleKindName(RuleKind kind) {
  switch (kind) {
    case RuleKind::kTerm: return "term";
    case RuleKind::kRegex: return "regex";
    case RuleKind::kAllow: return "allow";
  }
  return "term";
}

bool RuleAppliesTo(const Rule& rule, std::string_view lang) {
  if (rule.langs.empty() || lang.empty()) return true;
  const std::string primary = PrimaryLanguage(lang);
  if (primary.empty() || primary == "und") return true;
  return std::find(rule.langs.begin(), rule.langs.end(), primary) != rule.langs.end();
}

Lexicon::Lexicon() = default;
Lexicon::~Lexicon() = default;

std::map<std::string, int> Lexicon::Counts() const {
  std::map<std::string, int> counts;
  for (const auto& r : rules_) {
    ++counts[std::string("kind:") + RuleKindName(r.kind)];
    if (r.kind == RuleKind::kAllow) continue;
    ++counts["category:" + r.category];
    ++counts[std::string("severity:") + SeverityName(r.severity)];
    if (r.langs.empty()) ++counts["lang:*"];
    for (const auto& l : r.langs) ++counts["lang:" + l];
  }
  return counts;
}

Status Lexicon::Serialize(SerializedDatabases* out) const {
  auto one = [this](const std::map<std::string, const hs_database_t*>& set, std::string* out) -> Status {
    out->clear();
    if (set.at("") == nullptr) return Status::OK();
    std::string bytes;
    WENJIN_RETURN_IF_ERROR(SerializeDatabaseSet(set, &bytes));
    *out = compiled_->fingerprint + bytes;
    return Status::OK();
  };
  // Skeleton literals: "" is the whole database, the other names its language subsets.
  std::map<std::string, const hs_database_t*> skeleton = {{"", compiled_->skeleton_db.get()},
                                                          {std::string(kJoinedName), compiled_->joined_db.get()}};
  for (const auto& [lang, db] : compiled_->language_skeleton_db) skeleton[lang] = db.get();
  WENJIN_RETURN_IF_ERROR(one(skeleton, &out->skeleton));
  return one({{"", compiled_->regex_db.get()}}, &out->regex);
}

Status ParseLexicon(const std::map<std::string, std::string>& files, std::vector<Rule>* rules) {
  std::vector<bool> regex_ucp;
  std::vector<Rule> parsed;
  WENJIN_RETURN_IF_ERROR(ParseAll(files, &parsed, &regex_ucp));
  *rules = std::move(parsed);
  return Status::OK();
}

std::string LexiconContentHash(const std::map<std::string, std::string>& files) {
  uint64_t h = 14695981039346656037ull;
  for (const auto& [name, content] : files) {
    h = Fnv1a(h, name);
    h = Fnv1a(h, std::string_view("\0", 1));
    h = Fnv1a(h, content);
    h = Fnv1a(h, std::string_view("\0", 1));
  }
  char buf[17];
  std::snprintf(buf, sizeof(buf), "%016llx", static_cast<unsigned long long>(h));
  return std::string(buf, 12);
}

Status BuildLexicon(const std::map<std::string, std::string>& files, const LexiconOptions& options,
                    const SerializedDatabases* databases, std::shared_ptr<const Lexicon>* out) {
  WENJIN_RETURN_IF_ERROR(CheckHsPlatform());
  std::vector<Rule> rules;
  std::vector<bool> regex_ucp;
  WENJIN_RETURN_IF_ERROR(ParseAll(files, &rules, &regex_ucp));

  auto compiled = std::make_unique<Lexicon::Compiled>();
  std::unique_ptr<Normalizer> normalizer;
  WENJIN_RETURN_IF_ERROR(Normalizer::Create(options.normalizer, &normalizer));
  compiled->normalizer = std::move(normalizer);

  if (options.detect_pii) {
    // One detector per process: its patterns do not depend on the lexicon.
    static std::mutex mu;
    static std::shared_ptr<const PiiDetector> shared;
    std::lock_guard<std::mutex> lock(mu);
    if (!shared) {
      std::unique_ptr<PiiDetector> detector;
      WENJIN_RETURN_IF_ERROR(PiiDetector::Create(&detector));
      shared = std::move(detector);
    }
    compiled->pii = shared;
    compiled->allowed_url_domains = options.allowed_url_domains;
  }

  std::vector<std::string> errors;
  for (auto& rule : rules) {
    if (rule.kind == RuleKind::kRegex) continue;
    rule.normalized = compiled->normalizer->Normalize(rule.pattern).text;
    // Collapse whitespace runs and trim, so "a  b" and " a b " are the phrase "a b".
    std::string collapsed;
    for (char c : rule.normalized) {
      const bool space = c == ' ' || c == '\t';
      if (space && (collapsed.empty() || collapsed.back() == ' ')) continue;
      collapsed += space ? ' ' : c;
    }
    while (!collapsed.empty() && collapsed.back() == ' ') collapsed.pop_back();
    rule.normalized = std::move(collapsed);
    if (rule.normalized.empty()) {
      errors.push_back(rule.file + ":" + std::to_string(rule.line) + ": pattern normalises to nothing");
    }
    if (rule.kind == RuleKind::kAllow) {
      compiled->max_allow_bytes = std::max<uint32_t>(compiled->max_allow_bytes, rule.normalized.size());
    }
  }
  if (!errors.empty()) {
    std::string message = "lexicon rejected, " + std::to_string(errors.size()) + " problem(s):";
    for (const auto& e : errors) message += "\n" + e;
    return Status::InvalidArgument(message);
  }

  // Skeleton literals (terms and allow entries sharing a skeleton share one literal) and regexes.
  std::map<std::string, uint32_t> skeleton_ids;
  std::vector<std::string> skeletons;
  std::vector<std::string> regexes;
  std::vector<unsigned int> regex_flags;
  compiled->units.resize(rules.size());
  compiled->unsegmented.resize(rules.size());
  compiled->allow_structural.resize(rules.size());
  for (uint32_t r = 0; r < rules.size(); ++r) {
    const Rule& rule = rules[r];
    if (rule.kind == RuleKind::kRegex) {
      compiled->regex_rules.push_back(r);
      compiled->regex_forms.push_back(PatternForm::kRegex);
      regexes.push_back(rule.pattern);
      regex_flags.push_back(RegexFlags(regex_ucp[r]));
      continue;
    }
    compiled->units[r] = SplitUnits(rule.normalized);
    compiled->allow_structural[r] = rule.kind == RuleKind::kTerm;
    for (const auto& u : compiled->units[r]) {
      int32_t i = 0;
      UChar32 c;
      U8_NEXT(u.data(), i, static_cast<int32_t>(u.size()), c);
      if (c >= 0 && IsUnsegmentedChar(static_cast<uint32_t>(c))) compiled->unsegmented[r] = true;
    }
    std::string skeleton(MakeSkeleton(rule.normalized).text());
    if (skeleton.empty()) {
      // No letters (an emoji, a symbol): matched literally on the normalised text.
      compiled->regex_rules.push_back(r);
      compiled->regex_forms.push_back(rule.kind == RuleKind::kAllow ? PatternForm::kAllow : PatternForm::kPlain);
      regexes.push_back(EscapeLiteral(rule.normalized));
      regex_flags.push_back(HS_FLAG_SOM_LEFTMOST);
      continue;
    }
    auto [it, inserted] = skeleton_ids.emplace(skeleton, skeletons.size());
    if (inserted) {
      skeletons.push_back(skeleton);
      compiled->skeleton_rules.emplace_back();
      compiled->skeleton_length.push_back(skeleton.size());
    }
    compiled->skeleton_rules[it->second].push_back(r);
  }
  // Literals of one character stay out of the databases (see Lexicon::Compiled); `every`
  // lists the others. Their word edges get a space (`bounded`); `joined` lists those with any.
  std::vector<uint32_t> every, joined;
  std::vector<std::string> bounded(skeletons.size());
  compiled->skeleton_edges.assign(skeletons.size(), 0);
  for (uint32_t id = 0; id < skeletons.size(); ++id) {
    const std::string& k = skeletons[id];
    int32_t i = 0;
    UChar32 c;
    U8_NEXT(k.data(), i, static_cast<int32_t>(k.size()), c);
    if (c >= 0 && static_cast<size_t>(i) == k.size()) {
      compiled->single_char_literals[c] = id;
      if (c < 0x10000) compiled->single_char_bmp[static_cast<size_t>(c)] = true;
      continue;
    }
    every.push_back(id);
    int32_t j = static_cast<int32_t>(k.size());
    UChar32 last;
    U8_PREV(k.data(), 0, j, last);
    uint8_t edges = 0;
    if (c >= 0 && !IsUnsegmentedChar(static_cast<uint32_t>(c))) edges |= Lexicon::Compiled::kWordStart;
    if (last >= 0 && !IsUnsegmentedChar(static_cast<uint32_t>(last))) edges |= Lexicon::Compiled::kWordEnd;
    compiled->skeleton_edges[id] = edges;
    bounded[id] = (edges & Lexicon::Compiled::kWordStart ? " " : "") + k + (edges & Lexicon::Compiled::kWordEnd ? " " : "");
    if (edges != 0) {
      joined.push_back(id);
      compiled->max_joined_length = std::max<uint32_t>(compiled->max_joined_length, k.size());
    }
  }
  // Which literals each language's database holds (see Lexicon::Compiled).
  std::map<std::string, std::vector<uint32_t>> language_literals = {{"*", {}}};
  if (!every.empty()) {
    for (const Rule& rule : rules) {
      if (rule.kind == RuleKind::kRegex) continue;
      for (const auto& lang : rule.langs) language_literals[lang];
    }
    for (uint32_t id : every) {
      for (auto& [lang, ids] : language_literals) {
        const bool applies = std::any_of(compiled->skeleton_rules[id].begin(), compiled->skeleton_rules[id].end(),
                                         [&](uint32_t r) {
                                           const auto& langs = rules[r].langs;
                                           return langs.empty() || (lang != "*" && std::find(langs.begin(), langs.end(),
                                                                                             lang) != langs.end());
                                         });
        if (applies) ids.push_back(id);
      }
    }
  }
  {
    // Format 4: skeleton databases are sets with language subsets, without the literals of
    // one character, with spaces at word edges, plus the joined set (older blobs recompile).
    std::string all = "4\n";
    for (const auto& k : bounded) all += k + '\n';
    for (const auto& [lang, ids] : language_literals) {
      all += lang + ':';
      for (uint32_t id : ids) all += std::to_string(id) + ',';
      all += '\n';
    }
    for (size_t i = 0; i < regexes.size(); ++i) all += regexes[i] + '\t' + std::to_string(regex_flags[i]) + '\n';
    char buf[32];
    std::snprintf(buf, sizeof(buf), "wjhs%016llx:", static_cast<unsigned long long>(Fnv1a(14695981039346656037ull, all)));
    compiled->fingerprint = buf;
  }
  std::set<std::string> skeleton_names = {"", std::string(kJoinedName)};
  for (const auto& [lang, ids] : language_literals) skeleton_names.insert(lang);
  std::map<std::string, HsDatabase> skeleton_set, regex_set;
  auto load = [&](const std::string& bytes, size_t count, const std::set<std::string>& names,
                  std::map<std::string, HsDatabase>* set) {
    if (count == 0) return bytes.empty();
    return Deserialize(bytes, compiled->fingerprint, names, set).ok();
  };
  const bool loaded = databases != nullptr &&
                      load(databases->skeleton, every.size(), skeleton_names, &skeleton_set) &&
                      load(databases->regex, regexes.size(), {""}, &regex_set);
  if (loaded) {
    compiled->skeleton_db = std::move(skeleton_set[""]);
    compiled->joined_db = std::move(skeleton_set[std::string(kJoinedName)]);
    compiled->regex_db = std::move(regex_set[""]);
    if (!every.empty()) {
      for (const auto& [lang, ids] : language_literals) {
        compiled->language_skeleton_db[lang] = std::move(skeleton_set[lang]);
      }
    }
  } else {
    compiled->compiled_now = true;
    WENJIN_RETURN_IF_ERROR(CompileLiterals(bounded, every, &compiled->skeleton_db));
    WENJIN_RETURN_IF_ERROR(CompileLiterals(skeletons, joined, &compiled->joined_db));
    if (!every.empty()) {
      for (const auto& [lang, ids] : language_literals) {
        WENJIN_RETURN_IF_ERROR(CompileLiterals(bounded, ids, &compiled->language_skeleton_db[lang]));
      }
    }
    WENJIN_RETURN_IF_ERROR(CompileRegexes(regexes, regex_flags, compiled->regex_rules, rules, &compiled->regex_db));
  }
  std::vector<const hs_database_t*> scanned = {compiled->skeleton_db.get(), compiled->joined_db.get(),
                                               compiled->regex_db.get()};
  for (const auto& [lang, db] : compiled->language_skeleton_db) scanned.push_back(db.get());
  WENJIN_RETURN_IF_ERROR(HsScratchPool::Create(scanned, &compiled->scratch));

  std::shared_ptr<Lexicon> lexicon(new Lexicon());
  lexicon->version_ = options.version.empty() ? LexiconContentHash(files) : options.version;
  lexicon->rules_ = std::move(rules);
  lexicon->files_ = files;
  lexicon->compiled_ = std::move(compiled);
  *out = std::move(lexicon);
  return Status::OK();
}

Status LoadLexiconFiles(const std::map<std::string, std::string>& files, const LexiconOptions& options,
                        std::shared_ptr<const Lexicon>* out) {
  return BuildLexicon(files, options, nullptr, out);
}

Status EmptyLexicon(const LexiconOptions& options, std::shared_ptr<const Lexicon>* out) {
  std::string header;
  for (std::string_view column : kHeader) header += std::string(header.empty() ? "" : "\t") + std::string(column);
  return LoadLexiconFiles({{"empty.tsv", header + "\n"}}, options, out);
}

Status LoadLexiconFiles(const std::map<std::string, std::string>& files, std::shared_ptr<const Lexicon>* out) {
  return LoadLexiconFiles(files, LexiconOptions(), out);
}

Status ReadLexiconDir(const std::string& dir, std::map<std::string, std::string>* files) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return Status::NotFound("lexicon directory not found: " + dir);
  std::map<std::string, std::string> read;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".tsv") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    if (!in) return Status::IOError("cannot read " + entry.path().string());
    std::ostringstream content;
    content << in.rdbuf();
    read[entry.path().filename().string()] = content.str();
  }
  if (ec) return Status::IOError("cannot list " + dir + ": " + ec.message());
  *files = std::move(read);
  return Status::OK();
}

Status LoadLexiconDir(const std::string& dir, const LexiconOptions& options, std::shared_ptr<const Lexicon>* out) {
  std::map<std::string, std::string> files;
  WENJIN_RETURN_IF_ERROR(ReadLexiconDir(dir, &files));
  return LoadLexiconFiles(files, options, out);
}

Status LoadLexiconDir(const std::string& dir, std::shared_ptr<const Lexicon>* out) {
  return LoadLexiconDir(dir, LexiconOptions(), out);
}

}  // namespace wenjin::review
