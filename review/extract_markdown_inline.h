// Internal: Markdown inline markup (emphasis, code spans, links, images, escapes, entities,
// inline HTML, autolinks) turned into plain text. Used by review/extract_markdown.cc.
#pragma once

#include <string>
#include <string_view>
#include <unordered_set>

namespace wenjin::review::extract_internal {

// Labels of the document's link reference definitions ("[label]: url"), normalised by
// NormalizeLinkLabel, so that "[text][label]" and "[label]" can be recognised as links.
using LinkLabels = std::unordered_set<std::string>;

// ASCII case folded, inner whitespace runs collapsed to one space, trimmed.
std::string NormalizeLinkLabel(std::string_view label);

// The text a reader sees of one paragraph's inline content (its lines joined by '\n', which are
// kept). Emphasis markers are removed only where they pair up; code span content is kept
// verbatim; [text](url), [text][ref], [ref] (when defined) and ![alt](src) keep only the text or
// alt; <br> becomes '\n' and other inline tags and comments vanish; <https://x> keeps the URL.
// Linear time: every scan ahead is either bounded or consumes what it scans.
std::string RenderMarkdownInline(std::string_view text, const LinkLabels& labels);

}  // namespace wenjin::review::extract_internal
