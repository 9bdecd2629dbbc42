// Checksums and format checks behind the PII detectors (Luhn, card issuer ranges, IBAN
// mod-97, PRC ID check digit, calendar dates, secret entropy). Pure functions on ASCII input,
// no state; internal to review/ and exposed for unit tests.
#pragma once

#include <string_view>

namespace wenjin::review::pii {

// True if `digits` (ASCII digits only, no separators) passes the Luhn mod-10 check.
bool LuhnValid(std::string_view digits);

// The card scheme whose issuer prefix (IIN) and issued lengths fit `digits` (13-19 ASCII
// digits, no separators): "visa", "mastercard", "amex", "discover", "jcb", "diners",
// "unionpay", "maestro", "mir"; "" when none fits. Luhn is not checked here.
std::string_view CardScheme(std::string_view digits);

// The IBAN length of a country (two upper-case letters) from the IBAN registry, 0 if the
// country does not issue IBANs or is not in our table.
int IbanLength(std::string_view country);

// True if `iban` (upper-case letters and digits, no spaces) has its country's length and
// passes ISO 7064 mod-97 (the remainder of the rearranged number is 1).
bool IbanValid(std::string_view iban);

// True for a real Gregorian date with 1900 <= year <= 2099.
bool ValidBirthDate(int year, int month, int day);

// The GB 11643-1999 (ISO 7064 MOD 11-2) check character, '0'-'9' or 'X', of the first 17
// digits of a PRC resident ID number. REQUIRES: first17 is 17 ASCII digits.
char CnIdCheckChar(std::string_view first17);

// True if `id` is an 18-character PRC resident ID: known province code, valid birth date,
// correct check character (upper- or lower-case x accepted).
bool CnIdValid(std::string_view id);

// Shannon entropy of the bytes of `s` in bits per byte (0 for empty input).
double ShannonEntropy(std::string_view s);

// True if `value` looks like a random key rather than a word, placeholder or hash-free
// prose: >= 16 bytes, >= 3.5 bits per byte, at least two of {lower, upper, digit}.
bool LooksRandom(std::string_view value);

}  // namespace wenjin::review::pii
