// Markdown text extraction (see review/extract_markdown.h): a line-by-line pass recognises the
// block structure (fences, headings, tables, lists, quotes, HTML blocks), gathers paragraph
// lines, and renders each paragraph's inline markup with RenderMarkdownInline.
#include "review/extract_markdown.h"

#include <string>
#include <vector>

#include "review/extract_html.h"
#include "review/extract_markdown_inline.h"
#include "review/extract_text.h"

namespace wenjin::review::extract_internal {
namespace {

constexpr size_t npos = std::string_view::npos;

std::string_view TrimLeft(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  return s.substr(i);
}

// Removes blockquote markers ("> > text" -> "text").
std::string_view StripQuotes(std::string_view line) {
  while (true) {
    const std::string_view t = TrimLeft(line);
    if (t.empty() || t[0] != '>') return line;
    line = t.substr(1);
    if (!line.empty() && line[0] == ' ') line.remove_prefix(1);
  }
}

// Length of the run of `c` at the start of s.
size_t RunLength(std::string_view s, char c) {
  size_t i = 0;
  while (i < s.size() && s[i] == c) ++i;
  return i;
}

bool IsAllOf(std::string_view s, char c) { return !s.empty() && RunLength(s, c) == s.size(); }

// "***", "- - -", "___": three or more of one character, spaces allowed between.
bool IsThematicBreak(std::string_view t) {
  t = TrimAsciiSpace(t);
  if (t.empty() || (t[0] != '-' && t[0] != '*' && t[0] != '_')) return false;
  size_t count = 0;
  for (char c : t) {
    if (c == t[0]) {
      ++count;
    } else if (c != ' ' && c != '\t') {
      return false;
    }
  }
  return count >= 3;
}

// "|---|:--:|" or "--- | ---": a table's delimiter row.
bool IsDelimiterRow(std::string_view t) {
  t = TrimAsciiSpace(t);
  bool pipe = false, dash = false;
  for (char c : t) {
    if (c == '|') {
      pipe = true;
    } else if (c == '-') {
      dash = true;
    } else if (c != ':' && c != ' ' && c != '\t') {
      return false;
    }
  }
  return pipe && dash;
}

// A table row's cells joined by spaces; "\|" stays escaped for the inline pass.
std::string TableRowText(std::string_view row) {
  row = TrimAsciiSpace(row);
  if (!row.empty() && row.front() == '|') row.remove_prefix(1);
  if (!row.empty() && row.back() == '|' && !(row.size() >= 2 && row[row.size() - 2] == '\\'))
    row.remove_suffix(1);
  std::string out;
  size_t start = 0;
  for (size_t i = 0; i <= row.size(); ++i) {
    if (i < row.size() && !(row[i] == '|' && (i == 0 || row[i - 1] != '\\'))) continue;
    const std::string_view cell = TrimAsciiSpace(row.substr(start, i - start));
    if (!cell.empty()) {
      if (!out.empty()) out.push_back(' ');
      out.append(cell);
    }
    start = i + 1;
  }
  return out;
}

// If t is a list item, the item's content (bullet and task box removed); otherwise npos-sized.
bool ListItemContent(std::string_view t, std::string_view* content) {
  size_t i = 0;
  if (!t.empty() && (t[0] == '-' || t[0] == '*' || t[0] == '+')) {
    i = 1;
  } else {
    while (i < t.size() && i < 9 && IsAsciiDigit(t[i])) ++i;
    if (i == 0 || i >= t.size() || (t[i] != '.' && t[i] != ')')) return false;
    ++i;
  }
  if (i < t.size() && t[i] != ' ' && t[i] != '\t') return false;
  std::string_view rest = TrimLeft(t.substr(i));
  if (rest.size() >= 3 && rest[0] == '[' && rest[2] == ']' &&
      (rest[1] == ' ' || rest[1] == 'x' || rest[1] == 'X') &&
      (rest.size() == 3 || rest[3] == ' ' || rest[3] == '\t')) {
    rest = TrimLeft(rest.substr(3));
  }
  *content = rest;
  return true;
}

// "# Heading ##" -> "Heading"; false if t is not an ATX heading.
bool AtxHeading(std::string_view t, std::string_view* content) {
  const size_t level = RunLength(t, '#');
  if (level == 0 || level > 6) return false;
  if (level < t.size() && t[level] != ' ' && t[level] != '\t') return false;
  std::string_view rest = TrimAsciiSpace(t.substr(level));
  // An optional closing run of '#', if preceded by a space (or the whole rest).
  size_t end = rest.size();
  while (end > 0 && rest[end - 1] == '#') --end;
  if (end == 0) {
    rest = {};
  } else if (end < rest.size() && (rest[end - 1] == ' ' || rest[end - 1] == '\t')) {
    rest = TrimAsciiSpace(rest.substr(0, end));
  }
  *content = rest;
  return true;
}

// "[label]: destination" -> true (the line defines a link and shows nothing).
bool LinkDefinition(std::string_view t, std::string* label) {
  if (t.empty() || t[0] != '[') return false;
  const size_t close = t.find("]:");
  if (close == npos || close < 2 || t.substr(1, close - 1).find_first_of("[]") != npos) return false;
  *label = NormalizeLinkLabel(t.substr(1, close - 1));
  return !label->empty();
}

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = AsciiLower(c);
  return out;
}

bool IsHtmlBlockName(std::string_view name) {
  static constexpr std::string_view kNames[] = {
      "address", "article", "aside",   "blockquote", "body",      "caption",  "center",   "dd",
      "details", "dialog",  "div",     "dl",         "dt",        "fieldset", "figure",   "footer",
      "form",    "h1",      "h2",      "h3",         "h4",        "h5",       "h6",       "header",
      "hr",      "html",    "iframe",  "li",         "main",      "nav",      "noscript", "ol",
      "p",       "section", "summary", "table",      "tbody",     "td",       "template", "tfoot",
      "th",      "thead",   "tr",      "ul",         "script",    "pre",      "style",    "textarea",
      "head",    "title",   "meta",    "link",       "figcaption"};
  for (std::string_view n : kNames) {
    if (name == n) return true;
  }
  return false;
}

// How an HTML block that starts with line t ends; kNone if t does not start one.
enum class HtmlBlockEnd { kNone, kRawText, kComment, kProcessing, kDeclaration, kCdata, kBlankLine };

HtmlBlockEnd HtmlBlockStart(std::string_view t) {
  if (t.size() < 2 || t[0] != '<') return HtmlBlockEnd::kNone;
  if (t.substr(0, 4) == "<!--") return HtmlBlockEnd::kComment;
  if (t.substr(0, 9) == "<![CDATA[") return HtmlBlockEnd::kCdata;
  if (t[1] == '?') return HtmlBlockEnd::kProcessing;
  if (t[1] == '!' && t.size() > 2 && IsAsciiAlpha(t[2])) return HtmlBlockEnd::kDeclaration;
  const bool end_tag = t[1] == '/';
  size_t i = end_tag ? 2 : 1;
  const size_t name_start = i;
  while (i < t.size() && (IsAsciiAlpha(t[i]) || IsAsciiDigit(t[i]) || t[i] == '-')) ++i;
  if (i == name_start || !IsAsciiAlpha(t[name_start])) return HtmlBlockEnd::kNone;
  if (i < t.size() && !IsAsciiSpace(t[i]) && t[i] != '>' && t[i] != '/') return HtmlBlockEnd::kNone;
  const std::string name = LowerAscii(t.substr(name_start, i - name_start));
  if (!end_tag && (name == "script" || name == "pre" || name == "style" || name == "textarea")) {
    return HtmlBlockEnd::kRawText;
  }
  if (IsHtmlBlockName(name)) return HtmlBlockEnd::kBlankLine;
  // Any other tag starts a block only when it is alone on its line.
  const size_t close = t.find('>', i);
  if (close != npos && TrimAsciiSpace(t.substr(close + 1)).empty()) return HtmlBlockEnd::kBlankLine;
  return HtmlBlockEnd::kNone;
}

bool EndsHtmlBlock(HtmlBlockEnd kind, std::string_view line) {
  switch (kind) {
    case HtmlBlockEnd::kRawText: {
      const std::string lower = LowerAscii(line);
      return lower.find("</script>") != npos || lower.find("</pre>") != npos ||
             lower.find("</style>") != npos || lower.find("</textarea>") != npos;
    }
    case HtmlBlockEnd::kComment:
      return line.find("-->") != npos;
    case HtmlBlockEnd::kProcessing:
      return line.find("?>") != npos;
    case HtmlBlockEnd::kDeclaration:
      return line.find('>') != npos;
    case HtmlBlockEnd::kCdata:
      return line.find("]]>") != npos;
    default:
      return false;
  }
}

class MarkdownExtractor {
 public:
  MarkdownExtractor(std::string_view s, ExtractedText* out) : lines_(SplitLines(s)), out_(out) {
    for (std::string_view line : lines_) {
      std::string label;
      if (LinkDefinition(TrimLeft(StripQuotes(line)), &label)) labels_.insert(std::move(label));
    }
  }

