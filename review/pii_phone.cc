// Phone-number finding with libphonenumber, on digit-rich windows of the text.
#include "review/pii_phone.h"

#include <phonenumbers/phonenumbermatch.h>
#include <phonenumbers/phonenumbermatcher.h>
#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <cctype>

namespace wenjin::review::pii {
namespace {

using i18n::phonenumbers::PhoneNumberMatch;
using i18n::phonenumbers::PhoneNumberMatcher;
using i18n::phonenumbers::PhoneNumberUtil;

// The fewest digits a window needs: shorter runs are never valid numbers of any region.
constexpr int kMinDigits = 6;
// Digits further apart than this (bytes) belong to different runs; 4 bytes spans a separator
// plus a space, or one CJK character.
constexpr size_t kMaxGap = 4;
// Context kept around a run so the matcher sees a leading '+', "tel:", or "ext. 123".
constexpr size_t kContextBefore = 16;
constexpr size_t kContextAfter = 24;
// The longest block of consecutive digits a phone number can contain.
constexpr size_t kMaxBlockDigits = 17;
// Candidates the matcher may reject in one window before it gives up.
constexpr int kMaxTries = 64;

bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// libphonenumber finds nothing at all in a string with one invalid UTF-8 sequence, so each
// byte of an invalid sequence becomes '?' (one byte for one: offsets stay the same).
std::string ValidUtf8(std::string_view s) {
  std::string out(s);
  for (size_t i = 0; i < out.size();) {
    const auto b = static_cast<unsigned char>(out[i]);
    size_t length = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
    bool ok = length > 0 && i + length <= out.size();
    for (size_t k = 1; ok && k < length; ++k) ok = IsContinuation(out[i + k]);
    if (ok && length == 2) ok = b >= 0xC2;  // overlong
    if (ok && length == 3) {
      const auto b1 = static_cast<unsigned char>(out[i + 1]);
      ok = !(b == 0xE0 && b1 < 0xA0) && !(b == 0xED && b1 >= 0xA0);  // overlong, surrogates
    }
    if (ok && length == 4) {
      const auto b1 = static_cast<unsigned char>(out[i + 1]);
      ok = b <= 0xF4 && !(b == 0xF0 && b1 < 0x90) && !(b == 0xF4 && b1 >= 0x90);
    }
    if (!ok) {
      out[i++] = '?';
      continue;
    }
    i += length;
  }
  return out;
}

std::string_view LanguageRegion(std::string_view language) {
  struct Entry {
    const char* lang;
    const char* region;
  };
  static constexpr Entry kTable[] = {
      {"zh", "CN"}, {"en", "US"}, {"fr", "FR"}, {"de", "DE"}, {"es", "ES"}, {"pt", "BR"},
      {"ru", "RU"}, {"ar", "SA"}, {"ja", "JP"}, {"ko", "KR"}, {"it", "IT"}, {"nl", "NL"},
      {"pl", "PL"}, {"tr", "TR"}, {"vi", "VN"}, {"th", "TH"}, {"id", "ID"}, {"ms", "MY"},
      {"hi", "IN"}, {"uk", "UA"}, {"sv", "SE"}, {"fa", "IR"}, {"he", "IL"}, {"el", "GR"},
      {"cs", "CZ"}, {"da", "DK"}, {"fi", "FI"}, {"nb", "NO"}, {"no", "NO"}, {"hu", "HU"},
      {"ro", "RO"}, {"bg", "BG"}, {"bn", "BD"}, {"ur", "PK"}, {"sw", "KE"},
  };
  for (const auto& e : kTable) {
    if (language == e.lang) return e.region;
  }
  return "";
}

}  // namespace

std::string PhoneRegion(std::string_view default_region, std::string_view lang) {
  auto upper = [](std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
  };
  if (!default_region.empty()) return upper(default_region);
  // BCP-47: language[-script][-region]...; the region is the first 2-letter subtag after
  // the language.
  std::vector<std::string_view> subtags;
  for (size_t pos = 0; pos <= lang.size();) {
    size_t next = lang.find_first_of("-_", pos);
    if (next == std::string_view::npos) next = lang.size();
    subtags.push_back(lang.substr(pos, next - pos));
    pos = next + 1;
  }
  for (size_t i = 1; i < subtags.size(); ++i) {
    const auto& t = subtags[i];
    if (t.size() == 2 && std::isalpha(static_cast<unsigned char>(t[0])) &&
        std::isalpha(static_cast<unsigned char>(t[1])))
      return upper(t);
  }
  std::string language(subtags.empty() ? std::string_view() : subtags[0]);
  for (auto& c : language) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const std::string_view region = LanguageRegion(language);
  return region.empty() ? "ZZ" : std::string(region);
}

std::vector<std::pair<uint32_t, uint32_t>> FindPhoneNumbers(
    std::string_view text, const std::string& region, const std::vector<std::pair<uint32_t, uint32_t>>& covered) {
  // Windows around runs of >= kMinDigits digits, merged where they overlap. Running the
  // matcher only there keeps its regex work off digit-free prose.
  std::vector<std::pair<size_t, size_t>> windows;
  size_t run_start = 0, last_digit = 0;
  int digits = 0;
  size_t next_covered = 0;
  auto close_run = [&] {
    if (digits < kMinDigits) return;
    size_t from = run_start >= kContextBefore ? run_start - kContextBefore : 0;
    size_t to = std::min(text.size(), last_digit + 1 + kContextAfter);
    while (from > 0 && IsContinuation(text[from])) --from;
    while (to < text.size() && IsContinuation(text[to])) ++to;
    if (!windows.empty() && from <= windows.back().second) {
      windows.back().second = std::max(windows.back().second, to);
    } else {
      windows.emplace_back(from, to);
    }
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c < '0' || c > '9') continue;
    // Digits already validated as something else end the run and are skipped.
    while (next_covered < covered.size() && covered[next_covered].second <= i) ++next_covered;
    if (next_covered < covered.size() && covered[next_covered].first <= i) {
      close_run();
      digits = 0;
      i = covered[next_covered].second - 1;
      continue;
    }
    if (i == 0 || text[i - 1] < '0' || text[i - 1] > '9') {
      // More digits in one block than any phone number has (E.164: 15, plus a trunk
      // prefix): a serial, a hash or digits of pi; libphonenumber would spend long on it.
      size_t block_end = i;
      while (block_end < text.size() && text[block_end] >= '0' && text[block_end] <= '9') ++block_end;
      if (block_end - i > kMaxBlockDigits) {
        close_run();
        digits = 0;
        i = block_end - 1;
        continue;
      }
    }
    if (digits > 0 && i - last_digit <= kMaxGap &&
        text.substr(last_digit, i - last_digit).find('\n') == std::string_view::npos) {
      ++digits;
    } else {
      close_run();
      run_start = i;
      digits = 1;
    }
    last_digit = i;
  }
  close_run();

