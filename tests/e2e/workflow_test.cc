// End-to-end over real HTTP: upload -> screen -> queue -> claim -> decide -> searchable, for
// human and AI-generated content; roles against routes; bad input; leases; audit; lexicon swap.
#include <fstream>
#include <set>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/util/server_process.h"
#include "tests/util/testutil.h"

namespace wenjin {
namespace {

using nlohmann::json;
using testing::ServerProcess;
using testing::TempDir;

constexpr const char* kLexicon =
    "pattern\tkind\tcategory\tseverity\tlangs\tnote\n"
    "badword\tterm\tharassment\tmedium\t*\ttest\n"
    "meanword\tterm\tharassment\thigh\ten\ttest\n"
    "sevword\tterm\tviolence\thigh\t*\ttest\n"
    "i will hurt you\tterm\tviolence\tblock\ten\ttest\n"
    "as an ai language model\tterm\tai-artifact\tmedium\ten\ttest\n"
    "scunthorpe\tallow\t\t\t*\ttest\n";

std::string RunCli(const std::string& args) {
  std::string cmd = std::string(WENJIN_BINARY) + " " + args + " 2>/dev/null";
  std::string out;
  FILE* p = ::popen(cmd.c_str(), "r");
  char buf[256];
  while (p && fgets(buf, sizeof buf, p)) out += buf;
  if (p) ::pclose(p);
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

class WorkflowTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    std::filesystem::create_directories(dir_->path() / "lex");
    std::ofstream(dir_->str("lex/rules.tsv")) << kLexicon;
    const std::string data = dir_->str("data");
    for (const char* role : {"admin", "publisher", "reviewer", "senior_reviewer"}) {
      keys_[role] = RunCli("keys create --data " + data + " --role " + role);
    }
    keys_["publisher2"] = RunCli("keys create --data " + data + " --role publisher");
    server_ = new ServerProcess(data, {"--no-corpus", "--lexicons", dir_->str("lex"), "--rate-limit", "0",
                                       "--max-body", "100000"},
                                dir_->str("server.log"));
  }
  static void TearDownTestSuite() {
    delete server_;
    delete dir_;
  }
  static testing::HttpResult Call(const std::string& method, const std::string& target, const std::string& who,
                                  const std::string& body = "", std::map<std::string, std::string> headers = {}) {
    if (!who.empty()) headers["Authorization"] = "Bearer " + keys_[who];
    if (!body.empty() && !headers.count("Content-Type")) headers["Content-Type"] = "application/json";
    return server_->Call(method, target, body, headers);
  }
  static json J(const testing::HttpResult& r) {
    auto j = json::parse(r.body, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << r.status << " " << r.body;
    return j;
  }
  static json Search(const std::string& q) {
    return J(Call("GET", "/v1/search?q=" + q, ""));
  }
  static bool Found(const std::string& q, const std::string& id) {
    // Bind the response first: a range-for over a member of a temporary would dangle.
    const json result = Search(q);
    for (const auto& h : result["hits"]) {
      if (h["id"] == id) return true;
    }
    return false;
  }
  static TempDir* dir_;
  static ServerProcess* server_;
  static std::map<std::string, std::string> keys_;
};
TempDir* WorkflowTest::dir_ = nullptr;
ServerProcess* WorkflowTest::server_ = nullptr;
std::map<std::string, std::string> WorkflowTest::keys_;

TEST_F(WorkflowTest, CleanUploadIsPublishedAtOnceAndWithdrawnAtOnce) {
  ASSERT_TRUE(server_->ready());
  for (const auto& [role, key] : keys_) ASSERT_EQ(key.rfind("wj_", 0), 0u) << role << ": " << key;
  auto r = Call("POST", "/v1/resources", "publisher",
                R"({"id":"clean-1","title":"Photosynthesis explained","description":"How plants in Scunthorpe turn light into sugar.","lang":"en","subject":"biology","level":"secondary"})");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(J(r)["state"], "published");
  EXPECT_TRUE(Found("photosynthesis", "clean-1"));
  EXPECT_EQ(Call("GET", "/v1/resources/clean-1", "").status, 200);
  r = Call("DELETE", "/v1/resources/clean-1", "publisher2");  // not the owner
  EXPECT_EQ(r.status, 404);
  r = Call("DELETE", "/v1/resources/clean-1", "publisher");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_FALSE(Found("photosynthesis", "clean-1"));
  EXPECT_EQ(Call("GET", "/v1/resources/clean-1", "").status, 404);
  EXPECT_EQ(J(Call("GET", "/v1/resources/clean-1", "publisher"))["state"], "withdrawn");
}

TEST_F(WorkflowTest, FlaggedUploadGoesThroughReviewToSearch) {
  for (const std::string origin : {"human", "ai"}) {
    const std::string id = "flagged-" + origin;
    json body = {{"id", id}, {"title", "Chemistry revision " + origin}, {"lang", "en"}, {"origin", origin},
                 {"description", "Balancing equations. Some b.a.d.w.o.r.d in the notes."}};
    if (origin == "ai") body["model"] = "tutor-llm-1";
    auto r = Call("POST", "/v1/resources", "publisher", body.dump());
    ASSERT_EQ(r.status, 201) << r.body;
    json up = J(r);
    EXPECT_EQ(up["state"], "in_review");
    ASSERT_FALSE(up["flags"].empty());
    EXPECT_EQ(up["flags"][0]["rule"], "badword");
    EXPECT_EQ(up["flags"][0]["field"], "description");
    EXPECT_EQ(up["flags"][0]["excerpt"].get<std::string>().find("b.a.d.w.o.r.d") != std::string::npos, true);
    EXPECT_FALSE(Found("chemistry", id));
    EXPECT_EQ(Call("GET", "/v1/resources/" + id, "").status, 404);
    json mine = J(Call("GET", "/v1/resources/" + id, "publisher"));
    EXPECT_EQ(mine["state"], "in_review");
    EXPECT_EQ(mine["review"]["verdict"], "review");

    // The queue shows it with its flag; AI-generated first among equal severities.
    json queue = J(Call("GET", "/v1/review/queue", "reviewer"));
    std::string item_id;
    for (const auto& it : queue["items"]) {
      if (it["resource_id"] == id) item_id = it["id"];
    }
    ASSERT_FALSE(item_id.empty()) << queue.dump();
    // Deciding without a claim is refused; a second reviewer's claim is 409.
    r = Call("POST", "/v1/review/items/" + item_id + "/decision", "reviewer", R"({"decision":"approve","reason":"ok"})");
    EXPECT_EQ(r.status, 409);
    ASSERT_EQ(Call("POST", "/v1/review/items/" + item_id + "/claim", "reviewer").status, 200);
    EXPECT_EQ(Call("POST", "/v1/review/items/" + item_id + "/claim", "senior_reviewer").status, 409);
    r = Call("POST", "/v1/review/items/" + item_id + "/decision", "reviewer",
             R"({"decision":"approve","reason":"quoted in a lesson about insults"})");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_TRUE(Found("chemistry", id)) << origin;
  }
  json q = J(Call("GET", "/v1/review/queue", "reviewer"));
  for (const auto& it : q["items"]) EXPECT_NE(it["resource_id"].get<std::string>().rfind("flagged-", 0), 0u);
}

TEST_F(WorkflowTest, BlockedUploadIsRejectedAndMayBeAppealedOnce) {
  auto r = Call("POST", "/v1/resources", "publisher",
                R"({"id":"threat","title":"Letter","body":"I will hurt you","lang":"en"})");
  ASSERT_EQ(r.status, 201);
  EXPECT_EQ(J(r)["state"], "rejected");
  r = Call("POST", "/v1/resources/threat/appeal", "publisher", R"({"reason":"it is a quote from a novel"})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(J(r)["state"], "in_review");
  std::string item = J(r)["review_item"];
  ASSERT_EQ(Call("POST", "/v1/review/items/" + item + "/claim", "reviewer").status, 200);
  r = Call("POST", "/v1/review/items/" + item + "/decision", "reviewer", R"({"decision":"escalate","reason":"unsure"})");
  ASSERT_EQ(r.status, 200) << r.body;
  // Escalated: only senior reviewers see and decide it.
  EXPECT_EQ(Call("GET", "/v1/review/queue?queue=senior", "reviewer").status, 403);
  json senior = J(Call("GET", "/v1/review/queue?queue=senior", "senior_reviewer"));
  ASSERT_EQ(senior["items"].size(), 1u);
  EXPECT_EQ(senior["items"][0]["history"].size(), 3u);  // appeal, claim, escalate (blocked uploads open no item)
  ASSERT_EQ(Call("POST", "/v1/review/items/" + item + "/claim", "senior_reviewer").status, 200);
  r = Call("POST", "/v1/review/items/" + item + "/decision", "senior_reviewer", R"({"decision":"reject","reason":"threat"})");
  ASSERT_EQ(r.status, 200);
  json mine = J(Call("GET", "/v1/resources/threat", "publisher"));
  EXPECT_EQ(mine["state"], "rejected");
  EXPECT_EQ(mine["review"]["reason"], "threat");
  EXPECT_EQ(Call("POST", "/v1/resources/threat/appeal", "publisher", R"({"reason":"again"})").status, 409);
}

TEST_F(WorkflowTest, ExpiredLeaseReturnsItemToQueue) {
  auto r = Call("POST", "/v1/resources", "publisher", R"({"id":"lease-1","title":"meanword essay","lang":"en"})");
  std::string item = J(r)["review_item"];
  ASSERT_EQ(Call("POST", "/v1/review/items/" + item + "/claim", "reviewer", R"({"lease_seconds":1})").status, 200);
  auto listed = [&] {
    const json queue = J(Call("GET", "/v1/review/queue", "senior_reviewer"));
    for (const auto& it : queue["items"]) {
      if (it["id"] == item) return true;
    }
    return false;
  };
  EXPECT_FALSE(listed());
  EXPECT_EQ(Call("POST", "/v1/review/items/" + item + "/claim", "senior_reviewer").status, 409);
  std::this_thread::sleep_for(std::chrono::milliseconds(1300));
  EXPECT_TRUE(listed());
  EXPECT_EQ(Call("POST", "/v1/review/items/" + item + "/claim", "senior_reviewer").status, 200);
  // The first reviewer's lease is gone: its decision is refused.
  EXPECT_EQ(Call("POST", "/v1/review/items/" + item + "/decision", "reviewer", R"({"decision":"approve","reason":"x"})").status,
            409);
}

TEST_F(WorkflowTest, EveryRoleAgainstEveryProtectedRoute) {
  struct Case {
    std::string method, target, body;
    std::map<std::string, int> status;  // role ("" = anonymous) -> expected status
  };
  const std::vector<Case> cases = {
      {"POST", "/v1/resources", R"({"title":"Roles test","lang":"en"})",
       {{"", 401}, {"publisher", 201}, {"reviewer", 403}, {"senior_reviewer", 403}, {"admin", 201}}},
      {"GET", "/v1/review/queue", "",
       {{"", 401}, {"publisher", 403}, {"reviewer", 200}, {"senior_reviewer", 200}, {"admin", 200}}},
      {"GET", "/v1/review/queue?queue=senior", "",
       {{"", 401}, {"publisher", 403}, {"reviewer", 403}, {"senior_reviewer", 200}, {"admin", 200}}},
      {"POST", "/v1/keys", R"({"role":"publisher"})",
       {{"", 401}, {"publisher", 403}, {"reviewer", 403}, {"senior_reviewer", 403}, {"admin", 201}}},
      {"GET", "/v1/audit", "", {{"", 401}, {"publisher", 403}, {"reviewer", 403}, {"senior_reviewer", 403}, {"admin", 200}}},
      {"GET", "/v1/lexicons", "",
       {{"", 401}, {"publisher", 403}, {"reviewer", 403}, {"senior_reviewer", 403}, {"admin", 200}}},
      {"GET", "/v1/my/resources", "", {{"", 401}, {"publisher", 200}, {"reviewer", 403}, {"admin", 200}}},
      {"GET", "/v1/search?q=roles", "", {{"", 200}, {"publisher", 200}, {"reviewer", 200}, {"admin", 200}}},
      {"POST", "/v1/screen", R"({"text":"hello"})", {{"", 200}, {"reviewer", 200}}},
  };
  for (const auto& c : cases) {
    for (const auto& [role, expected] : c.status) {
      auto r = Call(c.method, c.target, role, c.body);
      EXPECT_EQ(r.status, expected) << c.method << " " << c.target << " as '" << role << "': " << r.body;
      if (r.status >= 400) {
        EXPECT_TRUE(J(r).contains("error"));
      }
    }
  }
  EXPECT_EQ(server_->Call("GET", "/v1/review/queue", "", {{"Authorization", "Bearer wj_not_a_key"}}).status, 401);
  EXPECT_EQ(server_->Call("GET", "/v1/review/queue", "", {{"Authorization", "Basic abc"}}).status, 401);
}

TEST_F(WorkflowTest, BadUploadsGetClearErrorsAndStoreNothing) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"{", "not valid JSON"},
      {"[1]", "JSON object"},
      {R"({"title":"x"})", "lang is required"},
      {R"({"title":"x","lang":"zz-!!"})", "BCP-47"},
      {R"({"lang":"en"})", "title is required"},
      {"{\"title\":\"\xff\",\"lang\":\"en\"}", "UTF-8"},
      {R"({"title":"x","lang":"en","origin":"robot"})", "origin"},
      {R"({"title":"x","lang":"en","body":"no header","body_format":"webvtt"})", "body"},
  };
  for (const auto& [body, message] : cases) {
    auto r = Call("POST", "/v1/resources", "publisher", body);
    EXPECT_EQ(r.status, 400) << body << " -> " << r.body;
    EXPECT_NE(J(r)["error"]["message"].get<std::string>().find(message), std::string::npos) << r.body;
  }
  auto r = Call("POST", "/v1/resources", "publisher", std::string(200000, ' '));
  EXPECT_EQ(r.status, 413);
  json mine = J(Call("GET", "/v1/my/resources?state=in_review", "publisher2"));
  EXPECT_TRUE(mine["resources"].empty());
}

