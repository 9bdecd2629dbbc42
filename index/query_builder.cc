// QueryNode -> Lucene++ query: per-field analysis of each word, DisjunctionMax over fields, typo and
// prefix expansions, phrases, filters and boolean structure.
#include "index/query_builder.h"

#include <algorithm>
#include <cmath>

#include <lucene++/ConstantScoreQuery.h>
#include <lucene++/MatchAllDocsQuery.h>
#include <lucene++/QueryWrapperFilter.h>

#include "index/analysis/field_analyzer.h"
#include "index/analysis/field_spec.h"
#include "index/analysis/icu_tokenizer.h"
#include "index/max_disjunction.h"
#include "index/schema.h"
#include "store/resource.h"

namespace wenjin::index {
namespace {

using Lucene::newLucene;
using Lucene::String;

constexpr double kFoldBoost = 0.9;           // folded fields: accents ignored, slightly less sure
constexpr double kTieBreaker = 0.1;          // other matching fields add a tenth of their score
constexpr double kTypoBoost[] = {1.0, 0.6, 0.35};  // by edit distance
constexpr size_t kMaxTypoCandidates = 12;
// A word found in this many resources (or in 1 of 20,000, if more) is taken as typed: learners
// who type a common word mean it, and looking for its neighbours costs most of a query's time.
// Absent and rare words, which is what misspellings are, are expanded.
constexpr int32_t kTypedWordMinDocFreq = 3;
constexpr int64_t kTypedWordDocShare = 20000;
constexpr size_t kMaxPrefixTerms = 64;
constexpr double kRunMatchShare = 0.7;       // bigrams of an unspaced word that must match
constexpr int32_t kMaxWordPositions = 64;    // a longer unspaced "word" (a pasted paragraph) is cut

String Wide(const std::string& s) { return Lucene::StringUtils::toUnicode(s); }
String Wide(const char* s) { return Lucene::StringUtils::toUnicode(s); }

bool IsKeywordField(const std::string& field) { return !field.empty() && field != "title"; }

struct FieldChoice {
  String field;
  double boost;
};

class Builder {
 public:
  Builder(const QueryBuildOptions& options, const Lucene::AnalyzerPtr& analyzer, ReaderContext* context,
          BuiltQuery* out)
      : options_(options), analyzer_(analyzer), context_(context), out_(out) {}

  Lucene::QueryPtr Node(const QueryNode& n) {
    switch (n.kind) {
      case QueryNode::Kind::kWord:
        return IsKeywordField(n.field) ? Filter(n) : Word(n);
      case QueryNode::Kind::kPhrase:
        return IsKeywordField(n.field) ? Filter(n) : Phrase(n);
      case QueryNode::Kind::kNot:
        return Not(n.children[0]);
      case QueryNode::Kind::kAnd:
        return And(n);
      case QueryNode::Kind::kOr:
        return Or(n);
    }
    return Lucene::QueryPtr();
  }

 private:
  // `text` analysed as `field`. Fields with the same analysis (title.fr and text.fr; title and
  // all; title.fold and all.fold) share one run of the analyzer per query.
  const std::vector<QueryToken>& Analyzed(const String& field, const String& text) {
    const auto spec = analysis::ParseFieldName(Lucene::StringUtils::toUTF8(field));
    const std::string key = std::to_string(static_cast<int>(spec.kind)) + spec.lang;
    auto [it, inserted] = analyzed_.try_emplace({key, text});
    if (inserted) it->second = AnalyzeQueryText(analyzer_, field, text);
    return it->second;
  }

  Lucene::QueryPtr Term(const String& field, const String& text, double max_idf = 0) {
    out_->highlight_terms[field].insert(text);
    return newLucene<Bm25TermQuery>(newLucene<Lucene::Term>(field, text), context_->stats(), options_.bm25, max_idf);
  }

  static Lucene::QueryPtr MatchAll() {
    auto q = newLucene<Lucene::MatchAllDocsQuery>();
    q->setBoost(0);  // it selects, it does not score
    return q;
  }

  std::vector<FieldChoice> Fields(bool title_only, bool prefix) const {
    std::vector<FieldChoice> fields;
    if (!prefix) {  // stemmed fields cannot complete a prefix
      for (const auto& lang : options_.languages) {
        if (!analysis::HasLanguageAnalysis(lang)) continue;
        fields.push_back({Wide(schema::TitleField(lang)), schema::kTitleBoost});
        if (!title_only) fields.push_back({Wide(schema::TextField(lang)), 1.0});
      }
    }
    // The neutral fields match nothing the folded ones miss; next to a language's own fields,
    // which keep the word's exact form apart, they would only repeat the work.
    if (fields.empty()) {
      fields.push_back({Wide(schema::kTitle), schema::kTitleBoost});
      if (!title_only) fields.push_back({Wide(schema::kAll), 1.0});
    }
    fields.push_back({Wide(schema::kTitleFold), schema::kTitleBoost * kFoldBoost});
    if (!title_only) fields.push_back({Wide(schema::kAllFold), kFoldBoost});
    return fields;
  }