  void Run() {
    size_t i = FrontMatter();
    while (i < lines_.size()) i = Line(i);
    FlushParagraph();
    out_->text = TidyLines(text_);
  }

 private:
  void AddBlock(std::string_view block) {
    if (TrimAsciiSpace(block).empty()) return;
    if (!text_.empty()) text_ += "\n\n";
    text_.append(block);
  }

  void AddHeading(std::string_view raw) {
    const std::string heading = RenderMarkdownInline(raw, labels_);
    if (out_->title.empty()) {
      TextBuilder title;
      title.AddCollapsed(heading);
      out_->title = title.Finish();
    }
    AddBlock(heading);
  }

  void FlushParagraph() {
    if (paragraph_.empty()) return;
    AddBlock(RenderMarkdownInline(paragraph_, labels_));
    paragraph_.clear();
    paragraph_is_list_ = false;
    in_table_ = false;
  }

  void AddParagraphLine(std::string_view line) {
    if (!paragraph_.empty()) paragraph_.push_back('\n');
    paragraph_.append(line);
  }

  // YAML front matter ("---" on the first line up to "---" or "..."): kept as plain lines.
  size_t FrontMatter() {
    if (lines_.empty() || TrimAsciiSpace(lines_[0]) != "---") return 0;
    for (size_t k = 1; k < lines_.size(); ++k) {
      const std::string_view t = TrimAsciiSpace(lines_[k]);
      if (t == "---" || t == "...") {
        std::string block;
        for (size_t m = 1; m < k; ++m) {
          block.append(lines_[m]);
          block.push_back('\n');
        }
        AddBlock(block);
        return k + 1;
      }
    }
    return 0;
  }

