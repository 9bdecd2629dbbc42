// Tests of PiiDetector (review/pii.h): true matches with exact byte spans, and near-misses that
// look like PII but fail its check.
#include "review/pii.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "tests/util/testutil.h"

namespace wenjin::review {
namespace {

// One expected match: the rule and the exact excerpt it must cover. The excerpt's first
// occurrence in the text gives the expected byte span, so a span off by one byte fails.
struct Expect {
  std::string rule;
  std::string excerpt;
};

struct Case {
  std::string name;
  std::string text;
  std::string lang;
  std::vector<Expect> expected;  // empty: nothing may be flagged
};

// "rule@start-end:excerpt" per match, so a failure shows what was found where.
std::string Describe(const std::string& text, const std::vector<PiiMatch>& matches) {
  std::string out;
  for (const auto& m : matches) {
    out += m.rule + "@" + std::to_string(m.start) + "-" + std::to_string(m.end) + ":" +
           text.substr(m.start, m.end - m.start) + "\n";
  }
  return out;
}

std::string Describe(const std::string& text, const std::vector<Expect>& expected) {
  std::string out;
  for (const auto& e : expected) {
    const size_t start = text.find(e.excerpt);
    EXPECT_NE(start, std::string::npos) << "bad test: excerpt not in text: " << e.excerpt;
    out += e.rule + "@" + std::to_string(start) + "-" + std::to_string(start + e.excerpt.size()) + ":" +
           e.excerpt + "\n";
  }
  return out;
}

PiiOptions InLang(const std::string& lang) {
  PiiOptions options;
  options.lang = lang;
  return options;
}

class PiiTest : public ::testing::Test {
 protected:
  // One detector for the suite: compiling the patterns is the slow part.
  static void SetUpTestSuite() {
    ASSERT_OK(PiiDetector::Create(&detector_));
  }
  static void TearDownTestSuite() { detector_.reset(); }

  void Check(const std::vector<Case>& cases, const PiiOptions& base = {}) {
    for (const auto& c : cases) {
      PiiOptions options = base;
      options.lang = c.lang;
      EXPECT_EQ(Describe(c.text, detector_->Detect(c.text, options)), Describe(c.text, c.expected))
          << c.name << ": " << c.text;
    }
  }

