// Candidate validators for the PII detectors.
#include "review/pii_validators.h"

#include <algorithm>

#include "review/pii_checks.h"

namespace wenjin::review::pii {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsAlpha(char c) { return IsUpper(c) || IsLower(c); }
bool IsAlnum(char c) { return IsAlpha(c) || IsDigit(c); }
char Lower(char c) { return IsUpper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

// True if the byte before `pos` is an ASCII letter or digit: the candidate would then be the
// tail of a longer word. Non-ASCII neighbours (CJK text without spaces) do not count.
bool GluedBefore(std::string_view text, size_t pos) { return pos > 0 && IsAlnum(text[pos - 1]); }
bool GluedAfter(std::string_view text, size_t pos) { return pos < text.size() && IsAlnum(text[pos]); }

bool StartsWithCaseless(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (Lower(s[i]) != prefix[i]) return false;
  }
  return true;
}

// A DNS host name: >= 2 dot-separated labels of letters, digits and inner hyphens (1-63
// bytes each, <= 253 in all); the last label, the TLD, letters only and >= 2 of them, or an
// IDNA "xn--" label.
bool ValidDomain(std::string_view host) {
  if (host.empty() || host.size() > 253) return false;
  int labels = 0;
  std::string_view last;
  for (size_t pos = 0; pos <= host.size();) {
    size_t dot = host.find('.', pos);
    if (dot == std::string_view::npos) dot = host.size();
    const std::string_view label = host.substr(pos, dot - pos);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
    for (char c : label) {
      if (!IsAlnum(c) && c != '-') return false;
    }
    ++labels;
    last = label;
    pos = dot + 1;
  }
  if (labels < 2) return false;
  if (StartsWithCaseless(last, "xn--")) return last.size() > 4;
  return last.size() >= 2 && std::all_of(last.begin(), last.end(), IsAlpha);
}

bool ValidIpv4(std::string_view host) {
  int parts = 0;
  for (size_t pos = 0; pos <= host.size();) {
    size_t dot = host.find('.', pos);
    if (dot == std::string_view::npos) dot = host.size();
    const std::string_view part = host.substr(pos, dot - pos);
    if (part.empty() || part.size() > 3 || !std::all_of(part.begin(), part.end(), IsDigit)) return false;
    if (std::stoi(std::string(part)) > 255) return false;
    ++parts;
    pos = dot + 1;
  }
  return parts == 4;
}

bool IsBase64(char c) { return IsAlnum(c) || c == '+' || c == '/' || c == '='; }

}  // namespace

std::optional<Span> ValidateEmail(std::string_view text, size_t start, size_t end) {
  const size_t at = text.find('@', start);
  if (at == std::string_view::npos || at >= end) return std::nullopt;
  // Dots before the local part are sentence punctuation ("...mail me"), not part of it.
  while (start < at && text[start] == '.') ++start;
  // Trailing dots and hyphens after the domain end the sentence, they are not the TLD.
  while (end > at + 1 && (text[end - 1] == '.' || text[end - 1] == '-')) --end;
  const std::string_view local = text.substr(start, at - start);
  const std::string_view domain = text.substr(at + 1, end - at - 1);
  if (local.empty() || local.size() > 64 || local.back() == '.' || local.find("..") != std::string_view::npos)
    return std::nullopt;
  if (!ValidDomain(domain)) return std::nullopt;
  // "a@b.com_x" or "a@b.com@c": part of something longer than an address.
  if (end < text.size() && (IsAlnum(text[end]) || text[end] == '_' || text[end] == '@')) return std::nullopt;
  if (start > 0 && text[start - 1] == '@') return std::nullopt;
  return Span{static_cast<uint32_t>(start), static_cast<uint32_t>(end)};
}

