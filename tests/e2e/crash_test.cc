// kill -9 of a real server process during bulk uploads, then restart: every acknowledged
// resource is present in exactly one state, and nothing unscreened is published.
#include <atomic>
#include <mutex>
#include <set>
#include <fstream>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/util/server_process.h"
#include "tests/util/testutil.h"

namespace wenjin {
namespace {

using nlohmann::json;

std::string CreateKey(const std::string& data, const std::string& role) {
  std::string cmd = std::string(WENJIN_BINARY) + " keys create --data " + data + " --role " + role + " 2>/dev/null";
  std::string out;
  FILE* p = ::popen(cmd.c_str(), "r");
  char buf[256];
  while (p && fgets(buf, sizeof buf, p)) out += buf;
  if (p) ::pclose(p);
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

TEST(CrashTest, KillDuringBulkUploadLosesNothingAcknowledgedAndPublishesNothingUnscreened) {
  testing::TempDir dir;
  std::filesystem::create_directories(dir.path() / "lex");
  std::ofstream(dir.str("lex/rules.tsv")) << "pattern\tkind\tcategory\tseverity\tlangs\tnote\n"
                                             "badword\tterm\tharassment\tmedium\t*\ttest\n"
                                             "i will hurt you\tterm\tviolence\tblock\t*\ttest\n";
  const std::string data = dir.str("data");
  const std::string key = CreateKey(data, "publisher");
  ASSERT_EQ(key.rfind("wj_", 0), 0u);
  const std::vector<std::string> args = {"--no-corpus", "--lexicons", dir.str("lex"), "--rate-limit", "0"};
  const std::map<std::string, std::string> headers = {{"Authorization", "Bearer " + key},
                                                      {"Content-Type", "application/x-ndjson"}};

  std::map<std::string, std::string> acknowledged;  // id -> state answered
  for (int round = 0; round < 3; ++round) {
    testing::ServerProcess server(data, args, dir.str("server.log"));
    ASSERT_TRUE(server.ready()) << "round " << round;
    std::atomic<bool> stop{false};
    std::mutex mu;
    std::thread uploader([&] {
      for (int batch = 0; !stop; ++batch) {
        std::string body;
        for (int i = 0; i < 10; ++i) {
          int n = batch * 10 + i;
          std::string id = "r" + std::to_string(round) + "-" + std::to_string(n);
          const char* text = n % 3 == 0 ? "a badword essay" : n % 7 == 0 ? "I will hurt you" : "plain lesson notes";
          body += json({{"id", id}, {"title", std::string("Lesson ") + text}, {"lang", "en"}}).dump() + "\n";
        }
        auto r = server.Call("POST", "/v1/resources:bulk", body, headers);
        if (r.status != 200) break;  // the server died mid-request: nothing of it was acknowledged
        std::istringstream in(r.body);
        std::lock_guard<std::mutex> lock(mu);
        for (std::string line; std::getline(in, line);) {
          json j = json::parse(line);
          if (j.contains("state")) acknowledged[j["id"]] = j["state"];
        }
      }
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(700 + 400 * round));
    server.Stop(SIGKILL);
    stop = true;
    uploader.join();
  }
  ASSERT_GT(acknowledged.size(), 10u);

  testing::ServerProcess server(data, args, dir.str("server.log"));
  ASSERT_TRUE(server.ready());
  std::map<std::string, std::string> auth = {{"Authorization", "Bearer " + key}};
  for (const auto& [id, state] : acknowledged) {
    auto r = server.Call("GET", "/v1/resources/" + id, "", auth);
    ASSERT_EQ(r.status, 200) << id << " was acknowledged as " << state << " but is gone";
    EXPECT_EQ(json::parse(r.body)["state"], state) << id;
  }
  json mine = json::parse(server.Call("GET", "/v1/my/resources", "", auth).body)["resources"];
  std::set<std::string> seen;
  for (const auto& r : mine) {
    EXPECT_TRUE(seen.insert(r["id"].get<std::string>()).second) << "listed twice: " << r["id"];
    std::string title = r["title"];
    bool flagged = title.find("badword") != std::string::npos || title.find("hurt") != std::string::npos;
    if (flagged) EXPECT_NE(r["state"], "published") << r.dump();
    else EXPECT_EQ(r["state"], "published") << r.dump();
  }
  // Search agrees with the store: nothing flagged is findable, every clean acknowledged one is.
  json hits = json::parse(server.Call("GET", "/v1/search?q=badword&limit=100").body);
  EXPECT_EQ(hits["total"], 0) << hits.dump();
  json health = json::parse(server.Call("GET", "/healthz").body);
  EXPECT_EQ(health["applied_sequence"], health["stored_sequence"]);
}

}  // namespace
}  // namespace wenjin
