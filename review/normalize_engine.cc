// NormalizeEngine: UTF-8 decoding, NFKC_Casefold segmentation, per-segment folding and the
// leetspeak substitution pass, with an origin range for every output byte.
#include "review/normalize_engine.h"

#include <emmintrin.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <string_view>

namespace wenjin::review {
namespace {

// Arabic harakat and Quranic annotation marks: vowel signs a writer may add or omit, so they
// are folded like diacritics.
bool IsArabicMark(UChar32 cp) {
  return (cp >= 0x0610 && cp <= 0x061A) || (cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 ||
         (cp >= 0x06D6 && cp <= 0x06DC) || (cp >= 0x06DF && cp <= 0x06E4) || (cp >= 0x06E7 && cp <= 0x06E8) ||
         (cp >= 0x06EA && cp <= 0x06ED) || (cp >= 0x08D3 && cp <= 0x08FF && cp != 0x08E2);
}

// Bases whose accents are folded. Marks on Indic, Thai, Hebrew ... letters are vowels or
// parts of the letter and are kept.
bool FoldsAccents(UScriptCode s) {
  return s == USCRIPT_LATIN || s == USCRIPT_GREEK || s == USCRIPT_CYRILLIC || s == USCRIPT_COMMON ||
         s == USCRIPT_INHERITED;
}

// Units that follow a number and stay a number: "1st", "4th", "5g", "3kg". After them the
// leading digits are not read as letters.
bool IsNumberSuffix(std::string_view s) {
  static constexpr std::array<std::string_view, 40> kSuffixes = {
      "st",  "nd", "rd",  "th", "s",   "k",  "m",  "g",   "h",  "d",  "x",  "p",  "v",   "am",
      "pm",  "km", "kg",  "cm", "mm",  "ml", "mg", "gb",  "mb", "kb", "tb", "hz", "khz", "mhz",
      "ghz", "px", "min", "yr", "yrs", "bc", "ad", "fps", "mp", "ms", "kw", "mph"};
  return std::find(kSuffixes.begin(), kSuffixes.end(), s) != kSuffixes.end();
}

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

NormalizeEngine::NormalizeEngine(const NormalizerOptions& options, const NormalizeData& data)
    : options_(options),
      data_(data),
      emit_memo_(data.EmitMemo((options.fold_diacritics ? 1 : 0) | (options.map_confusables ? 2 : 0) |
                               (options.traditional_to_simplified ? 4 : 0))) {}

void NormalizeEngine::Reuse(NormalizedText* buffers) {
  std::swap(out_, *buffers);
  out_.text.clear();
  out_.origin_start.clear();
  out_.origin_end.clear();
}

void NormalizeEngine::Reserve(size_t bytes) {
  out_.text.reserve(bytes);
  out_.origin_start.reserve(bytes);
  out_.origin_end.reserve(bytes);
}

void NormalizeEngine::Feed(std::string_view chunk) {
  size_t i = 0;
  // Complete a sequence cut by the previous chunk one byte at a time (at most 3 bytes).
  while (!carry_.empty() && i < chunk.size()) {
    carry_.push_back(chunk[i++]);
    size_t used = Decode(carry_.data(), carry_.size(), position_, /*final=*/false);
    carry_.erase(0, used);
    position_ += used;
  }
  if (i == chunk.size()) return;
  size_t used = Decode(chunk.data() + i, chunk.size() - i, position_, /*final=*/false);
  position_ += used;
  carry_.assign(chunk.data() + i + used, chunk.size() - i - used);
}

void NormalizeEngine::Finish() {
  position_ += Decode(carry_.data(), carry_.size(), position_, /*final=*/true);
  carry_.clear();
  FlushSegment();
  if (run_open_) {
    ResolveRun(run_start_, out_.text.size());
    run_open_ = false;
  }
}

NormalizedText NormalizeEngine::TakeFinal() {
  size_t final_end = run_open_ ? run_start_ : out_.text.size();
  NormalizedText result;
  if (final_end == out_.text.size()) {
    std::swap(result, out_);
    return result;
  }
  result.text.assign(out_.text, 0, final_end);
  result.origin_start.assign(out_.origin_start.begin(), out_.origin_start.begin() + final_end);
  result.origin_end.assign(out_.origin_end.begin(), out_.origin_end.begin() + final_end);
  out_.text.erase(0, final_end);
  out_.origin_start.erase(out_.origin_start.begin(), out_.origin_start.begin() + final_end);
  out_.origin_end.erase(out_.origin_end.begin(), out_.origin_end.begin() + final_end);
  run_start_ -= final_end;
  return result;
}

// Decodes p[0, n) (absolute offset base). Returns how many bytes were consumed: all of them,
// except an incomplete but so far valid sequence at the end when !final.
size_t NormalizeEngine::Decode(const char* p, size_t n, uint64_t base, bool final) {
  const auto* u = reinterpret_cast<const unsigned char*>(p);
  size_t i = 0;
  while (i < n) {
    unsigned char c = u[i];
    if (c < 0x80) {
      // ASCII run u[i, k): all but its last byte are complete one-byte segments (the next
      // byte starts a new one), so they are emitted in bulk; the last waits as the segment.
      size_t k = i + 1;
      for (;;) {  // 16 bytes at a time while they are all ASCII
        if (k + 16 > n) {
          while (k < n && u[k] < 0x80) ++k;
          break;
        }
        const auto high = static_cast<uint32_t>(
            _mm_movemask_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(u + k))));
        if (high != 0) {
          k += static_cast<size_t>(__builtin_ctz(high));
          break;
        }
        k += 16;
      }
      OnAscii(c, base + i);
      if (k - i > 1) {
        EmitAsciiRun(u + i, k - 1 - i, static_cast<uint32_t>(base + i));
        segment_ascii_ = u[k - 1];
        segment_start_ = static_cast<uint32_t>(base + k - 1);
        segment_end_ = segment_start_ + 1;
      }
      i = k;
      continue;
    }
    int need;
    unsigned char lo = 0x80, hi = 0xBF;
    UChar32 cp;
    if (c >= 0xC2 && c <= 0xDF) {
      need = 1;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      need = 2;
      cp = c & 0x0F;
      if (c == 0xE0) lo = 0xA0;  // no overlong forms
      if (c == 0xED) hi = 0x9F;  // no surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      need = 3;
      cp = c & 0x07;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
    } else {
      OnCodePoint(0xFFFD, base + i, base + i + 1);
      ++i;
      continue;
    }
    size_t j = i + 1;
    bool bad = false;
    for (int k = 0; k < need; ++k, ++j) {
      if (j >= n) {
        if (!final) return i;
        bad = true;
        break;
      }
      if (u[j] < lo || u[j] > hi) {
        bad = true;
        break;
      }
      cp = (cp << 6) | (u[j] & 0x3F);
      lo = 0x80;
      hi = 0xBF;
    }
    OnCodePoint(bad ? 0xFFFD : cp, base + i, base + j);
    i = j;
  }
  return n;
}

void NormalizeEngine::OnAscii(unsigned char c, uint64_t offset) {
  // Every ASCII character starts a segment, so the previous one is complete.
  if (segment_ == Segment::kAscii) {
    EmitAscii(segment_ascii_, segment_start_, segment_end_);
  } else if (segment_ == Segment::kGeneral) {
    FlushSegment();
  }
  segment_ = Segment::kAscii;
  segment_ascii_ = c;
  segment_start_ = static_cast<uint32_t>(offset);
  segment_end_ = static_cast<uint32_t>(offset + 1);
}

void NormalizeEngine::OnCodePoint(UChar32 cp, uint64_t start, uint64_t end) {
  if (segment_ == Segment::kNone || data_.HasBoundaryBefore(cp)) {
    FlushSegment();
    segment_ = Segment::kGeneral;
    segment_cp_ = cp;
    segment_code_points_ = 1;
    segment_start_ = static_cast<uint32_t>(start);
  } else {
    if (segment_ == Segment::kAscii) {
      segment_text_.setTo(static_cast<UChar>(segment_ascii_));
      segment_code_points_ = 1;
      segment_ = Segment::kGeneral;
    } else if (segment_code_points_ == 1) {
      segment_text_.setTo(segment_cp_);
    }
    segment_text_.append(cp);
    ++segment_code_points_;
  }
  segment_end_ = static_cast<uint32_t>(end);
}

void NormalizeEngine::FlushSegment() {
  if (segment_ == Segment::kAscii) {
    EmitAscii(segment_ascii_, segment_start_, segment_end_);
  } else if (segment_ == Segment::kGeneral) {
    NormalizeSegment();
  }
  segment_ = Segment::kNone;
}

void NormalizeEngine::NormalizeSegment() {
  UChar32 single = segment_code_points_ == 1 ? segment_cp_ : -1;
  if (single >= 0 && single < 0x10000) {
    std::atomic<uint32_t>& emitted = emit_memo_[static_cast<size_t>(single)];
    const uint32_t entry = emitted.load(std::memory_order_relaxed);
    if ((entry & NormalizeData::kEmitKnown) && !(entry & NormalizeData::kEmitSlow)) {
      EmitMemoised(entry);
      return;
    }
    segment_text_.setTo(single);  // ICU reads the segment from here
    // Most segments are one character: remember what ICU made of it.
    auto& memo = data_.single_memo[options_.fold_diacritics ? 1 : 0][static_cast<size_t>(single)];
    uint32_t known = memo.load(std::memory_order_relaxed);
    bool fresh = known == NormalizeData::kUnknown;  // scratch_ then holds the result already
    if (fresh) {
      NormalizeWithIcu();
      int32_t n = scratch_.countChar32();
      known = n == 0   ? NormalizeData::kEmpty
              : n == 1 ? static_cast<uint32_t>(scratch_.char32At(0))
                       : NormalizeData::kSeveral;
      memo.store(known, std::memory_order_relaxed);
    }
    if (known == NormalizeData::kEmpty) {
      emitted.store(NormalizeData::kEmitKnown, std::memory_order_relaxed);
      return;
    }
    if (known != NormalizeData::kSeveral) {
      char bytes[4];
      CharClass cls = CharClass::kSeparator;
      const int n = MapForEmit(static_cast<UChar32>(known), bytes, &cls);
      uint32_t entry = NormalizeData::kEmitKnown;
      if (n <= 3) {
        entry |= static_cast<uint32_t>(n) << NormalizeData::kEmitCountShift |
                 static_cast<uint32_t>(cls) << NormalizeData::kEmitClassShift;
        for (int k = 0; k < n; ++k) entry |= static_cast<uint32_t>(static_cast<unsigned char>(bytes[k])) << (8 * k);
      } else {
        entry |= NormalizeData::kEmitSlow;
      }
      emitted.store(entry, std::memory_order_relaxed);
      if (n > 0) EmitBytes(bytes, static_cast<size_t>(n), cls, segment_start_, segment_end_);
      return;
    }
    emitted.store(NormalizeData::kEmitKnown | NormalizeData::kEmitSlow, std::memory_order_relaxed);
    if (!fresh) NormalizeWithIcu();
  } else {
    if (segment_code_points_ == 1) segment_text_.setTo(segment_cp_);
    NormalizeWithIcu();
  }
  for (int32_t i = 0; i < scratch_.length();) {
    UChar32 cp = scratch_.char32At(i);
    EmitMapped(cp);
    i += U16_LENGTH(cp);
  }
}

// segment_text_ -> scratch_: NFKC_Casefold, then diacritics folded if asked.
void NormalizeEngine::NormalizeWithIcu() {
  UErrorCode status = U_ZERO_ERROR;
  data_.nfkc_cf->normalize(segment_text_, scratch_, status);
  if (U_FAILURE(status)) scratch_ = segment_text_;
  if (options_.fold_diacritics) FoldDiacritics(&scratch_);
}

void NormalizeEngine::FoldDiacritics(icu::UnicodeString* text) {
  UErrorCode status = U_ZERO_ERROR;
  data_.nfd->normalize(*text, scratch2_, status);
  if (U_FAILURE(status)) return;
  icu::UnicodeString kept;
  bool dropped = false;
  UScriptCode base = USCRIPT_COMMON;  // a mark with no base in its segment is folded
  for (int32_t i = 0; i < scratch2_.length();) {
    UChar32 cp = scratch2_.char32At(i);
    i += U16_LENGTH(cp);
    if (u_charType(cp) == U_NON_SPACING_MARK) {
      UErrorCode e = U_ZERO_ERROR;
      UScriptCode own = uscript_getScript(cp, &e);
      bool generic =
          own == USCRIPT_INHERITED || own == USCRIPT_LATIN || own == USCRIPT_GREEK || own == USCRIPT_CYRILLIC;
      if (IsArabicMark(cp) || (generic && FoldsAccents(base))) {
        dropped = true;
        continue;
      }
    } else {
      UErrorCode e = U_ZERO_ERROR;
      base = uscript_getScript(cp, &e);
    }
    kept.append(cp);
  }
  if (!dropped) return;
  data_.nfc->normalize(kept, *text, status);
  if (U_FAILURE(status)) *text = kept;
}

void NormalizeEngine::EmitMapped(UChar32 cp) {
  char bytes[4];
  CharClass cls = CharClass::kSeparator;
  const int n = MapForEmit(cp, bytes, &cls);
  if (n > 0) EmitBytes(bytes, static_cast<size_t>(n), cls, segment_start_, segment_end_);
}

// The bytes (0 to 4) that the normalised code point cp becomes in the output, and their class.
int NormalizeEngine::MapForEmit(UChar32 cp, char* bytes, CharClass* cls) const {
  // Format characters not already removed by NFKC_Casefold (U+0600 number signs ...) and the
  // Arabic tatweel, which only stretches a word.
  if (cp == 0x0640 || u_charType(cp) == U_FORMAT_CHAR) return 0;
  if (options_.fold_diacritics && IsArabicMark(cp)) return 0;
  if (cp < 0x80) {
    bytes[0] = data_.ascii_fold[cp];
    *cls = data_.ascii_class[cp];
    return 1;
  }
  if (options_.map_confusables) {
    if (char latin = data_.ConfusableOf(cp)) {
      const auto c = static_cast<unsigned char>(latin);
      bytes[0] = data_.ascii_fold[c];
      *cls = data_.ascii_class[c];
      return 1;
    }
  }
  if (options_.traditional_to_simplified) cp = data_.SimplifiedOf(cp);
  int32_t n = 0;
  U8_APPEND_UNSAFE(bytes, n, cp);
  *cls = data_.ClassOf(cp);
  return n;
}

void NormalizeEngine::EmitMemoised(uint32_t entry) {
  const auto n = static_cast<size_t>((entry >> NormalizeData::kEmitCountShift) & 3);
  if (n == 0) return;
  const char bytes[3] = {static_cast<char>(entry), static_cast<char>(entry >> 8), static_cast<char>(entry >> 16)};
  EmitBytes(bytes, n, static_cast<CharClass>((entry >> NormalizeData::kEmitClassShift) & 3), segment_start_,
            segment_end_);
}

inline void NormalizeEngine::EmitAscii(unsigned char c, uint32_t start, uint32_t end) {
  RunStep(data_.ascii_class[c], out_.text.size());
  out_.text.push_back(data_.ascii_fold[c]);
  out_.origin_start.push_back(start);
  out_.origin_end.push_back(end);
}

// The ASCII fast path: p[0, n) are one-byte segments at offsets start, start+1, ... The bytes
// are written first (a loop the compiler vectorises), then the runs are tracked in locals: the
// same steps as RunStep, without reloading members after every byte store.
void NormalizeEngine::EmitAsciiRun(const unsigned char* p, size_t n, uint32_t start) {
  const size_t at = out_.text.size();
  out_.text.resize(at + n);
  out_.origin_start.resize(at + n);
  out_.origin_end.resize(at + n);
  char* text = out_.text.data() + at;
  uint32_t* os = out_.origin_start.data() + at;
  uint32_t* oe = out_.origin_end.data() + at;
  const char* fold = data_.ascii_fold;
  const CharClass* classes = data_.ascii_class;
  uint32_t substitutes = 0;  // nonzero when some byte has a leetspeak reading
  size_t j = 0;
  for (; j + 16 <= n; j += 16) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + j));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(text + j), AsciiFold16(x));
    substitutes |= AsciiSubstituteMask16(x);
    __m128i offset = _mm_add_epi32(_mm_set1_epi32(static_cast<int>(start + j)), _mm_setr_epi32(0, 1, 2, 3));
    for (int k = 0; k < 4; ++k) {
      _mm_storeu_si128(reinterpret_cast<__m128i*>(os + j + 4 * k), offset);
      offset = _mm_add_epi32(offset, _mm_set1_epi32(1));
      _mm_storeu_si128(reinterpret_cast<__m128i*>(oe + j + 4 * k), offset);
      offset = _mm_add_epi32(offset, _mm_set1_epi32(3));
    }
  }
  for (; j < n; ++j) {
    text[j] = fold[p[j]];
    os[j] = start + static_cast<uint32_t>(j);
    oe[j] = start + static_cast<uint32_t>(j) + 1;
    substitutes |= classes[p[j]] == CharClass::kSubstitute;
  }
  if (!options_.map_substitutions) return;
  const bool any_substitute = substitutes != 0;
  if (!any_substitute && !(run_open_ && run_has_substitute_)) {
    EndRunsWithoutSubstitutes(p, n, at);
    return;
  }
  // ResolveRun(b, e) reads and rewrites only [b, e), all written above.
  bool open = run_open_, letter = run_has_letter_, substitute = run_has_substitute_;
  size_t run_start = run_start_;
  auto close = [&](size_t end) {
    if (letter && substitute) {
      run_has_letter_ = letter;
      run_has_substitute_ = substitute;
      ResolveRun(run_start, end);
    }
    open = false;
  };
  for (size_t j = 0; j < n; ++j) {
    const CharClass cls = classes[p[j]];
    const size_t pos = at + j;
    if (cls == CharClass::kSeparator) {
      if (open) close(pos);
      continue;
    }
    if (open && pos - run_start >= kMaxRunBytes) close(pos);
    if (!open) {
      open = true;
      run_start = pos;
      letter = substitute = false;
    }
    letter = letter || cls == CharClass::kLetter;
    substitute = substitute || cls == CharClass::kSubstitute;
  }
  run_open_ = open;
  run_start_ = run_start;
  run_has_letter_ = letter;
  run_has_substitute_ = substitute;
}

