// Hex digests and random tokens (OpenSSL): audit-chain hashes, hashed API keys, key secrets.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "store/status.h"

namespace wenjin::store {

// Lower-case hexadecimal of `size` bytes.
std::string HexEncode(const unsigned char* data, size_t size);

// SHA-256 of `data` as 64 lower-case hex digits.
std::string Sha256Hex(std::string_view data);

// `bytes` bytes from OpenSSL's CSPRNG, hex encoded. Internal error when it has no entropy.
Status RandomHex(size_t bytes, std::string* out);

}  // namespace wenjin::store
