// Hex digests and random tokens over OpenSSL.
#include "store/digest.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <vector>

namespace wenjin::store {

std::string HexEncode(const unsigned char* data, size_t size) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (size_t i = 0; i < size; ++i) {
    out.push_back(kHex[data[i] >> 4]);
    out.push_back(kHex[data[i] & 15]);
  }
  return out;
}

std::string Sha256Hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(data.data(), data.size(), digest, &size, EVP_sha256(), nullptr);
  return HexEncode(digest, size);
}

Status RandomHex(size_t bytes, std::string* out) {
  std::vector<unsigned char> buffer(bytes);
  if (RAND_bytes(buffer.data(), static_cast<int>(bytes)) != 1) {
    return Status::Internal("the system has no randomness for a secret");
  }
  *out = HexEncode(buffer.data(), bytes);
  return Status::OK();
}

}  // namespace wenjin::store
