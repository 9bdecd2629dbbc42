// End-to-end: a real `wenjin serve` process on loopback, searched over HTTP.
#include <fstream>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/util/server_process.h"
#include "tests/util/testutil.h"

namespace wenjin {
namespace {

using testing::ServerProcess;
using testing::TempDir;

class SearchServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    std::ofstream corpus(dir_->str("corpus.ndjson"));
    corpus << R"({"id":"alg-en","title":"Introduction to algebra","description":"Equations, variables and functions for secondary school learners.","lang":"en","subject":"math","level":"secondary","type":"course"})" "\n"
           << R"({"id":"alg-fr","title":"Introduction à l'algèbre","description":"Équations et fonctions pour les élèves du secondaire.","lang":"fr","subject":"math","level":"secondary","type":"course"})" "\n"
           << R"({"id":"zh-1","title":"中文搜索引擎技术","description":"我们在北京学习中文搜索引擎技术。","lang":"zh-Hans","subject":"computing","level":"higher","type":"video"})" "\n"
           << R"({"id":"ar-1","title":"مقدمة في الفيزياء","description":"دروس الفيزياء لطلاب المدارس الثانوية","lang":"ar","subject":"physics","level":"secondary","type":"course"})" "\n"
           << "this line is not json\n";
    corpus.close();
    server_ = new ServerProcess(dir_->str("data"), {"--corpus", dir_->str("corpus.ndjson")}, dir_->str("server.log"));
  }
  static void TearDownTestSuite() {
    delete server_;
    delete dir_;
  }
  static nlohmann::json GetJson(const std::string& target, int expected_status = 200) {
    auto r = server_->Call("GET", target);
    EXPECT_EQ(r.status, expected_status) << target << " -> " << r.body;
    auto j = nlohmann::json::parse(r.body, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << r.body;
    return j;
  }
  static TempDir* dir_;
  static ServerProcess* server_;
};
TempDir* SearchServerTest::dir_ = nullptr;
ServerProcess* SearchServerTest::server_ = nullptr;

TEST_F(SearchServerTest, ServesHealthAndSearch) {
  ASSERT_TRUE(server_->ready());
  auto health = GetJson("/healthz");
  EXPECT_EQ(health["status"], "ok");
  EXPECT_EQ(health["documents"], 4);

  auto j = GetJson("/v1/search?q=algebra");
  ASSERT_GE(j["total"].get<int>(), 1);
  EXPECT_EQ(j["hits"][0]["id"], "alg-en");
  EXPECT_TRUE(j["hits"][0].contains("snippet"));
  EXPECT_TRUE(j.contains("took_ms"));
  EXPECT_TRUE(j["facets"].contains("subject"));

  j = GetJson("/v1/search?q=%E6%90%9C%E7%B4%A2");  // 搜索
  ASSERT_GE(j["total"].get<int>(), 1);
  EXPECT_EQ(j["hits"][0]["id"], "zh-1");

  j = GetJson("/v1/search?q=algebre&lang=fr");  // accents stripped
  ASSERT_GE(j["total"].get<int>(), 1);
  EXPECT_EQ(j["hits"][0]["id"], "alg-fr");

  j = GetJson("/v1/search?q=introduction&subject=math&level=secondary");
  EXPECT_EQ(j["total"], 2);
  j = GetJson("/v1/resources/ar-1");
  EXPECT_EQ(j["title"], "مقدمة في الفيزياء");
}

TEST_F(SearchServerTest, BadRequestsGetJson4xx) {
  const std::pair<std::string, int> cases[] = {
      {"/v1/search", 400},
      {"/v1/search?q=%FF", 400},
      {"/v1/search?q=a&limit=1000", 400},
      {"/v1/search?q=" + std::string(10000, 'x'), 400},
      {"/v1/resources/does-not-exist", 404},
      {"/v1/nothing", 404},
  };
  for (const auto& [target, status] : cases) {
    auto j = GetJson(target, status);
    EXPECT_TRUE(j.contains("error")) << target;
  }
  // Unbalanced quotes and a lone * get an answer, never a 500.
  for (const std::string q : {"%22unbalanced", "*", "AND", "(((", "title%3A"}) {
    auto r = server_->Call("GET", "/v1/search?q=" + q);
    EXPECT_TRUE(r.status == 200 || r.status == 400) << q << " -> " << r.status << " " << r.body;
  }
  auto m = server_->Call("GET", "/metrics");
  EXPECT_EQ(m.status, 200);
  EXPECT_EQ(m.headers["content-type"].rfind("text/plain", 0), 0u) << m.headers["content-type"];
  EXPECT_EQ(server_->Call("GET", "/v1/search?q=algebra").headers["content-type"], "application/json");
  EXPECT_NE(m.body.find("wenjin_http_requests_total{method=\"GET\",route=\"get_search\",status=\"400\"}"),
            std::string::npos);
}

// A server with a low rate limit: a burst past it gets 429 with Retry-After and a JSON error;
// after waiting that long, requests go through again.
TEST(RateLimitTest, BurstGets429WithRetryAfter) {
  TempDir dir;
  ServerProcess server(dir.str("data"), {"--no-corpus", "--rate-limit", "1"}, dir.str("server.log"));
  ASSERT_TRUE(server.ready());
  testing::HttpResult limited;
  int ok = 0;
  for (int i = 0; i < 10 && limited.status == 0; ++i) {
    auto r = server.Call("GET", "/v1/search?q=algebra");
    if (r.status == 429) {
      limited = r;
    } else {
      EXPECT_EQ(r.status, 200) << r.body;
      ++ok;
    }
  }
  ASSERT_EQ(limited.status, 429) << "no request was limited";
  EXPECT_GE(ok, 1);  // the burst allowance came first
  ASSERT_TRUE(limited.headers.count("retry-after"));
  const int wait_s = std::stoi(limited.headers["retry-after"]);
  EXPECT_GE(wait_s, 1);
  auto j = nlohmann::json::parse(limited.body, nullptr, false);
  EXPECT_EQ(j["error"]["code"], "rate_limited") << limited.body;
  EXPECT_EQ(limited.headers["content-type"], "application/json");
  std::this_thread::sleep_for(std::chrono::seconds(wait_s));
  EXPECT_EQ(server.Call("GET", "/v1/search?q=algebra").status, 200);
}

}  // namespace
}  // namespace wenjin
