// UTF-8 helpers and TextBuilder for the extractors (see review/extract_text.h).
#include "review/extract_text.h"

#include <cstdint>

namespace wenjin::review::extract_internal {

void AppendUtf8(char32_t cp, std::string* out) {
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = 0xFFFD;
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

size_t FindInvalidUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    const uint8_t c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    // Bounds of the second byte (Unicode Table 3-7) exclude overlongs and surrogates.
    uint8_t lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return i;
    }
    if (i + 1 >= n || p[i + 1] < lo || p[i + 1] > hi) return i;
    for (size_t k = 2; k < len; ++k) {
      if (i + k >= n || (p[i + k] & 0xC0) != 0x80) return i;
    }
    i += len;
  }
  return std::string_view::npos;
}

bool EqualsIgnoreAsciiCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (AsciiLower(a[i]) != AsciiLower(b[i])) return false;
  }
  return true;
}

std::string_view TrimAsciiSpace(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && IsAsciiSpace(s[b])) ++b;
  while (e > b && IsAsciiSpace(s[e - 1])) --e;
  return s.substr(b, e - b);
}

void TextBuilder::Flush() {
  if (!out_.empty()) {
    if (pending_ == kParagraph) {
      out_ += "\n\n";
    } else if (pending_ == kLine) {
      out_ += '\n';
    } else if (pending_ == kSpace && out_.back() != '\n') {
      out_ += ' ';
    }
  }
  pending_ = kNone;
}

void TextBuilder::AddVerbatim(std::string_view text) {
  if (text.empty()) return;
  Flush();
  out_.append(text);
}

void TextBuilder::AddCollapsed(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    if (IsAsciiSpace(text[i])) {
      RequestSpace();
      while (i < text.size() && IsAsciiSpace(text[i])) ++i;
      continue;
    }
    size_t j = i;
    while (j < text.size() && !IsAsciiSpace(text[j])) ++j;
    AddVerbatim(text.substr(i, j - i));
    i = j;
  }
}

void TextBuilder::AddPreformatted(std::string_view text) {
  size_t newlines = 0;  // line breaks seen since the last visible text
  size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '\n' || c == '\r') {
      // CRLF counts once.
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      ++newlines;
      ++i;
      continue;
    }
    size_t j = i;
    while (j < text.size() && text[j] != '\n' && text[j] != '\r') ++j;
    std::string_view line = text.substr(i, j - i);
    // Spaces that end a line are dropped; leading ones (indentation) are kept.
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\f')) {
      line.remove_suffix(1);
    }
    if (newlines >= 2) {
      RequestParagraphBreak();
    } else if (newlines == 1) {
      RequestLineBreak();
    }
    newlines = 0;
    if (!line.empty()) {
      // Indentation at the very start of a line is kept; mid-line runs are the text's own.
      Flush();
      out_.append(line);
    }
    i = j;
  }
  if (newlines >= 2) {
    RequestParagraphBreak();
  } else if (newlines == 1) {
    RequestLineBreak();
  }
}

std::string TextBuilder::Finish() {
  pending_ = kNone;
  std::string result;
  result.swap(out_);
  return result;
}

std::string TidyLines(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t blank_run = 0;
  size_t i = 0;
  while (i <= text.size()) {
    size_t j = text.find('\n', i);
    if (j == std::string_view::npos) j = text.size();
    std::string_view line = TrimAsciiSpace(text.substr(i, j - i));
    if (line.empty()) {
      ++blank_run;
    } else {
      if (!out.empty()) out += blank_run > 0 ? "\n\n" : "\n";
      out.append(line);
      blank_run = 0;
    }
    i = j + 1;
  }
  return out;
}

std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t i = 0;
  while (i <= text.size()) {
    size_t j = text.find('\n', i);
    if (j == std::string_view::npos) j = text.size();
    lines.push_back(text.substr(i, j - i));
    i = j + 1;
  }
  return lines;
}

}  // namespace wenjin::review::extract_internal
