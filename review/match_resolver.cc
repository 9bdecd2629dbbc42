// Match resolution: the rules a raw Hyperscan match must pass to become a flag.
#include "review/match_resolver.h"

#include "review/normalize_data.h"
#include "review/rule_skeleton.h"
#include "store/resource.h"

#include <hs/hs.h>
#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <memory>

namespace wenjin::review {
namespace {

// Bytes of context each side of a match that the CJK segmentation check may look at; a
// streaming match is judged once this much text follows it (plus one character), so the
// judgement never depends on where chunks were cut.
constexpr uint64_t kContextBytes = 36;
constexpr uint64_t kLookahead = kContextBytes + 4;

UChar32 CharAt(std::string_view text, size_t pos) {
  if (pos >= text.size()) return -1;
  int32_t i = static_cast<int32_t>(pos);
  UChar32 c;
  U8_NEXT(text.data(), i, static_cast<int32_t>(text.size()), c);
  return c;
}

UChar32 CharBefore(std::string_view text, size_t pos) {
  if (pos == 0 || pos > text.size()) return -1;
  int32_t i = static_cast<int32_t>(pos);
  UChar32 c;
  U8_PREV(text.data(), 0, i, c);
  return c;
}

// A letter of a space-delimited script (Latin, Cyrillic, Arabic ...): needs whole-word checks.
bool IsSegmentedWordChar(UChar32 c) { return IsWordChar(c) && !IsUnsegmentedChar(static_cast<uint32_t>(c)); }

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char b : s) n += (b & 0xC0) != 0x80;
  return n;
}

struct BreakIteratorDeleter {
  void operator()(icu::BreakIterator* b) const { delete b; }  // ICU's factory hands over ownership
};

icu::BreakIterator* ThreadWordBreaker() {
  thread_local std::unique_ptr<icu::BreakIterator, BreakIteratorDeleter> breaker = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator, BreakIteratorDeleter> b(
        icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status)) b.reset();
    return b;
  }();
  return breaker.get();
}

struct UTextCloser {
  void operator()(UText* t) const { utext_close(t); }
};

// True when the match [from, to) starts or ends inside a word (of two or more characters) that
// ICU's dictionary segmentation of the surrounding CJK text finds: 代考 inside 现代考古学
// (现代|考古学) is not 'exam by proxy'.
bool CutsDictionaryWord(std::string_view text, size_t from, size_t to) {
  // The window: the unsegmented-script run around the match, at most kContextBytes each side.
  size_t lo = from;
  while (lo > 0 && from - lo < kContextBytes) {
    UChar32 c = CharBefore(text, lo);
    if (c < 0 || !IsUnsegmentedChar(static_cast<uint32_t>(c))) break;
    int32_t i = static_cast<int32_t>(lo);
    U8_BACK_1(reinterpret_cast<const uint8_t*>(text.data()), 0, i);
    lo = static_cast<size_t>(i);
  }
  size_t hi = to;
  while (hi < text.size() && hi - to < kContextBytes) {
    UChar32 c = CharAt(text, hi);
    if (c < 0 || !IsUnsegmentedChar(static_cast<uint32_t>(c))) break;
    int32_t i = static_cast<int32_t>(hi);
    U8_FWD_1(reinterpret_cast<const uint8_t*>(text.data()), i, static_cast<int32_t>(text.size()));
    hi = static_cast<size_t>(i);
  }
  if (lo == from && hi == to) return false;  // nothing around it to cut through
  icu::BreakIterator* breaker = ThreadWordBreaker();
  if (breaker == nullptr) return false;
  UErrorCode status = U_ZERO_ERROR;
  std::string_view window = text.substr(lo, hi - lo);
  std::unique_ptr<UText, UTextCloser> ut(
      utext_openUTF8(nullptr, window.data(), static_cast<int64_t>(window.size()), &status));
  if (U_FAILURE(status)) return false;
  breaker->setText(ut.get(), status);
  if (U_FAILURE(status)) return false;
  const size_t match_chars = CodePoints(text.substr(from, to - from));
  for (size_t pos : {from - lo, to - lo}) {
    if (pos == 0 || pos >= window.size()) continue;
    if (breaker->isBoundary(static_cast<int32_t>(pos))) continue;
    const int32_t word_start = breaker->preceding(static_cast<int32_t>(pos));
    const int32_t word_end = breaker->following(static_cast<int32_t>(pos));
    if (word_start == icu::BreakIterator::DONE || word_end == icu::BreakIterator::DONE) continue;
    // Measured on tests/review/eval/clean.tsv: requiring the cut word to be longer than the
    // match let 取代|考试 through as 代考; any dictionary word of two or more characters that
    // the match enters or leaves mid-word means the match is not a word of its own.
    const size_t word_chars = CodePoints(window.substr(word_start, word_end - word_start));
    if (word_chars >= 2 && match_chars >= 1) return true;
  }
  return false;
}

}  // namespace

