// Internal: the Markdown extractor behind ExtractText(..., BodyFormat::kMarkdown, ...). Not part
// of the public interface; use review/extract.h.
#pragma once

#include <string_view>

#include "review/extract.h"

namespace wenjin::review::extract_internal {

// Fills out->text and out->title (the first heading) as review/extract.h describes for the
// markdown format. REQUIRES: `markdown` is valid UTF-8 with LF line ends.
// Follows CommonMark/GFM where it matters for the words a reader sees; it is not a renderer
// (indented code, lazy continuation lines and nested list structure are read as plain lines).
// Linear time; never fails.
void ExtractMarkdown(std::string_view markdown, ExtractedText* out);

}  // namespace wenjin::review::extract_internal
