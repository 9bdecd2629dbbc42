// Internal: the SRT and WebVTT extractors behind ExtractText. Not part of the public interface;
// use review/extract.h.
#pragma once

#include <string_view>

#include "review/extract.h"
#include "store/status.h"

namespace wenjin::review::extract_internal {

// Both fill *out as review/extract.h describes for the srt / webvtt formats and return
// InvalidArgument when no cue (timing line) is found, or for WebVTT when the "WEBVTT" header
// line is missing. REQUIRES: `text` is valid UTF-8 without BOM, with LF line ends.
//
// Every line that is not structure is kept as text, even outside a well-formed cue (a line after
// a stray blank line inside a cue, say): players differ on such lines, and screening must not
// miss what some of them show. Structure is: timing lines, a cue number or identifier on the
// line right before a timing line, the WebVTT header block, and NOTE / STYLE / REGION blocks.
Status ExtractSrt(std::string_view text, ExtractedText* out);
Status ExtractWebVtt(std::string_view text, ExtractedText* out);

}  // namespace wenjin::review::extract_internal
