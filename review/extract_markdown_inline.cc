// Markdown inline markup to plain text (see review/extract_markdown_inline.h). One pass splits
// the text into pieces (literal text, emphasis delimiter runs, link openers); delimiters and
// brackets that pair up are marked removed as they are met, and the pieces left are joined.
#include "review/extract_markdown_inline.h"

#include <algorithm>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "review/extract_entities.h"
#include "review/extract_text.h"

namespace wenjin::review::extract_internal {
namespace {

constexpr size_t npos = std::string_view::npos;
// Look-ahead that is not consumed (a link's destination or label after ']') is bounded per
// bracket and, in total, by a budget proportional to the input, so that no input (a megabyte of
// "[a](") makes the pass quadratic. Real documents stay far below it; past it, brackets are
// left as literal text, which loses no words.
constexpr size_t kMaxLinkDestination = 2048;
constexpr size_t kMaxLinkLabel = 999;  // CommonMark's own limit
constexpr size_t kLookAheadBudgetPerByte = 4;
constexpr size_t kLookAheadBudgetBase = 1 << 16;
// Unmatched '[' and emphasis openers kept per paragraph; more are read as literal text. Bounds
// memory on a flood of brackets; no real document nests this deep.
constexpr size_t kMaxOpenOpeners = 4096;

bool IsAsciiPunct(char c) {
  return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
}

bool IsAsciiAlnum(char c) { return IsAsciiAlpha(c) || IsAsciiDigit(c); }

// A piece of output: a slice of the input, or (owned) a slice of the renderer's buffer of
// produced text (decoded entities, code spans). Kept small: a hostile input has one per byte.
struct Piece {
  uint32_t begin = 0;
  uint32_t length = 0;
  uint32_t bracket_event = 0;  // for '[': the count of brackets met when it was met
  char delim = 0;              // '*', '_' or '~' for a delimiter run, '[' for a link or image opener
  bool owned = false;
  bool removed = false;
};

class InlineRenderer {
 public:
  InlineRenderer(std::string_view s, const LinkLabels& labels)
      : s_(s),
        labels_(labels),
        look_ahead_budget_(kLookAheadBudgetBase + kLookAheadBudgetPerByte * s.size()) {
    pieces_.reserve(s_.size() / 4 + 4);  // virtual until used; saves regrowth on floods
    // For code spans: where the last backtick run of each length starts, so an opener with no
    // closer is known at once instead of by scanning to the end.
    for (size_t i = 0; i < s_.size();) {
      if (s_[i] != '`') {
        ++i;
        continue;
      }
      const size_t start = i;
      while (i < s_.size() && s_[i] == '`') ++i;
      last_backtick_run_[i - start] = start;
    }
    last_comment_end_ = s_.rfind("-->");
  }

  std::string Run() {
    size_t i = 0;
    while (i < s_.size()) {
      const char c = s_[i];
      switch (c) {
        case '\\':
          i = Backslash(i);
          break;
        case '`':
          i = CodeSpan(i);
          break;
        case '&':
          i = Entity(i);
          break;
        case '<':
          i = AngleBracket(i);
          break;
        case '[':
          i = Opener(i, 1);
          break;
        case '!':
          if (i + 1 < s_.size() && s_[i + 1] == '[') {
            i = Opener(i, 2);
          } else {
            i = Literal(i, 1);
          }
          break;
        case ']':
          i = Closer(i);
          break;
        case '*':
        case '_':
        case '~':
          i = Delimiter(i);
          break;
        default:
          i = PlainRun(i);
          break;
      }
    }
    std::string out;
    out.reserve(s_.size());
    for (const Piece& p : pieces_) {
      if (!p.removed)
        out.append(p.owned ? std::string_view(owned_).substr(p.begin, p.length)
                           : s_.substr(p.begin, p.length));
    }
    return out;
  }

 private:
  // Adds input bytes [i, i + len); plain text right after plain text extends the same piece.
  void AddSource(size_t i, size_t len, char delim = 0) {
    if (delim == 0 && !pieces_.empty()) {
      Piece& last = pieces_.back();
      if (!last.owned && last.delim == 0 && !last.removed && last.begin + last.length == i) {
        last.length += static_cast<uint32_t>(len);
        return;
      }
    }
    Piece p;
    p.begin = static_cast<uint32_t>(i);
    p.length = static_cast<uint32_t>(len);
    p.delim = delim;
    pieces_.push_back(p);
  }

  // Adds produced text; produced text right after produced text extends the same piece.
  void AddOwned(std::string_view text) {
    if (!pieces_.empty()) {
      Piece& last = pieces_.back();
      if (last.owned && last.begin + last.length == owned_.size()) {
        last.length += static_cast<uint32_t>(text.size());
        owned_.append(text);
        return;
      }
    }
    Piece p;
    p.begin = static_cast<uint32_t>(owned_.size());
    p.length = static_cast<uint32_t>(text.size());
    p.owned = true;
    owned_.append(text);
    pieces_.push_back(p);
  }