  std::vector<std::pair<uint32_t, uint32_t>> found;
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  auto match_in = [&](size_t from, size_t to, size_t accept_from, size_t accept_to) {
    PhoneNumberMatcher matcher(util, ValidUtf8(text.substr(from, to - from)), region,
                               PhoneNumberMatcher::VALID, kMaxTries);
    PhoneNumberMatch match;
    while (matcher.HasNext() && matcher.Next(&match)) {
      // The matcher's offsets are bytes of the UTF-8 string it was given.
      const auto start = static_cast<uint32_t>(from + match.start());
      const auto end = static_cast<uint32_t>(from + match.end());
      if (start < accept_from || end > accept_to) continue;
      if (found.empty() || start >= found.back().second) found.emplace_back(start, end);
    }
  };
  for (const auto& [from, to] : windows) {
    // The matcher's time grows faster than linearly with its input (it copies the rest of
    // the text per candidate: 62 ms for 1,000 digits, 2.5 ms for 400, 0.6 ms for 200, measured), so long windows
    // go in overlapping chunks. A chunk keeps only matches ending >= kMargin bytes before its
    // cut and the next starts kOverlap = 3 * kMargin before the cut, keeping matches that
    // start >= kMargin into it: every number shorter than kMargin is then taken whole from
    // exactly one chunk, never a fragment of it cut at a chunk edge.
    constexpr size_t kChunk = 256, kMargin = 40, kOverlap = 3 * kMargin;
    for (size_t chunk_from = from;;) {
      size_t chunk_to = std::min(to, chunk_from + kChunk);
      while (chunk_to < to && IsContinuation(text[chunk_to])) ++chunk_to;
      const bool last = chunk_to >= to;
      const size_t accept_from = chunk_from == from ? from : chunk_from + kMargin;
      match_in(chunk_from, chunk_to, accept_from, last ? to : chunk_to - kMargin);
      if (last) break;
      chunk_from = chunk_to - kOverlap;
      while (chunk_from > from && IsContinuation(text[chunk_from])) --chunk_from;
    }
  }
  return found;
}

}  // namespace wenjin::review::pii