  Lucene::QueryPtr Prefix(const String& field, const String& prefix) {
    auto terms = context_->PrefixTerms(field, prefix, kMaxPrefixTerms);
    if (terms.empty()) return Term(field, prefix);  // matches nothing (or the word itself)
    auto dis = newLucene<MaxDisjunctionQuery>(0.0);
    for (const auto& t : terms) dis->add(Term(field, t));
    return dis;
  }

  // The query for one word (or phrase) analysed as one field.
  Lucene::QueryPtr Tokens(const String& field, const std::vector<QueryToken>& tokens, bool prefix, bool phrase) {
    std::vector<std::vector<const QueryToken*>> by_position;
    for (const auto& t : tokens) {
      if (by_position.empty() || t.position != by_position.back().front()->position) by_position.emplace_back();
      by_position.back().push_back(&t);
    }
    if (by_position.size() == 1) {
      const auto& alternatives = by_position[0];
      // A lone character of a script without spaces is indexed only inside bigrams: complete it.
      if (prefix || (!phrase && alternatives.size() == 1 && alternatives[0]->type == analysis::kTypeSingle)) {
        return Prefix(field, alternatives.back()->term);
      }
      if (alternatives.size() == 1) return Term(field, alternatives[0]->term);
      auto dis = newLucene<MaxDisjunctionQuery>(0.0);  // "l'école" stacked with "école"
      for (const auto* t : alternatives) dis->add(Term(field, t->term));
      return dis;
    }
    std::vector<std::pair<Lucene::TermPtr, int32_t>> chain;
    bool unspaced = false;
    for (const auto& at : by_position) {
      chain.emplace_back(newLucene<Lucene::Term>(field, at[0]->term), at[0]->position - tokens[0].position);
      out_->highlight_terms[field].insert(at[0]->term);
      for (const auto* t : at) unspaced = unspaced || t->type == analysis::kTypeBigram;
    }
    auto exact = newLucene<Bm25PhraseQuery>(chain, context_->stats(), options_.bm25);
    if (phrase || !unspaced) return exact;
    // A word of a script without spaces: most of its bigrams must match anywhere; the whole
    // sequence and the dictionary words stacked on it add to the score.
    auto bigrams = newLucene<Lucene::BooleanQuery>(true);
    for (const auto& [term, position] : chain) bigrams->add(Term(field, term->text()), Lucene::BooleanClause::SHOULD);
    bigrams->setMinimumNumberShouldMatch(
        static_cast<int32_t>(std::ceil(kRunMatchShare * static_cast<double>(chain.size()))));
    auto word = newLucene<Lucene::BooleanQuery>(true);
    word->add(bigrams, Lucene::BooleanClause::MUST);
    word->add(exact, Lucene::BooleanClause::SHOULD);
    for (const auto& at : by_position) {
      for (size_t i = 1; i < at.size(); ++i) word->add(Term(field, at[i]->term), Lucene::BooleanClause::SHOULD);
    }
    return word;
  }

  // Typo expansions of a single-token word, from the folded dictionary.
  void AddTypos(const String& text, bool title_only, Lucene::DisjunctionMaxQueryPtr dis, size_t* clauses) {
    const String fold = Wide(schema::kAllFold);
    if (!context_->HasField(fold)) return;
    const auto& tokens = Analyzed(fold, text);
    if (tokens.size() != 1 || !TypoTolerantScript(tokens[0].term)) return;
    const String& word = tokens[0].term;
    const int edits = MaxEdits(word.size());
    if (edits == 0) return;
    const int32_t df = context_->reader()->docFreq(newLucene<Lucene::Term>(fold, word));
    const int64_t docs = std::max<int64_t>(context_->stats()->Get(fold).docs, df);
    if (df >= std::max<int64_t>(kTypedWordMinDocFreq, docs / kTypedWordDocShare)) return;
    const auto candidates = context_->TypoCandidates(word, edits, kMaxTypoCandidates + 1);
    const double cap = df > 0 ? Bm25Idf(df, docs) : 0;
    for (const auto& c : candidates) {
      if (c.distance == 0) continue;
      if (!title_only) {
        auto q = Term(fold, c.term, cap);
        q->setBoost(kTypoBoost[c.distance] * kFoldBoost);
        dis->add(q);
      }
      auto q = Term(Wide(schema::kTitleFold), c.term, cap);
      q->setBoost(kTypoBoost[c.distance] * kFoldBoost * schema::kTitleBoost);
      dis->add(q);
      *clauses += 2;
      ++out_->typo_terms;
    }
  }

  Lucene::QueryPtr Word(const QueryNode& n) { return Text(n, /*phrase=*/false); }
  Lucene::QueryPtr Phrase(const QueryNode& n) { return Text(n, /*phrase=*/true); }

