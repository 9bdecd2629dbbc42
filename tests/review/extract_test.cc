// Tests for text extraction from uploaded bodies (review/extract.h): tables of real-looking
// inputs per format with the exact text expected, malformed and hostile markup, entities,
// encodings, and format detection.
#include "review/extract.h"

#include <gtest/gtest.h>

#include <chrono>
#include <random>
#include <string>
#include <vector>

#include "review/extract_text.h"
#include "tests/util/testutil.h"

namespace wenjin::review {
namespace {

struct Case {
  std::string input;
  std::string expected;
};

// Extracts `input` as `format`, failing the test if extraction fails.
ExtractedText Extract(std::string_view input, BodyFormat format) {
  ExtractedText out;
  Status s = ExtractText(input, format, &out);
  EXPECT_TRUE(s.ok()) << s.ToString() << "\ninput: " << input;
  return out;
}

void ExpectTable(const std::vector<Case>& cases, BodyFormat format) {
  for (const Case& c : cases) {
    EXPECT_EQ(Extract(c.input, format).text, c.expected) << "input: " << c.input;
  }
}

// The message of a failed extraction ("" if it succeeded, which the caller's EXPECT then shows).
std::string ErrorOf(std::string_view input, BodyFormat format) {
  ExtractedText out;
  out.text = "stale";
  Status s = ExtractText(input, format, &out);
  EXPECT_EQ(s.code(), Status::Code::kInvalidArgument) << s.ToString();
  EXPECT_EQ(out.text, "") << "output must be cleared on failure";
  return s.message();
}

std::string Repeat(std::string_view piece, size_t times) {
  std::string out;
  out.reserve(piece.size() * times);
  for (size_t i = 0; i < times; ++i) out.append(piece);
  return out;
}

// For megabyte-sized results: compares without printing megabytes on failure.
void ExpectBig(std::string_view input, BodyFormat format, const std::string& expected) {
  const std::string actual = Extract(input, format).text;
  EXPECT_TRUE(actual == expected) << "input starts " << input.substr(0, 40) << "\nactual size "
                                  << actual.size() << " starts " << actual.substr(0, 40) << "\nexpected size "
                                  << expected.size() << " starts " << expected.substr(0, 40);
}

std::string_view TrimRight(std::string_view s) {
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

const std::string kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// ---------------------------------------------------------------------------------------------
// Plain text

TEST(ExtractPlainTextTest, KeepsTextDropsBomAndCarriageReturns) {
  ExpectTable(
      {
          {"Hello, world.\n", "Hello, world.\n"},
          {"\xEF\xBB\xBFWith BOM", "With BOM"},
          {"line one\r\nline two\r\n\r\nnew paragraph", "line one\nline two\n\nnew paragraph"},
          {"old mac\rline", "old mac\nline"},
          {"  indented  and trailing  ", "  indented  and trailing  "},
          {"我们在北京学习中文。\nМы изучаем русский язык.\nنحن نتعلم العربية.",
           "我们在北京学习中文。\nМы изучаем русский язык.\nنحن نتعلم العربية."},
          {"<b>not html</b> &amp; not decoded", "<b>not html</b> &amp; not decoded"},
          {"", ""},
      },
      BodyFormat::kPlainText);
}

TEST(ExtractPlainTextTest, RejectsInvalidUtf8AndNul) {
  EXPECT_NE(ErrorOf("caf\xE9 latin-1", BodyFormat::kPlainText).find("offset 3"), std::string::npos);
  ErrorOf("\xC0\xAF overlong slash", BodyFormat::kPlainText);
  ErrorOf("\xED\xA0\x80 encoded surrogate", BodyFormat::kPlainText);
  ErrorOf("\xF4\x90\x80\x80 past U+10FFFF", BodyFormat::kPlainText);
  ErrorOf("truncated \xE4\xB8", BodyFormat::kPlainText);
  ErrorOf(
      "\xEF\xBB\xBF"
      "after BOM \xFF",
      BodyFormat::kHtml);
  EXPECT_NE(ErrorOf(std::string("a\0b", 3), BodyFormat::kPlainText).find("NUL"), std::string::npos);
}

TEST(ExtractPlainTextTest, ConvertsUtf16WithBom) {
  // "Hi 中\r\n" in UTF-16LE and UTF-16BE, and a character outside the BMP (U+1F600).
  const std::string le("\xFF\xFEH\0i\0 \0\x2D\x4E\r\0\n\0", 14);
  const std::string be("\xFE\xFF\0H\0i\0 \x4E\x2D\0\r\0\n", 14);
  const std::string pair("\xFF\xFE\x3D\xD8\x00\xDE", 6);
  EXPECT_EQ(Extract(le, BodyFormat::kPlainText).text, "Hi 中\n");
  EXPECT_EQ(Extract(be, BodyFormat::kPlainText).text, "Hi 中\n");
  EXPECT_EQ(Extract(pair, BodyFormat::kPlainText).text, "\xF0\x9F\x98\x80");
  ErrorOf(std::string("\xFF\xFE\x3D\xD8H\0", 6), BodyFormat::kPlainText);  // lone high surrogate
  ErrorOf(std::string("\xFF\xFEH", 3), BodyFormat::kPlainText);            // odd length
  const std::string html_le("\xFF\xFE<\0p\0>\0x\0", 10);
  EXPECT_EQ(Extract(html_le, BodyFormat::kHtml).text, "x");
}

// ---------------------------------------------------------------------------------------------
// HTML

TEST(ExtractHtmlTest, BlocksInlineAndWhitespace) {
  ExpectTable(
      {
          {"<p>Hello <b>world</b></p><p>Second</p>", "Hello world\n\nSecond"},
          {"<div>  a\n\n   b  </div>", "a b"},
          {"<p>one<p>two", "one\n\ntwo"},
          {"<ul><li>one</li><li>two</li></ul>after", "one\ntwo\n\nafter"},
          {"<table><tr><th>Name</th><th>Age</th></tr><tr><td>Ann</td><td>30</td></tr></table>",
           "Name Age\nAnn 30"},
          {"<h1>Title</h1>text<h2>Part</h2>more", "Title\n\ntext\n\nPart\n\nmore"},
          {"line1<br>line2<br/>line3<BR >line4", "line1\nline2\nline3\nline4"},
          {"Hello<br><br><br>World<br></p>", "Hello\n\nWorld"},
          {"<input type=image alt=\"Send &amp; go\"><img src=x alt>z", "Send & go z"},
          {"<div>a</div><div>b</div>", "a\nb"},
          {"<a href='/x'>link</a>text <em>in</em>word", "linktext inword"},
          {"<p>See<img src=cat.png alt=\"a cat\">here</p>", "See a cat here"},
          {"<img alt=\"a>b\" src=x>after", "a>b after"},
          {"<pre>  code\n    indented\n\n\n\nend</pre>tail", "code\nindented\n\nend\n\ntail"},
          {"<P CLASS=x>Upper</P><SCRIPT>hidden()</SCRIPT>case", "Upper\n\ncase"},
          {"<textarea><b>not a tag</b> &amp;</textarea>", "<b>not a tag</b> &"},
          {"intro<plaintext><b>raw</b> &amp;", "intro\n\n<b>raw</b> &amp;"},
          {"<?xml version=\"1.0\"?><!DOCTYPE html><p>x</p>", "x"},
          {"a < b and c > d, 1<2", "a < b and c > d, 1<2"},
          {"<span>no</span><span>space</span>", "nospace"},
          {"<svg><title>Chart</title><text>42</text></svg>", "42"},
      },
      BodyFormat::kHtml);
}

TEST(ExtractHtmlTest, DropsScriptsStylesCommentsTemplates) {
  ExpectTable(
      {
          {"<p>a<script>var x = '<p>hidden</p>';</script>b</p>", "ab"},
          {"<style>p { color: red }</style><noscript>Enable JS</noscript>shown", "shown"},
          {"<template><p>tpl</p><template>inner</template>still hidden</template>shown", "shown"},
          {"<template><script></template>in script</script>hidden</template>shown", "shown"},
          {"<iframe>fallback</iframe><noembed>x</noembed><noframes>y</noframes>ok", "ok"},
          {"a<!-- hidden -->b", "ab"},
          {"a<!-->b<!--->c", "abc"},
          {"a<!-- x --!>b", "ab"},
          {"a<!-- -- still comment -->b", "ab"},
          {"a<![CDATA[ hidden ]]>b", "ab"},
          {"<script>alert(1)</script  >after</SCRIPT>", "after"},
          // "</script)" is not an end tag (the standard wants whitespace, '/' or '>' after the name).
          {"<script type=\"text/javascript\">if (a</script) {}</script>x", "x"},
      },
      BodyFormat::kHtml);
}

TEST(ExtractHtmlTest, MalformedMarkup) {
  ExpectTable(
      {
          // The standard's tokenizer reads "scr<script" as one tag name; "ipt>" is text.
          {"<scr<script>ipt>alert(1)</script>", "ipt>alert(1)"},
          {"<script><script>alert(1)</script>after</script>", "after"},
          {"<p>Hello <b>world", "Hello world"},
          {"text <a href=\"never closed>more text", "text"},
          {"before <!-- never closed <p>lost</p>", "before"},
          {"before <![CDATA[ never closed", "before"},
          {"before <script>never closed", "before"},
          {"before <title>never closed", "before"},
          {"a</>b</3 bogus>c</", "abc</"},
          {"a</script>b</p>c", "ab\n\nc"},
          {"<<<>>>", "<<<>>>"},
          {"<", "<"},
          {"&", "&"},
          {"<p", ""},
          {"<b>bold <i>both</b> italic</i>", "bold both italic"},
      },
      BodyFormat::kHtml);
}

TEST(ExtractHtmlTest, Entities) {
  ExpectTable(
      {
          {"&amp;lt;", "&lt;"},
          {"&lt;script&gt;alert(1)&lt;/script&gt;", "<script>alert(1)</script>"},
          {"&#x4E2D;&#20013;&#X4e2d;", "中中中"},
          {"a&nbsp;b &nbsp;&nbsp; c", "a b c"},
          {"&#xFFFFFFFF;", kReplacement},
          {"&#99999999999999999999999;", kReplacement},
          {"&#0;&#xD800;", kReplacement + kReplacement},
          {"&#128;&#150;&#x92;", "€–’"},
          {"&#65&#66;", "AB"},
          {"&#;&#x;&#xG;", "&#;&#x;&#xG;"},
          {"&copy 2024 &reg; AT&T &ampx", "© 2024 ® AT&T &x"},
          {"&unknown; &amp", "&unknown; &"},
          {"&eacute;t&eacute; &Omega;&omega;&sigmaf;&Sigma; &hellip;&mdash;&euro;", "été ΩωςΣ …—€"},
          {"&rsquo;&ldquo;&rdquo;&apos;&quot;", "’“”'\""},
      },
      BodyFormat::kHtml);
}

TEST(ExtractHtmlTest, TitleAndLangMultilingual) {
  ExtractedText zh = Extract(
      "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>  中文 &amp;\n 学习 "
      "</title></head><body><h1>欢迎</h1><p>我们在北京学习中文。</p></body></html>",
      BodyFormat::kHtml);
  EXPECT_EQ(zh.text, "欢迎\n\n我们在北京学习中文。");
  EXPECT_EQ(zh.title, "中文 & 学习");
  EXPECT_EQ(zh.lang, "zh-CN");

  ExtractedText ar =
      Extract("<html dir=rtl lang=ar><title>درس</title><body><h1>مرحبا</h1><p>أهلا <b>بكم</b> في الدرس</p>",
              BodyFormat::kHtml);
  EXPECT_EQ(ar.text, "مرحبا\n\nأهلا بكم في الدرس");
  EXPECT_EQ(ar.title, "درس");
  EXPECT_EQ(ar.lang, "ar");

  ExtractedText none =
      Extract("<p lang=fr>Bonjour</p><template><title>no</title></template>", BodyFormat::kHtml);
  EXPECT_EQ(none.text, "Bonjour");
  EXPECT_EQ(none.title, "");
  EXPECT_EQ(none.lang, "");
}

// Hostile inputs must finish quickly (linear time) with the exact text. The time bound is
// deliberately loose: it catches quadratic behaviour (minutes), not slowness.
TEST(ExtractHtmlTest, HostileInputsAreLinear) {
  const size_t kMb = 1 << 20;
  const auto start = std::chrono::steady_clock::now();
  ExpectBig(std::string(kMb, '<'), BodyFormat::kHtml, std::string(kMb, '<'));
  ExpectBig("x" + Repeat("<a", kMb / 2), BodyFormat::kHtml, "x");
  ExpectBig("x" + Repeat("<!--", kMb / 4), BodyFormat::kHtml, "x");
  ExpectBig("x" + Repeat("<script>", kMb / 8), BodyFormat::kHtml, "x");
  ExpectBig("x" + Repeat("</", kMb / 2), BodyFormat::kHtml, "x");
  ExpectBig(Repeat("&#", kMb / 2), BodyFormat::kHtml, Repeat("&#", kMb / 2));
  ExpectBig(Repeat("<b>", kMb / 3) + "deep", BodyFormat::kHtml, "deep");
  ExpectBig(Repeat("<template>", kMb / 10) + "hidden", BodyFormat::kHtml, "");
  ExpectBig(Repeat("<p a=\"", kMb / 6), BodyFormat::kHtml, "");
  ExpectBig(Repeat("<p>x", kMb / 4), BodyFormat::kHtml, Repeat("x\n\n", kMb / 4 - 1) + "x");
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(seconds, 20.0);
}

// ---------------------------------------------------------------------------------------------
// Markdown

TEST(ExtractMarkdownTest, MarkupStripped) {
  ExpectTable(
      {
          {"# Title\n\nSome *emphasis* and **strong** text.", "Title\n\nSome emphasis and strong text."},
          {"## Closed ##\n### Not#closed", "Closed\n\nNot#closed"},
          {"See [the docs](https://example.com/a_(b) \"T\") and ![a diagram](img.png).",
           "See the docs and a diagram."},
          {"[text][ref] and [Ref] and [undefined]\n\n[ref]: https://x.org \"title\"",
           "text and Ref and [undefined]"},
          {"call snake_case_name, 2 * 3 * 4 and __init__", "call snake_case_name, 2 * 3 * 4 and init"},
          {"Use `*not emphasis*` and ``a ` b`` here", "Use *not emphasis* and a ` b here"},
          {"\\*not em\\* \\_x\\_ \\[y]", "*not em* _x_ [y]"},
          {"~~old~~ new, ***both***, _under_", "old new, both, under"},
          {"a*b*c and 5* rating", "abc and 5* rating"},
          {"- one\n- two\n* [x] done\n+ [ ] todo\n1. first\n2) second",
           "one\ntwo\ndone\ntodo\nfirst\nsecond"},
          {"Intro:\n- item", "Intro:\n\nitem"},
          {"| Name | Age |\n|------|:---:|\n| Ann | *30* |\n| Bob \\| Jr | 4 |\n\nafter",
           "Name Age\nAnn 30\nBob | Jr 4\n\nafter"},
          {"> quoted *text*\n> > nested\n\nout", "quoted text\nnested\n\nout"},
          {"Big Title\n=========\n\nText\n\nSub\n---\n\na\n\n***\n\nb", "Big Title\n\nText\n\nSub\n\na\n\nb"},
          {"Visit <https://example.com/x> or <me@example.com>.",
           "Visit https://example.com/x or me@example.com."},
          {"a<br>b <span class=\"x\">c</span><!-- hidden --> d", "a\nb c d"},
          {"&copy; &#x4E2D; &amp;lt; AT&T", "© 中 &lt; AT&T"},
          {"line one  \nline two\\\nline three", "line one\nline two\nline three"},
          {"[unclosed link](http://x and *unclosed em", "[unclosed link](http://x and *unclosed em"},
      },
      BodyFormat::kMarkdown);
}

TEST(ExtractMarkdownTest, CodeIsKeptVerbatim) {
  ExpectTable(
      {
          {"```python\nprint('**hi**')  # [x](y)\n```\nafter", "print('**hi**')  # [x](y)\n\nafter"},
          {"~~~\n<script>kept()</script>\n~~~", "<script>kept()</script>"},
          {"````\n```\nstill code\n````", "```\nstill code"},
          {"```\nnever closed *x*\nmore", "never closed *x*\nmore"},
          {"inline ```not a fence``` here", "inline not a fence here"},
      },
      BodyFormat::kMarkdown);
}

TEST(ExtractMarkdownTest, HtmlInsideMarkdown) {
  ExpectTable(
      {
          {"<div>\n<p>Hello <b>there</b> &amp; you</p>\n</div>\n\nafter *md*",
           "Hello there & you\n\nafter md"},
          {"<script>\nalert('x')\n\nstill script\n</script>\ntext", "text"},
          {"<!-- a\n\ncomment -->\nshown", "shown"},
          {"<b>inline</b> start of *paragraph*", "inline start of paragraph"},
      },
      BodyFormat::kMarkdown);
}

TEST(ExtractMarkdownTest, TitleFrontMatterMultilingual) {
  ExtractedText zh = Extract("# 中文标题\n\n这是**重要**的内容。\n\n## 第二节", BodyFormat::kMarkdown);
  EXPECT_EQ(zh.text, "中文标题\n\n这是重要的内容。\n\n第二节");
  EXPECT_EQ(zh.title, "中文标题");

  ExtractedText ru = Extract("Привет, *мир*!\n\nУрок **первый**\n=====", BodyFormat::kMarkdown);
  EXPECT_EQ(ru.text, "Привет, мир!\n\nУрок первый");
  EXPECT_EQ(ru.title, "Урок первый");

  ExtractedText fm =
      Extract("---\ntitle: Hello *there*\ntags: [a, b]\n---\n# Real\nbody\r\n", BodyFormat::kMarkdown);
  EXPECT_EQ(fm.text, "title: Hello *there*\ntags: [a, b]\n\nReal\n\nbody");
  EXPECT_EQ(fm.title, "Real");

  ExtractedText none = Extract("just text", BodyFormat::kMarkdown);
  EXPECT_EQ(none.title, "");
}

TEST(ExtractMarkdownTest, HostileInputsAreLinear) {
  const size_t kMb = 1 << 20;
  const auto start = std::chrono::steady_clock::now();
  struct Flood {
    std::string piece;
    std::string expected_piece;  // what each piece becomes
  };
  const std::vector<Flood> floods = {
      {"[", "["},   {"<a", "<a"}, {"[a](", "[a]("}, {"![", "!["},
      {"_a", "_a"}, {"|", "|"},   {"\\\\", "\\"},  // each escaped backslash is one backslash
      {"a*", "a"},                                 // every '*' pairs up as emphasis
      {"x&", "x&"}, {"a]", "a]"},
  };
  for (const Flood& f : floods) {
    const size_t times = kMb / f.piece.size();
    ExpectBig(Repeat(f.piece, times), BodyFormat::kMarkdown, Repeat(f.expected_piece, times));
  }
  // A line of 3+ '*' is a thematic break; of 3+ '`', an (empty, unclosed) code fence.
  ExpectBig(std::string(kMb, '*'), BodyFormat::kMarkdown, "");
  ExpectBig(std::string(kMb, '`') + "\ncode", BodyFormat::kMarkdown, "code");
  ExpectBig("x" + Repeat("<!--", kMb / 4), BodyFormat::kMarkdown, "x" + Repeat("<!--", kMb / 4));
  // Nested brackets with a defined label: only the innermost can be a label.
  // (Depth 4000 stays under the renderer's cap on open brackets.)
  const std::string group = Repeat("[", 4000) + "x" + Repeat("]", 4000) + " ";
  const std::string group_text = Repeat("[", 3999) + "x" + Repeat("]", 3999) + " ";
  const size_t groups = kMb / group.size();
  ExpectBig(Repeat(group, groups) + "\n\n[x]: /u", BodyFormat::kMarkdown,
            std::string(TrimRight(Repeat(group_text, groups))));
  // Deeper than the cap: the brackets past it are plain text, so nothing pairs up.
  const std::string deep = Repeat("[", kMb / 4) + "x" + Repeat("]", kMb / 4);
  ExpectBig(deep + "\n\n[x]: /u", BodyFormat::kMarkdown, deep);
  // Backtick runs of ever-growing length, none closed: all literal.
  std::string ticks;
  for (size_t len = 1; ticks.size() < kMb; ++len) ticks += std::string(len, '`') + "a";
  ExpectBig(ticks, BodyFormat::kMarkdown, ticks);
  ExpectBig(Repeat("- item *x*\n", kMb / 11), BodyFormat::kMarkdown,
            Repeat("item x\n", kMb / 11 - 1) + "item x");
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(seconds, 30.0);
}

// ---------------------------------------------------------------------------------------------
// SRT

TEST(ExtractSrtTest, CuesInOrder) {
  ExpectTable(
      {
          {"1\n00:00:01,000 --> 00:00:04,000\nHello, <i>everyone</i>.\nWelcome.\n\n"
           "2\n00:00:05,000 --> 00:00:07,500\n<font color=\"#ffff00\">Today: fractions</font>\n",
           "Hello, everyone.\nWelcome.\nToday: fractions"},
          {"1\r\n00:00:01,000 --> 00:00:02,000\r\nCRLF line   \r\n\r\n2\r\n00:00:03,000 --> "
           "00:00:04,000\r\nnext\r\n",
           "CRLF line\nnext"},
          // Missing blank lines, trailing spaces, no final newline, dot decimals, X/Y coordinates.
          {"1\n00:00:01,000 --> 00:00:02,000  \nfirst\n2\n00:00:03.000 --> 00:00:04.000 X1:10 X2:20 Y1:5 "
           "Y2:6\nsecond",
           "first\nsecond"},
          {"1\n00:00:01,000 --> 00:00:02,000\n{\\an8}<b>top</b> & <u>under</u>\n", "top & under"},
          {"1\n00:00:01,000 --> 00:00:02,000\n42\n\n2\n00:00:03,000 --> 00:00:04,000\n- a < b\n- c\n",
           "42\n- a < b\n- c"},
          // Text after a stray blank line inside a cue is still text: some players show it.
          {"1\n00:00:01,000 --> 00:00:02,000\nshown\n\nafter blank\n\n2\n00:00:03,000 --> 00:00:04,000\nnext",
           "shown\nafter blank\nnext"},
          {"\xEF\xBB\xBF"
           "1\n00:00:01,000 --> 00:00:02,000\n我们开始上课。\n\n2\n00:00:02,500 --> 00:00:04,000\n"
           "Начнём урок.\n\n3\n00:00:04,000 --> 00:00:06,000\nلنبدأ الدرس.\n",
           "我们开始上课。\nНачнём урок.\nلنبدأ الدرس."},
          {"1\n00:00:01,000 --> 00:00:02,000\n\n", ""},
      },
      BodyFormat::kSrt);
}

TEST(ExtractSrtTest, NoCueIsAnError) {
  EXPECT_NE(ErrorOf("just some text\nwithout timing", BodyFormat::kSrt).find("no cue"), std::string::npos);
  ErrorOf("", BodyFormat::kSrt);
  ErrorOf("1\n00:00:01 -> 00:00:02\nbad arrow", BodyFormat::kSrt);
}

// ---------------------------------------------------------------------------------------------
// WebVTT

TEST(ExtractWebVttTest, CuesInOrder) {
  ExpectTable(
      {
          {"WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nHello <b>world</b>\n\n00:00:05.000 --> "
           "00:00:06.000\nBye",
           "Hello world\nBye"},
          {"WEBVTT - Course intro\nKind: captions\n\nNOTE this is a comment\nspanning lines\n\nSTYLE\n::cue "
           "{ color: red }\n\n"
           "REGION\nid:fred width:40%\n\nintro-1\n00:01.000 --> 00:04.000 align:start position:10% line:0\n"
           "<v Anna>Welcome to the course.</v>\n<v.loud Bob>Thanks!\n",
           "Welcome to the course.\nThanks!"},
          {"WEBVTT\r\n\r\n1\r\n00:00:01.000 --> 00:00:02.000\r\n<c.yellow>Tom &amp; Jerry</c> &lt;3 &gt;\r\n",
           "Tom & Jerry <3 >"},
          {"WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nkaraoke <00:00:01.500>timed <00:00:02.000>words\n"
           "<ruby>漢<rt>kan</rt></ruby> <lang en>text</lang>\n",
           "karaoke timed words\n漢kan text"},
          {"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Лектор>Добрый день.\n\n"
           "00:00:02.000 --> 00:00:03.000\n<v 老师>大家好。\n\n00:00:03.000 --> 00:00:04.000\n<v "
           "المعلم>مرحبا بالجميع.",
           "Добрый день.\n大家好。\nمرحبا بالجميع."},
          // A cue text line right before the next timing line (missing blank line) is text.
          {"WEBVTT\n\n00:01.000 --> 00:02.000\nfirst\nsecond\n00:03.000 --> 00:04.000\nthird",
           "first\nsecond\nthird"},
          {"WEBVTT\n00:01.000 --> 00:02.000\nno blank after header", "no blank after header"},
      },
      BodyFormat::kWebVtt);
}

TEST(ExtractWebVttTest, LanguageHeader) {
  ExtractedText out = Extract("WEBVTT\nKind: captions\nLanguage: zh-Hans\n\n00:01.000 --> 00:02.000\n你好",
                              BodyFormat::kWebVtt);
  EXPECT_EQ(out.text, "你好");
  EXPECT_EQ(out.lang, "zh-Hans");
}

TEST(ExtractWebVttTest, HeaderRequiredAndCueRequired) {
  EXPECT_NE(ErrorOf("00:00:01.000 --> 00:00:02.000\nno header", BodyFormat::kWebVtt).find("WEBVTT"),
            std::string::npos);
  ErrorOf("WEBVTTX\n\n00:01.000 --> 00:02.000\nx", BodyFormat::kWebVtt);
  ErrorOf("", BodyFormat::kWebVtt);
  EXPECT_NE(ErrorOf("WEBVTT\n\nNOTE only a note\n", BodyFormat::kWebVtt).find("no cue"), std::string::npos);
}

TEST(ExtractSubtitlesTest, HostileInputsAreLinear) {
  const size_t kMb = 1 << 20;
  const std::string srt = "1\n00:00:01,000 --> 00:00:02,000\n" + Repeat("<a{\\", kMb / 4);
  ExpectBig(srt, BodyFormat::kSrt, Repeat("<a{\\", kMb / 4));
  const std::string vtt = "WEBVTT\n\n00:01.000 --> 00:02.000\n" + Repeat("&#x", kMb / 3);
  ExpectBig(vtt, BodyFormat::kWebVtt, Repeat("&#x", kMb / 3));
  std::string many_cues = "WEBVTT\n\n";
  for (int i = 0; i < 20000; ++i) many_cues += "00:01.000 --> 00:02.000\nline\n\n";
  ExpectBig(many_cues, BodyFormat::kWebVtt, Repeat("line\n", 19999) + "line");
}

// ---------------------------------------------------------------------------------------------
// Every format, random markup soup: never fails on valid UTF-8 (subtitles aside, which may have
// no cue), and always yields valid UTF-8 with tidy lines.

TEST(ExtractSoupTest, RandomMarkupAlwaysGivesTidyUtf8) {
  const std::vector<std::string> tokens = {"<",
                                           ">",
                                           "/",
                                           "!",
                                           "-",
                                           "--",
                                           "<!--",
                                           "-->",
                                           "<![CDATA[",
                                           "]]>",
                                           "<script>",
                                           "</script>",
                                           "<style>",
                                           "<p>",
                                           "</p>",
                                           "<br>",
                                           "<pre>",
                                           "</pre>",
                                           "<template>",
                                           "</template>",
                                           "<title>",
                                           "&",
                                           "&amp;",
                                           "&#",
                                           "&#x4E2D;",
                                           "&nbsp;",
                                           ";",
                                           "\"",
                                           "'",
                                           "=",
                                           " ",
                                           "\n",
                                           "\n\n",
                                           "\t",
                                           "*",
                                           "_",
                                           "~",
                                           "`",
                                           "```",
                                           "[",
                                           "]",
                                           "(",
                                           ")",
                                           "#",
                                           "|",
                                           "\\",
                                           "-->",
                                           "00:00:01,000 --> 00:00:02,000",
                                           "00:01.000 --> 00:02.000",
                                           "WEBVTT",
                                           "NOTE",
                                           "1",
                                           "{\\an8}",
                                           "<v A>",
                                           "中文",
                                           "é",
                                           "Привет",
                                           "مرحبا",
                                           "\xF0\x9F\x98\x80",
                                           "word"};
  std::mt19937 rng(20260611);  // fixed seed: deterministic
  for (int round = 0; round < 3000; ++round) {
    std::string input;
    const int length = 1 + static_cast<int>(rng() % 60);
    for (int k = 0; k < length; ++k) input += tokens[rng() % tokens.size()];
    for (BodyFormat format : {BodyFormat::kPlainText, BodyFormat::kMarkdown, BodyFormat::kHtml,
                              BodyFormat::kSrt, BodyFormat::kWebVtt}) {
      ExtractedText out;
      Status s = ExtractText(input, format, &out);
      if (format == BodyFormat::kSrt || format == BodyFormat::kWebVtt) {
        if (!s.ok()) continue;  // no cue or no header: a clean InvalidArgument is fine
      } else {
        ASSERT_TRUE(s.ok()) << s.ToString() << " " << BodyFormatName(format) << " input: " << input;
      }
      for (const std::string* field : {&out.text, &out.title, &out.lang}) {
        ASSERT_EQ(extract_internal::FindInvalidUtf8(*field), std::string::npos)
            << BodyFormatName(format) << " input: " << input;
      }
      if (format == BodyFormat::kPlainText) continue;
      const std::string& t = out.text;
      ASSERT_EQ(t.find("\n\n\n"), std::string::npos) << BodyFormatName(format) << " input: " << input;
      if (!t.empty()) {
        ASSERT_FALSE(extract_internal::IsAsciiSpace(t.front()))
            << BodyFormatName(format) << " input: " << input;
        ASSERT_FALSE(extract_internal::IsAsciiSpace(t.back()))
            << BodyFormatName(format) << " input: " << input;
      }
      ASSERT_EQ(t.find(" \n"), std::string::npos) << BodyFormatName(format) << " input: " << input;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Format detection and names

struct DetectCase {
  const char* content_type;
  const char* file_name;
  BodyFormat expected;
};

TEST(DetectBodyFormatTest, FromTypeAndName) {
  const std::vector<DetectCase> cases = {
      {"text/plain; charset=utf-8", "", BodyFormat::kPlainText},
      {"text/markdown", "", BodyFormat::kMarkdown},
      {"text/x-markdown; charset=UTF-8", "notes", BodyFormat::kMarkdown},
      {"text/html", "", BodyFormat::kHtml},
      {"TEXT/HTML; charset=\"utf-8\"", "", BodyFormat::kHtml},
      {"application/xhtml+xml", "", BodyFormat::kHtml},
      {"application/x-subrip", "", BodyFormat::kSrt},
      {"text/vtt", "", BodyFormat::kWebVtt},
      {"", "lesson.txt", BodyFormat::kPlainText},
      {"", "README.md", BodyFormat::kMarkdown},
      {"", "guide.markdown", BodyFormat::kMarkdown},
      {"", "page.HTML", BodyFormat::kHtml},
      {"", "old.htm", BodyFormat::kHtml},
      {"", "dir.v2/episode1.srt", BodyFormat::kSrt},
      {"", "C:\\subs\\episode1.VTT", BodyFormat::kWebVtt},
      // Generic types defer to a known extension; a specific type wins over the extension.
      {"text/plain", "captions.vtt", BodyFormat::kWebVtt},
      {"application/octet-stream", "notes.md", BodyFormat::kMarkdown},
      {"text/plain", "data.csv", BodyFormat::kPlainText},
      {"text/html", "page.srt", BodyFormat::kHtml},
  };
  for (const DetectCase& c : cases) {
    BodyFormat format = BodyFormat::kPlainText;
    ASSERT_OK(DetectBodyFormat(c.content_type, c.file_name, &format));
    EXPECT_EQ(format, c.expected) << c.content_type << " / " << c.file_name;
  }
}

TEST(DetectBodyFormatTest, Unsupported) {
  struct ErrorCase {
    const char* content_type;
    const char* file_name;
    const char* named;  // what the message must name
  };
  const std::vector<ErrorCase> cases = {
      {"application/pdf", "", "application/pdf"},
      {"image/png", "lesson.md", "image/png"},
      {"", "slides.pptx", ".pptx"},
      {"application/octet-stream", "video.mp4", ".mp4"},
      {"", "", "no content type"},
      {"", "Makefile", "Makefile"},
      {"text/plain; charset=iso-8859-1", "", "iso-8859-1"},
      {"text/html; charset=\"Shift_JIS\"", "", "Shift_JIS"},
  };
  for (const ErrorCase& c : cases) {
    BodyFormat format = BodyFormat::kSrt;
    Status s = DetectBodyFormat(c.content_type, c.file_name, &format);
    EXPECT_EQ(s.code(), Status::Code::kInvalidArgument) << c.content_type << " / " << c.file_name;
    EXPECT_NE(s.message().find(c.named), std::string::npos) << s.message();
    EXPECT_EQ(format, BodyFormat::kSrt) << "format must be untouched on failure";
  }
}

TEST(BodyFormatNameTest, RoundTrip) {
  const std::vector<std::pair<BodyFormat, std::string>> names = {
      {BodyFormat::kPlainText, "text"}, {BodyFormat::kMarkdown, "markdown"}, {BodyFormat::kHtml, "html"},
      {BodyFormat::kSrt, "srt"},        {BodyFormat::kWebVtt, "webvtt"},
  };
  for (const auto& [format, name] : names) {
    EXPECT_EQ(BodyFormatName(format), name);
    BodyFormat parsed = format == BodyFormat::kHtml ? BodyFormat::kSrt : BodyFormat::kHtml;
    ASSERT_TRUE(ParseBodyFormat(name, &parsed)) << name;
    EXPECT_EQ(parsed, format);
  }
  BodyFormat untouched = BodyFormat::kSrt;
  EXPECT_FALSE(ParseBodyFormat("HTML", &untouched));
  EXPECT_FALSE(ParseBodyFormat("vtt", &untouched));
  EXPECT_FALSE(ParseBodyFormat("", &untouched));
  EXPECT_EQ(untouched, BodyFormat::kSrt);
}

}  // namespace
}  // namespace wenjin::review
