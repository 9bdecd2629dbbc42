// MultiFieldAnalysis: the tokenizer's output captured once, replayed through each field's filters.
#include "index/analysis/multi_field_analysis.h"

#include <algorithm>
#include <bitset>
#include <optional>
#include <unordered_map>
#include <utility>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>

#include <lucene++/FlagsAttribute.h>
#include <lucene++/OffsetAttribute.h>
#include <lucene++/PositionIncrementAttribute.h>
#include <lucene++/TermAttribute.h>
#include <lucene++/TokenStream.h>
#include <lucene++/TypeAttribute.h>

#include "index/analysis/field_chain.h"
#include "index/analysis/icu_tokenizer.h"
#include "index/analysis/language_chains.h"

namespace wenjin::analysis {
namespace {

constexpr size_t kMaxCachedChains = 64;  // field names come from queries: keep the cache bounded

struct CapturedToken {
  size_t term_begin;  // in Captured::terms
  int32_t term_length;
  int32_t start, end;
  int32_t increment;
  uint8_t type;       // index in Captured::types
  bool elision;
};

// The tokenizer's output for one text: terms packed in one buffer, the few token types once.
struct Captured {
  std::wstring terms;
  std::vector<CapturedToken> tokens;
  std::vector<Lucene::String> types;

  void Clear() {
    terms.clear();
    tokens.clear();
  }
  uint8_t TypeIndex(const Lucene::String& type) {
    for (size_t i = 0; i < types.size(); ++i) {
      if (types[i] == type) return static_cast<uint8_t>(i);
    }
    types.push_back(type);
    return static_cast<uint8_t>(types.size() - 1);
  }
};

// The first letters a word and a term must share, up to diacritics, for the word to stem to the
// term. Two, and never the last letter of either, which stemmers rewrite ("any" -> "ani"; Turkish
// "bundan" -> "p"); English has whole-word exceptions that change the second ("dying" -> "die",
// "skies" -> "sky"), so y and i count as one letter. Letting a word through needlessly only costs
// its filtering.
constexpr size_t kStartLetters = 2;

// A letter without its diacritics (first code point of its canonical decomposition) for Latin,
// Greek and Cyrillic; any other character as it is. A table, since it runs per word.
wchar_t BaseLetter(wchar_t c) {
  static const std::vector<wchar_t> table = [] {
    std::vector<wchar_t> t(0x500);
    UErrorCode err = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(err);
    for (size_t i = 0; i < t.size(); ++i) {
      t[i] = static_cast<wchar_t>(i);
      icu::UnicodeString decomposition;
      if (U_SUCCESS(err) && nfd->getDecomposition(static_cast<UChar32>(i), decomposition)) {
        t[i] = static_cast<wchar_t>(decomposition.char32At(0));
      }
    }
    return t;
  }();
  return c >= 0 && static_cast<size_t>(c) < table.size() ? table[static_cast<size_t>(c)] : c;
}

wchar_t StartLetter(wchar_t c) {
  const wchar_t base = BaseLetter(c);
  return base == L'y' ? L'i' : base;
}

// Whether `word` may stem to `term`: they start alike (see kStartLetters).
bool StartsAlike(std::wstring_view word, std::wstring_view term) {
  const size_t n =
      std::min({kStartLetters, term.empty() ? size_t{0} : term.size() - 1, word.empty() ? size_t{0} : word.size() - 1});
  for (size_t i = 0; i < n; ++i) {
    if (StartLetter(word[i]) != StartLetter(term[i])) return false;
  }
  return true;
}

bool IsAsciiSpace(wchar_t c) { return c == L' ' || c == L'\t' || c == L'\n' || c == L'\r' || c == L'\f' || c == L'\v'; }
bool IsAsciiWordChar(wchar_t c) {
  return (c >= L'a' && c <= L'z') || (c >= L'A' && c <= L'Z') || (c >= L'0' && c <= L'9') || c == L'_';
}

// Non-ASCII letters of Latin, Greek and Cyrillic (below U+0500) that words are made of as
// ASCII letters are: in UAX #29 they are ALetter (joined into words with letters on either
// side; ICU breaks between white space and them), nothing before them composes with them in
// NFKC, and their normalised, case-folded form starts with a letter of the same range (for
// Latin, one whose diacritics are marks: "é", not "ø"). For them, the start letter (see
// StartLetter) of that form; 0 for every other character.
wchar_t SpacedLetterStart(wchar_t c) {
  static const std::vector<wchar_t> table = [] {
    std::vector<wchar_t> t(0x500, 0);
    UErrorCode err = U_ZERO_ERROR;
    const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(err);
    const icu::Normalizer2* folding = icu::Normalizer2::getNFKCCasefoldInstance(err);
    if (U_FAILURE(err)) return t;
    for (UChar32 i = 0x80; i < 0x500; ++i) {
      if (u_getIntPropertyValue(i, UCHAR_WORD_BREAK) != U_WB_ALETTER || !nfkc->hasBoundaryBefore(i)) continue;
      UErrorCode e = U_ZERO_ERROR;
      const icu::UnicodeString folded = folding->normalize(icu::UnicodeString(i), e);
      if (U_FAILURE(e) || folded.isEmpty()) continue;
      const UChar32 first = folded.char32At(0);
      if (first >= 0x500) continue;
      const wchar_t start = StartLetter(static_cast<wchar_t>(first));
      // Latin letters without a decomposition (ø, æ, ł, ß...) start folded terms with another
      // letter (Lucene's ASCIIFoldingFilter): they keep every window.
      if (i < 0x370 && start >= 0x80) continue;
      t[static_cast<size_t>(i)] = start;
    }
    return t;
  }();
  return c >= 0 && static_cast<size_t>(c) < table.size() ? table[static_cast<size_t>(c)] : 0;
}

// A place where the text can be cut without changing its tokens on either side: after ASCII
// white space and before an ASCII character or a spaced letter (SpacedLetterStart). Words never
// span white space, ICU always breaks between a space and either, and either starts a new
// segment for normalisation (nothing before it composes with it).
bool IsSafeCut(const Lucene::String& text, size_t q) {
  if (q == 0 || q >= text.size()) return true;
  if (!IsAsciiSpace(text[q - 1]) || IsAsciiSpace(text[q])) return false;
  return text[q] < 0x80 || SpacedLetterStart(text[q]) != 0;
}

wchar_t AsciiLower(wchar_t c) { return c >= L'A' && c <= L'Z' ? c + 32 : c; }

// The parts of `text` that can hold a wanted term, as [begin, end) ranges cut at safe places;
// nothing if the whole text must be analysed. A term comes from a word that starts with the
// same letter (up to case, diacritics and y = i): true of folding, and of every language chain
// for terms of two letters or more (stemmers rewrite endings; an elided article ends with an
// apostrophe, after which the term's word starts). In the fields whose terms start as their words
// do (`tight`: folded, neutral, and language chains that keep word starts) an ASCII word must also
// start like a term as StartsAlike says, its length taken as that of its run of ASCII letters and
// digits (a token is never shorter). A word starting with a non-ASCII letter of Latin, Greek or
// Cyrillic must start like a term by its first letter (SpacedLetterStart); any other word starting
// with a non-ASCII character is kept.
std::optional<std::vector<std::pair<size_t, size_t>>> Windows(
    const Lucene::String& text, const std::vector<const std::set<Lucene::String>*>& wanted,
    const std::vector<bool>& tight, size_t fields) {
  if (wanted.size() < fields) return std::nullopt;
  // By lowercase ASCII letter: whether a term starts with it; whether one that does opens a
  // window by its first letter alone; and the first two letters of the others. Terms starting
  // with another letter only match words starting with a non-ASCII character (other_starts).
  std::bitset<128> starts, loose_starts;
  std::bitset<128 * 128> pairs;
  std::set<wchar_t> other_starts;
  for (size_t f = 0; f < wanted.size(); ++f) {
    const auto* terms = wanted[f];
    if (!terms) return std::nullopt;  // every token is wanted
    for (const auto& term : *terms) {
      if (term.size() < 2) return std::nullopt;
      const wchar_t first = StartLetter(term[0]);
      if (first < 0 || first >= 0x80) {
        other_starts.insert(first);
        continue;
      }
      starts.set(first);
      const wchar_t second = StartLetter(term[1]);
      // StartsAlike compares min(2, term size - 1) letters: one for two-letter terms.
      if (f < tight.size() && tight[f] && term.size() > 2 && second >= 0 && second < 0x80) {
        pairs.set(first * 128 + second);
      } else {
        loose_starts.set(first);
      }
    }
  }
  std::vector<std::pair<size_t, size_t>> windows;
  size_t covered = 0;
  for (size_t p = 0; p < text.size(); ++p) {
    const wchar_t c = text[p];
    if (!windows.empty() && p < windows.back().second) continue;  // already in a window
    if (c < 0x80) {
      // Inside a run of ASCII letters, digits and underscores no word starts (Unicode word rules).
      if (p > 0 && IsAsciiWordChar(text[p - 1])) continue;
      const wchar_t first = StartLetter(AsciiLower(c));
      if (!starts[first]) continue;
      if (!loose_starts[first]) {
        size_t q = p;
        while (q < text.size() && IsAsciiWordChar(text[q])) ++q;
        // Three letters or more, all ASCII: the word's first two letters count (see StartsAlike).
        if (q - p >= 3 && (q == text.size() || text[q] < 0x80)) {
          const wchar_t second = StartLetter(AsciiLower(text[p + 1]));
          if (second >= 0x80 || !pairs[first * 128 + second]) continue;
        }
      }
    } else if (const wchar_t first = SpacedLetterStart(c)) {
      // A letter that words are made of: only where a word starts, and like a term (first letter).
      if (p > 0 && (IsAsciiWordChar(text[p - 1]) || SpacedLetterStart(text[p - 1]) != 0)) continue;
      if (first < 0x80 ? !starts[first] : !other_starts.count(first)) continue;
    }
    size_t begin = p, end = p + 1;
    while (!IsSafeCut(text, begin)) --begin;
    while (!IsSafeCut(text, end)) ++end;
    if (!windows.empty() && begin <= windows.back().second) {
      covered += end - windows.back().second;
      windows.back().second = end;
    } else {
      covered += end - begin;
      windows.emplace_back(begin, end);
    }
  }
  // Mostly covered: one pass over the whole text costs less than many small ones.
  if (covered * 4 > text.size() * 3) return std::nullopt;
  return windows;
}

// A token stream that plays back captured tokens, with every attribute the tokenizer sets.
class TokenReplay : public Lucene::TokenStream {
 public:
  TokenReplay(const Captured* captured, bool skip_elisions) : captured_(captured), skip_elisions_(skip_elisions) {
    term_ = addAttribute<Lucene::TermAttribute>();
    offset_ = addAttribute<Lucene::OffsetAttribute>();
    increment_ = addAttribute<Lucene::PositionIncrementAttribute>();
    type_ = addAttribute<Lucene::TypeAttribute>();
    flags_ = addAttribute<Lucene::FlagsAttribute>();
  }

