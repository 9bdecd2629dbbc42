// HTML text extraction (see review/extract_html.h): a single forward pass over the bytes that
// tokenises markup the way the HTML standard's tokenizer does (tag names, quoted attributes,
// comments, raw-text elements) and feeds visible text to a TextBuilder. No tree is built, so
// nesting depth costs nothing and malformed markup cannot make it loop or recurse.
#include "review/extract_html.h"

#include <string>

#include "review/extract_entities.h"
#include "review/extract_text.h"

namespace wenjin::review::extract_internal {
namespace {

constexpr size_t npos = std::string_view::npos;

bool IsOneOf(std::string_view name, std::initializer_list<std::string_view> names) {
  for (std::string_view n : names) {
    if (name == n) return true;
  }
  return false;
}

// Elements whose start and end both end a paragraph.
bool IsParagraphElement(std::string_view name) {
  return IsOneOf(name, {"p",          "h1",      "h2",      "h3",       "h4",     "h5",      "h6",
                        "blockquote", "pre",     "listing", "table",    "ul",     "ol",      "dl",
                        "menu",       "section", "article", "aside",    "header", "footer",  "nav",
                        "main",       "figure",  "address", "fieldset", "form",   "details", "hgroup",
                        "center",     "dialog",  "search",  "hr",       "body",   "html",    "head"});
}

// Elements whose start and end both end a line.
bool IsLineElement(std::string_view name) {
  return IsOneOf(name, {"br", "li", "tr", "div", "dt", "dd", "caption", "option", "optgroup", "summary",
                        "figcaption", "legend", "thead", "tbody", "tfoot", "select", "textarea"});
}

// Elements that at least separate words (table cells, controls).
bool IsSpaceElement(std::string_view name) {
  return IsOneOf(name, {"td", "th", "button", "input", "label", "img", "area", "rt", "rp"});
}

// Raw-text elements whose content is never shown to a reader, so it is dropped.
bool IsDroppedRawText(std::string_view name) {
  return IsOneOf(name, {"script", "style", "noscript", "iframe", "noembed", "noframes"});
}

// A parsed tag: lower-cased name and the two attribute values we use.
struct Tag {
  std::string name;
  bool end = false;
  std::string_view alt;  // raw (undecoded) attribute value
  std::string_view lang;
  bool has_alt = false;
  bool has_lang = false;
};

// Parses a tag whose name starts at s[pos] (just after "<" or "</"). Returns the offset after
// the closing '>', or npos if the input ends first (the unfinished tag is then dropped, as a
// browser drops it).
size_t ParseTag(std::string_view s, size_t pos, Tag* tag) {
  const size_t n = s.size();
  size_t i = pos;
  // Tag name: anything up to whitespace, '/' or '>' (so "scr<script" is one name).
  while (i < n && !IsAsciiSpace(s[i]) && s[i] != '/' && s[i] != '>') {
    tag->name.push_back(AsciiLower(s[i]));
    ++i;
  }
  while (true) {
    while (i < n && (IsAsciiSpace(s[i]) || s[i] == '/')) ++i;
    if (i >= n) return npos;
    if (s[i] == '>') return i + 1;
    // Attribute name; a leading '=' belongs to the name.
    const size_t name_start = i;
    ++i;
    while (i < n && !IsAsciiSpace(s[i]) && s[i] != '/' && s[i] != '>' && s[i] != '=') ++i;
    const std::string_view attr_name = s.substr(name_start, i - name_start);
    while (i < n && IsAsciiSpace(s[i])) ++i;
    std::string_view value;
    if (i < n && s[i] == '=') {
      ++i;
      while (i < n && IsAsciiSpace(s[i])) ++i;
      if (i >= n) return npos;
      if (s[i] == '"' || s[i] == '\'') {
        const size_t close = s.find(s[i], i + 1);
        if (close == npos) return npos;
        value = s.substr(i + 1, close - i - 1);
        i = close + 1;
      } else {
        const size_t value_start = i;
        while (i < n && !IsAsciiSpace(s[i]) && s[i] != '>') ++i;
        value = s.substr(value_start, i - value_start);
      }
    }
    // The first occurrence of an attribute wins, as in the standard.
    if (!tag->has_alt && EqualsIgnoreAsciiCase(attr_name, "alt")) {
      tag->alt = value;
      tag->has_alt = true;
    } else if (!tag->has_lang && EqualsIgnoreAsciiCase(attr_name, "lang")) {
      tag->lang = value;
      tag->has_lang = true;
    }
  }
}

// Finds the end tag "</name" (any case, followed by whitespace, '/' or '>') at or after `from`.
size_t FindEndTag(std::string_view s, size_t from, std::string_view name) {
  size_t pos = from;
  while (true) {
    const size_t k = s.find("</", pos);
    if (k == npos) return npos;
    const size_t after = k + 2 + name.size();
    if (after < s.size() && EqualsIgnoreAsciiCase(s.substr(k + 2, name.size()), name) &&
        (IsAsciiSpace(s[after]) || s[after] == '/' || s[after] == '>')) {
      return k;
    }
    pos = k + 2;
  }
}

// Offset just past the comment that starts at s[pos] ("<!--"), or the end of input.
size_t SkipComment(std::string_view s, size_t pos) {
  size_t i = pos + 4;
  // "<!-->" and "<!--->" are complete (empty) comments.
  if (i < s.size() && s[i] == '>') return i + 1;
  if (i + 1 < s.size() && s[i] == '-' && s[i + 1] == '>') return i + 2;
  while (true) {
    const size_t k = s.find("--", i);
    if (k == npos) return s.size();
    if (k + 2 < s.size() && s[k + 2] == '>') return k + 3;
    if (k + 3 < s.size() && s[k + 2] == '!' && s[k + 3] == '>') return k + 4;
    i = k + 1;
  }
}

size_t SkipPast(std::string_view s, size_t from, std::string_view terminator) {
  const size_t k = s.find(terminator, from);
  return k == npos ? s.size() : k + terminator.size();
}

class HtmlExtractor {
 public:
  HtmlExtractor(std::string_view s, ExtractedText* out) : s_(s), out_(out) {}

