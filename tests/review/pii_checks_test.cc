// Tests of the checksums and format checks behind the PII detectors (review/pii_checks.h).
#include "review/pii_checks.h"

#include <gtest/gtest.h>

#include <string>

namespace wenjin::review::pii {
namespace {

TEST(PiiChecksTest, Luhn) {
  struct Case {
    const char* digits;
    bool valid;
  };
  const Case cases[] = {
      {"4111111111111111", true},   // published Visa test number
      {"4111111111111112", false},  // last digit changed
      {"378282246310005", true},    // Amex test number
      {"79927398713", true},        // the classic Luhn example
      {"79927398710", false},
      {"0000000000000000", true},   // passes Luhn: IIN ranges must reject it
      {"4111 1111", false},         // separators are not digits
      {"", false},
  };
  for (const auto& c : cases) EXPECT_EQ(LuhnValid(c.digits), c.valid) << c.digits;
}

TEST(PiiChecksTest, CardScheme) {
  struct Case {
    const char* digits;
    const char* scheme;
  };
  const Case cases[] = {
      {"4111111111111111", "visa"},
      {"4222222222222", "visa"},         // 13-digit Visa
      {"411111111111111", ""},           // Visa does not issue 15 digits
      {"5555555555554444", "mastercard"},
      {"2223003122003222", "mastercard"},  // 2-series
      {"378282246310005", "amex"},
      {"6011111111111117", "discover"},
      {"3530111333300000", "jcb"},
      {"30569309025904", "diners"},
      {"6200000000000005", "unionpay"},
      {"2200000000000004", "mir"},
      {"9780306400001", ""},             // ISBN-13 that passes Luhn: no card prefix starts 978
      {"0000000000000000", ""},
      {"1000000000000008", ""},          // Luhn-valid order number
      {"411111111111", ""},              // too short
  };
  for (const auto& c : cases) EXPECT_EQ(CardScheme(c.digits), c.scheme) << c.digits;
}

TEST(PiiChecksTest, Iban) {
  struct Case {
    const char* iban;
    bool valid;
  };
  const Case cases[] = {
      {"GB82WEST12345698765432", true},      // registry example
      {"DE89370400440532013000", true},      // registry example
      {"FR7630006000011234567890189", true},
      {"NL91ABNA0417164300", true},
      {"CH9300762011623852957", true},
      {"GB83WEST12345698765432", false},     // wrong check digits
      {"GB82WEST12345698765433", false},     // one BBAN digit changed
      {"DE8937040044053201300", false},      // one character short for DE
      {"XX82WEST12345698765432", false},     // no such country
      {"gb82west12345698765432", false},     // lower case is not the IBAN form
  };
  for (const auto& c : cases) EXPECT_EQ(IbanValid(c.iban), c.valid) << c.iban;
  EXPECT_EQ(IbanLength("DE"), 22);
  EXPECT_EQ(IbanLength("NO"), 15);
  EXPECT_EQ(IbanLength("US"), 0);
}

TEST(PiiChecksTest, BirthDate) {
  EXPECT_TRUE(ValidBirthDate(1949, 12, 31));
  EXPECT_TRUE(ValidBirthDate(2000, 2, 29));   // divisible by 400: leap
  EXPECT_FALSE(ValidBirthDate(1900, 2, 29));  // divisible by 100: not leap
  EXPECT_FALSE(ValidBirthDate(1990, 2, 30));
  EXPECT_FALSE(ValidBirthDate(1990, 4, 31));
  EXPECT_FALSE(ValidBirthDate(1990, 13, 1));
  EXPECT_FALSE(ValidBirthDate(1899, 1, 1));
}

TEST(PiiChecksTest, CnId) {
  struct Case {
    const char* id;
    bool valid;
  };
  const Case cases[] = {
      {"11010519491231002X", true},   // the example printed in GB 11643-1999
      {"11010519491231002x", true},   // lower-case x
      {"440304199003071234", false},  // wrong check digit (correct one is X)
      {"44030419900307123X", true},
      {"110105199002301231", false},  // Feb 30, correct check digit for its first 17
      {"110105190002291239", false},  // 1900-02-29, correct check digit
      {"440304200002291236", true},   // 2000-02-29
      {"990304199003071237", false},  // no province 99, correct check digit
      {"11010519491231002", false},   // 17 characters
  };
  for (const auto& c : cases) EXPECT_EQ(CnIdValid(c.id), c.valid) << c.id;
  EXPECT_EQ(CnIdCheckChar("11010519491231002"), 'X');
}

TEST(PiiChecksTest, Randomness) {
  EXPECT_DOUBLE_EQ(ShannonEntropy("aaaa"), 0.0);
  EXPECT_DOUBLE_EQ(ShannonEntropy("abcd"), 2.0);
  EXPECT_TRUE(LooksRandom("9fQ2xL7vR1tZ8mK3pW6yB4nC"));
  EXPECT_FALSE(LooksRandom("YOUR_API_KEY_HERE"));    // one letter class
  EXPECT_FALSE(LooksRandom("aaaaaaaaaaaaaaaa1111"));  // low entropy
  EXPECT_FALSE(LooksRandom("Ab1"));                   // too short
}

}  // namespace
}  // namespace wenjin::review::pii