  bool incrementToken() override {
    while (next_ < captured_->tokens.size()) {
      const size_t index = next_++;
      const CapturedToken& t = captured_->tokens[index];
      if (skip_elisions_ && t.elision) continue;
      if (include_ && !(*include_)[index]) continue;
      clearAttributes();
      term_->setTermBuffer(captured_->terms.data() + t.term_begin, 0, t.term_length);
      offset_->setOffset(t.start, t.end);
      increment_->setPositionIncrement(t.increment);
      type_->setType(captured_->types[t.type]);
      flags_->setFlags(t.elision ? kElisionFlag : 0);
      return true;
    }
    return false;
  }
  void reset() override { next_ = 0; }
  // Plays back only the tokens whose entry is true (null: all); must outlive the playback.
  void set_include(const std::vector<bool>* include) { include_ = include; }

 private:
  const Captured* captured_;
  const bool skip_elisions_;
  const std::vector<bool>* include_ = nullptr;
  size_t next_ = 0;
  Lucene::TermAttributePtr term_;
  Lucene::OffsetAttributePtr offset_;
  Lucene::PositionIncrementAttributePtr increment_;
  Lucene::TypeAttributePtr type_;
  Lucene::FlagsAttributePtr flags_;
};

// One field's filters over a replay, with the attributes its tokens are read from.
struct FieldChain {
  bool text = false;  // false: a keyword field, no tokens
  bool keeps_word_start = false;  // a language chain of which LanguageChainKeepsWordStart holds
  bool tight = false;  // its terms start as their words do (see Windows): folded, neutral, keeps_word_start
  boost::shared_ptr<TokenReplay> replay;
  Lucene::TokenStreamPtr stream;
  Lucene::TermAttributePtr term;
  Lucene::OffsetAttributePtr offset;
};

}  // namespace

class MultiFieldAnalysis::Impl {
 public:
  Impl()
      : tokenizer_(Lucene::newLucene<IcuTokenizer>(Lucene::newLucene<Lucene::StringReader>(L""), TokenizerMode::kIndex,
                                                   /*split_elisions=*/true)) {
    term_ = tokenizer_->addAttribute<Lucene::TermAttribute>();
    offset_ = tokenizer_->addAttribute<Lucene::OffsetAttribute>();
    increment_ = tokenizer_->addAttribute<Lucene::PositionIncrementAttribute>();
    type_ = tokenizer_->addAttribute<Lucene::TypeAttribute>();
    flags_ = tokenizer_->addAttribute<Lucene::FlagsAttribute>();
  }

