// Hex digests: known SHA-256 vectors, hex encoding, random tokens.
#include "store/digest.h"

#include <gtest/gtest.h>

#include "tests/util/testutil.h"

namespace wenjin::store {
namespace {

TEST(DigestTest, Sha256KnownVectors) {
  struct {
    std::string in, hex;
  } cases[] = {
      {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
      {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
  };
  for (const auto& c : cases) EXPECT_EQ(Sha256Hex(c.in), c.hex) << c.in;
}

TEST(DigestTest, HexAndRandom) {
  const unsigned char bytes[] = {0x00, 0x0f, 0xa5, 0xff};
  EXPECT_EQ(HexEncode(bytes, 4), "000fa5ff");
  std::string a, b;
  ASSERT_OK(RandomHex(16, &a));
  ASSERT_OK(RandomHex(16, &b));
  EXPECT_EQ(a.size(), 32u);
  EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(a, b);
}

}  // namespace
}  // namespace wenjin::store
