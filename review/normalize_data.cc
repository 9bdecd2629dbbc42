// Builds the process-wide normaliser tables: ASCII classes, look-alike letters (UTS #39
// skeletons) and Traditional -> Simplified Chinese, each precomputed once from ICU.
#include "review/normalize_data.h"

#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/uspoof.h>
#include <unicode/utf16.h>

#include <cctype>
#include <memory>
#include <mutex>

namespace wenjin::review {
namespace {

struct SpoofCloser {
  void operator()(USpoofChecker* sc) const { uspoof_close(sc); }
};
using SpoofPtr = std::unique_ptr<USpoofChecker, SpoofCloser>;

// Scripts whose look-alikes of Latin letters are used to disguise Latin words. Hebrew,
// Arabic, Armenian-free scripts etc. are left alone: mapping them would mangle whole languages
// for little gain.
bool IsConfusableSourceScript(UScriptCode s) {
  switch (s) {
    case USCRIPT_LATIN:
    case USCRIPT_GREEK:
    case USCRIPT_CYRILLIC:
    case USCRIPT_ARMENIAN:
    case USCRIPT_CHEROKEE:
    case USCRIPT_COMMON:
      return true;
    default:
      return false;
  }
}

// Scripts written without spaces between words: their letters do not form the "runs" the
// substitution pass looks at, so digits inside Chinese or Thai text stay digits.
bool IsUnspacedScript(UScriptCode s) {
  switch (s) {
    case USCRIPT_HAN:
    case USCRIPT_HIRAGANA:
    case USCRIPT_KATAKANA:
    case USCRIPT_THAI:
    case USCRIPT_LAO:
    case USCRIPT_KHMER:
    case USCRIPT_MYANMAR:
    case USCRIPT_TIBETAN:
    case USCRIPT_YI:
      return true;
    default:
      return false;
  }
}

void BuildAscii(NormalizeData* d) {
  for (int c = 0; c < 128; ++c) {
    d->ascii_fold[c] = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    d->ascii_substitute[c] = 0;
    if (std::isalpha(c)) {
      d->ascii_class[c] = CharClass::kLetter;
    } else if (std::isdigit(c)) {
      d->ascii_class[c] = CharClass::kOther;
    } else {
      d->ascii_class[c] = CharClass::kSeparator;
    }
  }
  // The leetspeak readings undone.
  for (int c = 0; c < 128; ++c) {
    if (char letter = LeetLetter(static_cast<unsigned char>(c))) {
      d->ascii_substitute[c] = letter;
      d->ascii_class[c] = CharClass::kSubstitute;
    }
  }
}

Status BuildConfusables(NormalizeData* d) {
  UErrorCode status = U_ZERO_ERROR;
  SpoofPtr checker(uspoof_open(&status));
  if (U_FAILURE(status)) {
    return Status::Internal(std::string("uspoof_open: ") + u_errorName(status));
  }
  d->confusable.assign(0x10000, 0);
  for (UChar32 c = 0x80; c < 0x10000; ++c) {
    if (!(U_GET_GC_MASK(c) & U_GC_L_MASK)) continue;
    UErrorCode e = U_ZERO_ERROR;
    if (!IsConfusableSourceScript(uscript_getScript(c, &e)) || U_FAILURE(e)) continue;
    // Only characters that survive NFKC_Casefold can appear in normalised text.
    icu::UnicodeString src(c), folded;
    d->nfkc_cf->normalize(src, folded, e);
    if (U_FAILURE(e) || folded != src) continue;
    UChar buf[8];
    int32_t n = uspoof_getSkeleton(checker.get(), 0, src.getBuffer(), src.length(), buf, 8, &e);
    if (U_FAILURE(e) || n != 1 || buf[0] >= 0x80 || !std::isalpha(buf[0])) continue;
    d->confusable[static_cast<size_t>(c)] = static_cast<char>(std::tolower(buf[0]));
  }
  return Status::OK();
}

Status BuildSimplified(NormalizeData* d) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> t(
      icu::Transliterator::createInstance("Traditional-Simplified", UTRANS_FORWARD, status));
  if (U_FAILURE(status) || !t) {
    return Status::Internal(std::string("Traditional-Simplified transliterator: ") + u_errorName(status));
  }
  // One call over every ideograph, each on its own line, so the result is per character
  // (offsets stay exact) and the build takes milliseconds instead of one call per character.
  icu::UnicodeString all;
  for (UChar32 c = NormalizeData::kHanFirst; c <= static_cast<UChar32>(NormalizeData::kHanLast); ++c) {
    all.append(c);
    all.append(static_cast<UChar>(u'\n'));
  }
  t->transliterate(all);
  d->simplified.assign(NormalizeData::kHanLast - NormalizeData::kHanFirst + 1, 0);
  int32_t pos = 0;
  for (UChar32 c = NormalizeData::kHanFirst; c <= static_cast<UChar32>(NormalizeData::kHanLast); ++c) {
    int32_t nl = all.indexOf(static_cast<UChar>(u'\n'), pos);
    if (nl < 0) return Status::Internal("Traditional-Simplified: lost a line separator");
    if (all.countChar32(pos, nl - pos) == 1) {
      UChar32 s = all.char32At(pos);
      if (s != c) d->simplified[static_cast<size_t>(c - NormalizeData::kHanFirst)] = static_cast<char32_t>(s);
    }
    pos = nl + 1;
  }
  return Status::OK();
}

Status Build(NormalizeData* d) {
  UErrorCode status = U_ZERO_ERROR;
  d->nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
  d->nfd = icu::Normalizer2::getNFDInstance(status);
  d->nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) {
    return Status::Internal(std::string("ICU normalizer data: ") + u_errorName(status));
  }
  BuildAscii(d);
  for (auto& memo : d->single_memo) memo = std::vector<std::atomic<uint32_t>>(0x10000);
  d->boundary_before.assign(0x10000 / 64, 0);
  for (UChar32 c = 0; c < 0x10000; ++c) {
    if (d->nfkc_cf->hasBoundaryBefore(c)) d->boundary_before[static_cast<size_t>(c) >> 6] |= uint64_t{1} << (c & 63);
  }
  WENJIN_RETURN_IF_ERROR(BuildConfusables(d));
  return BuildSimplified(d);
}

}  // namespace

