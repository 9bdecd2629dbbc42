// AnalyzeField: runs the field analyzer and converts its tokens to UTF-8 with byte offsets.
#include "index/analysis/tokens.h"

#include <lucene++/LuceneHeaders.h>
#include <lucene++/OffsetAttribute.h>
#include <lucene++/PositionIncrementAttribute.h>
#include <lucene++/TermAttribute.h>

#include <unicode/utf8.h>

#include "index/analysis/field_analyzer.h"

namespace wenjin::analysis {
namespace {

// Decodes UTF-8 to code points (invalid sequences -> U+FFFD) and records the byte offset of each
// code point, plus one past the end, so code-point offsets map back to bytes.
Lucene::String DecodeUtf8(std::string_view text, std::vector<size_t>* byte_of) {
  Lucene::String out;
  out.reserve(text.size());
  byte_of->clear();
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(text.size());
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  while (i < n) {
    byte_of->push_back(static_cast<size_t>(i));
    UChar32 c;
    U8_NEXT(s, i, n, c);
    out.push_back(static_cast<wchar_t>(c < 0 ? 0xFFFD : c));
  }
  byte_of->push_back(text.size());
  return out;
}

std::vector<Token> Analyze(const Lucene::AnalyzerPtr& analyzer, std::string_view field, std::string_view utf8_text) {
  std::vector<size_t> byte_of;
  Lucene::String text = DecodeUtf8(utf8_text, &byte_of);
  auto clamp = [&](int32_t off) { return byte_of[std::min<size_t>(std::max(off, 0), byte_of.size() - 1)]; };
  Lucene::TokenStreamPtr stream = analyzer->reusableTokenStream(
      Lucene::StringUtils::toUnicode(std::string(field)), Lucene::newLucene<Lucene::StringReader>(text));
  auto term = stream->addAttribute<Lucene::TermAttribute>();
  auto offset = stream->addAttribute<Lucene::OffsetAttribute>();
  auto increment = stream->addAttribute<Lucene::PositionIncrementAttribute>();
  std::vector<Token> tokens;
  int position = -1;
  stream->reset();
  while (stream->incrementToken()) {
    position += increment->getPositionIncrement();
    tokens.push_back(Token{Lucene::StringUtils::toUTF8(term->term()), clamp(offset->startOffset()),
                           clamp(offset->endOffset()), position});
  }
  stream->end();
  return tokens;
}

}  // namespace

std::vector<Token> AnalyzeField(std::string_view field, std::string_view utf8_text) {
  static const Lucene::AnalyzerPtr analyzer = NewFieldAnalyzer();
  return Analyze(analyzer, field, utf8_text);
}

std::vector<Token> AnalyzeQueryField(std::string_view field, std::string_view utf8_text) {
  static const Lucene::AnalyzerPtr analyzer = NewQueryAnalyzer();
  return Analyze(analyzer, field, utf8_text);
}

}  // namespace wenjin::analysis