std::vector<Flag> ScanNormalized(const Lexicon& lexicon, const NormalizedText& normalized,
                                 std::string_view original, std::string_view lang) {
  const Lexicon::Compiled& compiled = lexicon.compiled();
  MatchResolver resolver(lexicon, lang, /*dedupe=*/false);
  HsScratchPool::Lease scratch = compiled.scratch->Acquire();
  resolver.Add(FindMatches(compiled, resolver.filter(), normalized.text, scratch.get()));
  resolver.Resolve(normalized, /*complete=*/true);
  return resolver.Flags(original);
}

std::vector<Flag> DetectPiiFlags(const Lexicon::Compiled& compiled, std::string_view original,
                                 std::string_view lang) {
  std::vector<Flag> flags;
  if (!compiled.pii) return flags;
  PiiOptions options;
  options.lang = std::string(lang);
  options.allowed_url_domains = compiled.allowed_url_domains;
  for (PiiMatch& m : compiled.pii->Detect(original, options)) {
    Flag flag;
    flag.rule = std::move(m.rule);
    flag.category = std::move(m.category);
    if (!ParseSeverity(m.severity, &flag.severity)) flag.severity = Severity::kMedium;
    flag.start = m.start;
    flag.end = m.end;
    flag.excerpt = MakeExcerpt(original, m.start, m.end);
    flags.push_back(std::move(flag));
  }
  return flags;
}

