// PiiDetector: finds personal data and secrets in text (emails, URLs, phone numbers, payment
// cards, IBANs, PRC resident ID numbers, API keys, private-key blocks), each candidate
// validated by its checksum or format rules rather than only pattern-matched.
//
// What is found, and how each candidate is checked (severity in brackets):
//   email  [medium]  local@domain.tld; RFC 5321-ish local part (no leading, trailing or double
//                    dot, <= 64 bytes); domain labels of letters, digits and inner hyphens
//                    (<= 63 bytes each); the last label (TLD) letters only, >= 2 of them (or
//                    an "xn--" label). Not when glued to a following letter or digit.
//   url    [low]     http://, https:// or www. followed by a host with a TLD (letters, >= 2),
//                    or an IPv4 literal after an explicit scheme. The URL ends at whitespace,
//                    a non-ASCII character or <>"; trailing punctuation (.,;:!?') and an
//                    unbalanced ')' or ']' are not part of it. Not flagged when its host is an
//                    allowed domain or a subdomain of one (PiiOptions::allowed_url_domains).
//   phone  [medium]  libphonenumber's PhoneNumberMatcher at leniency VALID (the number must
//                    be a valid number of its region, not merely the right length), for the
//                    region chosen as described at PiiOptions::default_region. Numbers with an
//                    international prefix (+44 ...) are found in any region.
//   card   [high]    13-19 digits, as one block or in groups separated by single spaces or
//                    dashes; Luhn checksum; an issuer prefix (IIN) of a known scheme with a
//                    length that scheme issues (Visa, Mastercard, Amex, Discover, JCB, Diners,
//                    UnionPay, Maestro, Mir). ISBN-13s (978/979...) pass Luhn but have no IIN.
//   iban   [high]    Upper-case country code, 2 check digits, BBAN; the length the country's
//                    registry entry gives (about 80 countries); written as one block or in
//                    groups of 4 separated by single spaces; ISO 7064 mod-97 == 1.
//   cn_id  [high]    18 characters: a known province code, a real birth date YYYYMMDD with
//                    1900 <= YYYY <= 2099 (Feb 30 and Feb 29 of non-leap years rejected), a
//                    3-digit sequence, and the GB 11643-1999 (ISO 7064 MOD 11-2) check digit
//                    0-9 or X. Old 15-digit numbers, which have no check digit, are not flagged.
//   secret [block]   Provider formats: AWS access key ids (AKIA/ASIA + 16), GitHub tokens
//                    (ghp_/gho_/ghu_/ghs_/ghr_ + 36, github_pat_), Slack (xoxb-/xoxp-/...),
//                    Google API keys (AIza + 35), Stripe secret/restricted keys (sk_live_,
//                    rk_live_), OpenAI-style sk- keys with high entropy; private-key blocks
//                    (-----BEGIN ... PRIVATE KEY----- followed by >= 40 base64 characters; a
//                    bare header, as in a text explaining PEM files, is not flagged).
//   secret [high]    Generic assignments api_key= / secret: / access_token= ... whose value is
//                    >= 16 characters with high entropy (>= 3.5 bits per character, at least
//                    two of lower/upper/digit): likely a key, but could be a hash in a lesson.
//   secret [low]     Stripe publishable keys (pk_live_): public by design, recorded only.
// Why these severities: an uploaded private key or live API key must never be published
// (block); cards, IBANs and national IDs need a person to look (high -> review); phones and
// emails are often deliberate contact details (medium); links are recorded (low).
//
// Rule names: "pii:email", "pii:url", "pii:phone", "pii:card", "pii:iban", "pii:cn_id",
// "pii:secret:<provider>" (aws, github, slack, google, stripe, stripe_publishable, openai,
// generic, private_key).
//
// Offsets are bytes of the ORIGINAL text. Fullwidth forms (U+FF01..U+FF5E, e.g. "１３８",
// "＠") and the ideographic space U+3000 are read as their ASCII counterparts, so
// "１３８ ００１３ ８０００" is a phone number; its span still covers the fullwidth bytes.
// Overlaps: a phone number inside any other match is dropped (the digits of a card or an ID
// are not also a phone); a card inside an IBAN, ID or secret is dropped; a generic secret inside
// a provider secret is dropped. Other overlaps (an email inside a URL) are all reported.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "store/status.h"

namespace wenjin::review {

struct PiiMatch {
  std::string rule;               // "pii:email", "pii:card", "pii:secret:aws", ...
  std::string category = "pii";
  std::string severity;           // "low" | "medium" | "high" | "block"
  uint32_t start = 0;             // bytes of the original text, [start, end)
  uint32_t end = 0;
  std::string kind;               // email | url | phone | card | iban | cn_id | secret

  bool operator==(const PiiMatch&) const = default;
};

struct PiiOptions {
  // Hosts not flagged as URLs: each entry (e.g. "example.org") allows itself and its
  // subdomains ("docs.example.org"), not look-alikes ("badexample.org"). Case-insensitive.
  // Default: none (every URL is flagged).
  std::vector<std::string> allowed_url_domains;
  // libphonenumber region (ISO 3166 alpha-2, e.g. "CN", "US") for numbers written without an
  // international prefix. Default: "" = the region subtag of `lang` if it has one ("en-GB" ->
  // GB), else the usual region of its language (zh->CN, en->US, fr->FR, de->DE, es->ES,
  // pt->BR, ru->RU, ar->SA, ja->JP, ko->KR, it->IT, ...), else none: only numbers with an
  // international prefix are found.
  std::string default_region;
  // The text's BCP-47 language ("zh", "en-GB"), used only for the region guess. Default: "".
  std::string lang;
};

// Construct once, then call Detect() from any number of threads at the same time.
class PiiDetector {
 public:
  // Compiles the candidate patterns (Hyperscan). Fails with Internal if Hyperscan cannot run
  // on this CPU or a pattern does not compile.
  static Status Create(std::unique_ptr<PiiDetector>* out);
  ~PiiDetector();
  PiiDetector(const PiiDetector&) = delete;
  PiiDetector& operator=(const PiiDetector&) = delete;

  // Every validated match in `text` (UTF-8; invalid bytes are skipped over), sorted by start,
  // then end, then rule. Never fails: text with nothing in it gives an empty vector.
  std::vector<PiiMatch> Detect(std::string_view text, const PiiOptions& options) const;

  class Impl;

 private:
  explicit PiiDetector(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace wenjin::review
