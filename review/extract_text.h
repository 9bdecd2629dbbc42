// Internal helpers shared by the extractors (review/extract_*.cc): UTF-8 encoding and checks,
// and TextBuilder, which joins pieces of text with the right spaces, lines and paragraph breaks.
// Not part of the public interface; use review/extract.h.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace wenjin::review::extract_internal {

// Appends code point `cp` as UTF-8; surrogates and values past U+10FFFF become U+FFFD.
void AppendUtf8(char32_t cp, std::string* out);

// Offset of the first byte that does not start or continue a well-formed UTF-8 sequence
// (overlong forms, surrogates and values past U+10FFFF are ill-formed), or npos if all is valid.
size_t FindInvalidUtf8(std::string_view s);

inline bool IsAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
inline bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
inline char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
bool EqualsIgnoreAsciiCase(std::string_view a, std::string_view b);
std::string_view TrimAsciiSpace(std::string_view s);
// The lines of `text` split at '\n' (a final line without one included; "" gives one line).
std::vector<std::string_view> SplitLines(std::string_view text);

// Builds extracted text from a stream of pieces. Breaks and spaces are only *requested*; they
// are written when the next visible text arrives, so requests in a row merge (a paragraph break
// wins over a line break, which wins over a space) and the result never starts or ends with
// whitespace. Lines never end with a space.
class TextBuilder {
 public:
  // Appends text, turning each run of ASCII whitespace into one requested space.
  void AddCollapsed(std::string_view text);
  // Appends text as it is, except that each "\n" becomes a requested line break (runs of blank
  // lines become one paragraph break) and spaces at a line's end are dropped.
  void AddPreformatted(std::string_view text);
  // Appends text that holds no whitespace needing care (one word, one decoded character).
  void AddVerbatim(std::string_view text);
  void RequestSpace() {
    if (pending_ < kSpace) pending_ = kSpace;
  }
  void RequestLineBreak() {
    if (pending_ < kLine) pending_ = kLine;
  }
  void RequestParagraphBreak() { pending_ = kParagraph; }
  // A forced line break (<br>): a second one before any text leaves an empty line, so it
  // becomes a paragraph break.
  void RequestHardBreak() { pending_ = pending_ >= kLine ? kParagraph : kLine; }
  bool empty() const { return out_.empty(); }
  // The text so far; the builder is left empty.
  std::string Finish();

 private:
  enum Pending { kNone = 0, kSpace = 1, kLine = 2, kParagraph = 3 };
  void Flush();
  std::string out_;
  Pending pending_ = kNone;
};

// Trims every line, drops leading and trailing blank lines and squeezes runs of blank lines to
// one, so blocks end up separated by exactly "\n\n".
std::string TidyLines(std::string_view text);

}  // namespace wenjin::review::extract_internal