// Most text: no run of the stretch p[0, n) (output positions at ...) holds a substitute, so
// none is resolved and only the run state at its end matters: the run after the last
// separator (or the open run it continues), cut every kMaxRunBytes as RunStep cuts it.
void NormalizeEngine::EndRunsWithoutSubstitutes(const unsigned char* p, size_t n, size_t at) {
  const CharClass* classes = data_.ascii_class;
  size_t last_separator = n;  // n: none
  for (size_t j = n; j-- > 0;) {
    if (classes[p[j]] == CharClass::kSeparator) {
      last_separator = j;
      break;
    }
  }
  if (last_separator == n - 1) {
    run_open_ = false;
    return;
  }
  size_t start, first;  // the run's start (output position) and its first byte in p
  bool letter;
  if (last_separator != n) {
    first = last_separator + 1;
    start = at + first;
    letter = false;
  } else if (run_open_) {
    first = 0;
    start = run_start_;
    letter = run_has_letter_;
  } else {
    first = 0;
    start = at;
    letter = false;
  }
  const size_t last = at + n - 1;  // position of the last byte placed
  if (last - start >= kMaxRunBytes) {
    // RunStep reopens the run at the first byte kMaxRunBytes past its start, and so on.
    const size_t reopen = std::max(start + kMaxRunBytes, at + first);
    start = reopen + (last - reopen) / kMaxRunBytes * kMaxRunBytes;
    first = start - at;
    letter = false;
  }
  for (size_t j = first; j < n; ++j) letter |= classes[p[j]] == CharClass::kLetter;
  run_open_ = true;
  run_start_ = start;
  run_has_letter_ = letter;
  run_has_substitute_ = false;
}

