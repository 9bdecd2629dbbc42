#include "api/router.h"

#include <gtest/gtest.h>

#include "api/log.h"

namespace wenjin::api {
namespace {

HttpResponse Echo(HttpRequest& r) {
  nlohmann::json params = r.params;
  return HttpResponse::Json(200, params);
}

class RouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SetLoggingEnabled(false);
    router_.Add({"GET", "/v1/resources/:id", "get_resource", Echo});
    router_.Add({"DELETE", "/v1/resources/:id", "delete_resource", Echo});
    router_.Add({"POST", "/v1/resources:bulk", "post_bulk", Echo});
    router_.Add({"GET", "/boom", "boom", [](HttpRequest&) -> HttpResponse { throw std::runtime_error("x"); }});
  }
  HttpResponse Call(const std::string& method, const std::string& path, std::string* route) {
    HttpRequest r;
    r.method = method;
    r.path = path;
    return router_.Dispatch(r, route);
  }
  Router router_;
};

TEST_F(RouterTest, MatchesAndDecodesParameters) {
  std::string route;
  HttpResponse r = Call("GET", "/v1/resources/a%2Fb%20c", &route);
  EXPECT_EQ(route, "get_resource");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(nlohmann::json::parse(r.body)["id"], "a/b c");
  r = Call("GET", "/v1/resources/%E4%B8%AD%E6%96%87", &route);
  EXPECT_EQ(nlohmann::json::parse(r.body)["id"], "中文");
  r = Call("POST", "/v1/resources:bulk", &route);
  EXPECT_EQ(route, "post_bulk");
}

TEST_F(RouterTest, UnknownPathIs404AndWrongMethodIs405) {
  std::string route;
  HttpResponse r = Call("GET", "/v1/nothing", &route);
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(nlohmann::json::parse(r.body)["error"]["code"], "not_found");
  r = Call("PUT", "/v1/resources/x", &route);
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.headers["Allow"], "GET, DELETE");
}

TEST_F(RouterTest, HandlerExceptionBecomes500Json) {
  std::string route;
  HttpResponse r = Call("GET", "/boom", &route);
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(nlohmann::json::parse(r.body)["error"]["code"], "internal");
}

TEST(HttpTest, StatusTableAndQueryParsing) {
  EXPECT_EQ(HttpStatusFor(Status::Code::kInvalidArgument), 400);
  EXPECT_EQ(HttpStatusFor(Status::Code::kUnauthenticated), 401);
  EXPECT_EQ(HttpStatusFor(Status::Code::kPermissionDenied), 403);
  EXPECT_EQ(HttpStatusFor(Status::Code::kNotFound), 404);
  EXPECT_EQ(HttpStatusFor(Status::Code::kConflict), 409);
  EXPECT_EQ(HttpStatusFor(Status::Code::kResourceExhausted), 429);
  EXPECT_EQ(HttpStatusFor(Status::Code::kCorruption), 500);
  auto q = ParseQueryString("q=%E5%AD%A6%E4%B9%A0+math&lang=zh&level=a&level=b&bad=%zz&flag");
  EXPECT_EQ(q.find("q")->second, "学习 math");
  EXPECT_EQ(q.count("level"), 2u);
  EXPECT_EQ(q.find("bad")->second, "%zz");
  EXPECT_EQ(q.find("flag")->second, "");
  EXPECT_EQ(PercentDecode("a%", false), "a%");
  EXPECT_EQ(PercentDecode("a%4", false), "a%4");
  EXPECT_EQ(PercentDecode("%41+", false), "A+");
}

}  // namespace
}  // namespace wenjin::api
