// Internal: the HTML text extractor behind ExtractText(..., BodyFormat::kHtml, ...), also used by
// the Markdown extractor for HTML blocks. Not part of the public interface; use review/extract.h.
#pragma once

#include <string_view>

#include "review/extract.h"

namespace wenjin::review::extract_internal {

// Fills out->text, out->title and out->lang from `html` as review/extract.h describes for the
// html format. REQUIRES: `html` is valid UTF-8 with LF line ends (ExtractText prepares it).
// Linear time; never fails: whatever cannot be read as markup is text.
void ExtractHtml(std::string_view html, ExtractedText* out);

}  // namespace wenjin::review::extract_internal