  void Run() {
    size_t i = 0;
    const size_t n = s_.size();
    while (i < n) {
      const char c = s_[i];
      if (c == '<') {
        i = Markup(i);
      } else if (c == '&') {
        std::string decoded;
        const size_t used = DecodeEntity(s_.substr(i), EntityMode::kHtmlText, &decoded);
        if (used == 0) {
          EmitText("&");
          ++i;
        } else {
          EmitDecoded(decoded);
          i += used;
        }
      } else {
        size_t j = i;
        while (j < n && s_[j] != '<' && s_[j] != '&') ++j;
        EmitText(s_.substr(i, j - i));
        i = j;
      }
    }
    out_->text = TidyLines(text_.Finish());
  }

 private:
  bool Hidden() const { return template_depth_ > 0; }

  void EmitText(std::string_view text) {
    if (Hidden()) return;
    if (pre_depth_ > 0) {
      text_.AddPreformatted(text);
    } else {
      text_.AddCollapsed(text);
    }
  }

  // A decoded character reference: &nbsp; counts as an ordinary space.
  void EmitDecoded(const std::string& decoded) {
    EmitText(decoded == "\xC2\xA0" ? std::string_view(" ") : std::string_view(decoded));
  }

  // An attribute value with entities decoded; &nbsp; is a space here too.
  static std::string DecodeAttribute(std::string_view raw) {
    std::string decoded;
    AppendDecoded(raw, EntityMode::kStrict, &decoded);
    return NbspToSpace(std::move(decoded));
  }

  static std::string NbspToSpace(std::string s) {
    std::string out;
    out.reserve(s.size());
    for (size_t k = 0; k < s.size(); ++k) {
      if (s[k] == '\xC2' && k + 1 < s.size() && s[k + 1] == '\xA0') {
        out.push_back(' ');
        ++k;
      } else {
        out.push_back(s[k]);
      }
    }
    return out;
  }

  // Text of an RCDATA element (title, textarea): entities decoded, no tags.
  static std::string DecodeRcdata(std::string_view raw) {
    std::string decoded;
    AppendDecoded(raw, EntityMode::kHtmlText, &decoded);
    return NbspToSpace(std::move(decoded));
  }

  // Handles the markup starting with '<' at s_[i]; returns where text resumes.
  size_t Markup(size_t i) {
    const size_t n = s_.size();
    if (s_.compare(i, 4, "<!--") == 0) return SkipComment(s_, i);
    if (s_.compare(i, 9, "<![CDATA[") == 0) return SkipPast(s_, i + 9, "]]>");
    if (i + 1 < n && (s_[i + 1] == '!' || s_[i + 1] == '?')) return SkipPast(s_, i + 2, ">");
    if (i + 1 < n && s_[i + 1] == '/') {
      if (i + 2 < n && s_[i + 2] == '>') return i + 3;  // "</>" is ignored
      if (i + 2 < n && IsAsciiAlpha(s_[i + 2])) {
        Tag tag;
        tag.end = true;
        const size_t next = ParseTag(s_, i + 2, &tag);
        if (next == npos) return n;
        EndTag(tag);
        return next;
      }
      if (i + 2 < n) return SkipPast(s_, i + 2, ">");  // "</3" and the like: a bogus comment
      EmitText("</");
      return n;
    }
    if (i + 1 < n && IsAsciiAlpha(s_[i + 1])) {
      Tag tag;
      const size_t next = ParseTag(s_, i + 1, &tag);
      if (next == npos) return n;
      return StartTag(tag, next);
    }
    EmitText("<");  // a '<' that opens nothing is text ("a < b", "<<<")
    return i + 1;
  }