CharClass NormalizeData::ClassOf(UChar32 cp) const {
  if (cp < 0x80) return ascii_class[cp];
  uint32_t mask = U_GET_GC_MASK(cp);
  if (mask & U_GC_L_MASK) {
    UErrorCode e = U_ZERO_ERROR;
    return IsUnspacedScript(uscript_getScript(cp, &e)) ? CharClass::kSeparator : CharClass::kLetter;
  }
  if (mask & (U_GC_M_MASK | U_GC_ND_MASK)) return CharClass::kOther;
  return CharClass::kSeparator;
}

std::atomic<uint32_t>* NormalizeData::EmitMemo(int index) const {
  std::call_once(emit_memo_once[static_cast<size_t>(index)], [&] {
    emit_memo[static_cast<size_t>(index)] = std::make_unique<std::atomic<uint32_t>[]>(0x10000);
  });
  return emit_memo[static_cast<size_t>(index)].get();
}

Status NormalizeData::Get(const NormalizeData** out) {
  static std::once_flag once;
  static std::unique_ptr<NormalizeData> data;
  static Status build_status;
  std::call_once(once, [] {
    auto d = std::make_unique<NormalizeData>();
    build_status = Build(d.get());
    if (build_status.ok()) data = std::move(d);
  });
  if (!build_status.ok()) return build_status;
  *out = data.get();
  return Status::OK();
}

char LeetLetter(unsigned char c) {
  switch (c) {
    case '0': return 'o';
    case '1': case '!': case '|': return 'i';
    case '3': return 'e';
    case '4': case '@': return 'a';
    case '5': case '$': return 's';
    case '6': case '9': return 'g';
    case '7': return 't';
    case '8': return 'b';
    default: return 0;
  }
}

}  // namespace wenjin::review