  Lucene::QueryPtr Text(const QueryNode& n, bool phrase) {
    const bool title_only = n.field == "title";
    const String text = Wide(n.text);
    auto dis = newLucene<MaxDisjunctionQuery>(kTieBreaker);
    size_t clauses = 0;
    String first_term;
    for (const auto& f : Fields(title_only, n.prefix && !phrase)) {
      auto tokens = Analyzed(f.field, text);
      if (tokens.empty()) continue;
      tokens.erase(std::find_if(tokens.begin(), tokens.end(),
                                [&](const QueryToken& t) { return t.position - tokens[0].position >= kMaxWordPositions; }),
                   tokens.end());
      if (first_term.empty()) first_term = tokens[0].term;
      if (!context_->HasField(f.field)) continue;
      auto q = Tokens(f.field, tokens, n.prefix && !phrase, phrase);
      q->setBoost(q->getBoost() * f.boost);
      dis->add(q);
      ++clauses;
    }
    if (first_term.empty()) return Lucene::QueryPtr();  // nothing searchable in this word
    if (!phrase && !n.prefix && options_.typo_tolerance) AddTypos(text, title_only, dis, &clauses);
    if (clauses == 0) return Term(Wide(schema::kAll), first_term);  // fields absent: matches nothing
    return dis;
  }

  Lucene::QueryPtr Filter(const QueryNode& n) {
    std::string field = n.field;
    std::string value = n.text;
    if (field == "lang") {
      if (value.find('-') != std::string::npos) {
        std::string canonical;
        if (CanonicalLanguageTag(value, &canonical).ok()) value = canonical;
        field = schema::kLangTag;
      } else {
        for (auto& c : value) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      }
    }
    auto term = newLucene<Lucene::TermQuery>(newLucene<Lucene::Term>(Wide(field), Wide(value)));
    auto q = newLucene<Lucene::ConstantScoreQuery>(newLucene<Lucene::QueryWrapperFilter>(term));
    q->setBoost(0);  // a filter selects, it does not score
    return q;
  }

  Lucene::QueryPtr Not(const QueryNode& child) {
    auto excluded = Node(child);
    if (!excluded) return Lucene::QueryPtr();
    auto q = newLucene<Lucene::BooleanQuery>(true);
    q->add(MatchAll(), Lucene::BooleanClause::MUST);
    q->add(excluded, Lucene::BooleanClause::MUST_NOT);
    return q;
  }

  Lucene::QueryPtr And(const QueryNode& n) {
    auto q = newLucene<Lucene::BooleanQuery>(true);
    size_t positive = 0, negative = 0;
    for (const auto& c : n.children) {
      if (c.kind == QueryNode::Kind::kNot) {
        if (auto excluded = Node(c.children[0])) {
          q->add(excluded, Lucene::BooleanClause::MUST_NOT);
          ++negative;
        }
        continue;
      }
      auto sub = Node(c);
      if (!sub) continue;
      const bool filter = IsKeywordField(c.field) && (c.kind == QueryNode::Kind::kWord || c.kind == QueryNode::Kind::kPhrase);
      const bool must = filter || c.required || !options_.or_fallback;
      q->add(sub, must ? Lucene::BooleanClause::MUST : Lucene::BooleanClause::SHOULD);
      ++positive;
    }
    if (positive == 0 && negative == 0) return Lucene::QueryPtr();
    if (positive == 0) q->add(MatchAll(), Lucene::BooleanClause::MUST);
    return q;
  }

  Lucene::QueryPtr Or(const QueryNode& n) {
    auto q = newLucene<Lucene::BooleanQuery>(true);
    size_t clauses = 0;
    for (const auto& c : n.children) {
      auto sub = Node(c);
      if (!sub) continue;
      q->add(sub, c.required ? Lucene::BooleanClause::MUST : Lucene::BooleanClause::SHOULD);
      ++clauses;
    }
    return clauses ? q : Lucene::QueryPtr();
  }

  const QueryBuildOptions& options_;
  const Lucene::AnalyzerPtr& analyzer_;
  std::map<std::pair<std::string, String>, std::vector<QueryToken>> analyzed_;  // see Analyzed()
  ReaderContext* context_;
  BuiltQuery* out_;
};

}  // namespace

Status BuildQuery(const QueryNode& root, const QueryBuildOptions& options, const Lucene::AnalyzerPtr& analyzer,
                  ReaderContext* context, BuiltQuery* out) {
  *out = BuiltQuery();
  try {
    out->query = Builder(options, analyzer, context, out).Node(root);
  } catch (Lucene::LuceneException& e) {
    return Status::Internal("building the query failed: " + Lucene::StringUtils::toUTF8(e.getError()));
  }
  if (!out->query) return Status::InvalidArgument("the query has no searchable words (only punctuation or symbols?)");
  return Status::OK();
}

}  // namespace wenjin::index