std::optional<Span> ValidateUrl(std::string_view text, size_t start, size_t end, std::string* host) {
  if (GluedBefore(text, start)) return std::nullopt;
  // Trailing punctuation belongs to the sentence; a closing bracket only when unbalanced
  // ("(see https://x.org/a_(b))" keeps the inner pair).
  for (bool trimmed = true; trimmed && end > start;) {
    trimmed = false;
    const char c = text[end - 1];
    if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\'' || c == '*') {
      --end;
      trimmed = true;
    } else if (c == ')' || c == ']') {
      const char open = c == ')' ? '(' : '[';
      const std::string_view url = text.substr(start, end - start);
      if (std::count(url.begin(), url.end(), c) > std::count(url.begin(), url.end(), open)) {
        --end;
        trimmed = true;
      }
    }
  }
  const std::string_view url = text.substr(start, end - start);
  size_t authority = 0;
  bool scheme = false;
  if (StartsWithCaseless(url, "http://")) {
    authority = 7;
    scheme = true;
  } else if (StartsWithCaseless(url, "https://")) {
    authority = 8;
    scheme = true;
  } else if (!StartsWithCaseless(url, "www.")) {
    return std::nullopt;
  }
  size_t authority_end = url.find_first_of("/?#", authority);
  if (authority_end == std::string_view::npos) authority_end = url.size();
  std::string_view hostport = url.substr(authority, authority_end - authority);
  if (const size_t at = hostport.rfind('@'); at != std::string_view::npos) hostport = hostport.substr(at + 1);
  std::string_view name = hostport;
  if (const size_t colon = name.rfind(':'); colon != std::string_view::npos) {
    const std::string_view port = name.substr(colon + 1);
    if (port.empty() || port.size() > 5 || !std::all_of(port.begin(), port.end(), IsDigit)) return std::nullopt;
    name = name.substr(0, colon);
  }
  if (!name.empty() && name.back() == '.') name.remove_suffix(1);
  const bool ip = scheme && ValidIpv4(name);
  if (!ip && !ValidDomain(name)) return std::nullopt;
  // "www.example" alone is a word with a dot, not a host: www. needs a domain after it.
  if (!scheme && !ValidDomain(name.substr(4))) return std::nullopt;
  host->assign(name);
  for (auto& c : *host) c = Lower(c);
  return Span{static_cast<uint32_t>(start), static_cast<uint32_t>(end)};
}

bool HostAllowed(std::string_view host, const std::vector<std::string>& allowed) {
  for (const auto& entry : allowed) {
    std::string domain;
    for (char c : entry) domain.push_back(Lower(c));
    std::string_view d = domain;
    if (!d.empty() && d.front() == '.') d.remove_prefix(1);
    if (d.starts_with("www.")) d.remove_prefix(4);
    while (!d.empty() && d.back() == '.') d.remove_suffix(1);
    if (d.empty()) continue;
    if (host == d) return true;
    if (host.size() > d.size() && host.ends_with(d) && host[host.size() - d.size() - 1] == '.') return true;
  }
  return false;
}

void FindCards(std::string_view text, size_t start, size_t end, std::vector<Span>* out) {
  // A run glued to a word ("ID4111...") or to more digits after a decimal point is not a card.
  if (GluedBefore(text, start) || GluedAfter(text, end)) return;
  struct Group {
    size_t start, end;
    char separator_before;  // ' ', '-' or 0 for the first group
  };
  std::vector<Group> groups;
  for (size_t i = start; i < end;) {
    const char separator = i == start ? 0 : text[i - 1];
    const size_t group_start = i;
    while (i < end && IsDigit(text[i])) ++i;
    groups.push_back({group_start, i, separator});
    ++i;  // the separator
  }
  // Windows of whole groups: one block of 13-19 digits, or the usual printed layout (a first
  // group of 4, the same separator throughout, inner groups of 4-6, a last group of 3-6).
  // From each start the longest valid window wins; matching resumes after it.
  for (size_t i = 0; i < groups.size();) {
    size_t taken = 0;
    // 19 digits in the printed layout are at most 5 groups (4+4+4+4+3).
    for (size_t j = std::min(groups.size(), i + 5); j-- > i;) {
      std::string digits;
      bool layout_ok = true;
      for (size_t k = i; k <= j; ++k) {
        const size_t length = groups[k].end - groups[k].start;
        digits.append(text.substr(groups[k].start, length));
        if (i == j) continue;
        if (k > i && groups[k].separator_before != groups[i + 1].separator_before) layout_ok = false;
        if (k == i && length != 4) layout_ok = false;
        if (k > i && k < j && (length < 4 || length > 6)) layout_ok = false;
        if (k == j && (length < 3 || length > 6)) layout_ok = false;
      }
      if (!layout_ok || digits.size() < 13 || digits.size() > 19) continue;
      if (!LuhnValid(digits) || CardScheme(digits).empty()) continue;
      out->push_back({static_cast<uint32_t>(groups[i].start), static_cast<uint32_t>(groups[j].end)});
      taken = j - i + 1;
      break;
    }
    i += taken > 0 ? taken : 1;
  }
}

