// Checksums and format checks behind the PII detectors.
#include "review/pii_checks.h"

#include <array>
#include <cmath>
#include <cstdint>

namespace wenjin::review::pii {
namespace {

bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return !s.empty();
}

// The number formed by the first `n` digits. REQUIRES: s has >= n digits.
int Prefix(std::string_view s, size_t n) {
  int v = 0;
  for (size_t i = 0; i < n; ++i) v = v * 10 + (s[i] - '0');
  return v;
}

bool InRange(int v, int lo, int hi) { return v >= lo && v <= hi; }

}  // namespace

bool LuhnValid(std::string_view digits) {
  if (!AllDigits(digits)) return false;
  int sum = 0;
  bool twice = false;
  for (size_t i = digits.size(); i-- > 0;) {
    int d = digits[i] - '0';
    if (twice) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    twice = !twice;
  }
  return sum % 10 == 0;
}

std::string_view CardScheme(std::string_view d) {
  if (!AllDigits(d) || d.size() < 13 || d.size() > 19) return "";
  const size_t n = d.size();
  const int p1 = Prefix(d, 1), p2 = Prefix(d, 2), p3 = Prefix(d, 3), p4 = Prefix(d, 4);
  const int p6 = Prefix(d, 6);
  // Ranges from the schemes' published IIN tables; more specific ranges come first so that
  // e.g. Discover's 622126-622925 is not taken for plain UnionPay 62.
  if (p1 == 4 && (n == 13 || n == 16 || n == 19)) return "visa";
  if ((InRange(p2, 51, 55) || InRange(p4, 2221, 2720)) && n == 16) return "mastercard";
  if ((p2 == 34 || p2 == 37) && n == 15) return "amex";
  if ((p4 == 6011 || InRange(p3, 644, 649) || p2 == 65 || InRange(p6, 622126, 622925)) && n >= 16)
    return "discover";
  if (InRange(p4, 3528, 3589) && n >= 16) return "jcb";
  if ((InRange(p3, 300, 305) || p2 == 36 || p2 == 38 || p2 == 39) && n >= 14) return "diners";
  if (p2 == 62 && n >= 16) return "unionpay";
  if (InRange(p4, 2200, 2204) && n >= 16) return "mir";
  if ((p4 == 5018 || p4 == 5020 || p4 == 5038 || p4 == 5893 || p4 == 6304 || p4 == 6759 ||
       InRange(p4, 6761, 6763)) &&
      n >= 13)
    return "maestro";
  return "";
}

int IbanLength(std::string_view cc) {
  // Lengths from the SWIFT IBAN registry.
  struct Entry {
    const char* cc;
    int length;
  };
  static constexpr Entry kTable[] = {
      {"AD", 24}, {"AE", 23}, {"AL", 28}, {"AT", 20}, {"AZ", 28}, {"BA", 20}, {"BE", 16},
      {"BG", 22}, {"BH", 22}, {"BR", 29}, {"BY", 28}, {"CH", 21}, {"CR", 22}, {"CY", 28},
      {"CZ", 24}, {"DE", 22}, {"DK", 18}, {"DO", 28}, {"EE", 20}, {"EG", 29}, {"ES", 24},
      {"FI", 18}, {"FO", 18}, {"FR", 27}, {"GB", 22}, {"GE", 22}, {"GI", 23}, {"GL", 18},
      {"GR", 27}, {"GT", 28}, {"HR", 21}, {"HU", 28}, {"IE", 22}, {"IL", 23}, {"IQ", 23},
      {"IS", 26}, {"IT", 27}, {"JO", 30}, {"KW", 30}, {"KZ", 20}, {"LB", 28}, {"LC", 32},
      {"LI", 21}, {"LT", 20}, {"LU", 20}, {"LV", 21}, {"MC", 27}, {"MD", 24}, {"ME", 22},
      {"MK", 19}, {"MR", 27}, {"MT", 31}, {"MU", 30}, {"NL", 18}, {"NO", 15}, {"PK", 24},
      {"PL", 28}, {"PS", 29}, {"PT", 25}, {"QA", 29}, {"RO", 24}, {"RS", 22}, {"SA", 24},
      {"SC", 31}, {"SE", 24}, {"SI", 19}, {"SK", 24}, {"SM", 27}, {"ST", 25}, {"SV", 28},
      {"TL", 23}, {"TN", 24}, {"TR", 26}, {"UA", 29}, {"VA", 22}, {"VG", 24}, {"XK", 20},
  };
  if (cc.size() != 2) return 0;
  for (const auto& e : kTable) {
    if (cc[0] == e.cc[0] && cc[1] == e.cc[1]) return e.length;
  }
  return 0;
}

bool IbanValid(std::string_view iban) {
  if (iban.size() < 4) return false;
  const int length = IbanLength(iban.substr(0, 2));
  if (length == 0 || static_cast<int>(iban.size()) != length) return false;
  if (!AllDigits(iban.substr(2, 2))) return false;
  // Mod-97 of the number formed by moving the first four characters to the end and
  // writing each letter as two digits (A=10 ... Z=35), computed digit by digit.
  int remainder = 0;
  for (size_t k = 0; k < iban.size(); ++k) {
    const char c = iban[(k + 4) % iban.size()];
    if (c >= '0' && c <= '9') {
      remainder = (remainder * 10 + (c - '0')) % 97;
    } else if (c >= 'A' && c <= 'Z') {
      remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
    } else {
      return false;
    }
  }
  return remainder == 1;
}

bool ValidBirthDate(int year, int month, int day) {
  if (year < 1900 || year > 2099 || month < 1 || month > 12 || day < 1) return false;
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const int days = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
  return day <= days;
}

char CnIdCheckChar(std::string_view first17) {
  static constexpr std::array<int, 17> kWeights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static constexpr char kCheck[] = "10X98765432";
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
  return kCheck[sum % 11];
}

bool CnIdValid(std::string_view id) {
  if (id.size() != 18 || !AllDigits(id.substr(0, 17))) return false;
  const int province = Prefix(id, 2);
  // Province-level codes of GB/T 2260, plus 81/82/83 used on residence permits for Hong
  // Kong, Macao and Taiwan residents.
  static constexpr int kProvinces[] = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36,
                                       37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62,
                                       63, 64, 65, 71, 81, 82, 83};
  bool known = false;
  for (int p : kProvinces) known = known || p == province;
  if (!known) return false;
  const int year = Prefix(id.substr(6), 4), month = Prefix(id.substr(10), 2), day = Prefix(id.substr(12), 2);
  if (!ValidBirthDate(year, month, day)) return false;
  char last = id[17];
  if (last == 'x') last = 'X';
  return last == CnIdCheckChar(id.substr(0, 17));
}

double ShannonEntropy(std::string_view s) {
  if (s.empty()) return 0;
  std::array<int, 256> counts{};
  for (unsigned char c : s) ++counts[c];
  double bits = 0;
  for (int count : counts) {
    if (count == 0) continue;
    const double p = static_cast<double>(count) / s.size();
    bits -= p * std::log2(p);
  }
  return bits;
}

bool LooksRandom(std::string_view value) {
  if (value.size() < 16) return false;
  bool lower = false, upper = false, digit = false;
  for (char c : value) {
    lower = lower || (c >= 'a' && c <= 'z');
    upper = upper || (c >= 'A' && c <= 'Z');
    digit = digit || (c >= '0' && c <= '9');
  }
  if (static_cast<int>(lower) + static_cast<int>(upper) + static_cast<int>(digit) < 2) return false;
  return ShannonEntropy(value) >= 3.5;
}

}  // namespace wenjin::review::pii