  void Capture(const Lucene::String& text) {
    captured_.Clear();
    tokenizer_->reset(Lucene::newLucene<Lucene::StringReader>(text));
    tokenizer_->reset();
    while (tokenizer_->incrementToken()) {
      CapturedToken t;
      t.term_begin = captured_.terms.size();
      t.term_length = term_->termLength();
      captured_.terms.append(term_->termBufferArray(), static_cast<size_t>(t.term_length));
      t.start = offset_->startOffset();
      t.end = offset_->endOffset();
      t.increment = increment_->getPositionIncrement();
      t.type = captured_.TypeIndex(type_->type());
      t.elision = (flags_->getFlags() & kElisionFlag) != 0;
      captured_.tokens.push_back(t);
    }
    tokenizer_->end();
  }

  FieldChain& Chain(const Lucene::String& field) {
    auto it = chains_.find(field);
    if (it != chains_.end()) return it->second;
    if (chains_.size() >= kMaxCachedChains) chains_.clear();
    FieldChain chain;
    const FieldSpec spec = ParseFieldName(Lucene::StringUtils::toUTF8(field));
    if (spec.kind != FieldSpec::Kind::kKeyword) {
      chain.text = true;
      chain.keeps_word_start = spec.kind == FieldSpec::Kind::kLanguage && LanguageChainKeepsWordStart(spec.lang);
      chain.tight = chain.keeps_word_start || spec.kind != FieldSpec::Kind::kLanguage;
      chain.replay = Lucene::newLucene<TokenReplay>(&captured_, !SplitsElisions(spec));
      chain.stream = WrapFieldFilters(spec, chain.replay);
      chain.term = chain.stream->addAttribute<Lucene::TermAttribute>();
      chain.offset = chain.stream->addAttribute<Lucene::OffsetAttribute>();
    }
    return chains_.emplace(field, std::move(chain)).first->second;
  }

