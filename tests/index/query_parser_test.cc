// Table tests of the query language: input -> canonical parse tree, and inputs that are refused.
#include "index/query_parser.h"

#include <gtest/gtest.h>

#include "tests/util/testutil.h"

namespace wenjin::index {
namespace {

struct Case {
  const char* input;
  const char* expected;
};

TEST(QueryParserTest, CanonicalForms) {
  const Case cases[] = {
      {"education", "education"},
      {"open education", "(open education)"},
      {"\"open education\" resources", "(\"open education\" resources)"},
      {"cats OR dogs", "(cats OR dogs)"},
      {"a b OR c", "((a b) OR c)"},
      {"a AND b", "(+a +b)"},
      {"a b AND c", "(a +b +c)"},
      {"+math -algebra", "(+math -algebra)"},
      {"math NOT algebra", "(math -algebra)"},
      {"educ*", "educ*"},
      {"subject:math fractions", "(subject:math fractions)"},
      {"Subject:math", "subject:math"},
      {"title:\"human rights\"", "title:\"human rights\""},
      {"lang:fr école", "(lang:fr école)"},
      {"http://example.org", "http://example.org"},
      {"e-mail", "e-mail"},
      {"(a OR b) c", "((a OR b) c)"},
      {"+(a OR b) c", "(+(a OR b) c)"},
      {"北京大学　历史", "(北京大学 历史)"},  // ideographic space separates
      {"\"unclosed phrase", "\"unclosed phrase\""},
      {"(a b", "(a b)"},
      {"a b)", "(a b)"},
      {"a AND", "a"},
      {"OR a", "a"},
      {"* math", "math"},
      {"- a", "a"},
      {"-a", "-a"},
      {"NOT NOT a", "--a"},
  };
  for (const auto& c : cases) {
    QueryNode root;
    ASSERT_OK(ParseQuery(c.input, &root));
    EXPECT_EQ(ToString(root), c.expected) << "input: " << c.input;
  }
}

TEST(QueryParserTest, NothingToSearchIsRefused) {
  const char* cases[] = {"", "   ", "*", "**", "( )", "NOT", "AND OR", "\"\"", "subject:", "+", "-"};
  for (const char* input : cases) {
    QueryNode root;
    Status s = ParseQuery(input, &root);
    EXPECT_EQ(s.code(), Status::Code::kInvalidArgument) << "input: '" << input << "' gave " << ToString(root);
  }
}

TEST(QueryParserTest, LongQueriesKeepTheFirstWords) {
  std::string q;
  for (int i = 0; i < 200; ++i) q += "w" + std::to_string(i) + " ";
  QueryNode root;
  ASSERT_OK(ParseQuery(q, &root));
  ASSERT_EQ(root.kind, QueryNode::Kind::kAnd);
  EXPECT_EQ(root.children.size(), kMaxQueryWords);
  EXPECT_EQ(root.children.front().text, "w0");
}

TEST(QueryParserTest, DeepNestingDoesNotRecurseWithoutBound) {
  std::string q(3000, '(');
  q += "deep";
  q += std::string(3000, ')');
  QueryNode root;
  ASSERT_OK(ParseQuery(q, &root));
  EXPECT_EQ(ToString(root), "deep");
}

TEST(QueryParserTest, DefaultAndDetection) {
  const std::pair<const char*, bool> cases[] = {
      {"a", false}, {"a b", true}, {"a OR b", false}, {"(a b) OR c", true}, {"\"a b\"", false}};
  for (const auto& [input, expected] : cases) {
    QueryNode root;
    ASSERT_OK(ParseQuery(input, &root));
    EXPECT_EQ(HasDefaultAnd(root), expected) << input;
  }
}

}  // namespace
}  // namespace wenjin::index