TEST_F(WorkflowTest, IdempotentRetriesAndBulkAndFiles) {
  const std::string body = R"({"title":"Fractions for beginners","lang":"en"})";
  auto a = Call("POST", "/v1/resources", "publisher2", body, {{"Idempotency-Key", "k-1"}});
  auto b = Call("POST", "/v1/resources", "publisher2", body, {{"Idempotency-Key", "k-1"}});
  ASSERT_EQ(a.status, 201);
  ASSERT_EQ(b.status, 200);
  EXPECT_EQ(J(a)["id"], J(b)["id"]);
  EXPECT_EQ(Call("POST", "/v1/resources", "publisher2", R"({"title":"Other","lang":"en"})",
                 {{"Idempotency-Key", "k-1"}}).status, 409);

  std::string ndjson = R"({"id":"bulk-1","title":"Bulk one","lang":"fr"})" "\n"
                       "not json\n"
                       R"({"id":"bulk-3","title":"Bulk three badword","lang":"es"})" "\n";
  auto r = Call("POST", "/v1/resources:bulk", "publisher2", ndjson, {{"Content-Type", "application/x-ndjson"}});
  ASSERT_EQ(r.status, 200) << r.body;
  std::vector<json> lines;
  std::istringstream in(r.body);
  for (std::string line; std::getline(in, line);) lines.push_back(json::parse(line));
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0]["state"], "published");
  EXPECT_TRUE(lines[1].contains("error"));
  EXPECT_EQ(lines[2]["state"], "in_review");

  // A subtitle file: the spoken text is screened and searchable, the original kept.
  std::string srt = "1\r\n00:00:01,000 --> 00:00:03,000\r\nToday we study <i>volcanoes</i>.\r\n\r\n";
  r = Call("POST", "/v1/resources?lang=en&title=Earth%20science&filename=lesson.srt&id=srt-1", "publisher2", srt,
           {{"Content-Type", "application/x-subrip"}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_TRUE(Found("volcanoes", "srt-1"));
  json mine = J(Call("GET", "/v1/resources/srt-1", "publisher2"));
  EXPECT_EQ(mine["original"]["format"], "srt");
  EXPECT_EQ(mine["original"]["content"], srt);
}

TEST_F(WorkflowTest, ReplaceRescreensAndEveryFileFormatIsExtracted) {
  // PUT replaces and screens again: a clean resource that turns flagged leaves search at once.
  auto r = Call("POST", "/v1/resources", "publisher", R"({"id":"put-1","title":"Rivers of Europe","lang":"en"})");
  ASSERT_EQ(J(r)["state"], "published");
  ASSERT_TRUE(Found("rivers", "put-1"));
  const std::string flagged = R"({"title":"Rivers of Europe","description":"a badword here","lang":"en"})";
  EXPECT_EQ(Call("PUT", "/v1/resources/put-1", "publisher2", flagged).status, 404);  // not the owner
  EXPECT_EQ(Call("PUT", "/v1/resources/no-such-resource", "publisher", flagged).status, 404);
  r = Call("PUT", "/v1/resources/put-1", "publisher", flagged);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(J(r)["state"], "in_review");
  EXPECT_FALSE(Found("rivers", "put-1"));
  // An admin may replace it too; it stays the publisher's.
  r = Call("PUT", "/v1/resources/put-1", "admin", R"({"title":"Rivers of Europe","lang":"en"})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(J(r)["state"], "published");
  EXPECT_EQ(J(Call("GET", "/v1/resources/put-1", "publisher"))["state"], "published");
  EXPECT_EQ(Call("DELETE", "/v1/resources/put-1", "publisher").status, 200);

  // Files: the text is extracted (HTML scripts and styles dropped), screened and searchable.
  struct File {
    std::string id, filename, content_type, content, word;
  } files[] = {
      {"md-1", "notes.md", "text/markdown", "# Glaciers\n\nIce *moves* slowly.\n", "glaciers"},
      {"html-1", "page.html", "text/html",
       "<html><head><style>p{color:red}</style><script>var badword = 1;</script></head>"
       "<body><p>Deserts are dry.</p></body></html>",
       "deserts"},
      {"vtt-1", "talk.vtt", "text/vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nCanyons are carved by rivers.\n",
       "canyons"},
  };
  for (const auto& f : files) {
    r = Call("POST", "/v1/resources?lang=en&title=Lesson&id=" + f.id + "&filename=" + f.filename, "publisher2",
             f.content, {{"Content-Type", f.content_type}});
    ASSERT_EQ(r.status, 201) << f.id << ": " << r.body;
    EXPECT_EQ(J(r)["state"], "published") << f.id << ": " << r.body;  // the script's badword is not text
    EXPECT_TRUE(Found(f.word, f.id)) << f.id;
    EXPECT_EQ(J(Call("GET", "/v1/resources/" + f.id, "publisher2"))["original"]["content"], f.content) << f.id;
  }
}

TEST_F(WorkflowTest, QueueIsOrderedAndFiltered) {
  // Same severity: AI-generated first; higher severity before both; then filters.
  const std::string lang_tag = "sw";  // a language no other test uploads, so the filter isolates these
  auto upload = [&](const std::string& id, const std::string& text, const std::string& origin) {
    json body = {{"id", id}, {"title", "Lesson " + id}, {"description", text}, {"lang", lang_tag}, {"origin", origin}};
    if (origin == "ai") body["model"] = "tutor-llm-1";
    auto r = Call("POST", "/v1/resources", "publisher", body.dump());
    EXPECT_EQ(J(r)["state"], "in_review") << r.body;
  };
  upload("q-human-medium", "Notes with badword inside.", "human");
  upload("q-ai-medium", "Answer with badword inside.", "ai");
  upload("q-human-high", "Essay with sevword inside.", "human");
  json queue = J(Call("GET", "/v1/review/queue?lang=" + lang_tag, "reviewer"));
  std::vector<std::string> order;
  for (const auto& it : queue["items"]) order.push_back(it["resource_id"]);
  EXPECT_EQ(order, (std::vector<std::string>{"q-human-high", "q-ai-medium", "q-human-medium"})) << queue.dump();
  ASSERT_EQ(queue["items"].size(), 3u);
  // Each item shows its flags with the matched span in context.
  const json& flag = queue["items"][1]["flags"][0];
  EXPECT_EQ(flag["rule"], "badword");
  EXPECT_EQ(flag["field"], "description");
  EXPECT_NE(flag["excerpt"].get<std::string>().find("Answer with badword"), std::string::npos) << flag.dump();

  auto count = [&](const std::string& query) {
    return J(Call("GET", "/v1/review/queue?lang=" + lang_tag + "&" + query, "reviewer"))["items"].size();
  };
  EXPECT_EQ(count("category=harassment"), 2u);
  EXPECT_EQ(count("category=violence"), 1u);
  EXPECT_EQ(count("severity=high"), 1u);
  EXPECT_EQ(count("category=harassment&severity=high"), 0u);
  EXPECT_EQ(J(Call("GET", "/v1/review/queue?lang=zu", "reviewer"))["items"].size(), 0u);
  EXPECT_EQ(Call("GET", "/v1/review/queue?severity=extreme", "reviewer").status, 400);
}

TEST_F(WorkflowTest, OversizedUploadIs413AndStoresNothing) {
  json body = {{"id", "huge-1"}, {"title", "Huge"}, {"lang", "en"}, {"body", std::string(150000, 'a')}};
  auto r = Call("POST", "/v1/resources", "publisher", body.dump());
  EXPECT_EQ(r.status, 413) << r.body.substr(0, 200);
  EXPECT_TRUE(J(r).contains("error"));
  EXPECT_EQ(Call("GET", "/v1/resources/huge-1", "publisher").status, 404);
}

TEST_F(WorkflowTest, StreamingScreenSessions) {
  auto r = Call("POST", "/v1/screen/sessions", "", R"({"lang":"en"})");
  ASSERT_EQ(r.status, 201) << r.body;
  std::string id = J(r)["id"];
  const std::string text = "Sure! As an AI language model I can help with fractions.";
  for (char c : text) {
    r = Call("POST", "/v1/screen/sessions/" + id + "/chunks", "", std::string(1, c),
             {{"Content-Type", "application/octet-stream"}});
    ASSERT_EQ(r.status, 200) << r.body;
  }
  r = Call("DELETE", "/v1/screen/sessions/" + id, "");
  ASSERT_EQ(r.status, 200);
  json v = J(r);
  EXPECT_EQ(v["verdict"], "review");
  EXPECT_EQ(v["flags"][0]["rule"], "as an ai language model");
  EXPECT_EQ(v["flags"][0]["start"], 6);
  EXPECT_EQ(Call("DELETE", "/v1/screen/sessions/" + id, "").status, 404);
  json once = J(Call("POST", "/v1/screen", "", json({{"text", text}, {"origin", "ai"}}).dump()));
  EXPECT_EQ(once["verdict"], "review");
}

TEST_F(WorkflowTest, LexiconChangeRescreensPublishedResources) {
  auto r = Call("POST", "/v1/resources", "publisher", R"({"id":"rescan-1","title":"Gardening with zorblax","lang":"en"})");
  ASSERT_EQ(J(r)["state"], "published");
  ASSERT_TRUE(Found("gardening", "rescan-1"));
  json files = {{"files", {{"rules.tsv", std::string(kLexicon) + "zorblax\tterm\tadult\thigh\t*\tnew\n"}}}};
  r = Call("POST", "/v1/lexicons", "publisher", files.dump());
  EXPECT_EQ(r.status, 403);
  r = Call("POST", "/v1/lexicons", "admin", json({{"files", {{"bad.tsv", "pattern\tkind\nx\tnope\n"}}}}).dump());
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(J(r)["error"]["message"].get<std::string>().find("bad.tsv:2"), std::string::npos) << r.body;
  r = Call("POST", "/v1/lexicons", "admin", files.dump());
  ASSERT_EQ(r.status, 201) << r.body;
  bool changed = false;
  const json rescan = J(r);
  for (const auto& c : rescan["changed"]) changed = changed || c["id"] == "rescan-1";
  EXPECT_TRUE(changed) << r.body;
  EXPECT_FALSE(Found("gardening", "rescan-1"));
  EXPECT_EQ(J(Call("GET", "/v1/resources/rescan-1", "publisher"))["state"], "in_review");
  json versions = J(Call("GET", "/v1/lexicons", "admin"));
  EXPECT_EQ(versions["versions"].size(), 2u);
}

TEST_F(WorkflowTest, AuditTrailRecordsTheStepsAndOpenApiMatches) {
  auto r = Call("POST", "/v1/resources", "publisher", R"({"id":"audit-1","title":"badword audit","lang":"en"})");
  json records = J(Call("GET", "/v1/audit?resource=audit-1", "admin"))["records"];
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0]["action"], "upload");
  EXPECT_EQ(records[1]["action"], "verdict");
  EXPECT_EQ(records[1]["after"]["state"], "in_review");
  // By actor: the publisher's key id, as the upload record names it.
  const std::string actor = records[0]["actor"];
  ASSERT_EQ(actor.rfind("k_", 0), 0u) << actor;
  const json by_actor = J(Call("GET", "/v1/audit?actor=" + actor, "admin"))["records"];
  ASSERT_FALSE(by_actor.empty());
  for (const auto& rec : by_actor) EXPECT_EQ(rec["actor"], actor) << rec.dump();
  EXPECT_TRUE(J(Call("GET", "/v1/audit?actor=k_nobody", "admin"))["records"].empty());
  EXPECT_EQ(Call("GET", "/v1/audit", "reviewer").status, 403);
  json doc = J(Call("GET", "/v1/openapi.json", ""));
  EXPECT_EQ(doc["openapi"], "3.0.3");
  for (const auto& [path, ops] : doc["paths"].items()) {
    for (const auto& [method, op] : ops.items()) EXPECT_FALSE(op.contains("undocumented")) << method << " " << path;
  }
  EXPECT_TRUE(doc["paths"].contains("/v1/review/items/{id}/decision"));
  EXPECT_TRUE(doc["paths"]["/v1/resources/{id}"].contains("delete"));
  std::string metrics = Call("GET", "/metrics", "").body;
  EXPECT_NE(metrics.find("wenjin_review_queue_depth{queue=\"standard\"}"), std::string::npos);
  EXPECT_NE(metrics.find("wenjin_verdicts_total{source=\"upload\",verdict=\"review\"}"), std::string::npos);
}

