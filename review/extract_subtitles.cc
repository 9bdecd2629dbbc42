// SRT and WebVTT text extraction (see review/extract_subtitles.h): line by line, one pass.
#include "review/extract_subtitles.h"

#include <string>
#include <vector>

#include "review/extract_entities.h"
#include "review/extract_text.h"

namespace wenjin::review::extract_internal {
namespace {

constexpr size_t npos = std::string_view::npos;

// Reads a timestamp at the start of `s` ("00:00:01,000", "1:02:03.5", "01:02.345"): groups of
// digits joined by ':' with an optional ',' or '.' fraction. Returns the bytes used, 0 if none.
size_t ReadTimestamp(std::string_view s) {
  size_t i = 0;
  int groups = 0;
  while (true) {
    const size_t start = i;
    while (i < s.size() && IsAsciiDigit(s[i])) ++i;
    if (i == start) return 0;
    ++groups;
    if (i < s.size() && s[i] == ':' && groups < 3) {
      ++i;
      continue;
    }
    break;
  }
  if (groups < 2) return 0;
  if (i < s.size() && (s[i] == ',' || s[i] == '.')) {
    const size_t start = ++i;
    while (i < s.size() && IsAsciiDigit(s[i])) ++i;
    if (i == start) return 0;
  }
  return i;
}

// "start --> end [settings]" with both sides timestamps.
bool IsTimingLine(std::string_view line) {
  line = TrimAsciiSpace(line);
  const size_t arrow = line.find("-->");
  if (arrow == npos) return false;
  const std::string_view left = TrimAsciiSpace(line.substr(0, arrow));
  const std::string_view right = TrimAsciiSpace(line.substr(arrow + 3));
  return !left.empty() && ReadTimestamp(left) == left.size() && ReadTimestamp(right) > 0;
}

bool IsAllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!IsAsciiDigit(c)) return false;
  }
  return true;
}

// SRT cue text: drops <i>, </b>, <font color="..."> (a '<' before a letter or '/' with a '>'
// later on the line) and ASS override blocks such as {\an8}; everything else is literal.
std::string StripSrtTags(std::string_view line) {
  std::string out;
  // Where the last '>' and '}' are: a '<' or '{' after them cannot close (saves rescanning).
  const size_t last_gt = line.rfind('>'), last_brace = line.rfind('}');
  size_t i = 0;
  while (i < line.size()) {
    const char c = line[i];
    if (c == '<' && last_gt != npos && last_gt > i && (IsAsciiAlpha(line[i + 1]) || line[i + 1] == '/')) {
      const size_t close = line.find('>', i);
      if (close != npos) {
        i = close + 1;
        continue;
      }
    } else if (c == '{' && last_brace != npos && last_brace > i && line[i + 1] == '\\') {
      const size_t close = line.find('}', i);
      if (close != npos) {
        i = close + 1;
        continue;
      }
    }
    out.push_back(c);
    ++i;
  }
  return out;
}

// WebVTT cue text: every '<' opens a tag (a literal '<' is written "&lt;"), including the voice
// tag with its speaker name; entities are decoded after tags are gone, so "&lt;b&gt;" stays text.
std::string StripVttTags(std::string_view line) {
  std::string out;
  size_t i = 0;
  while (i < line.size()) {
    const char c = line[i];
    if (c == '<') {
      const size_t close = line.find('>', i);
      i = close == npos ? line.size() : close + 1;
    } else if (c == '&') {
      const size_t used = DecodeEntity(line.substr(i), EntityMode::kStrict, &out);
      if (used == 0) {
        out.push_back('&');
        ++i;
      } else {
        i += used;
      }
    } else {
      out.push_back(c);
      ++i;
    }
  }
  return out;
}

void AddLine(std::string_view line, std::string* text) {
  line = TrimAsciiSpace(line);
  if (line.empty()) return;
  if (!text->empty()) text->push_back('\n');
  text->append(line);
}

// True if `line` begins a WebVTT block of kind `keyword` ("NOTE", "NOTE text", "STYLE").
bool StartsBlock(std::string_view line, std::string_view keyword) {
  if (line.substr(0, keyword.size()) != keyword) return false;
  return line.size() == keyword.size() || line[keyword.size()] == ' ' || line[keyword.size()] == '\t';
}

bool IsBlank(std::string_view line) { return TrimAsciiSpace(line).empty(); }

}  // namespace

Status ExtractSrt(std::string_view text, ExtractedText* out) {
  const std::vector<std::string_view> lines = SplitLines(text);
  std::string result;
  bool found_cue = false;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (IsTimingLine(lines[i])) {
      found_cue = true;
      continue;
    }
    const bool next_is_timing = i + 1 < lines.size() && IsTimingLine(lines[i + 1]);
    if (next_is_timing && IsAllDigits(TrimAsciiSpace(lines[i]))) continue;  // cue number
    AddLine(StripSrtTags(lines[i]), &result);
  }
  if (!found_cue) {
    return Status::InvalidArgument(
        "srt: no cue found (no timing line such as \"00:00:01,000 --> 00:00:04,000\")");
  }
  out->text = std::move(result);
  return Status::OK();
}

Status ExtractWebVtt(std::string_view text, ExtractedText* out) {
  const std::vector<std::string_view> lines = SplitLines(text);
  if (!StartsBlock(lines[0], "WEBVTT")) {
    return Status::InvalidArgument("webvtt: missing the \"WEBVTT\" header on the first line");
  }
  std::string result;
  std::string lang;
  bool found_cue = false;
  size_t i = 1;
  // Header block: metadata lines up to the first blank line or cue.
  for (; i < lines.size() && !IsBlank(lines[i]); ++i) {
    if (IsTimingLine(lines[i]) || (i + 1 < lines.size() && IsTimingLine(lines[i + 1]))) break;
    const std::string_view line = TrimAsciiSpace(lines[i]);
    if (lang.empty() && line.substr(0, 9) == "Language:") lang = std::string(TrimAsciiSpace(line.substr(9)));
  }
  bool block_start = true;  // the line follows a blank line (or the header)
  bool dropping = false;    // inside a NOTE, STYLE or REGION block
  for (; i < lines.size(); ++i) {
    const std::string_view line = lines[i];
    if (IsBlank(line)) {
      block_start = true;
      dropping = false;
      continue;
    }
    const bool first_of_block = block_start;
    if (block_start) {
      block_start = false;
      dropping = StartsBlock(line, "NOTE") || StartsBlock(line, "STYLE") || StartsBlock(line, "REGION");
    }
    if (dropping) continue;
    if (IsTimingLine(line)) {
      found_cue = true;
      continue;
    }
    // A cue identifier opens its block; elsewhere such a line is cue text missing its blank line.
    if (first_of_block && i + 1 < lines.size() && IsTimingLine(lines[i + 1])) continue;
    AddLine(StripVttTags(line), &result);
  }
  if (!found_cue) {
    return Status::InvalidArgument(
        "webvtt: no cue found (no timing line such as \"00:00:01.000 --> 00:00:04.000\")");
  }
  out->text = std::move(result);
  out->lang = std::move(lang);
  return Status::OK();
}

}  // namespace wenjin::review::extract_internal
