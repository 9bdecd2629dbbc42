// The `wenjin` index / search / backup / restore commands, run as real processes: exit codes,
// stdout and stderr.
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "store/db.h"
#include "store/resource_store.h"
#include "tests/tools/cli_process.h"
#include "tests/util/testutil.h"

namespace wenjin {
namespace {

using testing::CliResult;

std::string Line(const std::string& id, const std::string& title, const std::string& lang = "en") {
  return nlohmann::json{{"id", id}, {"title", title}, {"lang", lang}, {"description", title + " for beginners"}}.dump();
}

class CliTest : public ::testing::Test {
 protected:
  CliResult Run(const std::vector<std::string>& args, const std::string& stdin_path = "") {
    return testing::RunWenjin(args, tmp_.str(), stdin_path);
  }
  std::string WriteFile(const std::string& name, const std::vector<std::string>& lines) {
    std::ofstream out(tmp_.str(name));
    for (const auto& l : lines) out << l << "\n";
    return tmp_.str(name);
  }
  std::string Data(const std::string& name = "data") { return tmp_.str(name); }
  // Ids of the hits of `query`, from the JSON `wenjin search` prints.
  std::vector<std::string> SearchIds(const std::string& data, const std::string& query) {
    CliResult r = Run({"search", "--data", data, "--lang", "en", query});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::vector<std::string> ids;
    nlohmann::json j = nlohmann::json::parse(r.out, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << r.out;
    if (j.is_discarded() || !j.contains("hits")) return ids;
    for (const auto& hit : j["hits"]) ids.push_back(hit.value("id", ""));
    return ids;
  }
  // Every resource id stored in a data directory (read in this process, not through the CLI).
  std::set<std::string> StoredIds(const std::string& data) {
    std::unique_ptr<store::Db> db;
    std::set<std::string> ids;
    Status s = store::Db::Open(data, &db);
    EXPECT_TRUE(s.ok()) << s.ToString();
    if (!s.ok()) return ids;
    store::ResourceStore store(db.get());
    EXPECT_OK(store.ForEach([&](const Resource& r) {
      ids.insert(r.id);
      return true;
    }));
    return ids;
  }
  testing::TempDir tmp_;
};

TEST_F(CliTest, BadInvocationsFailWithAMessage) {
  const std::string data = Data();
  struct Case {
    std::vector<std::string> args;
    int exit_code;
    std::string in_stderr;
  } cases[] = {
      {{"index"}, 2, "expected one input file"},
      {{"index", "--data", data, "--bogus", "x.ndjson"}, 2, "unknown option --bogus"},
      {{"index", "--data"}, 2, "--data needs a value"},
      {{"index", "--data", data, "--batch", "0", "x.ndjson"}, 2, "--batch"},
      {{"index", "--data", data, tmp_.str("missing.ndjson")}, 1, "cannot read"},
      {{"search", "--data", data}, 2, "expected a query"},
      {{"search", "--data", data, "--limit", "ten", "x"}, 2, "--limit"},
      {{"search", "--data", data, "--index-cache-mb", "0", "x"}, 2, "--index-cache-mb must be a whole number"},
      {{"serve", "--data", data, "--index-cache-mb", "lots"}, 2, "--index-cache-mb must be a whole number"},
      {{"search", "--data", tmp_.str("nowhere"), "x"}, 1, "no data directory"},
      {{"backup", "--data", data}, 2, "expected one directory"},
      {{"backup", "--data", tmp_.str("nowhere"), tmp_.str("b")}, 1, "cannot open data directory"},
      {{"restore", "--data", data, tmp_.str("no-backup")}, 1, "no backup directory"},
      {{"restore", "--frobnicate", data}, 2, "unknown option"},
  };
  for (const auto& c : cases) {
    std::string cmd;
    for (const auto& a : c.args) cmd += a + " ";
    SCOPED_TRACE(cmd);
    CliResult r = Run(c.args);
    EXPECT_EQ(r.exit_code, c.exit_code) << r.err;
    EXPECT_NE(r.err.find(c.in_stderr), std::string::npos) << r.err;
  }
  EXPECT_FALSE(std::filesystem::exists(tmp_.str("nowhere")));  // failed commands create nothing
}

TEST_F(CliTest, IndexSkipsMalformedLinesAndImportsTheRest) {
  const std::string file = WriteFile("in.ndjson", {
      Line("v1", "Volcanoes of Iceland"),
      Line("v2", "Glaciers and ice ages"),
      "{not json",
      R"({"id":"v3","title":"No language"})",
      "",
      Line("v4", "Deserts of the world"),
  });
  CliResult r = Run({"index", "--data", Data(), "--acks", file});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("line 3:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("line 4:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("lang"), std::string::npos) << r.err;  // the reason names the field
  EXPECT_NE(r.err.find("imported 3, skipped 2"), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "ack 3 v4\n");
  EXPECT_EQ(SearchIds(Data(), "volcanoes"), std::vector<std::string>{"v1"});
  EXPECT_EQ(SearchIds(Data(), "deserts"), std::vector<std::string>{"v4"});
  EXPECT_EQ(StoredIds(Data()), (std::set<std::string>{"v1", "v2", "v4"}));
}

TEST_F(CliTest, IndexReadsStdin) {
  const std::string file = WriteFile("stdin.ndjson", {Line("s1", "Tidal pools")});
  CliResult r = Run({"index", "--data", Data(), "-"}, file);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(SearchIds(Data(), "tidal"), std::vector<std::string>{"s1"});
}

TEST_F(CliTest, IndexReportsDeclaredLanguageMismatches) {
  const std::string french =
      "La photosynthèse est le processus par lequel les plantes vertes utilisent la lumière du soleil pour "
      "fabriquer leur nourriture à partir du dioxyde de carbone et de l'eau. Ce cours explique les étapes "
      "principales et propose des exercices pour les élèves du collège.";
  const std::string file = WriteFile("mixed.ndjson", {
      nlohmann::json{{"id", "ok-fr"}, {"lang", "fr"}, {"title", "Photosynthèse"}, {"body", french}}.dump(),
      nlohmann::json{{"id", "wrong-de"}, {"lang", "de"}, {"title", "Photosynthèse"}, {"body", french}}.dump(),
      Line("short", "Too short to judge", "ja"),
  });
  CliResult r = Run({"index", "--data", Data(), file});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("1 resource(s)"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("wrong-de (declared de, reads as fr)"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("ok-fr ("), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("short ("), std::string::npos) << r.err;
}

TEST_F(CliTest, SearchPrintsTheResponseAsJson) {
  const std::string file = WriteFile("in.ndjson", {Line("a", "Rivers and lakes"), Line("b", "Rivers of Asia"),
                                                   Line("c", "Mountain weather")});
  ASSERT_EQ(Run({"index", "--data", Data(), file}).exit_code, 0);
  CliResult r = Run({"search", "--data", Data(), "--lang", "en", "--limit", "1", "rivers"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["total"], 2);
  ASSERT_EQ(j["hits"].size(), 1u);
  EXPECT_TRUE(j["hits"][0]["id"] == "a" || j["hits"][0]["id"] == "b") << r.out;
  CliResult page2 = Run({"search", "--data", Data(), "--index-cache-mb", "8", "--lang", "en", "--limit", "1",
                         "--offset", "1", "rivers"});
  nlohmann::json j2 = nlohmann::json::parse(page2.out);
  ASSERT_EQ(j2["hits"].size(), 1u);
  EXPECT_NE(j2["hits"][0]["id"], j["hits"][0]["id"]);
  EXPECT_EQ(SearchIds(Data(), "weather"), std::vector<std::string>{"c"});
}

TEST_F(CliTest, RestoreBringsBackExactlyTheBackedUpState) {
  ASSERT_EQ(Run({"index", "--data", Data(), WriteFile("one.ndjson", {Line("old1", "Saturn rings"), Line("old2", "Jupiter moons")})}).exit_code, 0);
  CliResult backup = Run({"backup", "--data", Data(), tmp_.str("backups")});
  ASSERT_EQ(backup.exit_code, 0) << backup.err;
  EXPECT_NE(backup.out.find("backup 1"), std::string::npos) << backup.out;
  // Changes after the backup: one more resource.
  ASSERT_EQ(Run({"index", "--data", Data(), WriteFile("two.ndjson", {Line("new1", "Saturn probes")})}).exit_code, 0);
  EXPECT_EQ(SearchIds(Data(), "saturn").size(), 2u);

  // Into a fresh directory.
  CliResult restore = Run({"restore", "--data", Data("restored"), tmp_.str("backups")});
  ASSERT_EQ(restore.exit_code, 0) << restore.err;
  EXPECT_EQ(StoredIds(Data("restored")), (std::set<std::string>{"old1", "old2"}));
  EXPECT_EQ(SearchIds(Data("restored"), "saturn"), std::vector<std::string>{"old1"});
  EXPECT_EQ(SearchIds(Data("restored"), "jupiter"), std::vector<std::string>{"old2"});

  // Over the live directory: refused without --force, then replaced with it.
  CliResult refused = Run({"restore", "--data", Data(), tmp_.str("backups")});
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_NE(refused.err.find("--force"), std::string::npos) << refused.err;
  EXPECT_EQ(StoredIds(Data()), (std::set<std::string>{"old1", "old2", "new1"}));  // untouched
  CliResult forced = Run({"restore", "--data", Data(), "--force", tmp_.str("backups")});
  ASSERT_EQ(forced.exit_code, 0) << forced.err;
  EXPECT_EQ(StoredIds(Data()), (std::set<std::string>{"old1", "old2"}));
  EXPECT_EQ(SearchIds(Data(), "saturn"), std::vector<std::string>{"old1"});

  // --force still refuses a directory that is not a data directory.
  std::filesystem::create_directories(tmp_.str("precious"));
  std::ofstream(tmp_.str("precious/notes.txt")) << "keep me";
  CliResult unrelated = Run({"restore", "--data", tmp_.str("precious"), "--force", tmp_.str("backups")});
  EXPECT_NE(unrelated.exit_code, 0);
  EXPECT_TRUE(std::filesystem::exists(tmp_.str("precious/notes.txt")));
}

}  // namespace
}  // namespace wenjin