  size_t Literal(size_t i, size_t len) {
    AddSource(i, len);
    return i + len;
  }

  size_t PlainRun(size_t i) {
    size_t j = i + 1;
    while (j < s_.size()) {
      const char c = s_[j];
      if (c == '\\' || c == '`' || c == '&' || c == '<' || c == '[' || c == '!' || c == ']' || c == '*' ||
          c == '_' || c == '~') {
        break;
      }
      ++j;
    }
    return Literal(i, j - i);
  }

  size_t Backslash(size_t i) {
    if (i + 1 < s_.size() && IsAsciiPunct(s_[i + 1])) {
      AddOwned(s_.substr(i + 1, 1));
      return i + 2;
    }
    if (i + 1 < s_.size() && s_[i + 1] == '\n') {  // hard line break
      AddOwned("\n");
      return i + 2;
    }
    return Literal(i, 1);
  }

  size_t CodeSpan(size_t i) {
    size_t j = i;
    while (j < s_.size() && s_[j] == '`') ++j;
    const size_t len = j - i;
    auto last = last_backtick_run_.find(len);
    if (last == last_backtick_run_.end() || last->second <= i) return Literal(i, len);
    // A closer exists; the first one after the opener is it. Everything scanned is consumed.
    size_t k = j;
    while (true) {
      k = s_.find('`', k);
      size_t run_end = k;
      while (run_end < s_.size() && s_[run_end] == '`') ++run_end;
      if (run_end - k == len) break;
      k = run_end;
    }
    std::string code(s_.substr(j, k - j));
    for (char& c : code) {
      if (c == '\n') c = ' ';
    }
    // One space on each side is padding ("`` `x` ``"), unless the span is only spaces.
    if (code.size() >= 2 && code.front() == ' ' && code.back() == ' ' &&
        code.find_first_not_of(' ') != std::string::npos) {
      code = code.substr(1, code.size() - 2);
    }
    AddOwned(code);
    return k + len;
  }

  size_t Entity(size_t i) {
    std::string decoded;
    const size_t used = DecodeEntity(s_.substr(i), EntityMode::kStrict, &decoded);
    if (used == 0) return Literal(i, 1);
    AddOwned(decoded);
    return i + used;
  }

  // Autolinks keep their URL; inline HTML tags and comments vanish (<br> is a line break).
  size_t AngleBracket(size_t i) {
    const size_t n = s_.size();
    if (s_.compare(i, 4, "<!--") == 0) {
      if (last_comment_end_ == npos || last_comment_end_ < i + 4) return Literal(i, 1);
      const size_t end = s_.find("-->", i + 4);
      AddOwned("");
      return end + 3;
    }
    // Scan to the first '>' but never past another '<' (so "<a<a<a" costs one pass).
    size_t j = i + 1;
    while (j < n && s_[j] != '>' && s_[j] != '<') ++j;
    if (j >= n || s_[j] != '>') return Literal(i, 1);
    const std::string_view inner = s_.substr(i + 1, j - i - 1);
    if (inner.empty()) return Literal(i, 1);
    const bool has_space = inner.find_first_of(" \t\n") != npos;
    // Autolink: scheme ':' rest, or an e-mail address, with no spaces.
    if (!has_space) {
      const size_t colon = inner.find(':');
      bool scheme_ok = colon != npos && colon >= 2 && colon <= 32 && IsAsciiAlpha(inner[0]);
      for (size_t k = 1; scheme_ok && k < colon; ++k) {
        const char c = inner[k];
        scheme_ok = IsAsciiAlnum(c) || c == '+' || c == '.' || c == '-';
      }
      const size_t at = inner.find('@');
      if (scheme_ok || (at != npos && at > 0 && at + 1 < inner.size() && colon == npos)) {
        AddSource(i + 1, inner.size());
        return j + 1;
      }
    }
    // Inline tag: "<name ...>", "</name>", "<?...?>", "<!X...>".
    const bool end_tag = inner[0] == '/';
    const std::string_view body = end_tag ? inner.substr(1) : inner;
    if (!body.empty() && (IsAsciiAlpha(body[0]) || (!end_tag && (body[0] == '?' || body[0] == '!')))) {
      size_t name_end = 0;
      while (name_end < body.size() && (IsAsciiAlnum(body[name_end]) || body[name_end] == '-')) ++name_end;
      const std::string_view name = body.substr(0, name_end);
      AddOwned(EqualsIgnoreAsciiCase(name, "br") ? "\n" : "");
      return j + 1;
    }
    return Literal(i, 1);
  }

  size_t Opener(size_t i, size_t len) {
    ++bracket_events_;
    if (brackets_.size() >= kMaxOpenOpeners) return Literal(i, len);
    AddSource(i, len, '[');
    pieces_.back().bracket_event = static_cast<uint32_t>(bracket_events_);
    brackets_.push_back(pieces_.size() - 1);
    return i + len;
  }