  const Captured& captured() const { return captured_; }
  std::vector<bool>& include() { return include_; }
  Lucene::String& lookup() { return lookup_; }

 private:
  Lucene::TokenizerPtr tokenizer_;
  Lucene::TermAttributePtr term_;
  Lucene::OffsetAttributePtr offset_;
  Lucene::PositionIncrementAttributePtr increment_;
  Lucene::TypeAttributePtr type_;
  Lucene::FlagsAttributePtr flags_;
  Captured captured_;
  std::vector<bool> include_;  // scratch for FindTerms
  Lucene::String lookup_;      // scratch for FindTermsIn
  std::unordered_map<Lucene::String, FieldChain> chains_;
};

MultiFieldAnalysis::MultiFieldAnalysis() : impl_(std::make_unique<Impl>()) {}
MultiFieldAnalysis::~MultiFieldAnalysis() = default;

void MultiFieldAnalysis::Analyze(const Lucene::String& text, const std::vector<Lucene::String>& fields,
                                 const Visitor& visit) {
  FindTerms(text, fields, std::vector<const std::set<Lucene::String>*>(fields.size()), visit);
}

void MultiFieldAnalysis::FindTerms(const Lucene::String& text, const std::vector<Lucene::String>& fields,
                                   const std::vector<const std::set<Lucene::String>*>& wanted, const Visitor& visit) {
  std::vector<bool> tight(fields.size());
  for (size_t f = 0; f < fields.size(); ++f) tight[f] = impl_->Chain(fields[f]).tight;
  const auto windows = Windows(text, wanted, tight, fields.size());
  if (!windows) {
    FindTermsIn(text, 0, fields, wanted, visit);
    return;
  }
  for (const auto& [begin, end] : *windows) {
    FindTermsIn(text.substr(begin, end - begin), static_cast<int32_t>(begin), fields, wanted, visit);
  }
}

void MultiFieldAnalysis::FindTermsIn(const Lucene::String& text, int32_t shift, const std::vector<Lucene::String>& fields,
                                     const std::vector<const std::set<Lucene::String>*>& wanted, const Visitor& visit) {
  impl_->Capture(text);
  const Captured& captured = impl_->captured();
  std::vector<bool>& include = impl_->include();
  for (size_t f = 0; f < fields.size(); ++f) {
    FieldChain& chain = impl_->Chain(fields[f]);
    if (!chain.text) continue;
    const std::set<Lucene::String>* terms = f < wanted.size() ? wanted[f] : nullptr;
    if (terms && terms->empty()) continue;
    // Only the words that start like a wanted term can become one: the others skip the filters.
    const bool narrowed = terms && chain.keeps_word_start;
    if (narrowed) {
      include.assign(captured.tokens.size(), false);
      for (size_t i = 0; i < captured.tokens.size(); ++i) {
        const CapturedToken& t = captured.tokens[i];
        const std::wstring_view word(captured.terms.data() + t.term_begin, static_cast<size_t>(t.term_length));
        for (const auto& term : *terms) {
          if (StartsAlike(word, term)) {
            include[i] = true;
            break;
          }
        }
      }
      chain.replay->set_include(&include);
    }
    chain.stream->reset();
    Lucene::String& lookup = impl_->lookup();  // reused: a term past 3 characters would allocate
    while (chain.stream->incrementToken()) {
      const std::wstring_view term(chain.term->termBufferArray(), static_cast<size_t>(chain.term->termLength()));
      if (terms && !terms->count(lookup.assign(term))) continue;
      visit(f, term, chain.offset->startOffset() + shift, chain.offset->endOffset() + shift);
    }
    chain.stream->end();
    chain.replay->set_include(nullptr);
  }
}

}  // namespace wenjin::analysis
