// Text extraction from uploaded resource bodies: plain text, Markdown, HTML, SRT and WebVTT
// subtitles become the UTF-8 plain text that is screened and indexed.
//
// The caller keeps the original upload; these functions only read it. Input is untrusted: every
// function here runs in time linear in the input size, uses no recursion that depends on the
// input, never throws, and reports a malformed-but-readable document as text rather than failing
// (HTML with unclosed tags, stray '<', a comment never closed). Only input that cannot be read at
// all is refused: bytes that are not UTF-8, NUL bytes, or a subtitle file without a single cue.
//
// Thread safety: all functions are pure (no shared mutable state) and safe to call concurrently.
//
// What each format yields (ExtractedText::text):
//   text      The body itself, with a UTF-8 BOM dropped and CRLF / lone CR turned into LF.
//             Nothing else changes, so offsets line up with the original apart from the CRs.
//   markdown  Markup removed: '#' of headings, emphasis markers (* _ ~~) when they pair up as
//             emphasis (snake_case and "2 * 3" stay as written), backslash escapes, link and
//             image syntax ([text](url) -> text, ![alt](src) -> alt, [text][ref] -> text),
//             reference definitions, list bullets and task boxes, blockquote '>', table pipes
//             and delimiter rows. Code spans and fenced code are KEPT verbatim as text (code can
//             hide content); indented code is read as ordinary lines. Entities are decoded. HTML
//             blocks go through the HTML extractor; inline tags are dropped (<br> becomes a line
//             break). YAML front matter between '---' lines at the very start is kept as plain
//             lines. Lines of one paragraph stay separate lines; blocks are separated by a blank
//             line. Limits (reached only by hostile input): look-ahead for link syntax is
//             bounded per bracket and in total (a few bytes per input byte), and at most 4096
//             unmatched '[' or emphasis openers are tracked per paragraph; past them, brackets
//             and markers stay as written, so no words are lost.
//   html      Text content with entities decoded (named, decimal, hexadecimal; invalid code
//             points become U+FFFD; &nbsp; becomes an ordinary space). Dropped: <script>,
//             <style>, <noscript>, <template>, <iframe>, <noembed>, <noframes>, comments,
//             CDATA sections, doctype, processing instructions, every attribute except
//             img/area/input alt (kept as text). Block elements end a paragraph (p, h1-h6,
//             blockquote, pre, table, ul, ol, section ...) or a line (br, li, tr, div, dt, dd,
//             option ...); cells (td, th) are separated by a space, so words never run together.
//             Runs of whitespace collapse to one space except inside <pre>/<textarea>/<listing>,
//             whose line breaks are kept (their indentation is not); repeated <br> leave an empty
//             line. The first <title> becomes ExtractedText::title and is not part of the text.
//             Hidden content (the `hidden` attribute, CSS) is still extracted: screening must
//             see it. The markup is tokenised the way the HTML standard does it (so
//             "<scr<script>ipt>" is a tag named "scr<script" followed by the text "ipt>"), but
//             no tree is built: misnested and unclosed tags simply end where the text ends.
//   srt       The text lines of every cue, in order, one line per subtitle line; cue numbers
//             and timing lines dropped; simple tags (<i>, <b>, <u>, <font ...>) and ASS
//             override blocks ({\an8}) removed. Tolerates CRLF, missing blank lines between
//             cues, trailing spaces and a missing final newline. Any line that is not structure
//             (timing line, cue number) is kept, even outside a well-formed cue: players differ
//             on such lines and screening must not miss what one of them shows.
//   webvtt    As srt. The "WEBVTT" header line is required. NOTE, STYLE and REGION blocks,
//             cue identifiers and timing lines (with their settings) are dropped; all cue tags
//             are removed, including the voice tag's speaker name (<v Anna>Hello -> "Hello":
//             the text is what is spoken, not who speaks); entities are decoded.
// In every format but plain text, lines carry no leading/trailing spaces and the result has no
// leading or trailing blank lines.
#pragma once

#include <string>
#include <string_view>

#include "store/status.h"

namespace wenjin::review {

enum class BodyFormat { kPlainText, kMarkdown, kHtml, kSrt, kWebVtt };

// Chooses the format of an upload from its MIME type (parameters such as "; charset=utf-8" are
// allowed) and/or its file name. Either may be empty.
//   Recognised types: text/plain, text/markdown (text/x-markdown), text/html
//   (application/xhtml+xml), application/x-subrip (text/srt, application/srt), text/vtt.
//   Recognised extensions (any case): .txt .text, .md .markdown .mdown .mkd, .html .htm .xhtml,
//   .srt, .vtt.
// A specific type wins over the extension. "text/plain", "application/octet-stream" and an empty
// type are generic (clients send them for any file), so a recognised extension decides; failing
// that, text/plain means plain text.
// Returns InvalidArgument naming the unsupported type or extension when no format fits, or the
// charset when one other than UTF-8 (or its subset US-ASCII, or UTF-16, which is read through
// its BOM) is declared. *format is written only on success.
Status DetectBodyFormat(std::string_view content_type, std::string_view file_name, BodyFormat* format);

// "text", "markdown", "html", "srt", "webvtt".
const char* BodyFormatName(BodyFormat format);

// The inverse of BodyFormatName (exact, lower-case names). Returns false and leaves *format
// untouched for any other name.
bool ParseBodyFormat(std::string_view name, BodyFormat* format);

struct ExtractedText {
  std::string text;   // UTF-8 plain text; paragraphs separated by "\n\n", lines and cues by "\n"
  std::string title;  // HTML <title> or the first Markdown heading; empty if none
  std::string lang;   // lang attribute of <html>, or a WebVTT "Language:" header; empty if none
};

// Extracts the text of `body` read as `format` into *out (every field overwritten).
// Input encoding: UTF-8, with an optional BOM that is dropped; UTF-16 (LE or BE) starting with a
// BOM is converted to UTF-8 first.
// Returns InvalidArgument, with *out cleared, when:
//   - the bytes are not valid UTF-8 (message gives the byte offset) or UTF-16 with a broken
//     surrogate pair, or contain a NUL byte (binary data, or UTF-16 without a BOM);
//   - a WebVTT file lacks its "WEBVTT" header line;
//   - an SRT or WebVTT file holds no cue at all.
// Never throws (allocation failure aside).
Status ExtractText(std::string_view body, BodyFormat format, ExtractedText* out);

}  // namespace wenjin::review