namespace {
struct Hit {
  unsigned int id;
  unsigned long long from, to;
};
int CollectHit(unsigned int id, unsigned long long from, unsigned long long to, unsigned int, void* context) {
  static_cast<std::vector<Hit>*>(context)->push_back({id, from, to});
  return 0;
}

// Whether a run of `unit` begins at p (ends at q) in text, looking no further back than begin
// (no further ahead than end).
// text[at, at + unit.size()) == unit (false past the end); units are a few bytes, so a loop
// beats a call to memcmp. A one-letter unit also accepts its leetspeak digit or symbol, which
// the normaliser leaves alone in letters typed one by one ("f 3 l t c h"); MatchTermSpan then
// decides whether the form allows it.
inline bool UnitAt(std::string_view text, size_t at, const std::string& unit) {
  if (at > text.size() || text.size() - at < unit.size()) return false;
  if (unit.size() == 1 && text[at] != unit[0]) return LeetLetter(static_cast<unsigned char>(text[at])) == unit[0];
  for (size_t k = 0; k < unit.size(); ++k) {
    if (text[at + k] != unit[k]) return false;
  }
  return true;
}
bool RunStartsAt(std::string_view text, size_t begin, size_t p, const std::string& unit) {
  const size_t u = unit.size();
  return UnitAt(text, p, unit) && (p < u || p == begin || !UnitAt(text, p - u, unit));
}
bool RunEndsAt(std::string_view text, size_t end, size_t q, const std::string& unit) {
  const size_t u = unit.size();
  return UnitAt(text, q - u, unit) && (q == end || !UnitAt(text, q, unit));
}

// The hits of literals with a word edge at a join (Skeleton::joins), where the skeleton has
// no space for the database's literal to match (those with every word edge at a space or at an
// end of the text were found already). Windows of max_joined_length bytes either side of each
// join are merged and scanned with the joined database; a hit counts when one of its word
// edges is a join. Appends hits with `to` in skeleton offsets.
void FindJoinedHits(const Lexicon::Compiled& compiled, std::string_view sk, const std::vector<uint32_t>& joins,
                    hs_scratch_t* scratch, std::vector<Hit>* hits) {
  const size_t reach = compiled.max_joined_length;
  thread_local std::vector<Hit> found;
  size_t k = 0;
  while (k < joins.size()) {
    const size_t begin = joins[k] > reach ? joins[k] - reach : 0;
    size_t end = std::min(sk.size(), joins[k] + reach);
    while (++k < joins.size() && joins[k] <= end + reach) end = std::min(sk.size(), joins[k] + reach);
    found.clear();
    hs_scan(compiled.joined_db.get(), sk.data() + begin, static_cast<unsigned int>(end - begin), 0, scratch,
            CollectHit, &found);
    for (Hit h : found) {
      h.to += begin;
      const uint8_t edges = compiled.skeleton_edges[h.id];
      const size_t from = h.to - compiled.skeleton_length[h.id];
      const bool at_join = ((edges & Lexicon::Compiled::kWordStart) && std::binary_search(joins.begin(), joins.end(), from)) ||
                           ((edges & Lexicon::Compiled::kWordEnd) && std::binary_search(joins.begin(), joins.end(), h.to));
      if (at_join) hits->push_back(h);
    }
  }
}

// The whole-word part of MatchResolver::PassesBoundaries, judged only on characters inside
// `text`: false means the resolver would drop the match too.
bool MayBeWholeWord(std::string_view text, size_t from, size_t to) {
  const UChar32 first = CharAt(text, from);
  if (IsSegmentedWordChar(first) && IsSegmentedWordChar(CharBefore(text, from))) return false;
  const UChar32 last = CharBefore(text, to);
  if (IsSegmentedWordChar(last)) {
    const UChar32 next = CharAt(text, to);
    if (IsSegmentedWordChar(next) || (next >= 0 && (U_GET_GC_MASK(next) & U_GC_M_MASK) != 0)) return false;
  }
  return true;
}
}  // namespace

RuleFilter::RuleFilter(const Lexicon& lexicon, std::string_view lang)
    : rules_(lexicon.rules()), primary_(PrimaryLanguage(lang)) {
  if (primary_ == "und") primary_.clear();
}

bool RuleFilter::Applies(uint32_t rule) const {
  if (rule >= rules_.size()) return false;
  const std::vector<std::string>& langs = rules_[rule].langs;
  return primary_.empty() || langs.empty() || std::find(langs.begin(), langs.end(), primary_) != langs.end();
}