void FindIbans(std::string_view text, size_t start, size_t end, std::vector<Span>* out) {
  for (size_t p = start; p + 15 <= end; ++p) {
    if (p != start && text[p - 1] != ' ') continue;
    if (GluedBefore(text, p)) continue;
    if (!IsUpper(text[p]) || !IsUpper(text[p + 1]) || !IsDigit(text[p + 2]) || !IsDigit(text[p + 3])) continue;
    const int length = IbanLength(text.substr(p, 2));
    if (length == 0) continue;
    const bool grouped = text[p + 4] == ' ';
    std::string compact;
    size_t q = p;
    bool layout_ok = true;
    while (static_cast<int>(compact.size()) < length && q < text.size()) {
      const char c = text[q];
      if (IsUpper(c) || IsDigit(c)) {
        compact.push_back(c);
        ++q;
        // In the grouped layout every 4th character is followed by one space (except the last).
        if (grouped && compact.size() % 4 == 0 && static_cast<int>(compact.size()) < length) {
          if (q >= text.size() || text[q] != ' ') {
            layout_ok = false;
            break;
          }
          ++q;
        }
      } else {
        layout_ok = false;
        break;
      }
    }
    if (!layout_ok || static_cast<int>(compact.size()) != length || GluedAfter(text, q)) continue;
    if (!IbanValid(compact)) continue;
    out->push_back({static_cast<uint32_t>(p), static_cast<uint32_t>(q)});
    p = q;  // the loop's ++p moves past the space after it
  }
}

std::optional<Span> ValidateCnId(std::string_view text, size_t start, size_t end) {
  if (end - start != 18 || GluedBefore(text, start) || GluedAfter(text, end)) return std::nullopt;
  if (!CnIdValid(text.substr(start, 18))) return std::nullopt;
  return Span{static_cast<uint32_t>(start), static_cast<uint32_t>(end)};
}