  // Handles line i (and any lines it pulls in); returns the next line to read.
  size_t Line(size_t i) {
    const std::string_view line = StripQuotes(lines_[i]);
    const std::string_view t = TrimLeft(line);
    if (TrimAsciiSpace(t).empty()) {
      FlushParagraph();
      return i + 1;
    }
    if (RunLength(t, '`') >= 3 || RunLength(t, '~') >= 3) return Fence(i, t);
    std::string_view content;
    if (AtxHeading(t, &content)) {
      FlushParagraph();
      AddHeading(content);
      return i + 1;
    }
    const std::string_view trimmed = TrimAsciiSpace(t);
    if (!paragraph_.empty() && !paragraph_is_list_ && !in_table_ &&
        (IsAllOf(trimmed, '=') || IsAllOf(trimmed, '-'))) {
      // Setext underline: the paragraph above is a heading.
      const std::string heading = std::move(paragraph_);
      paragraph_.clear();
      AddHeading(heading);
      return i + 1;
    }
    if (IsThematicBreak(t)) {
      FlushParagraph();
      return i + 1;
    }
    if (paragraph_.empty()) {
      const HtmlBlockEnd kind = HtmlBlockStart(t);
      if (kind != HtmlBlockEnd::kNone) return HtmlBlock(i, kind);
      std::string label;
      if (LinkDefinition(t, &label)) return i + 1;
    }
    const bool next_is_delimiter = i + 1 < lines_.size() && IsDelimiterRow(StripQuotes(lines_[i + 1]));
    if (t.find('|') != npos && (in_table_ || next_is_delimiter)) {
      if (!in_table_) {
        FlushParagraph();
        in_table_ = true;
      }
      AddParagraphLine(TableRowText(t));
      return next_is_delimiter ? i + 2 : i + 1;
    }
    if (in_table_) FlushParagraph();  // a line without '|' ends the table
    if (ListItemContent(t, &content)) {
      if (!paragraph_is_list_) FlushParagraph();
      paragraph_is_list_ = true;
      AddParagraphLine(content);
      return i + 1;
    }
    AddParagraphLine(t);
    return i + 1;
  }

  // A fenced code block opening at line i: its lines are kept verbatim (not rendered).
  size_t Fence(size_t i, std::string_view t) {
    const char fence = t[0];
    const size_t len = RunLength(t, fence);
    // A backtick fence's info string cannot hold a backtick (that is a code span instead).
    if (fence == '`' && t.substr(len).find('`') != npos) {
      AddParagraphLine(t);
      return i + 1;
    }
    FlushParagraph();
    std::string code;
    size_t k = i + 1;
    for (; k < lines_.size(); ++k) {
      const std::string_view c = TrimLeft(StripQuotes(lines_[k]));
      if (RunLength(c, fence) >= len && TrimAsciiSpace(c.substr(RunLength(c, fence))).empty()) break;
      code.append(StripQuotes(lines_[k]));
      code.push_back('\n');
    }
    AddBlock(code);
    return k + 1;  // past the closing fence (or the end, if it never closes)
  }

  // An HTML block opening at line i, read by the HTML extractor.
  size_t HtmlBlock(size_t i, HtmlBlockEnd kind) {
    std::string html;
    size_t k = i;
    for (; k < lines_.size(); ++k) {
      const std::string_view line = StripQuotes(lines_[k]);
      if (kind == HtmlBlockEnd::kBlankLine && TrimAsciiSpace(line).empty()) break;
      html.append(line);
      html.push_back('\n');
      if (EndsHtmlBlock(kind, line)) {
        ++k;
        break;
      }
    }
    ExtractedText extracted;
    ExtractHtml(html, &extracted);
    AddBlock(extracted.text);
    return k;
  }

  std::vector<std::string_view> lines_;
  ExtractedText* out_;
  LinkLabels labels_;
  std::string text_;       // finished blocks
  std::string paragraph_;  // lines of the paragraph being gathered, '\n'-joined
  bool paragraph_is_list_ = false;
  bool in_table_ = false;
};

}  // namespace

void ExtractMarkdown(std::string_view markdown, ExtractedText* out) {
  out->text.clear();
  out->title.clear();
  out->lang.clear();
  MarkdownExtractor(markdown, out).Run();
}

}  // namespace wenjin::review::extract_internal