  // Applies a start tag that ended just before s_[next]; returns where text resumes.
  size_t StartTag(const Tag& tag, size_t next) {
    const std::string& name = tag.name;
    if (IsDroppedRawText(name)) return SkipRawText(name, next);
    if (name == "title" || name == "textarea") {
      const size_t end = FindEndTag(s_, next, name);
      const std::string text = DecodeRcdata(s_.substr(next, (end == npos ? s_.size() : end) - next));
      if (name == "title" && out_->title.empty() && !Hidden()) {
        TextBuilder title;
        title.AddCollapsed(text);
        out_->title = title.Finish();
      } else if (!Hidden()) {
        // A later <title> (an SVG tooltip) or a text area: shown text, kept as a paragraph.
        text_.RequestParagraphBreak();
        if (name == "textarea") {
          text_.AddPreformatted(text);
        } else {
          text_.AddCollapsed(text);
        }
        text_.RequestParagraphBreak();
      }
      return PastEndTag(end);
    }
    if (name == "plaintext") {  // everything after it is text, markup included
      text_.RequestParagraphBreak();
      EmitText(s_.substr(next));
      return s_.size();
    }
    if (name == "xmp") {  // raw text that is shown
      const size_t end = FindEndTag(s_, next, name);
      text_.RequestParagraphBreak();
      ++pre_depth_;
      EmitText(s_.substr(next, (end == npos ? s_.size() : end) - next));
      --pre_depth_;
      text_.RequestParagraphBreak();
      return PastEndTag(end);
    }
    if (name == "template") {
      ++template_depth_;
      return next;
    }
    if (Hidden()) return next;
    if (name == "html" && tag.has_lang && out_->lang.empty()) {
      std::string lang;
      AppendDecoded(tag.lang, EntityMode::kStrict, &lang);
      out_->lang = std::string(TrimAsciiSpace(lang));
    }
    if (name == "pre" || name == "listing") ++pre_depth_;
    Break(name);
    if ((name == "img" || name == "area" || name == "input") && tag.has_alt) {
      text_.AddCollapsed(DecodeAttribute(tag.alt));
      text_.RequestSpace();
    }
    return next;
  }

  void EndTag(const Tag& tag) {
    const std::string& name = tag.name;
    if (name == "template") {
      if (template_depth_ > 0) --template_depth_;
      return;
    }
    if (Hidden()) return;
    if ((name == "pre" || name == "listing") && pre_depth_ > 0) --pre_depth_;
    Break(name);
  }

  // The break an element's start or end tag puts between words.
  void Break(std::string_view name) {
    if (name == "br") {
      text_.RequestHardBreak();
    } else if (IsParagraphElement(name)) {
      text_.RequestParagraphBreak();
    } else if (IsLineElement(name)) {
      text_.RequestLineBreak();
    } else if (IsSpaceElement(name)) {
      text_.RequestSpace();
    }
  }

  // Skips the content and end tag of a raw-text element whose start tag ended before s_[next].
  size_t SkipRawText(std::string_view name, size_t next) {
    const size_t end = FindEndTag(s_, next, name);
    // No space is requested: "ab<script>..</script>cd" shows as "abcd", and screening must see
    // what a reader sees.
    return PastEndTag(end);
  }

  // Where text resumes after the end tag that starts at s_[end] ("</name ...>").
  size_t PastEndTag(size_t end) const {
    if (end == npos) return s_.size();
    Tag ignored;
    const size_t next = ParseTag(s_, end + 2, &ignored);
    return next == npos ? s_.size() : next;
  }

  std::string_view s_;
  ExtractedText* out_;
  TextBuilder text_;
  int template_depth_ = 0;  // > 0 inside <template>: nothing is shown
  int pre_depth_ = 0;       // > 0 inside <pre>/<listing>: whitespace is kept
};

}  // namespace

void ExtractHtml(std::string_view html, ExtractedText* out) {
  out->text.clear();
  out->title.clear();
  out->lang.clear();
  HtmlExtractor(html, out).Run();
}

}  // namespace wenjin::review::extract_internal
