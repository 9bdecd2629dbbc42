// A forgiving recursive-descent parser for the learner's query language.
#include "index/query_parser.h"

#include <algorithm>
#include <cctype>

namespace wenjin::index {
namespace {

struct Token {
  enum class Type { kLParen, kRParen, kAnd, kOr, kNot, kPlus, kMinus, kTerm } type = Type::kTerm;
  std::string field;
  std::string text;
  bool phrase = false;
  bool prefix = false;
};

Token Op(Token::Type type) {
  Token t;
  t.type = type;
  return t;
}

Token Term(std::string field, std::string text, bool phrase, bool prefix) {
  Token t;
  t.field = std::move(field);
  t.text = std::move(text);
  t.phrase = phrase;
  t.prefix = prefix;
  return t;
}

bool IsSpaceAt(std::string_view s, size_t i, size_t* width) {
  const unsigned char c = s[i];
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
    *width = 1;
    return true;
  }
  // U+3000 IDEOGRAPHIC SPACE, common in CJK input.
  if (c == 0xE3 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
      static_cast<unsigned char>(s[i + 2]) == 0x80) {
    *width = 3;
    return true;
  }
  return false;
}

bool IsQueryField(const std::string& name) {
  return std::any_of(std::begin(kQueryFields), std::end(kQueryFields),
                     [&](const char* f) { return name == f; });
}

std::string Lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::vector<Token> Lex(std::string_view q) {
  std::vector<Token> out;
  size_t words = 0;
  size_t i = 0, w = 0;
  auto add_term = [&](Token t) {
    if (words >= kMaxQueryWords) return;
    ++words;
    out.push_back(std::move(t));
  };
  auto read_phrase = [&](std::string field) {
    const size_t close = q.find('"', i + 1);
    const size_t end = close == std::string_view::npos ? q.size() : close;
    Token t = Term(std::move(field), std::string(q.substr(i + 1, end - i - 1)), true, false);
    i = close == std::string_view::npos ? q.size() : close + 1;
    if (t.text.find_first_not_of(" \t\r\n") == std::string::npos) return;  // "" or "  "
    add_term(std::move(t));
  };
  while (i < q.size()) {
    if (IsSpaceAt(q, i, &w)) {
      i += w;
      continue;
    }
    const char c = q[i];
    if (c == '(') {
      out.push_back(Op(Token::Type::kLParen));
      ++i;
      continue;
    }
    if (c == ')') {
      out.push_back(Op(Token::Type::kRParen));
      ++i;
      continue;
    }
    if (c == '"') {
      read_phrase("");
      continue;
    }
    if (c == '+' || c == '-') {
      // An operator only when it is glued to what follows ("-ads"); alone it is noise.
      if (i + 1 < q.size() && !IsSpaceAt(q, i + 1, &w)) {
        out.push_back(Op(c == '+' ? Token::Type::kPlus : Token::Type::kMinus));
      }
      ++i;
      continue;
    }
    size_t end = i;
    while (end < q.size() && !IsSpaceAt(q, end, &w) && q[end] != '(' && q[end] != ')' && q[end] != '"') ++end;
    std::string word(q.substr(i, end - i));
    i = end;
    if (word == "AND" || word == "&&") {
      out.push_back(Op(Token::Type::kAnd));
      continue;
    }
    if (word == "OR" || word == "||") {
      out.push_back(Op(Token::Type::kOr));
      continue;
    }
    if (word == "NOT") {
      out.push_back(Op(Token::Type::kNot));
      continue;
    }
    std::string field;
    const size_t colon = word.find(':');
    if (colon != std::string::npos && IsQueryField(Lower(word.substr(0, colon)))) {
      field = Lower(word.substr(0, colon));
      word = word.substr(colon + 1);
      if (word.empty()) {
        if (i < q.size() && q[i] == '"') read_phrase(field);
        continue;  // "subject:" followed by nothing usable
      }
    }
    bool prefix = false;
    while (!word.empty() && word.back() == '*') {
      word.pop_back();
      prefix = true;
    }
    if (word.empty()) continue;  // a lone '*'
    add_term(Term(std::move(field), std::move(word), false, prefix));
  }
  return out;
}

bool IsEmpty(const QueryNode& n) {
  return (n.kind == QueryNode::Kind::kAnd || n.kind == QueryNode::Kind::kOr) && n.children.empty();
}

// A group of one collapses into its member, which inherits the group's `required`.
QueryNode Collapse(QueryNode n) {
  if ((n.kind == QueryNode::Kind::kAnd || n.kind == QueryNode::Kind::kOr) && n.children.size() == 1) {
    QueryNode child = std::move(n.children[0]);
    child.required = child.required || n.required;
    return child;
  }
  return n;
}

class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