  // ']' closes the latest opener if a destination, a reference or a defined label follows.
  size_t Closer(size_t i) {
    const size_t events_before = bracket_events_++;
    if (brackets_.empty()) return Literal(i, 1);
    const size_t opener = brackets_.back();
    brackets_.pop_back();
    const size_t n = s_.size();
    size_t next = npos;
    if (i + 1 < n && s_[i + 1] == '(') {
      // Inline destination and optional title, with balanced parentheses.
      int depth = 0;
      const size_t limit = std::min({n, i + 2 + kMaxLinkDestination, i + 1 + look_ahead_budget_});
      size_t k = i + 1;
      for (; k < limit; ++k) {
        if (s_[k] == '\\') {
          ++k;
        } else if (s_[k] == '(') {
          ++depth;
        } else if (s_[k] == ')' && --depth == 0) {
          next = k + 1;
          break;
        }
      }
      Spend(k - i);
    } else if (i + 1 < n && s_[i + 1] == '[') {
      const size_t limit = std::min({n, i + 2 + kMaxLinkLabel, i + 2 + look_ahead_budget_});
      size_t k = i + 2;
      for (; k < limit; ++k) {
        if (s_[k] == '[') break;
        if (s_[k] == ']') {
          next = k + 1;
          break;
        }
      }
      Spend(k - i);
    }
    const Piece& open = pieces_[opener];
    const size_t label_start = open.begin + open.length;
    // Shortcut reference "[label]": a link only if the label is defined. A label holds no
    // brackets, so only an opener with no bracket met since can start one.
    if (next == npos && open.bracket_event == static_cast<uint32_t>(events_before) &&
        i - label_start <= kMaxLinkLabel && i - label_start <= look_ahead_budget_) {
      Spend(i - label_start);
      if (labels_.count(NormalizeLinkLabel(s_.substr(label_start, i - label_start))) > 0) next = i + 1;
    }
    if (next == npos) return Literal(i, 1);
    pieces_[opener].removed = true;
    return next;
  }

  void Spend(size_t bytes) { look_ahead_budget_ -= std::min(bytes, look_ahead_budget_); }

  // A run of '*', '_' or '~': removed when it pairs with an earlier run of the same character.
  size_t Delimiter(size_t i) {
    const char c = s_[i];
    size_t j = i;
    while (j < s_.size() && s_[j] == c) ++j;
    // Flanking rules of CommonMark; the text's edges count as whitespace. Bytes of non-ASCII
    // characters are neither whitespace nor punctuation.
    const char before = i > 0 ? s_[i - 1] : ' ';
    const char after = j < s_.size() ? s_[j] : ' ';
    const bool ws_before = IsAsciiSpace(before), ws_after = IsAsciiSpace(after);
    const bool punct_before = IsAsciiPunct(before), punct_after = IsAsciiPunct(after);
    const bool left = !ws_after && (!punct_after || ws_before || punct_before);
    const bool right = !ws_before && (!punct_before || ws_after || punct_after);
    bool can_open = left, can_close = right;
    if (c == '_') {  // no intraword emphasis with '_': snake_case stays
      can_open = left && (!right || punct_before);
      can_close = right && (!left || punct_after);
    }
    std::vector<size_t>& stack = openers_[c == '*' ? 0 : c == '_' ? 1 : 2];
    if (!(can_close && !stack.empty()) && !(can_open && stack.size() < kMaxOpenOpeners)) {
      return Literal(i, j - i);  // can neither close nor open: plain text
    }
    AddSource(i, j - i, c);
    if (can_close && !stack.empty()) {
      pieces_[stack.back()].removed = true;
      pieces_.back().removed = true;
      stack.pop_back();
    } else if (can_open) {
      stack.push_back(pieces_.size() - 1);
    }
    return j;
  }

  std::string_view s_;
  const LinkLabels& labels_;
  std::vector<Piece> pieces_;
  std::string owned_;               // text of the owned pieces
  std::vector<size_t> brackets_;    // indices of unmatched '[' / '![' pieces
  std::vector<size_t> openers_[3];  // unmatched opening runs of '*', '_', '~'
  std::unordered_map<size_t, size_t> last_backtick_run_;
  size_t last_comment_end_ = npos;
  size_t bracket_events_ = 0;  // '[' and ']' met so far
  size_t look_ahead_budget_;   // bytes of unconsumed look-ahead still allowed
};

}  // namespace

std::string NormalizeLinkLabel(std::string_view label) {
  std::string out;
  bool space = false;
  for (char c : TrimAsciiSpace(label)) {
    if (IsAsciiSpace(c)) {
      space = true;
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(AsciiLower(c));
  }
  return out;
}

std::string RenderMarkdownInline(std::string_view text, const LinkLabels& labels) {
  // Pieces hold 32-bit offsets; a paragraph of 1 GB or more is returned as written.
  if (text.size() >= (uint32_t{1} << 30)) return std::string(text);
  return InlineRenderer(text, labels).Run();
}

}  // namespace wenjin::review::extract_internal