namespace {

bool IsTokenChar(char c) { return IsAlnum(c) || c == '_' || c == '-'; }

// A fixed-length token that is not part of a longer token on either side.
std::optional<Span> FixedToken(std::string_view text, size_t start, size_t end, size_t length) {
  if (end - start != length) return std::nullopt;
  if (start > 0 && IsTokenChar(text[start - 1])) return std::nullopt;
  if (end < text.size() && IsTokenChar(text[end])) return std::nullopt;
  return Span{static_cast<uint32_t>(start), static_cast<uint32_t>(end)};
}

std::optional<Span> PrivateKeyBlock(std::string_view text, size_t start, size_t end) {
  // The body is the base64 after the header (PEM may carry "Proc-Type:" style headers first;
  // they are letters too and count harmlessly). A header followed by prose or "..." is a
  // text about keys, not a key.
  constexpr size_t kMaxBlock = 64 * 1024;
  const size_t limit = std::min(text.size(), end + kMaxBlock);
  const size_t end_marker = text.substr(0, limit).find("-----END", end);
  size_t body_end;
  size_t block_end;
  if (end_marker != std::string_view::npos) {
    body_end = end_marker;
    const size_t close = text.find("-----", end_marker + 8);
    block_end = close == std::string_view::npos || close > limit ? end_marker + 8 : close + 5;
  } else {
    body_end = end;
    while (body_end < limit && (IsBase64(text[body_end]) || text[body_end] == '\n' || text[body_end] == '\r' ||
                                text[body_end] == ' '))
      ++body_end;
    while (body_end > end && !IsBase64(text[body_end - 1])) --body_end;
    block_end = body_end;
  }
  size_t base64 = 0;
  for (size_t i = end; i < body_end; ++i) base64 += IsBase64(text[i]) ? 1 : 0;
  if (base64 < 40) return std::nullopt;
  return Span{static_cast<uint32_t>(start), static_cast<uint32_t>(block_end)};
}

std::optional<Span> GenericSecret(std::string_view text, size_t start, size_t end) {
  if (GluedBefore(text, start)) return std::nullopt;
  const size_t assign = text.substr(0, end).find_first_of(":=", start);
  if (assign == std::string_view::npos) return std::nullopt;
  size_t value = assign + 1;
  while (value < text.size() && (text[value] == ' ' || text[value] == '\t')) ++value;
  if (value < text.size() && (text[value] == '"' || text[value] == '\'')) ++value;
  // Keys are at most a few hundred characters; a longer run is data, not a key (and the cap
  // keeps "token=token=token=..." linear).
  constexpr size_t kMaxValue = 512;
  size_t value_end = value;
  while (value_end < text.size() && value_end - value <= kMaxValue && (IsAlnum(text[value_end]) || std::string_view("_+/=.-").find(text[value_end]) !=
                                                                     std::string_view::npos))
    ++value_end;
  if (value_end - value > kMaxValue) return std::nullopt;
  while (value_end > value && text[value_end - 1] == '.') --value_end;
  if (!LooksRandom(text.substr(value, value_end - value))) return std::nullopt;
  return Span{static_cast<uint32_t>(value), static_cast<uint32_t>(value_end)};
}

}  // namespace

std::optional<Span> ValidateSecret(SecretFormat format, std::string_view text, size_t start, size_t end) {
  switch (format) {
    case SecretFormat::kAws:
      return FixedToken(text, start, end, 20);
    case SecretFormat::kGithub:
      return FixedToken(text, start, end, 40);
    case SecretFormat::kGithubPat:
      return FixedToken(text, start, end, 93);
    case SecretFormat::kGoogle:
      return FixedToken(text, start, end, 39);
    case SecretFormat::kSlack: {
      if (start > 0 && IsTokenChar(text[start - 1])) return std::nullopt;
      while (end > start && text[end - 1] == '-') --end;
      const std::string_view token = text.substr(start, end - start);
      // Real tokens carry numeric team/user ids between dashes: xoxb-<digits>-<digits>-<key>.
      if (std::count(token.begin(), token.end(), '-') < 2 || std::none_of(token.begin(), token.end(), IsDigit))
        return std::nullopt;
      return Span{static_cast<uint32_t>(start), static_cast<uint32_t>(end)};
    }
    case SecretFormat::kStripeSecret:
    case SecretFormat::kStripePublishable:
      if (start > 0 && IsTokenChar(text[start - 1])) return std::nullopt;
      return Span{static_cast<uint32_t>(start), static_cast<uint32_t>(end)};
    case SecretFormat::kOpenAi: {
      if (start > 0 && IsTokenChar(text[start - 1])) return std::nullopt;
      if (!LooksRandom(text.substr(start + 3, end - start - 3))) return std::nullopt;
      return Span{static_cast<uint32_t>(start), static_cast<uint32_t>(end)};
    }
    case SecretFormat::kGeneric:
      return GenericSecret(text, start, end);
    case SecretFormat::kPrivateKey:
      return PrivateKeyBlock(text, start, end);
  }
  return std::nullopt;
}

}  // namespace wenjin::review::pii
