// HindiFilter: nukta/candrabindu normalisation and suffix stripping for Devanagari terms.
#include "index/analysis/hindi_filter.h"

#include <string_view>
#include <vector>

namespace wenjin::analysis {
namespace {

// Inflectional suffixes by length, longest first (Ramanathan & Rao's lists).
const std::vector<std::vector<std::wstring_view>>& Suffixes() {
  static const std::vector<std::vector<std::wstring_view>> suffixes = {
      {L"ाएंगी", L"ाएंगे", L"ाऊंगी", L"ाऊंगा", L"ाइयाँ", L"ाइयों", L"ाइयां"},
      {L"ाएगी", L"ाएगा", L"ाओगी", L"ाओगे", L"एंगी", L"ेंगी", L"एंगे", L"ेंगे", L"ूंगी", L"ूंगा", L"ातीं", L"नाओं",
       L"नाएं", L"ताओं", L"ताएं", L"ियाँ", L"ियों", L"ियां"},
      {L"ाकर", L"ाइए", L"ाईं", L"ाया", L"ेगी", L"ेगा", L"ोगी", L"ोगे", L"ाने", L"ाना", L"ाते", L"ाती", L"ाता",
       L"तीं", L"ाओं", L"ाएं", L"ुओं", L"ुएं", L"ुआं"},
      {L"कर", L"ाओ", L"िए", L"ाई", L"ाए", L"ने", L"नी", L"ना", L"ते", L"ीं", L"ती", L"ता", L"ाँ", L"ां", L"ों",
       L"ें"},
      {L"ो", L"े", L"ू", L"ु", L"ी", L"ि", L"ा"},
  };
  return suffixes;
}

bool IsDevanagari(wchar_t c) { return c >= 0x0900 && c <= 0x097F; }

}  // namespace

HindiFilter::HindiFilter(const Lucene::TokenStreamPtr& input) : Lucene::TokenFilter(input) {
  term_ = addAttribute<Lucene::TermAttribute>();
}

HindiFilter::~HindiFilter() = default;

bool HindiFilter::incrementToken() {
  if (!input->incrementToken()) return false;
  wchar_t* buf = term_->termBufferArray();
  int32_t length = term_->termLength();
  if (length == 0 || !IsDevanagari(buf[0])) return true;
  int32_t out = 0;
  for (int32_t i = 0; i < length; ++i) {
    if (buf[i] == 0x093C) continue;  // nukta
    buf[out++] = buf[i] == 0x0901 ? static_cast<wchar_t>(0x0902) : buf[i];  // candrabindu -> anusvara
  }
  length = out;
  const std::wstring_view word(buf, static_cast<size_t>(length));
  for (const auto& group : Suffixes()) {
    for (std::wstring_view suffix : group) {
      if (word.size() > suffix.size() + 1 && word.substr(word.size() - suffix.size()) == suffix) {
        length -= static_cast<int32_t>(suffix.size());
        term_->setTermLength(length);
        return true;
      }
    }
  }
  term_->setTermLength(length);
  return true;
}

}  // namespace wenjin::analysis
