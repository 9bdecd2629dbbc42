// Skeleton construction and the exact check of a candidate span against a term's forms.
#include "review/rule_skeleton.h"

#include <unicode/utf8.h>

namespace wenjin::review {

bool IsSeparatorChar(int32_t c, bool unsegmented) {
  if (c < 0) return false;
  if (c < 0x80) {
    const bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (alnum) return false;
    if (unsegmented && (c == '!' || c == ',' || c == ':' || c == ';' || c == '?')) return false;
    return true;
  }
  if (c >= 0xA0 && c <= 0xBF) return true;
  if (c >= 0x2000 && c <= 0x2BFF) return true;
  if (c >= 0x3000 && c <= 0x303F) return !unsegmented;
  return c >= 0x1F000 && c <= 0x1FFFF;
}

Skeleton MakeSkeleton(std::string_view normalized) {
  struct Char {
    int32_t cp;
    uint32_t begin, end;
  };
  struct Word {
    std::vector<Char> chars;
    bool single = true;
    uint32_t gap_begin = 0, gap_end = 0;  // the gap before this word
  };
  std::vector<Word> words;
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(normalized.size());
  bool in_word = false;
  uint32_t gap_begin = 0;
  while (i < n) {
    const int32_t begin = i;
    UChar32 c;
    U8_NEXT(normalized.data(), i, n, c);
    if (!IsWordChar(c)) {
      if (in_word) gap_begin = static_cast<uint32_t>(begin);
      in_word = false;
      continue;
    }
    const bool unsegmented = IsUnsegmentedChar(static_cast<uint32_t>(c));
    const bool continues = in_word && !unsegmented && !IsUnsegmentedChar(static_cast<uint32_t>(words.back().chars.back().cp));
    if (!continues) {
      Word w;
      w.gap_begin = in_word ? static_cast<uint32_t>(begin) : gap_begin;
      w.gap_end = static_cast<uint32_t>(begin);
      words.push_back(std::move(w));
    }
    Word& w = words.back();
    if (!w.chars.empty() && w.chars.front().cp != c) w.single = false;
    w.chars.push_back({c, static_cast<uint32_t>(begin), static_cast<uint32_t>(i)});
    in_word = true;
  }

  Skeleton out;
  int32_t last_cp = -1;
  auto append = [&](std::string_view bytes, uint32_t from, uint32_t to) {
    for (char b : bytes) {
      out.text += b;
      out.from.push_back(from);
      out.to.push_back(to);
    }
  };
  for (size_t k = 0; k < words.size(); ++k) {
    const Word& w = words[k];
    if (k > 0 && w.gap_end > w.gap_begin && !(words[k - 1].single && w.single)) {
      append(" ", w.gap_begin, w.gap_end);
      last_cp = ' ';
    }
    for (const Char& ch : w.chars) {
      if (ch.cp == last_cp) {
        // Collapse: the previous skeleton character now also covers this one.
        for (size_t b = out.to.size(); b > 0 && out.from[b - 1] == out.from[out.to.size() - 1]; --b) {
          out.to[b - 1] = ch.end;
        }
        continue;
      }
      append(normalized.substr(ch.begin, ch.end - ch.begin), ch.begin, ch.end);
      last_cp = ch.cp;
    }
  }
  return out;
}

namespace {

enum class Mode { kPlain, kRepeat, kSeparated };

struct Matcher {
  std::string_view span;
  const std::vector<std::string>& units;
  bool unsegmented;
  Mode mode;

  size_t Separators(size_t pos) const {  // end of the separator run starting at pos
    int32_t i = static_cast<int32_t>(pos);
    const int32_t n = static_cast<int32_t>(span.size());
    while (i < n) {
      int32_t j = i;
      UChar32 c;
      U8_NEXT(span.data(), j, n, c);
      if (!IsSeparatorChar(c, unsegmented)) break;
      i = j;
    }
    return static_cast<size_t>(i);
  }

  bool At(size_t pos, size_t u) const {
    if (u == units.size()) return pos == span.size();
    const std::string& unit = units[u];
    if (unit == " ") {
      const size_t end = Separators(pos);
      return end > pos && At(end, u + 1);
    }
    if (span.compare(pos, unit.size(), unit) != 0) return false;
    // Repetitions of this unit: exactly one in plain mode, else as many as present (trying
    // fewer when the next unit is the same letter).
    std::vector<size_t> ends = {pos + unit.size()};
    if (mode != Mode::kPlain) {
      while (span.compare(ends.back(), unit.size(), unit) == 0) ends.push_back(ends.back() + unit.size());
    }
    for (auto it = ends.rbegin(); it != ends.rend(); ++it) {
      size_t next = *it;
      size_t v = u + 1;
      if (mode == Mode::kSeparated) {
        while (v < units.size() && units[v] == " ") ++v;  // word gaps are separators too
        if (v < units.size()) {
          const size_t end = Separators(next);
          if (end == next) continue;
          next = end;
        }
      }
      if (At(next, v)) return true;
    }
    return false;
  }
};

}  // namespace

bool MatchTermSpan(std::string_view span, const std::vector<std::string>& units, bool unsegmented,
                   bool allow_structural, PatternForm* form) {
  if (Matcher{span, units, unsegmented, Mode::kPlain}.At(0, 0)) {
    *form = PatternForm::kPlain;
    return true;
  }
  if (!allow_structural) return false;
  size_t letters = 0;
  for (const auto& u : units) letters += u != " ";
  if (letters >= 2 && Matcher{span, units, unsegmented, Mode::kSeparated}.At(0, 0)) {
    *form = PatternForm::kSeparated;
    return true;
  }
  if (HasLetterRun(span) && Matcher{span, units, unsegmented, Mode::kRepeat}.At(0, 0)) {
    *form = PatternForm::kRepeat;
    return true;
  }
  return false;
}

}  // namespace wenjin::review
