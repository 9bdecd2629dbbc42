// Platform::Open and the lexicon it starts with: none given, a good directory, a bad one.
#include "api/platform.h"

#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/util/testutil.h"

namespace wenjin::api {
namespace {

using testing::TempDir;

Status OpenWith(const TempDir& dir, const std::string& lexicon_dir, std::unique_ptr<Platform>* platform) {
  PlatformOptions options;
  options.data_dir = dir.str("data");
  options.lexicon_dir = lexicon_dir;
  return Platform::Open(options, platform);
}

TEST(PlatformOpenTest, WithoutALexiconScreensWithAnEmptyOne) {
  TempDir dir;
  std::unique_ptr<Platform> platform;
  ASSERT_OK(OpenWith(dir, "", &platform));
  nlohmann::json lexicons;
  ASSERT_OK(platform->ListLexicons(Caller::System(), &lexicons));
  EXPECT_TRUE(lexicons["versions"].empty()) << lexicons.dump();  // nothing saved
  EXPECT_FALSE(lexicons["active"].get<std::string>().empty());  // but screening works
}

TEST(PlatformOpenTest, ADirectoryWithoutRulesIsAnErrorAndStoresNoLexicon) {
  TempDir dir;
  std::filesystem::create_directories(dir.path() / "empty");
  std::unique_ptr<Platform> platform;
  Status s = OpenWith(dir, dir.str("empty"), &platform);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.ToString().find("no *.tsv files"), std::string::npos) << s.ToString();

  // A bad rule names its file and line; fixing the directory then works.
  std::filesystem::create_directories(dir.path() / "lex");
  std::ofstream(dir.str("lex/rules.tsv")) << "pattern\tkind\tcategory\tseverity\tlangs\tnote\nword\tterm\tx\tsevere\t*\t\n";
  s = OpenWith(dir, dir.str("lex"), &platform);
  EXPECT_NE(s.ToString().find("rules.tsv:2"), std::string::npos) << s.ToString();
  std::ofstream(dir.str("lex/rules.tsv")) << "pattern\tkind\tcategory\tseverity\tlangs\tnote\nword\tterm\tx\thigh\t*\t\n";
  ASSERT_OK(OpenWith(dir, dir.str("lex"), &platform));
  nlohmann::json lexicons;
  ASSERT_OK(platform->ListLexicons(Caller::System(), &lexicons));
  EXPECT_EQ(lexicons["versions"].size(), 1u) << lexicons.dump();
}

}  // namespace
}  // namespace wenjin::api
