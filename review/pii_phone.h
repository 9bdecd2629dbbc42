// Phone-number finding for the PII detectors: libphonenumber's matcher, run only on the
// windows of text that hold enough digits to be a phone number.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace wenjin::review::pii {

// The libphonenumber region for national numbers: `default_region` upper-cased if set, else
// the region subtag of the BCP-47 `lang` ("en-GB" -> "GB", "zh-Hant-TW" -> "TW"), else the
// usual region of its language ("zh" -> "CN"), else "ZZ" (unknown: only numbers with an
// international prefix are found).
std::string PhoneRegion(std::string_view default_region, std::string_view lang);

// Byte spans [start, end) of the valid phone numbers (leniency VALID) in UTF-8 `text`, in
// order. Digits inside `covered` (sorted by start, not overlapping each other; spans already
// validated as something else, e.g. a card) are not looked at: a phone number there would be
// dropped anyway, and libphonenumber is the slowest detector. Thread-safe (libphonenumber's
// PhoneNumberUtil is a shared immutable singleton).
std::vector<std::pair<uint32_t, uint32_t>> FindPhoneNumbers(
    std::string_view text, const std::string& region,
    const std::vector<std::pair<uint32_t, uint32_t>>& covered = {});

}  // namespace wenjin::review::pii