void NormalizeEngine::EmitBytes(const char* bytes, size_t n, CharClass cls, uint32_t start, uint32_t end) {
  RunStep(cls, out_.text.size());
  out_.text.append(bytes, n);
  for (size_t k = 0; k < n; ++k) {  // n <= 4: cheaper than vector::insert
    out_.origin_start.push_back(start);
    out_.origin_end.push_back(end);
  }
}

// Called before a character of class cls is placed at output position `at`: opens, extends
// or closes the run.
inline void NormalizeEngine::RunStep(CharClass cls, size_t at) {
  if (!options_.map_substitutions) return;
  if (cls == CharClass::kSeparator) {
    if (run_open_) {
      ResolveRun(run_start_, at);
      run_open_ = false;
    }
    return;
  }
  if (run_open_ && at - run_start_ >= kMaxRunBytes) {
    ResolveRun(run_start_, at);
    run_open_ = false;
  }
  if (!run_open_) {
    run_open_ = true;
    run_start_ = at;
    run_has_letter_ = run_has_substitute_ = false;
  }
  if (cls == CharClass::kLetter) run_has_letter_ = true;
  if (cls == CharClass::kSubstitute) run_has_substitute_ = true;
}

// The substitution rule, applied to one run out_.text[begin, end):
//  - nothing changes unless the run holds a letter: "2024", "10", "$5", "!!!" stay;
//  - digits 0 1 3 4 5 6 7 8 9 and '$' become o i e a s g t b g / s: "h3ll0" "sh1t" "a$$";
//  - '@' becomes 'a' unless it ends the run: "@ss" -> "ass", but "me@" stays;
//  - '!' and '|' become 'i' only between other run characters: "sh!t" -> "shit", while
//    "bad!" and "|bad|" keep their punctuation;
//  - leading digits followed by a number suffix stay digits: "1st" "4th" "5g" "3kg", and so
//    do digits before a short word in another script ("10см", "5кг").
// Each replacement is one ASCII byte for one ASCII byte, so the offset map is unchanged.
void NormalizeEngine::ResolveRun(size_t begin, size_t end) {
  if (!run_has_letter_ || !run_has_substitute_) return;
  char* t = out_.text.data();
  size_t lead_end = begin;
  while (lead_end < end && IsAsciiDigit(t[lead_end])) ++lead_end;
  bool keep_lead = false;
  if (lead_end > begin && lead_end < end) {
    std::string_view rest(t + lead_end, end - lead_end);
    bool ascii_letters = std::all_of(rest.begin(), rest.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    if (ascii_letters) {
      keep_lead = IsNumberSuffix(rest);
    } else if (std::any_of(rest.begin(), rest.end(),
                           [](char c) { return static_cast<unsigned char>(c) >= 0x80; })) {
      size_t code_points = std::count_if(
          rest.begin(), rest.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
      keep_lead = code_points <= 3;
    }
  }
  size_t first_core = end, last_core = end;
  for (size_t p = begin; p < end; ++p) {
    if (t[p] != '!' && t[p] != '|') {
      if (first_core == end) first_core = p;
      last_core = p;
    }
  }
  for (size_t p = begin; p < end; ++p) {
    unsigned char c = static_cast<unsigned char>(t[p]);
    if (c >= 0x80) continue;
    char s = data_.ascii_substitute[c];
    if (!s) continue;
    if (IsAsciiDigit(static_cast<char>(c))) {
      if (keep_lead && p < lead_end) continue;
    } else if (c == '!' || c == '|') {
      if (first_core == end || p < first_core || p > last_core) continue;
    } else if (c == '@') {
      if (last_core == end || p >= last_core) continue;
    }
    t[p] = s;
  }
}

}  // namespace wenjin::review