// The server's log is JSON lines, and holds neither keys, nor uploaded text, nor callers'
// addresses (ctest runs each test in a process of its own: this one makes its own requests).
TEST_F(WorkflowTest, LogsAreJsonLinesWithoutPersonalData) {
  Call("POST", "/v1/resources", "publisher",
       R"({"id":"log-1","title":"Photosynthesis diary","description":"Mail me: pupil@example.org","lang":"en"})");
  Call("GET", "/v1/search?q=photosynthesis", "");
  Call("GET", "/v1/review/queue", "reviewer");
  server_->Call("GET", "/v1/review/queue", "", {{"Authorization", "Bearer wj_not_a_key"}});
  std::ifstream in(dir_->str("server.log"));
  size_t requests = 0;
  std::string all;
  for (std::string line; std::getline(in, line);) {
    auto j = json::parse(line, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << line;
    ASSERT_TRUE(j.contains("ts") && j.contains("level") && j.contains("event")) << line;
    if (j["event"] == "request") {
      ++requests;
      for (const auto& [field, value] : j.items()) {  // no caller address, key or query string
        EXPECT_TRUE(std::set<std::string>({"ts", "level", "event", "route", "method", "status", "ms", "bytes_in",
                                           "bytes_out"})
                        .count(field))
            << line;
      }
    }
    all += line + "\n";
  }
  EXPECT_GE(requests, 4u);
  for (const auto& [role, key] : keys_) EXPECT_EQ(all.find(key), std::string::npos) << role << "'s key is logged";
  for (const char* text : {"Photosynthesis", "photosynthesis", "pupil@example.org", "wj_not_a_key"}) {
    EXPECT_EQ(all.find(text), std::string::npos) << text;
  }
}

}  // namespace
}  // namespace wenjin
