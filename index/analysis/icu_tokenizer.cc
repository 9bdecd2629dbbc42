// IcuTokenizer: normalise, segment with ICU, emit words, numbers and bigrams of runs without spaces.
#include "index/analysis/icu_tokenizer.h"

#include <stdexcept>

#include <lucene++/Reader.h>
#include <unicode/locid.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf16.h>

namespace wenjin::analysis {
namespace {

const Lucene::String& TypeString(const wchar_t* type) {
  static const Lucene::String word(kTypeWord), number(kTypeNumber), dict(kTypeDictWord),
      bigram(kTypeBigram), single(kTypeSingle);
  if (type == kTypeNumber) return number;
  if (type == kTypeDictWord) return dict;
  if (type == kTypeBigram) return bigram;
  if (type == kTypeSingle) return single;
  return word;
}

std::unique_ptr<icu::BreakIterator> NewWordIterator() {
  static const std::unique_ptr<icu::BreakIterator> prototype = [] {
    UErrorCode err = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), err));
    if (U_FAILURE(err) || !it) throw std::runtime_error("ICU word break iterator unavailable");
    return it;
  }();
  // Cloning shares the compiled rules and dictionaries; each tokenizer needs its own iterator state.
  return std::unique_ptr<icu::BreakIterator>(prototype->clone());
}

// 0 for scripts written with spaces; otherwise one class per family of scripts without spaces.
int ScriptClassOf(UScriptCode script) {
  switch (script) {
    case USCRIPT_HAN:
    case USCRIPT_HIRAGANA:
    case USCRIPT_KATAKANA: return 1;
    case USCRIPT_HANGUL: return 2;
    case USCRIPT_THAI: return 3;
    case USCRIPT_LAO: return 4;
    case USCRIPT_KHMER: return 5;
    case USCRIPT_MYANMAR: return 6;
    default: return 0;
  }
}

// The class of a segment's scripts; a segment mixing a script without spaces with any other
// (only odd input does, e.g. stray jamo before Latin) is an ordinary word, class 0.
int SegmentScriptClass(const icu::UnicodeString& text, int32_t begin, int32_t end, int32_t status) {
  const UChar* buf = text.getBuffer();
  int script_class = -1;
  for (int32_t i = begin; i < end;) {
    UChar32 c;
    U16_NEXT(buf, i, end, c);
    UErrorCode err = U_ZERO_ERROR;
    UScriptCode script = uscript_getScript(c, &err);
    if (U_FAILURE(err) || script == USCRIPT_COMMON || script == USCRIPT_INHERITED) continue;
    int this_class = ScriptClassOf(script);
    if (script_class >= 0 && this_class != script_class) return 0;
    script_class = this_class;
  }
  if (script_class >= 0) return script_class;
  // Only shared characters (e.g. the prolonged sound mark alone): trust the rule status.
  if ((status >= UBRK_WORD_KANA && status < UBRK_WORD_KANA_LIMIT) ||
      (status >= UBRK_WORD_IDEO && status < UBRK_WORD_IDEO_LIMIT)) {
    return 1;
  }
  return 0;
}

bool IsMark(UChar32 c) {
  int8_t type = u_charType(c);
  return type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK || type == U_ENCLOSING_MARK;
}

// Khmer coeng and Myanmar virama put the next consonant under the previous one: one character.
bool StacksOnPrevious(UChar32 previous) { return previous == 0x17D2 || previous == 0x1039; }

}  // namespace

IcuTokenizer::IcuTokenizer(const Lucene::ReaderPtr& input, TokenizerMode mode, bool split_elisions)
    : Lucene::Tokenizer(input), words_(NewWordIterator()), mode_(mode), split_elisions_(split_elisions) {
  term_ = addAttribute<Lucene::TermAttribute>();
  offset_ = addAttribute<Lucene::OffsetAttribute>();
  increment_ = addAttribute<Lucene::PositionIncrementAttribute>();
  type_ = addAttribute<Lucene::TypeAttribute>();
  flags_ = addAttribute<Lucene::FlagsAttribute>();
}

IcuTokenizer::~IcuTokenizer() = default;

void IcuTokenizer::reset() {
  Lucene::Tokenizer::reset();
  next_ = 0;
}

void IcuTokenizer::reset(const Lucene::ReaderPtr& input) {
  Lucene::Tokenizer::reset(input);
  analyzed_ = false;
  next_ = 0;
  pending_.clear();
}