  QueryNode ParseAll() {
    QueryNode root;
    root.kind = QueryNode::Kind::kAnd;
    while (pos_ < tokens_.size()) {
      QueryNode n = ParseOr(0);
      if (!IsEmpty(n)) root.children.push_back(std::move(n));
      if (pos_ < tokens_.size()) ++pos_;  // a stray ')' or an operator with nothing after it
    }
    return Collapse(std::move(root));
  }

 private:
  static constexpr int kMaxDepth = 16;

  const Token* Peek() const { return pos_ < tokens_.size() ? &tokens_[pos_] : nullptr; }

  QueryNode ParseOr(int depth) {
    QueryNode n;
    n.kind = QueryNode::Kind::kOr;
    QueryNode first = ParseAnd(depth);
    if (!IsEmpty(first)) n.children.push_back(std::move(first));
    while (Peek() && Peek()->type == Token::Type::kOr) {
      ++pos_;
      QueryNode next = ParseAnd(depth);
      if (!IsEmpty(next)) n.children.push_back(std::move(next));
    }
    return Collapse(std::move(n));
  }

  QueryNode ParseAnd(int depth) {
    QueryNode n;
    n.kind = QueryNode::Kind::kAnd;
    bool and_pending = false;
    while (const Token* t = Peek()) {
      if (t->type == Token::Type::kOr || t->type == Token::Type::kRParen) break;
      if (t->type == Token::Type::kAnd) {
        ++pos_;
        and_pending = !n.children.empty();
        continue;
      }
      QueryNode item = ParseUnary(depth);
      if (IsEmpty(item)) continue;
      if (and_pending) {
        n.children.back().required = true;
        item.required = true;
        and_pending = false;
      }
      n.children.push_back(std::move(item));
    }
    return Collapse(std::move(n));
  }

  QueryNode ParseUnary(int depth) {
    const Token& t = tokens_[pos_++];
    switch (t.type) {
      case Token::Type::kNot:
      case Token::Type::kMinus: {
        if (!Peek() || Peek()->type == Token::Type::kRParen || Peek()->type == Token::Type::kOr) return QueryNode();
        QueryNode child = ParseUnary(depth);
        if (IsEmpty(child)) return child;
        child.required = false;
        QueryNode n;
        n.kind = QueryNode::Kind::kNot;
        n.children.push_back(std::move(child));
        return n;
      }
      case Token::Type::kPlus: {
        if (!Peek() || Peek()->type == Token::Type::kRParen || Peek()->type == Token::Type::kOr) return QueryNode();
        QueryNode child = ParseUnary(depth);
        if (!IsEmpty(child) && child.kind != QueryNode::Kind::kNot) child.required = true;
        return child;
      }
      case Token::Type::kLParen: {
        if (depth >= kMaxDepth) return QueryNode();  // absurd nesting: the parenthesis is ignored
        QueryNode n = ParseOr(depth + 1);
        if (Peek() && Peek()->type == Token::Type::kRParen) ++pos_;
        return n;
      }
      case Token::Type::kTerm: {
        QueryNode n;
        n.kind = t.phrase ? QueryNode::Kind::kPhrase : QueryNode::Kind::kWord;
        n.field = t.field;
        n.text = t.text;
        n.prefix = t.prefix;
        return n;
      }
      default:
        return QueryNode();  // AND/OR/')' where an operand was expected
    }
  }

  std::vector<Token> tokens_;
  size_t pos_ = 0;
};

}  // namespace

Status ParseQuery(std::string_view query, QueryNode* root) {
  *root = Parser(Lex(query)).ParseAll();
  if (IsEmpty(*root)) {
    return Status::InvalidArgument("query has nothing to search for (type at least one word; '*' needs letters before it)");
  }
  return Status::OK();
}

std::string ToString(const QueryNode& n) {
  std::string out = n.required ? "+" : "";
  switch (n.kind) {
    case QueryNode::Kind::kWord:
      if (!n.field.empty()) out += n.field + ":";
      out += n.text;
      if (n.prefix) out += "*";
      return out;
    case QueryNode::Kind::kPhrase:
      if (!n.field.empty()) out += n.field + ":";
      return out + "\"" + n.text + "\"";
    case QueryNode::Kind::kNot:
      return out + "-" + ToString(n.children[0]);
    case QueryNode::Kind::kAnd:
    case QueryNode::Kind::kOr: {
      out += "(";
      for (size_t i = 0; i < n.children.size(); ++i) {
        if (i > 0) out += n.kind == QueryNode::Kind::kOr ? " OR " : " ";
        out += ToString(n.children[i]);
      }
      return out + ")";
    }
  }
  return out;
}

bool HasDefaultAnd(const QueryNode& n) {
  if (n.kind == QueryNode::Kind::kAnd && n.children.size() > 1) return true;
  return std::any_of(n.children.begin(), n.children.end(), HasDefaultAnd);
}

}  // namespace wenjin::index
