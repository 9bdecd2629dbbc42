#include "api/request_params.h"

#include <gtest/gtest.h>

namespace wenjin::api {
namespace {

HttpRequest Get(const std::string& query, const std::string& accept_language = "") {
  HttpRequest r;
  r.method = "GET";
  r.path = "/v1/search";
  r.query = ParseQueryString(query);
  if (!accept_language.empty()) r.headers["accept-language"] = accept_language;
  return r;
}

TEST(SearchParamsTest, ParsesEveryParameter) {
  index::SearchRequest s;
  ASSERT_TRUE(ParseSearchRequest(Get("q=algebra&lang=EN-us&level=primary,secondary&level=higher&origin=ai"
                                     "&offset=20&limit=5&sort=date&typo=false&highlight=false&facets=false", "fr;q=0.8"), &s).ok());
  EXPECT_EQ(s.query, "algebra");
  EXPECT_EQ(s.lang, "en-US");
  EXPECT_EQ(s.filters["level"], (std::vector<std::string>{"primary", "secondary", "higher"}));
  EXPECT_EQ(s.filters["origin"], (std::vector<std::string>{"ai"}));
  EXPECT_EQ(s.offset, 20u);
  EXPECT_EQ(s.limit, 5u);
  EXPECT_EQ(s.sort, index::SearchRequest::Sort::kDate);
  EXPECT_FALSE(s.typo_tolerance);
  EXPECT_FALSE(s.highlight);
  EXPECT_FALSE(s.facets);
  EXPECT_EQ(s.accept_language, "fr;q=0.8");
}

TEST(SearchParamsTest, SwitchesDefaultToOn) {
  index::SearchRequest s;
  ASSERT_TRUE(ParseSearchRequest(Get("q=algebra"), &s).ok());
  EXPECT_TRUE(s.typo_tolerance);
  EXPECT_TRUE(s.highlight);
  EXPECT_TRUE(s.facets);
  ASSERT_TRUE(ParseSearchRequest(Get("q=algebra&facets=true&highlight=true"), &s).ok());
  EXPECT_TRUE(s.highlight);
  EXPECT_TRUE(s.facets);
}

TEST(SearchParamsTest, RejectsBadInputNamingTheParameter) {
  const std::pair<std::string, std::string> cases[] = {
      {"", "q is required"},
      {"q=%20%20", "q is empty"},
      {"q=%FF%FE", "UTF-8"},
      {"q=" + std::string(5000, 'a'), "longer than"},
      {"q=a&limit=0", "limit"},
      {"q=a&limit=101", "limit"},
      {"q=a&limit=ten", "limit must be an integer"},
      {"q=a&offset=-1", "offset"},
      {"q=a&sort=popular", "sort"},
      {"q=a&lang=notalang!", "BCP-47"},
      {"q=a&origin=robot", "origin"},
      {"q=a&typo=maybe", "typo"},
      {"q=a&facets=0", "facets must be 'true' or 'false'"},
      {"q=a&highlight=yes", "highlight must be 'true' or 'false'"},
  };
  for (const auto& [query, expected] : cases) {
    index::SearchRequest s;
    Status status = ParseSearchRequest(Get(query), &s);
    EXPECT_EQ(status.code(), Status::Code::kInvalidArgument) << query;
    EXPECT_NE(status.message().find(expected), std::string::npos) << query << " -> " << status.message();
  }
}

}  // namespace
}  // namespace wenjin::api
