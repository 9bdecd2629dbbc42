// Match finding (re-analysis of stored text with the index's own analysis) and snippet windows.
#include "index/highlight.h"

#include <algorithm>

#include "index/analysis/multi_field_analysis.h"

namespace wenjin::index {
namespace {

void AppendEscaped(std::wstring_view piece, std::string* out) {
  std::wstring clean(piece);
  for (auto& c : clean) {
    if (c == L'\n' || c == L'\r' || c == L'\t' || c == L'\f' || c == L'\v') c = L' ';
  }
  for (char c : Lucene::StringUtils::toUTF8(clean)) {
    switch (c) {
      case '&': *out += "&amp;"; break;
      case '<': *out += "&lt;"; break;
      case '>': *out += "&gt;"; break;
      case '"': *out += "&quot;"; break;
      case '\'': *out += "&#39;"; break;
      default: *out += c;
    }
  }
}

void SortAndMerge(std::vector<MatchSpan>* spans) {
  std::sort(spans->begin(), spans->end(), [](const MatchSpan& a, const MatchSpan& b) {
    return a.start != b.start ? a.start < b.start : a.end > b.end;
  });
  std::vector<MatchSpan> merged;
  for (const auto& s : *spans) {
    if (!merged.empty() && s.start <= merged.back().end) {
      merged.back().end = std::max(merged.back().end, s.end);
    } else {
      merged.push_back(s);
    }
  }
  *spans = std::move(merged);
}

bool IsSpace(wchar_t c) { return c == L' ' || c == L'\n' || c == L'\t' || c == L'\r' || c == 0x3000; }

}  // namespace

std::vector<MatchSpan> FindMatches(const std::wstring& text,
                                   const std::map<Lucene::String, std::set<Lucene::String>>& terms) {
  // The thread's analysis keeps its tokenizer and field chains: building them makes ICU break
  // iterators and stemmers, which cost more than analysing a description.
  thread_local analysis::MultiFieldAnalysis analysis;
  std::vector<Lucene::String> fields;
  std::vector<const std::set<Lucene::String>*> wanted;
  for (const auto& [field, set] : terms) {
    if (set.empty()) continue;
    fields.push_back(field);
    wanted.push_back(&set);
  }
  std::vector<MatchSpan> spans;
  if (fields.empty()) return spans;
  try {
    analysis.FindTerms(text, fields, wanted, [&](size_t, std::wstring_view, int32_t start, int32_t end) {
      if (start >= 0 && start < end && static_cast<size_t>(end) <= text.size()) {
        spans.push_back({static_cast<size_t>(start), static_cast<size_t>(end)});
      }
    });
  } catch (Lucene::LuceneException&) {
    // Highlighting is best effort: the hit is still returned, with the marks found so far.
  }
  SortAndMerge(&spans);
  return spans;
}

std::string MakeSnippet(std::wstring_view text, std::vector<MatchSpan> spans, size_t max_chars) {
  for (auto& s : spans) {
    s.end = std::min(s.end, text.size());
    s.start = std::min(s.start, s.end);
  }
  spans.erase(std::remove_if(spans.begin(), spans.end(), [](const MatchSpan& s) { return s.start == s.end; }),
              spans.end());
  std::sort(spans.begin(), spans.end(), [](const MatchSpan& a, const MatchSpan& b) { return a.start < b.start; });

  // The window [begin, end): the one holding the most matches, starting a little before a match.
  size_t begin = 0;
  if (text.size() > max_chars && !spans.empty()) {
    const size_t lead = max_chars / 5;
    size_t best = 0, best_begin = 0;
    for (size_t i = 0; i < spans.size(); ++i) {
      const size_t b = spans[i].start > lead ? spans[i].start - lead : 0;
      size_t count = 0;
      for (size_t j = i; j < spans.size() && spans[j].end <= b + max_chars; ++j) ++count;
      if (count > best) {
        best = count;
        best_begin = b;
      }
    }
    begin = std::min(best_begin, text.size() - max_chars);
    // Start at a word boundary when one is near: back a little, else forward up to the match.
    for (size_t k = begin; k > 0 && k + 15 > begin; --k) {
      if (IsSpace(text[k - 1])) {
        begin = k;
        break;
      }
    }
  }
  size_t end = std::min(text.size(), begin + max_chars);
  // End at a word boundary when one is near.
  if (end < text.size()) {
    for (size_t k = end; k > begin && k + 15 > end; --k) {
      if (IsSpace(text[k])) {
        end = k;
        break;
      }
    }
  }

  std::string out;
  if (begin > 0) out += "…";
  size_t pos = begin;
  for (const auto& s : spans) {
    if (s.end <= begin || s.start >= end) continue;
    const size_t a = std::max(s.start, begin), b = std::min(s.end, end);
    if (a < pos) continue;
    AppendEscaped(text.substr(pos, a - pos), &out);
    out += "<em>";
    AppendEscaped(text.substr(a, b - a), &out);
    out += "</em>";
    pos = b;
  }
  AppendEscaped(text.substr(pos, end - pos), &out);
  if (end < text.size()) out += "…";
  return out;
}

}  // namespace wenjin::index
