// Verdict policy, canonical forms and excerpts.
#include "review/verdict.h"

#include <algorithm>
#include <tuple>

namespace wenjin::review {

const char* SeverityName(Severity severity) {
  switch (severity) {
    case Severity::kLow: return "low";
    case Severity::kMedium: return "medium";
    case Severity::kHigh: return "high";
    case Severity::kBlock: return "block";
  }
  return "low";
}

bool ParseSeverity(std::string_view name, Severity* out) {
  static constexpr std::pair<std::string_view, Severity> kNames[] = {
      {"low", Severity::kLow}, {"medium", Severity::kMedium},
      {"high", Severity::kHigh}, {"block", Severity::kBlock}};
  for (const auto& [n, s] : kNames) {
    if (n == name) {
      *out = s;
      return true;
    }
  }
  return false;
}

const char* DecisionName(Decision decision) {
  switch (decision) {
    case Decision::kAllow: return "allow";
    case Decision::kReview: return "review";
    case Decision::kBlock: return "block";
  }
  return "allow";
}

Decision Decide(const std::vector<Flag>& flags, std::string_view origin) {
  const bool ai = origin == "ai";
  Decision d = Decision::kAllow;
  for (const auto& f : flags) {
    Decision this_one = Decision::kAllow;
    switch (f.severity) {
      case Severity::kBlock: this_one = Decision::kBlock; break;
      case Severity::kHigh: this_one = ai ? Decision::kBlock : Decision::kReview; break;
      case Severity::kMedium: this_one = Decision::kReview; break;
      case Severity::kLow: break;
    }
    d = std::max(d, this_one);
  }
  return d;
}

void SortFlags(std::vector<Flag>* flags) {
  auto key = [](const Flag& f) { return std::tie(f.start, f.end, f.rule, f.category); };
  std::sort(flags->begin(), flags->end(), [&](const Flag& a, const Flag& b) { return key(a) < key(b); });
  flags->erase(std::unique(flags->begin(), flags->end(),
                           [&](const Flag& a, const Flag& b) { return key(a) == key(b); }),
               flags->end());
}

nlohmann::json VerdictToJson(const Verdict& verdict) {
  nlohmann::json flags = nlohmann::json::array();
  for (const auto& f : verdict.flags) {
    flags.push_back({{"rule", f.rule},
                     {"category", f.category},
                     {"severity", SeverityName(f.severity)},
                     {"start", f.start},
                     {"end", f.end},
                     {"excerpt", f.excerpt}});
  }
  return {{"verdict", DecisionName(verdict.decision)},
          {"flags", std::move(flags)},
          {"lexicon_version", verdict.lexicon_version}};
}

std::string ToString(const Verdict& verdict) {
  std::string out = DecisionName(verdict.decision);
  for (const auto& f : verdict.flags) {
    out += ' ';
    out += f.rule;
    out += '@' + std::to_string(f.start) + '-' + std::to_string(f.end) + ':' + f.category + '/' +
           SeverityName(f.severity);
  }
  return out;
}

std::string MakeExcerpt(std::string_view original, uint32_t start, uint32_t end, uint32_t context) {
  auto is_continuation = [&](size_t i) {
    return i < original.size() && (static_cast<unsigned char>(original[i]) & 0xC0) == 0x80;
  };
  size_t from = start > context ? start - context : 0;
  size_t to = std::min<size_t>(original.size(), size_t{end} + context);
  from = std::min(from, original.size());
  while (from > 0 && is_continuation(from)) --from;    // widen back to a character start
  while (to < original.size() && is_continuation(to)) ++to;  // widen to the character end
  return std::string(original.substr(from, to - from));
}

}  // namespace wenjin::review
