// Candidate validators for the PII detectors: given where a fast pattern matched, decide
// whether the text there really is an email, URL, card, IBAN, PRC ID or secret, and find its
// exact extent. Pure functions on the (fullwidth-folded) text; internal to review/.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wenjin::review::pii {

struct Span {
  uint32_t start = 0;
  uint32_t end = 0;
};

// Each function takes the candidate [start, end) the pattern reported (the leftmost start
// and the furthest end of a match there) and returns the validated span(s) inside it.

// `[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+` candidates.
std::optional<Span> ValidateEmail(std::string_view text, size_t start, size_t end);

// `(https?://|www.)[printable ASCII except space " < >]+` candidates. On success sets *host
// to the lower-cased host name (no port, no trailing dot).
std::optional<Span> ValidateUrl(std::string_view text, size_t start, size_t end, std::string* host);

// True if `host` is one of `allowed` or a subdomain of one (case-insensitive; an allowed
// entry's leading "." or "www." is ignored).
bool HostAllowed(std::string_view host, const std::vector<std::string>& allowed);

// Runs of digits in groups (`[0-9]([ -]?[0-9]){12,}`): every card number inside, by groups.
void FindCards(std::string_view text, size_t start, size_t end, std::vector<Span>* out);

// `[A-Z]{2}[0-9]{2}( ?[A-Z0-9]){11,}` candidates: every IBAN inside, compact or in groups of 4.
void FindIbans(std::string_view text, size_t start, size_t end, std::vector<Span>* out);

// `[0-9]{17}[0-9Xx]` candidates.
std::optional<Span> ValidateCnId(std::string_view text, size_t start, size_t end);

enum class SecretFormat {
  kAws,                // (AKIA|ASIA)[0-9A-Z]{16}
  kGithub,             // gh[pousr]_[A-Za-z0-9]{36}
  kGithubPat,          // github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}
  kSlack,              // xox[abposr]-[0-9A-Za-z-]{10,}
  kGoogle,             // AIza[0-9A-Za-z_-]{35}
  kStripeSecret,       // [sr]k_live_[0-9A-Za-z]{16,}
  kStripePublishable,  // pk_live_[0-9A-Za-z]{16,}
  kOpenAi,             // sk-[A-Za-z0-9_-]{32,}
  kGeneric,            // (api_key|secret|token|password...)["']? *[:=], then the value
  kPrivateKey,         // -----BEGIN ... PRIVATE KEY-----
};

// Validates a secret candidate of the given format. For kGeneric the span is the value only
// (what must be redacted); for kPrivateKey it runs from BEGIN through the END line (or
// through the base64 body when there is no END line).
std::optional<Span> ValidateSecret(SecretFormat format, std::string_view text, size_t start, size_t end);

}  // namespace wenjin::review::pii