std::vector<RawMatch> FindMatches(const Lexicon::Compiled& compiled, const RuleFilter& filter,
                                  std::string_view normalized, hs_scratch_t* scratch) {
  std::vector<RawMatch> out;
  const auto length = static_cast<unsigned int>(normalized.size());
  // With a valid database and scratch hs_scan fails only on allocation trouble; then the
  // matches found so far still count.
  // Buffers kept per thread: most texts are short, and allocating these for each one cost
  // more than scanning it.
  thread_local std::vector<Hit> hits;
  thread_local Skeleton skeleton;
  hits.clear();
  if (compiled.regex_db) {
    hs_scan(compiled.regex_db.get(), normalized.data(), length, 0, scratch, CollectHit, &hits);
    for (const Hit& h : hits) {
      const uint32_t rule = compiled.regex_rules[h.id];
      if (filter.Applies(rule)) out.push_back({rule, compiled.regex_forms[h.id], h.from, h.to});
    }
  }
  const hs_database_t* skeleton_db = compiled.SkeletonDbFor(filter.primary());
  if (skeleton_db == nullptr && compiled.single_char_literals.empty()) return out;
  // A short text after a very long one gives the long one's buffers back.
  if (skeleton.from.capacity() > (size_t{1} << 20) && normalized.size() < (size_t{1} << 16)) skeleton = Skeleton();
  MakeSkeleton(normalized, &skeleton);
  const std::string_view sk = skeleton.text();
  hits.clear();
  if (skeleton_db != nullptr) {
    // Over the framed skeleton: a hit's end is past the literal's trailing space, if it has one.
    hs_scan(skeleton_db, skeleton.framed.data(), static_cast<unsigned int>(skeleton.framed.size()), 0, scratch,
            CollectHit, &hits);
    for (Hit& h : hits) h.to -= 1 + ((compiled.skeleton_edges[h.id] & Lexicon::Compiled::kWordEnd) != 0);
    if (compiled.joined_db != nullptr && !skeleton.joins.empty()) {
      FindJoinedHits(compiled, sk, skeleton.joins, scratch, &hits);
    }
  }
  // Literals of one character, at the characters that stand for one-letter words.
  if (!compiled.single_char_literals.empty()) {
    for (uint32_t at : skeleton.single_words) {
      int32_t next = static_cast<int32_t>(at);
      UChar32 c;
      U8_NEXT(sk.data(), next, static_cast<int32_t>(sk.size()), c);
      if (c < 0 || (c < 0x10000 && !compiled.single_char_bmp[static_cast<size_t>(c)])) continue;
      const auto it = compiled.single_char_literals.find(c);
      if (it != compiled.single_char_literals.end()) hits.push_back({it->second, at, static_cast<uint64_t>(next)});
    }
  }
  for (const Hit& h : hits) {
    const size_t e = h.to;
    const size_t s = e - compiled.skeleton_length[h.id];
    // The normalised text behind the first and last skeleton characters (whole runs): the
    // match starts where a run of the term's first unit begins in the first, and ends where a
    // run of its last unit ends in the last.
    const size_t first_begin = skeleton.from[s], first_end = skeleton.to[s];
    const size_t last_begin = skeleton.from[e - 1], last_end = skeleton.to[e - 1];
    // Most hits are inside a longer word ("as" in "was"). Such a hit can only start at
    // first_begin (a skeleton character that starts mid-word covers one run of one letter),
    // where every rule's whole-word check would fail: drop it before any rule is tried.
    if (IsSegmentedWordChar(CharAt(normalized, first_begin)) &&
        IsSegmentedWordChar(CharBefore(normalized, first_begin))) {
      continue;
    }
    for (uint32_t rule : compiled.skeleton_rules[h.id]) {
      const auto& units = compiled.units[rule];
      if (units.empty() || !filter.Applies(rule)) continue;
      const std::string& head = units.front();
      const std::string& tail = units.back();
      // The first (from, to) pair, from ascending and to descending, whose span is the term:
      // from inside the first skeleton character, to inside the last. A unit may be longer
      // than that character (a letter and its vowel sign or virama, "चू"): it then reaches
      // past the character's range.
      bool found = false;
      for (size_t from = first_begin; !found && from < first_end; ++from) {
        if (!RunStartsAt(normalized, first_begin, from, head)) continue;
        for (size_t to = last_end; to > last_begin && to >= tail.size(); --to) {
          if (to <= from || !RunEndsAt(normalized, last_end, to, tail)) continue;
          PatternForm form;
          if (MatchTermSpan(normalized.substr(from, to - from), units, compiled.unsegmented[rule],
                            compiled.allow_structural[rule], &form)) {
            if (MayBeWholeWord(normalized, from, to)) {
              out.push_back({rule, compiled.allow_structural[rule] ? form : PatternForm::kAllow, from, to});
            }
            found = true;
            break;
          }
        }
      }
    }
  }
  return out;
}

