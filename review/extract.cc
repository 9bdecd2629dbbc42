// Format detection and the ExtractText entry point: decodes and checks the bytes, then hands
// them to the extractor of the format (review/extract_*.cc).
#include "review/extract.h"

#include <iterator>
#include <string>

#include "review/extract_html.h"
#include "review/extract_markdown.h"
#include "review/extract_subtitles.h"
#include "review/extract_text.h"

namespace wenjin::review {
namespace {

using extract_internal::AppendUtf8;
using extract_internal::EqualsIgnoreAsciiCase;
using extract_internal::FindInvalidUtf8;
using extract_internal::TrimAsciiSpace;

struct FormatName {
  std::string_view name;
  BodyFormat format;
};
constexpr FormatName kFormatNames[] = {
    {"text", BodyFormat::kPlainText}, {"markdown", BodyFormat::kMarkdown}, {"html", BodyFormat::kHtml},
    {"srt", BodyFormat::kSrt},        {"webvtt", BodyFormat::kWebVtt},
};

struct Alias {
  std::string_view alias;
  BodyFormat format;
};
constexpr Alias kMediaTypes[] = {
    {"text/markdown", BodyFormat::kMarkdown},   {"text/x-markdown", BodyFormat::kMarkdown},
    {"text/html", BodyFormat::kHtml},           {"application/xhtml+xml", BodyFormat::kHtml},
    {"application/x-subrip", BodyFormat::kSrt}, {"text/srt", BodyFormat::kSrt},
    {"application/srt", BodyFormat::kSrt},      {"text/x-srt", BodyFormat::kSrt},
    {"text/vtt", BodyFormat::kWebVtt},
};
constexpr Alias kExtensions[] = {
    {"txt", BodyFormat::kPlainText},     {"text", BodyFormat::kPlainText}, {"md", BodyFormat::kMarkdown},
    {"markdown", BodyFormat::kMarkdown}, {"mdown", BodyFormat::kMarkdown}, {"mkd", BodyFormat::kMarkdown},
    {"html", BodyFormat::kHtml},         {"htm", BodyFormat::kHtml},       {"xhtml", BodyFormat::kHtml},
    {"srt", BodyFormat::kSrt},           {"vtt", BodyFormat::kWebVtt},
};

bool Lookup(const Alias* table, size_t size, std::string_view key, BodyFormat* format) {
  for (size_t i = 0; i < size; ++i) {
    if (EqualsIgnoreAsciiCase(table[i].alias, key)) {
      *format = table[i].format;
      return true;
    }
  }
  return false;
}

// Checks the charset parameter of a media type, if any ("text/plain; charset=\"UTF-8\"").
Status CheckCharset(std::string_view params) {
  size_t pos = 0;
  while (pos < params.size()) {
    size_t end = params.find(';', pos);
    if (end == std::string_view::npos) end = params.size();
    const std::string_view param = TrimAsciiSpace(params.substr(pos, end - pos));
    pos = end + 1;
    const size_t eq = param.find('=');
    if (eq == std::string_view::npos ||
        !EqualsIgnoreAsciiCase(TrimAsciiSpace(param.substr(0, eq)), "charset")) {
      continue;
    }
    std::string_view value = TrimAsciiSpace(param.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
      value = value.substr(1, value.size() - 2);
    for (std::string_view ok : {"utf-8", "utf8", "us-ascii", "ascii", "utf-16", "utf-16le", "utf-16be"}) {
      if (EqualsIgnoreAsciiCase(value, ok)) return Status::OK();
    }
    return Status::InvalidArgument("unsupported charset \"" + std::string(value) +
                                   "\": bodies must be UTF-8 (or UTF-16 with a byte order mark)");
  }
  return Status::OK();
}

// Converts UTF-16 (after its BOM) to UTF-8.
Status Utf16ToUtf8(std::string_view bytes, bool big_endian, std::string* out) {
  if (bytes.size() % 2 != 0) return Status::InvalidArgument("UTF-16 body has an odd number of bytes");
  out->reserve(bytes.size() * 3 / 2);
  const auto unit = [&](size_t i) -> char32_t {
    const auto b0 = static_cast<unsigned char>(bytes[i]), b1 = static_cast<unsigned char>(bytes[i + 1]);
    return big_endian ? (b0 << 8 | b1) : (b1 << 8 | b0);
  };
  for (size_t i = 0; i < bytes.size(); i += 2) {
    char32_t u = unit(i);
    if (u >= 0xD800 && u <= 0xDBFF && i + 3 < bytes.size()) {
      const char32_t low = unit(i + 2);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
        i += 2;
      }
    }
    if (u >= 0xD800 && u <= 0xDFFF) {
      return Status::InvalidArgument("UTF-16 body has an unpaired surrogate at byte " +
                                     std::to_string(i + 2));
    }
    if (u == 0) return Status::InvalidArgument("body contains a NUL character (binary data?)");
    AppendUtf8(u, out);
  }
  return Status::OK();
}

// The body as UTF-8 without BOM, checked, with CRLF and lone CR turned into LF.
Status PrepareText(std::string_view body, std::string* out) {
  std::string decoded;
  std::string_view utf8 = body;
  if (body.size() >= 4 && body.substr(0, 4) == std::string_view("\xFF\xFE\0\0", 4)) {
    return Status::InvalidArgument("UTF-32 bodies are not supported; send UTF-8");
  }
  if (body.size() >= 2 && (body.substr(0, 2) == "\xFF\xFE" || body.substr(0, 2) == "\xFE\xFF")) {
    WENJIN_RETURN_IF_ERROR(Utf16ToUtf8(body.substr(2), body[0] == '\xFE', &decoded));
    utf8 = decoded;
  } else {
    if (utf8.substr(0, 3) == "\xEF\xBB\xBF") utf8.remove_prefix(3);
    const size_t bad = FindInvalidUtf8(utf8);
    if (bad != std::string_view::npos) {
      const size_t offset = bad + (body.size() - utf8.size());
      return Status::InvalidArgument("body is not valid UTF-8 (first bad byte at offset " +
                                     std::to_string(offset) + ")");
    }
    const size_t nul = utf8.find('\0');
    if (nul != std::string_view::npos) {
      return Status::InvalidArgument("body contains a NUL byte at offset " +
                                     std::to_string(nul + (body.size() - utf8.size())) +
                                     " (binary data, or UTF-16 without a byte order mark?)");
    }
  }
  out->clear();
  out->reserve(utf8.size());
  for (size_t i = 0; i < utf8.size(); ++i) {
    if (utf8[i] == '\r') {
      out->push_back('\n');
      if (i + 1 < utf8.size() && utf8[i + 1] == '\n') ++i;
    } else {
      out->push_back(utf8[i]);
    }
  }
  return Status::OK();
}

}  // namespace

const char* BodyFormatName(BodyFormat format) {
  for (const FormatName& f : kFormatNames) {
    if (f.format == format) return f.name.data();
  }
  return "unknown";
}

bool ParseBodyFormat(std::string_view name, BodyFormat* format) {
  for (const FormatName& f : kFormatNames) {
    if (f.name == name) {
      *format = f.format;
      return true;
    }
  }
  return false;
}

Status DetectBodyFormat(std::string_view content_type, std::string_view file_name, BodyFormat* format) {
  const size_t semicolon = content_type.find(';');
  const std::string_view media_type = TrimAsciiSpace(content_type.substr(0, semicolon));
  if (semicolon != std::string_view::npos)
    WENJIN_RETURN_IF_ERROR(CheckCharset(content_type.substr(semicolon + 1)));

  BodyFormat from_type;
  if (Lookup(kMediaTypes, std::size(kMediaTypes), media_type, &from_type)) {
    *format = from_type;
    return Status::OK();
  }
  const bool plain = EqualsIgnoreAsciiCase(media_type, "text/plain");
  const bool generic =
      plain || media_type.empty() || EqualsIgnoreAsciiCase(media_type, "application/octet-stream");
  if (!generic) {
    return Status::InvalidArgument(
        "unsupported content type \"" + std::string(media_type) +
        "\" (supported: text/plain, text/markdown, text/html, application/x-subrip, "
        "text/vtt)");
  }
  // The extension: after the last '.' of the last path component.
  const size_t slash = file_name.find_last_of("/\\");
  const std::string_view base = slash == std::string_view::npos ? file_name : file_name.substr(slash + 1);
  const size_t dot = base.rfind('.');
  const std::string_view extension = dot == std::string_view::npos || dot == 0 ? "" : base.substr(dot + 1);
  BodyFormat from_extension;
  if (Lookup(kExtensions, std::size(kExtensions), extension, &from_extension)) {
    *format = from_extension;
    return Status::OK();
  }
  if (plain) {
    *format = BodyFormat::kPlainText;
    return Status::OK();
  }
  if (extension.empty()) {
    return Status::InvalidArgument(
        "cannot tell the body format: no content type and no known file extension in \"" +
        std::string(file_name) + "\"");
  }
  return Status::InvalidArgument("unsupported file extension \"." + std::string(extension) +
                                 "\" (supported: .txt .md .markdown .html .htm .srt .vtt)");
}

Status ExtractText(std::string_view body, BodyFormat format, ExtractedText* out) {
  *out = ExtractedText();
  std::string text;
  WENJIN_RETURN_IF_ERROR(PrepareText(body, &text));
  switch (format) {
    case BodyFormat::kPlainText:
      out->text = std::move(text);
      return Status::OK();
    case BodyFormat::kMarkdown:
      extract_internal::ExtractMarkdown(text, out);
      return Status::OK();
    case BodyFormat::kHtml:
      extract_internal::ExtractHtml(text, out);
      return Status::OK();
    case BodyFormat::kSrt: {
      Status s = extract_internal::ExtractSrt(text, out);
      if (!s.ok()) *out = ExtractedText();
      return s;
    }
    case BodyFormat::kWebVtt: {
      Status s = extract_internal::ExtractWebVtt(text, out);
      if (!s.ok()) *out = ExtractedText();
      return s;
    }
  }
  return Status::InvalidArgument("unknown body format");
}

}  // namespace wenjin::review