void IcuTokenizer::Analyze() {
  analyzed_ = true;
  original_.clear();
  wchar_t chunk[4096];
  while (true) {
    int32_t n = input->read(chunk, 0, 4096);
    if (n <= 0) break;
    original_.append(chunk, n);
  }
  final_offset_ = static_cast<int32_t>(original_.size());
  NormalizeWithOffsets(original_.data(), final_offset_, &normalized_);

  segments_.clear();
  words_->setText(normalized_.text);
  int32_t begin = words_->first();
  for (int32_t end = words_->next(); end != icu::BreakIterator::DONE; begin = end, end = words_->next()) {
    int32_t status = words_->getRuleStatus();
    if (status >= UBRK_WORD_NONE && status < UBRK_WORD_NONE_LIMIT) continue;
    bool number = status >= UBRK_WORD_NUMBER && status < UBRK_WORD_NUMBER_LIMIT;
    segments_.push_back({begin, end, number ? 0 : SegmentScriptClass(normalized_.text, begin, end, status), number});
  }

  pending_.clear();
  for (size_t i = 0; i < segments_.size();) {
    const Segment& s = segments_[i];
    if (s.script_class == 0) {
      pending_.push_back({s.begin, s.end, 1, s.number ? kTypeNumber : kTypeWord});
      if (split_elisions_ && !s.number) {
        int32_t apostrophe = normalized_.text.indexOf(static_cast<UChar>(0x27), s.begin, s.end - s.begin);
        if (apostrophe > s.begin && apostrophe - s.begin <= 5 && s.end - apostrophe > 3) {
          pending_.push_back({apostrophe + 1, s.end, 0, kTypeWord, /*elision=*/true});
        }
      }
      ++i;
      continue;
    }
    size_t last = i;
    while (last + 1 < segments_.size() && segments_[last + 1].script_class == s.script_class &&
           segments_[last + 1].begin == segments_[last].end) {
      ++last;
    }
    EmitRun(segments_, i, last);
    i = last + 1;
  }

  // Drop terms too long to be useful; their positions pass to the next token.
  size_t kept = 0;
  int32_t carry = 0;
  for (const Pending& p : pending_) {
    if (p.end - p.begin > kMaxTermUnits) {
      carry += p.increment;
      continue;
    }
    pending_[kept] = p;
    pending_[kept].increment += carry;
    carry = 0;
    ++kept;
  }
  pending_.resize(kept);
}

void IcuTokenizer::EmitRun(const std::vector<Segment>& segments, size_t first, size_t last) {
  const int32_t run_begin = segments[first].begin;
  const int32_t run_end = segments[last].end;
  const UChar* buf = normalized_.text.getBuffer();
  units_.clear();
  UChar32 previous = 0;
  for (int32_t i = run_begin; i < run_end;) {
    int32_t at = i;
    UChar32 c;
    U16_NEXT(buf, i, run_end, c);
    if (units_.empty() || !(IsMark(c) || StacksOnPrevious(previous))) units_.push_back(at);
    previous = c;
  }
  const int32_t n = static_cast<int32_t>(units_.size());
  units_.push_back(run_end);
  if (n == 1) {
    pending_.push_back({run_begin, run_end, 1, kTypeSingle});
    return;
  }
  // Words of 3+ characters stack on the bigram starting at their first character.
  size_t word = first;
  int32_t unit = 0;
  auto emit_words_at = [&](int32_t k) {
    for (; word <= last; ++word) {
      const Segment& s = segments[word];
      while (unit < n && units_[unit] < s.begin) ++unit;
      if (unit > k) return;
      int32_t end_unit = unit;
      while (end_unit < n && units_[end_unit] < s.end) ++end_unit;
      if (end_unit - unit >= 3) pending_.push_back({s.begin, s.end, 0, kTypeDictWord});
    }
  };
  auto emit_unigram = [&](int32_t k) {
    if (mode_ != TokenizerMode::kIndex) return;
    UErrorCode err = U_ZERO_ERROR;
    if (uscript_getScript(normalized_.text.char32At(units_[k]), &err) == USCRIPT_HAN) {
      pending_.push_back({units_[k], units_[k + 1], 0, kTypeSingle});
    }
  };
  for (int32_t k = 0; k + 1 < n; ++k) {
    pending_.push_back({units_[k], units_[k + 2], 1, kTypeBigram});
    emit_words_at(k);
    emit_unigram(k);
  }
  emit_unigram(n - 1);
}

bool IcuTokenizer::incrementToken() {
  if (!analyzed_) Analyze();
  if (next_ >= pending_.size()) return false;
  clearAttributes();
  const Pending& p = pending_[next_++];
  const UChar* buf = normalized_.text.getBuffer();
  term_->resizeTermBuffer(p.end - p.begin);
  wchar_t* out = term_->termBufferArray();
  int32_t length = 0;
  for (int32_t i = p.begin; i < p.end;) {
    UChar32 c;
    U16_NEXT(buf, i, p.end, c);
    out[length++] = static_cast<wchar_t>(c);
  }
  term_->setTermLength(length);
  offset_->setOffset(correctOffset(normalized_.OriginalStart(p.begin)), correctOffset(normalized_.OriginalEnd(p.end)));
  increment_->setPositionIncrement(p.increment);
  type_->setType(TypeString(p.type));
  flags_->setFlags(p.elision ? kElisionFlag : 0);
  return true;
}

void IcuTokenizer::end() {
  int32_t final_offset = correctOffset(final_offset_);
  offset_->setOffset(final_offset, final_offset);
}

}  // namespace wenjin::analysis