MatchResolver::MatchResolver(const Lexicon& lexicon, std::string_view lang, bool dedupe)
    : lexicon_(lexicon), compiled_(lexicon.compiled()), filter_(lexicon, lang), dedupe_(dedupe) {}

bool MatchResolver::Applies(const RawMatch& m) const {
  if (m.rule >= lexicon_.rules().size() || m.to <= m.from) return false;
  return filter_.Applies(m.rule);
}

void MatchResolver::Add(const std::vector<RawMatch>& matches) {
  for (const auto& m : matches) {
    if (Applies(m) && (!dedupe_ || seen_.insert(m).second)) pending_.push_back(m);
  }
}

bool MatchResolver::Ready(const RawMatch& m, size_t text_len, bool complete) const {
  if (complete) return true;
  uint64_t need = m.to + kLookahead;
  if (m.form != PatternForm::kAllow) {
    // Every allow match that could contain this one must be judged first.
    need = std::max<uint64_t>(need, m.from + compiled_.max_allow_bytes + kLookahead);
  }
  return text_len >= need;
}

bool MatchResolver::PassesBoundaries(const RawMatch& m, std::string_view text) const {
  // Space-delimited scripts: whole words only.
  if (!MayBeWholeWord(text, m.from, m.to)) return false;
  const UChar32 first = CharAt(text, m.from);
  const UChar32 last = CharBefore(text, m.to);
  // Unsegmented scripts: substrings, unless the dictionary segmentation says the match cuts
  // through a longer word.
  const bool cjk_edge = (first >= 0 && IsUnsegmentedChar(static_cast<uint32_t>(first))) ||
                        (last >= 0 && IsUnsegmentedChar(static_cast<uint32_t>(last)));
  if (cjk_edge && CutsDictionaryWord(text, m.from, m.to)) return false;
  return true;
}

void MatchResolver::Resolve(const NormalizedText& text, bool complete) {
  if (pending_.empty()) return;
  // Allow matches first: a flag is judged only after every allow that could contain it.
  std::stable_sort(pending_.begin(), pending_.end(), [&](const RawMatch& a, const RawMatch& b) {
    const bool a_allow = a.form == PatternForm::kAllow;
    const bool b_allow = b.form == PatternForm::kAllow;
    return a_allow > b_allow;
  });
  std::vector<RawMatch> still_pending;
  for (const RawMatch& m : pending_) {
    if (!Ready(m, text.text.size(), complete)) {
      still_pending.push_back(m);
      continue;
    }
    if (m.to > text.text.size() || !PassesBoundaries(m, text.text)) continue;
    if (m.form == PatternForm::kAllow) {
      allows_.push_back({m.from, m.to});
      continue;
    }
    const bool allowed = std::any_of(allows_.begin(), allows_.end(),
                                     [&](const Span& a) { return a.from <= m.from && m.to <= a.to; });
    if (allowed) continue;
    auto key = std::make_pair(m.rule, m.from);
    auto it = flags_.find(key);
    if (it != flags_.end() && it->second.first >= m.to) continue;
    const Rule& rule = lexicon_.rules()[m.rule];
    Flag flag;
    flag.rule = rule.pattern;
    flag.category = rule.category;
    flag.severity = rule.severity;
    const auto [start, end] = text.ToOriginal(m.from, m.to);
    flag.start = start;
    flag.end = end;
    flags_[key] = {m.to, std::move(flag)};
    ++generation_;
  }
  pending_ = std::move(still_pending);
}

std::vector<Flag> MatchResolver::Flags(std::string_view original) const {
  std::vector<Flag> flags;
  for (const auto& [key, value] : flags_) {
    flags.push_back(value.second);
    flags.back().excerpt = MakeExcerpt(original, flags.back().start, flags.back().end);
  }
  SortFlags(&flags);
  return flags;
}

}  // namespace wenjin::review