  static std::unique_ptr<PiiDetector> detector_;
};
std::unique_ptr<PiiDetector> PiiTest::detector_;

TEST_F(PiiTest, Email) {
  Check({
      {"plain", "Write to zhang.san@example.com today", "en", {{"pii:email", "zhang.san@example.com"}}},
      {"sentence end", "Mail: a.b+tag@mail.example.co.uk.", "en", {{"pii:email", "a.b+tag@mail.example.co.uk"}}},
      {"cjk neighbours", "邮箱：li.si@xuexi.cn，谢谢", "zh", {{"pii:email", "li.si@xuexi.cn"}}},
      {"fullwidth at", "联系ｗａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ吧", "zh", {{"pii:email", "ｗａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ"}}},
      {"no tld", "ssh root@localhost now", "en", {}},
      {"one-letter tld", "x@b.c", "en", {}},
      {"numeric tld", "user@10.0.0.1 is an address", "en", {}},
      {"double dot", "john..doe@example.com", "en", {}},
      {"glued to a word", "a@example.com_backup", "en", {}},
      {"decorator", "@Override and foo@bar", "en", {}},
  });
}

TEST_F(PiiTest, Url) {
  Check({
      {"https with path", "See https://example.com/a/b?q=1&r=2.", "en", {{"pii:url", "https://example.com/a/b?q=1&r=2"}}},
      {"www", "Visit www.example.org, then", "en", {{"pii:url", "www.example.org"}}},
      {"balanced parens", "(see https://en.wikipedia.org/wiki/Foo_(bar))", "en",
       {{"pii:url", "https://en.wikipedia.org/wiki/Foo_(bar)"}}},
      {"cjk after", "访问http://xuexi.cn/课程。", "zh", {{"pii:url", "http://xuexi.cn/"}}},
      {"ip host", "http://192.168.1.20:8080/admin", "en", {{"pii:url", "http://192.168.1.20:8080/admin"}}},
      {"no tld", "http://intranet/wiki", "en", {}},
      {"www word", "the www.example has no tld", "en", {}},
      {"file name", "open report.pdf and Node.js", "en", {}},
  });
}

TEST_F(PiiTest, UrlAllowList) {
  PiiOptions options;
  options.allowed_url_domains = {"wenjin.org", "WWW.Example.COM"};
  Check(
      {
          {"allowed domain", "https://wenjin.org/help", "en", {}},
          {"allowed subdomain", "https://docs.wenjin.org/a", "en", {}},
          {"allowed, written with www", "www.example.com/x", "en", {}},
          {"look-alike suffix", "https://badwenjin.org/", "en", {{"pii:url", "https://badwenjin.org/"}}},
          {"allowed name as subdomain", "https://wenjin.org.evil.com/", "en",
           {{"pii:url", "https://wenjin.org.evil.com/"}}},
      },
      options);
}

TEST_F(PiiTest, Phone) {
  Check({
      {"cn international", "电话：+86 138 0013 8000。", "zh", {{"pii:phone", "+86 138 0013 8000"}}},
      {"uk international", "Call +44 20 7946 0958 today", "en", {{"pii:phone", "+44 20 7946 0958"}}},
      {"us international", "Call +1 (415) 555-2671.", "en", {{"pii:phone", "+1 (415) 555-2671"}}},
      {"cn national", "请拨打13800138000联系", "zh", {{"pii:phone", "13800138000"}}},
      {"us national", "Call (415) 555-2671 now", "en", {{"pii:phone", "(415) 555-2671"}}},
      {"region subtag", "Ring 020 7946 0958 please", "en-GB", {{"pii:phone", "020 7946 0958"}}},
      {"fr national", "Appelez le 01 23 45 67 89 demain", "fr", {{"pii:phone", "01 23 45 67 89"}}},
      {"fullwidth digits", "手机１３８００１３８０００", "zh", {{"pii:phone", "１３８００１３８０００"}}},
      {"invalid utf-8 nearby", "\xff\xfe call +44 20 7946 0958 \xe4\xb8", "en", {{"pii:phone", "+44 20 7946 0958"}}},
      {"international without lang", "tel +86 138 0013 8000", "", {{"pii:phone", "+86 138 0013 8000"}}},
      {"national without lang", "tel 13800138000", "", {}},
      {"too short", "tel 12345", "zh", {}},
      {"version", "version 1.2.3.4 released", "en", {}},
      {"date", "on 2024-01-15 at 10:30", "en", {}},
      {"price", "costs $1,299.99 or 12345 yen", "en", {}},
      {"long digit block", "pi = 3.14159265358979323846264338327950288", "en", {}},
  });
}

// Long digit-dense windows go to libphonenumber in overlapping chunks; every number must come
// out once, whole, wherever the chunk edges fall.
TEST_F(PiiTest, LongPhoneListIsFoundWhole) {
  const std::string number = "+44 20 7946 0958";
  for (const std::string separator : {" ", ", ", " / "}) {
    std::string text;
    std::vector<uint32_t> starts;
    for (int i = 0; i < 100; ++i) {
      starts.push_back(static_cast<uint32_t>(text.size()));
      text += number + separator;
    }
    std::vector<uint32_t> found;
    for (const auto& m : detector_->Detect(text, InLang("en"))) {
      EXPECT_EQ(m.rule, "pii:phone");
      EXPECT_EQ(m.end - m.start, number.size()) << "at " << m.start << " with separator '" << separator << "'";
      found.push_back(m.start);
    }
    EXPECT_EQ(found, starts) << "separator '" << separator << "'";
  }
}

TEST_F(PiiTest, DefaultRegionOverridesLang) {
  PiiOptions options;
  options.default_region = "cn";
  Check({{"cn number in english text", "my number is 13800138000", "en", {{"pii:phone", "13800138000"}}}}, options);
}

TEST_F(PiiTest, Card) {
  Check({
      {"visa groups", "card 4111 1111 1111 1111 exp", "en", {{"pii:card", "4111 1111 1111 1111"}}},
      {"visa dashes", "card 4111-1111-1111-1111.", "en", {{"pii:card", "4111-1111-1111-1111"}}},
      {"mastercard block", "mc:5555555555554444", "en", {{"pii:card", "5555555555554444"}}},
      {"amex 4-6-5", "amex 3782 822463 10005", "en", {{"pii:card", "3782 822463 10005"}}},
      {"unionpay in chinese", "卡号6200000000000005已绑定", "zh", {{"pii:card", "6200000000000005"}}},
      {"fullwidth", "卡号４１１１１１１１１１１１１１１１", "zh", {{"pii:card", "４１１１１１１１１１１１１１１１"}}},
      {"then expiry", "4111 1111 1111 1111 12/26", "en", {{"pii:card", "4111 1111 1111 1111"}}},
      {"wrong luhn", "card 4111 1111 1111 1112", "en", {}},
      {"zeros pass luhn", "0000 0000 0000 0000", "en", {}},
      {"isbn passing luhn", "ISBN 9780306400001", "en", {}},
      {"isbn with dashes", "ISBN 978-3-16-148410-0", "en", {}},
      {"order number passing luhn", "order 1000000000000008 shipped", "en", {}},
      {"glued to letters", "ref X4111111111111111", "en", {}},
      {"mixed separators", "4111 1111-1111 1111", "en", {}},
  });
}

TEST_F(PiiTest, Iban) {
  Check({
      {"gb grouped", "IBAN GB82 WEST 1234 5698 7654 32 please", "en", {{"pii:iban", "GB82 WEST 1234 5698 7654 32"}}},
      {"gb compact", "IBAN: GB82WEST12345698765432.", "en", {{"pii:iban", "GB82WEST12345698765432"}}},
      {"de grouped then word", "DE89 3704 0044 0532 0130 00 IS mine", "de",
       {{"pii:iban", "DE89 3704 0044 0532 0130 00"}}},
      {"fr short last group", "FR76 3000 6000 0112 3456 7890 189", "fr",
       {{"pii:iban", "FR76 3000 6000 0112 3456 7890 189"}}},
      {"after another code", "AB12 DE89 3704 0044 0532 0130 00", "de", {{"pii:iban", "DE89 3704 0044 0532 0130 00"}}},
      {"wrong check digits", "GB83 WEST 1234 5698 7654 32", "en", {}},
      {"too short", "DE89 3704 0044 0532 0130 0", "de", {}},
      {"too long compact", "GB82WEST123456987654321", "en", {}},
      {"bad grouping", "GB82 WES T1234 5698 7654 32", "en", {}},
  });
}

TEST_F(PiiTest, CnId) {
  Check({
      {"standard example", "身份证号11010519491231002X。", "zh", {{"pii:cn_id", "11010519491231002X"}}},
      {"digit check", "ID 440304200002291236 ok", "zh", {{"pii:cn_id", "440304200002291236"}}},
      {"wrong check digit", "身份证 110105194912310021", "zh", {}},
      {"feb 30", "身份证 110105199002301231", "zh", {}},
      {"unknown province", "990304199003071237", "zh", {}},
      {"inside longer number", "1110105194912310020X", "zh", {}},
  });
}

TEST_F(PiiTest, Secrets) {
  const std::string github = "ghp_" + std::string("aB3dE5fG7hJ9kL2mN4pQ6rS8tU0vW1xY3zA5");
  const std::string google = "AIza" + std::string("SyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q");
  const std::string stripe = "sk_live_" + std::string("4eC39HqLyjWDarjtT1zdp7dc");
  const std::string slack = "xoxb-" + std::string("123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx");
  const std::string key_body =
      "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0\n"
      "/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxKLxoS2tFczGkPLPgizskuemMgh\n";
  const std::string github_pat =
      "github_pat_" + std::string("11ABCDEFG0123456789abc") + "_" +
      std::string("aB3dE5fG7hJ9kL2mN4pQ6rS8tU0vW1xY3zA5bC7dE9fG1hJ3kL5mN7pQ9rS");
  const std::string openai = "sk-" + std::string("Zq8vN2xR5tL9wK3mB7yH1cF4jD6gS0pA2eU8iO5nT3rM1kQ");
  const std::string publishable = "pk_live_" + std::string("51HxYzAbCdEf0123456789Gh");
  const std::string key_block = "-----BEGIN RSA PRIVATE KEY-----\n" + key_body + "-----END RSA PRIVATE KEY-----";
  Check({
      {"aws", "aws_access_key_id=AKIAIOSFODNN7EXAMPLE\n", "en", {{"pii:secret:aws", "AKIAIOSFODNN7EXAMPLE"}}},
      {"aws too long", "AKIAIOSFODNN7EXAMPLEX", "en", {}},
      {"github", "token " + github + " end", "en", {{"pii:secret:github", github}}},
      {"github too short", "ghp_abc123", "en", {}},
      {"google", "key=" + google + "&q", "en", {{"pii:secret:google", google}}},
      {"stripe", "Stripe: " + stripe, "en", {{"pii:secret:stripe", stripe}}},
      {"slack", "hook " + slack, "en", {{"pii:secret:slack", slack}}},
      {"slack without ids", "the xoxb-placeholder-token", "en", {}},
      {"github fine-grained", "GH_TOKEN=" + github_pat, "en", {{"pii:secret:github", github_pat}}},
      {"openai", "OPENAI_API_KEY=" + openai, "en", {{"pii:secret:openai", openai}}},
      {"openai low entropy", "sk-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "en", {}},
      {"stripe publishable", "pk: " + publishable, "en", {{"pii:secret:stripe_publishable", publishable}}},
      {"generic client_secret json", "{\"client_secret\": \"Xk29fLq0Zr7TbW3nVy8c\"}", "en",
       {{"pii:secret:generic", "Xk29fLq0Zr7TbW3nVy8c"}}},
      {"generic", "api_key = \"9fQ2xL7vR1tZ8mK3pW6yB4nC\"", "en", {{"pii:secret:generic", "9fQ2xL7vR1tZ8mK3pW6yB4nC"}}},
      {"generic placeholder", "api_key = \"YOUR_API_KEY_HERE\"", "en", {}},
      {"generic low entropy", "password: aaaaaaaaaaaaaaaa1111", "en", {}},
      {"private key", "oops:\n" + key_block + "\nbye", "en", {{"pii:secret:private_key", key_block}}},
      {"private key without end line", "-----BEGIN PRIVATE KEY-----\n" + key_body, "en",
       {{"pii:secret:private_key", "-----BEGIN PRIVATE KEY-----\n" + key_body.substr(0, key_body.size() - 1)}}},
      {"pem header in a lesson", "A PEM file starts with -----BEGIN RSA PRIVATE KEY----- and ends ...", "en", {}},
  });
}

TEST_F(PiiTest, SeveritiesAndKinds) {
  const std::string text =
      // Separated by commas: libphonenumber reads "+44 20 7946 0958 4111..." as one
      // (invalid) candidate, as it would a number followed by its extension digits.
      "a@example.com, https://x.org, +44 20 7946 0958, 4111111111111111, GB82WEST12345698765432, "
      "11010519491231002X AKIAIOSFODNN7EXAMPLE";
  std::vector<std::string> got;
  for (const auto& m : detector_->Detect(text, {})) {
    EXPECT_EQ(m.category, "pii");
    got.push_back(m.kind + "/" + m.severity);
  }
  EXPECT_EQ(got, (std::vector<std::string>{"email/medium", "url/low", "phone/medium", "card/high", "iban/high",
                                           "cn_id/high", "secret/block"}));
}

TEST_F(PiiTest, CardDigitsAreNotAlsoAPhone) {
  // The 16 digits are a valid card; in US text libphonenumber could read part of them as a
  // number, but a card's digits are reported once, as a card.
  const std::string text = "pay with 4111 1111 1111 1111 now";
  const auto matches = detector_->Detect(text, InLang("en"));
  ASSERT_EQ(matches.size(), 1u) << Describe(text, matches);
  EXPECT_EQ(matches[0].rule, "pii:card");
}

TEST_F(PiiTest, CleanEducationalText) {
  Check({
      {"chinese prose", "我们在北京学习中文搜索引擎技术，第3章共120页。", "zh", {}},
      {"math", "Compute 3.14159 * 2 = 6.28318 and 1/3 = 0.3333", "en", {}},
      {"code", "for (int i = 0; i < 10; ++i) { sum += a[i]; }", "en", {}},
      {"years", "From 1949 to 2024, over 1,400,000,000 people.", "en", {}},
  });
}

TEST_F(PiiTest, ConcurrentDetectGivesTheSameResult) {
  const std::string text =
      "Mail zhang.san@example.com, call +86 138 0013 8000, card 4111 1111 1111 1111, "
      "IBAN DE89 3704 0044 0532 0130 00, ID 11010519491231002X, https://example.com/x";
  const auto expected = detector_->Detect(text, InLang("zh"));
  ASSERT_EQ(expected.size(), 6u) << Describe(text, expected);
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) mismatches[t] += detector_->Detect(text, InLang("zh")) != expected;
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < 4; ++t) EXPECT_EQ(mismatches[t], 0) << "thread " << t;
}

}  // namespace
}  // namespace wenjin::review
