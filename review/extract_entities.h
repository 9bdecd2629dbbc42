// Internal: decoding of HTML character references (&amp; &#20013; &#x4E2D;) for the HTML,
// Markdown and WebVTT extractors. Not part of the public interface; use review/extract.h.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace wenjin::review::extract_internal {

enum class EntityMode {
  // HTML text content: a few legacy names (amp, lt, gt, quot, nbsp, copy, reg) are also
  // recognised without the ';', as browsers do ("&copy 2024", "AT&amp T").
  kHtmlText,
  // Attribute values, Markdown and WebVTT: named references need their ';'.
  kStrict,
};

// If `s` starts with a character reference ('&' at s[0]), appends its decoded UTF-8 to *out and
// returns the number of bytes it used; otherwise returns 0 and leaves *out alone (the '&' is
// then plain text). Numeric references take an optional ';'; code points that are zero,
// surrogates or past U+10FFFF (however many digits) decode to U+FFFD, and 0x80-0x9F to their
// Windows-1252 meaning, as the HTML standard says. &nbsp; decodes to U+00A0.
// Reads at most 32 bytes of a name; digits of a numeric reference are all consumed, so a run of
// digits is read once: linear time overall.
size_t DecodeEntity(std::string_view s, EntityMode mode, std::string* out);

// Appends `s` to *out with every character reference decoded.
void AppendDecoded(std::string_view s, EntityMode mode, std::string* out);

}  // namespace wenjin::review::extract_internal
