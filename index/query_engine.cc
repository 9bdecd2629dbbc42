// QueryEngine: validation, per-reader context, query building with AND->OR fallback, filters,
// facets, paging and sorting, hits with snippets, and title suggestions.
#include "index/query_engine.h"

#include <chrono>
#include <map>
#include <mutex>

#include <lucene++/CachingWrapperFilter.h>
#include <lucene++/QueryWrapperFilter.h>
#include <lucene++/Sort.h>
#include <lucene++/SortField.h>
#include <lucene++/TopFieldCollector.h>
#include <lucene++/TopScoreDocCollector.h>
#include <nlohmann/json.hpp>

#include "index/analysis/field_analyzer.h"
#include "index/analysis/language.h"
#include "index/bm25.h"
#include "index/facet_collector.h"
#include "index/highlight.h"
#include "index/language_bonus.h"
#include "index/max_disjunction.h"
#include "index/query_builder.h"
#include "index/query_context.h"
#include "index/query_parser.h"
#include "index/schema.h"
#include "index/stored_hit.h"
#include "store/resource.h"

namespace wenjin::index {
namespace {

using Lucene::newLucene;

constexpr size_t kMaxOffset = 10000;        // deeper pages cost a priority queue this large
constexpr size_t kSnippetChars = 200;       // code points
constexpr size_t kSnippetSourceChars = 20000;
constexpr size_t kMaxSuggestBytes = 256;
// Added to the score of a match in the query's first language: small next to a word's score, it
// mostly breaks ties between translations.
constexpr double kLanguageBonus = 0.5;

Lucene::String Wide(const std::string& s) { return Lucene::StringUtils::toUnicode(s); }
std::string Utf8(const Lucene::String& s) { return Lucene::StringUtils::toUTF8(s); }

bool IsBlank(const std::string& s) {
  return s.find_first_not_of(" \t\r\n\f\v") == std::string::npos;
}

bool IsFacetField(const std::string& field) {
  for (const char* f : schema::kFacetFields) {
    if (field == f) return true;
  }
  return false;
}

// The indexed term a filter value selects: lang accepts a primary subtag or a full tag.
Lucene::TermPtr FilterTerm(const std::string& field, const std::string& value) {
  if (field == schema::kLang) {
    if (value.find('-') != std::string::npos) {
      std::string canonical = value;
      if (!CanonicalLanguageTag(value, &canonical).ok()) canonical = value;
      return newLucene<Lucene::Term>(Wide(schema::kLangTag), Wide(canonical));
    }
    return newLucene<Lucene::Term>(Wide(schema::kLang), Wide(analysis::PrimarySubtag(value)));
  }
  return newLucene<Lucene::Term>(Wide(field), Wide(value));
}

// The title shown for a hit: in the first query language the resource has a title in.
std::string DisplayTitle(const StoredHit& hit, const std::vector<std::string>& languages) {
  // The primary title is the title in the resource's own language: no need to read the others.
  if (!languages.empty() && languages[0] == hit.lang && !hit.title.empty()) return hit.title;
  if (!hit.titles_json.empty()) {
    auto titles = nlohmann::json::parse(hit.titles_json, nullptr, /*allow_exceptions=*/false);
    if (titles.is_object()) {
      for (const auto& lang : languages) {
        auto it = titles.find(lang);
        if (it != titles.end() && it->is_string()) return it->get<std::string>();
      }
      if (hit.title.empty() && !titles.empty() && titles.begin()->is_string()) {
        return titles.begin()->get<std::string>();
      }
    }
  }
  return hit.title;
}

// The stored hit of document `doc`; Lucene++'s exceptions are the caller's to catch.
StoredHit LoadHit(const Lucene::SearcherPtr& searcher, int32_t doc) {
  StoredHit hit;
  Status s = ReadStoredHit(searcher->doc(doc), &hit);
  if (!s.ok()) boost::throw_exception(Lucene::IOException(Wide("document " + std::to_string(doc) + ": " + s.ToString())));
  return hit;
}

using TermsByField = std::map<Lucene::String, std::set<Lucene::String>>;

// Highlight terms re-keyed to the fields whose analysis applies to the description and body.
TermsByField BodyTerms(const TermsByField& terms, const std::string& primary_lang) {
  TermsByField out;
  const Lucene::String text_field = Wide(schema::TextField(primary_lang));
  for (const auto& [field, set] : terms) {
    Lucene::String target;
    if (field == Wide(schema::kTitle) || field == Wide(schema::kAll)) {
      target = Wide(schema::kAll);
    } else if (field == Wide(schema::kTitleFold) || field == Wide(schema::kAllFold)) {
      target = Wide(schema::kAllFold);
    } else if (field == Wide(schema::TitleField(primary_lang)) || field == text_field) {
      target = text_field;
    } else {
      continue;
    }
    out[target].insert(set.begin(), set.end());
  }
  // A word that matches the neutral analysis matches the folded one too (folding only removes
  // diacritics after it), so the folded pass finds every neutral match: one analysis fewer.
  if (out.count(Wide(schema::kAllFold))) out.erase(Wide(schema::kAll));
  return out;
}

}  // namespace

class QueryEngine::Impl {
 public:
  explicit Impl(const IndexOptions& options)
      : params_{options.bm25_k1, options.bm25_b},
        analyzer_(analysis::NewFieldAnalyzer()),
        similarity_(newLucene<Bm25Similarity>()) {}

  std::shared_ptr<ReaderContext> Context(const Lucene::IndexReaderPtr& reader) {
    std::lock_guard<std::mutex> lock(mu_);
    if (!context_ || context_->reader() != reader) {
      context_ = std::make_shared<ReaderContext>(reader, &dictionaries_);
    }
    return context_;
  }

  void ForgetReader() {
    std::lock_guard<std::mutex> lock(mu_);
    context_.reset();
  }

  Status Search(const Lucene::IndexReaderPtr& reader, const SearchRequest& request, SearchResponse* response);
  Status Suggest(const Lucene::IndexReaderPtr& reader, const std::string& prefix, const std::string& lang,
                 size_t limit, std::vector<Suggestion>* suggestions);

 private:
  Status MakeFilter(const SearchRequest& request, Lucene::FilterPtr* filter);
  // The documents whose `field` holds `value`, as a filter that keeps its bit set per segment
  // across queries and near-real-time reopens (segments do not change; deletions are left to the
  // query it is combined with). Language filters recur in almost every query.
  Lucene::FilterPtr CachedTermFilter(const std::string& field, const std::string& value) {
    std::lock_guard<std::mutex> lock(mu_);
    auto& filter = term_filters_[field + '\0' + value];
    if (!filter) {
      filter = newLucene<Lucene::CachingWrapperFilter>(newLucene<Lucene::QueryWrapperFilter>(
          newLucene<Lucene::TermQuery>(newLucene<Lucene::Term>(Wide(field), Wide(value)))));
    }
    return filter;
  }
  // `body_terms`: BodyTerms() of the query by resource language, filled as hits need them.
  void FillHit(StoredHit stored, double score, const SearchRequest& request,
               const std::vector<std::string>& languages, const BuiltQuery& built,
               std::map<std::string, TermsByField>* body_terms, SearchHit* hit);
  Lucene::SearcherPtr NewSearcher(const Lucene::IndexReaderPtr& reader) {
    auto searcher = newLucene<Lucene::IndexSearcher>(reader);
    searcher->setSimilarity(similarity_);
    return searcher;
  }

  const Bm25Params params_;
  const Lucene::AnalyzerPtr analyzer_;
  const Lucene::SimilarityPtr similarity_;
  SegmentDictionaries dictionaries_;       // typo dictionaries shared across readers
  std::mutex mu_;
  std::shared_ptr<ReaderContext> context_;  // guarded by mu_; the context of the latest reader
  std::map<std::string, Lucene::FilterPtr> term_filters_;  // guarded by mu_; field '\0' value
};

Status QueryEngine::Impl::MakeFilter(const SearchRequest& request, Lucene::FilterPtr* filter) {
  auto all = newLucene<Lucene::BooleanQuery>(true);
  size_t clauses = 0;
  if (!request.lang.empty()) {
    const std::string lang = analysis::PrimarySubtag(request.lang);
    if (lang.empty()) return Status::InvalidArgument("lang '" + request.lang + "' is not a language tag");
    if (request.filters.empty()) {  // the usual case: one language, nothing else
      *filter = CachedTermFilter(schema::kLangs, lang);
      return Status::OK();
    }
    all->add(newLucene<Lucene::TermQuery>(newLucene<Lucene::Term>(Wide(schema::kLangs), Wide(lang))),
             Lucene::BooleanClause::MUST);
    ++clauses;
  }
  for (const auto& [field, values] : request.filters) {
    if (!IsFacetField(field)) {
      return Status::InvalidArgument("unknown filter field '" + field +
                                     "' (filters: lang, subject, level, type, origin)");
    }
    if (values.empty()) continue;
    auto any = newLucene<Lucene::BooleanQuery>(true);
    for (const auto& v : values) {
      if (!IsValidUtf8(v)) return Status::InvalidArgument("filter " + field + " has a value that is not UTF-8");
      any->add(newLucene<Lucene::TermQuery>(FilterTerm(field, v)), Lucene::BooleanClause::SHOULD);
    }
    all->add(any, Lucene::BooleanClause::MUST);
    ++clauses;
  }
  if (clauses > 0) *filter = newLucene<Lucene::QueryWrapperFilter>(all);
  return Status::OK();
}

void QueryEngine::Impl::FillHit(StoredHit stored, double score, const SearchRequest& request,
                                const std::vector<std::string>& languages, const BuiltQuery& built,
                                std::map<std::string, TermsByField>* body_terms, SearchHit* hit) {
  hit->title = DisplayTitle(stored, languages);
  hit->id = std::move(stored.id);
  hit->lang = std::move(stored.lang_tag);
  hit->score = score;
  hit->subject = std::move(stored.subject);
  hit->level = std::move(stored.level);
  hit->type = std::move(stored.type);
  hit->origin = std::move(stored.origin);
  hit->published_at = std::move(stored.published_at);
  hit->url = std::move(stored.url);

  std::string& text = stored.description;
  if (!stored.body.empty()) text += (text.empty() ? "" : "\n") + stored.body;
  if (!request.highlight || text.empty()) {
    // Without matches the snippet is the text's start: one code point past it tells MakeSnippet
    // that more follows.
    hit->snippet = MakeSnippet(WideFromUtf8(text, kSnippetChars + 1), {}, kSnippetChars);
    return;
  }
  auto terms = body_terms->find(stored.lang);
  if (terms == body_terms->end()) {
    terms = body_terms->emplace(stored.lang, BodyTerms(built.highlight_terms, stored.lang)).first;
  }
  const std::wstring wide = WideFromUtf8(text, kSnippetSourceChars);
  hit->snippet = MakeSnippet(wide, FindMatches(wide, terms->second), kSnippetChars);
}

Status QueryEngine::Impl::Search(const Lucene::IndexReaderPtr& reader, const SearchRequest& request,
                                 SearchResponse* response) {
  const auto start = std::chrono::steady_clock::now();
  if (request.query.size() > kMaxQueryBytes) {
    return Status::InvalidArgument("query is too long (" + std::to_string(request.query.size()) +
                                   " bytes; at most " + std::to_string(kMaxQueryBytes) + ")");
  }
  if (!IsValidUtf8(request.query)) return Status::InvalidArgument("query is not valid UTF-8");
  if (IsBlank(request.query)) return Status::InvalidArgument("query is empty");
  if (request.limit > kMaxLimit) {
    return Status::InvalidArgument("limit " + std::to_string(request.limit) + " is above " + std::to_string(kMaxLimit));
  }
  if (request.offset > kMaxOffset) {
    return Status::InvalidArgument("offset " + std::to_string(request.offset) + " is above " + std::to_string(kMaxOffset));
  }
  if (!reader) return Status::Unavailable("the index has no reader");

  QueryNode root;
  WENJIN_RETURN_IF_ERROR(ParseQuery(request.query, &root));
  Lucene::FilterPtr filter;
  WENJIN_RETURN_IF_ERROR(MakeFilter(request, &filter));

  QueryBuildOptions options;
  options.languages = analysis::QueryLanguages(request.query, request.lang, request.accept_language, 3);
  options.bm25 = params_;
  // Typo neighbours are searched only when the words as typed find nothing (as Typesense's
  // typo_tokens_threshold of 1): most queries then never walk the typo dictionary.
  response->languages = options.languages;

  try {
    auto context = Context(reader);
    auto searcher = NewSearcher(reader);
    const int32_t want = static_cast<int32_t>(std::max<size_t>(request.offset + request.limit, 1));
    std::vector<std::string> facet_fields(std::begin(schema::kFacetFields), std::end(schema::kFacetFields));
    BuiltQuery built;
    Lucene::TopDocsPtr top;
    boost::shared_ptr<FacetCollector> facets;
    // Up to three attempts, until one finds something: the words as typed; with typo neighbours;
    // then any word instead of every word (learners' extra words should not empty the page).
    struct Attempt {
      bool typos, any_word;
    };
    std::vector<Attempt> attempts = {{false, false}};
    if (request.typo_tolerance) attempts.push_back({true, false});
    if (HasDefaultAnd(root)) attempts.push_back({request.typo_tolerance, true});
    for (size_t a = 0; a < attempts.size(); ++a) {
      options.typo_tolerance = attempts[a].typos;
      options.or_fallback = attempts[a].any_word;
      WENJIN_RETURN_IF_ERROR(BuildQuery(root, options, analyzer_, context.get(), &built));
      // No word has typo neighbours: this is the query that just found nothing.
      if (a > 0 && attempts[a].any_word == attempts[a - 1].any_word && built.typo_terms == 0) continue;
      Lucene::TopDocsCollectorPtr collector;
      if (request.sort == SearchRequest::Sort::kDate) {
        auto sort_fields = Lucene::Collection<Lucene::SortFieldPtr>::newInstance();
        sort_fields.add(newLucene<Lucene::SortField>(Wide(schema::kPublishedAt), Lucene::SortField::STRING, true));
        sort_fields.add(Lucene::SortField::FIELD_SCORE());
        auto sort = newLucene<Lucene::Sort>(sort_fields);
        collector = Lucene::TopFieldCollector::create(sort, want, true, true, false, true);
      } else {
        collector = Lucene::TopScoreDocCollector::create(want, true);
      }
      // Among comparable matches, resources written in the query's (first) language come first.
      Lucene::CollectorPtr ranked = collector;
      if (!options.languages.empty()) {
        ranked = newLucene<LanguageBonusCollector>(collector, schema::kLang, options.languages[0], kLanguageBonus,
                                                   context->stats());
      }
      facets = newLucene<FacetCollector>(ranked, request.facets ? facet_fields : std::vector<std::string>{},
                                         context->stats());
      searcher->search(built.query, filter, facets);
      top = collector->topDocs();
      if (facets->total() > 0) break;
    }
    response->total = facets->total();
    response->facets = facets->Counts();
    response->parsed_query = ToString(root) + (built.typo_terms > 0 ? " [typos]" : "") +
                             (options.or_fallback ? " [any word]" : "");
    const int32_t end = std::min<int32_t>(top->scoreDocs.size(), static_cast<int32_t>(request.offset + request.limit));
    std::map<std::string, TermsByField> body_terms;
    for (int32_t i = static_cast<int32_t>(request.offset); i < end; ++i) {
      SearchHit hit;
      FillHit(LoadHit(searcher, top->scoreDocs[i]->doc), top->scoreDocs[i]->score, request, options.languages,
              built, &body_terms, &hit);
      response->hits.push_back(std::move(hit));
    }
  } catch (Lucene::LuceneException& e) {
    return Status::Internal("search failed: " + Utf8(e.getError()));
  } catch (std::exception& e) {
    return Status::Internal(std::string("search failed: ") + e.what());
  }
  response->took_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return Status::OK();
}

Status QueryEngine::Impl::Suggest(const Lucene::IndexReaderPtr& reader, const std::string& prefix,
                                  const std::string& lang, size_t limit, std::vector<Suggestion>* suggestions) {
  if (prefix.size() > kMaxSuggestBytes) return Status::InvalidArgument("prefix is too long (at most 256 bytes)");
  if (!IsValidUtf8(prefix)) return Status::InvalidArgument("prefix is not valid UTF-8");
  if (IsBlank(prefix)) return Status::InvalidArgument("prefix is empty");
  if (!reader) return Status::Unavailable("the index has no reader");
  limit = std::min(limit, kMaxLimit);
  if (limit == 0) return Status::OK();
  try {
    auto context = Context(reader);
    const Lucene::String field = Wide(schema::kTitleFold);
    auto tokens = AnalyzeQueryText(analyzer_, field, Wide(prefix));
    if (tokens.empty()) return Status::InvalidArgument("prefix has no letters or digits");
    const bool last_complete = std::isspace(static_cast<unsigned char>(prefix.back()));
    auto query = newLucene<Lucene::BooleanQuery>(true);
    for (size_t i = 0; i < tokens.size(); ++i) {
      auto term = [&](const Lucene::String& text) {
        return newLucene<Bm25TermQuery>(newLucene<Lucene::Term>(field, text), context->stats(), params_);
      };
      if (i + 1 < tokens.size() || last_complete) {
        query->add(term(tokens[i].term), Lucene::BooleanClause::MUST);
        continue;
      }
      auto completions = newLucene<MaxDisjunctionQuery>(0.0);
      auto words = context->PrefixTerms(field, tokens[i].term, 64);
      if (words.empty()) words.push_back(tokens[i].term);
      for (const auto& w : words) completions->add(term(w));
      query->add(completions, Lucene::BooleanClause::MUST);
    }
    Lucene::FilterPtr filter;
    if (!lang.empty()) {
      filter = newLucene<Lucene::QueryWrapperFilter>(newLucene<Lucene::TermQuery>(
          newLucene<Lucene::Term>(Wide(schema::kLangs), Wide(analysis::PrimarySubtag(lang)))));
    }
    auto searcher = NewSearcher(reader);
    auto top = searcher->search(query, filter, static_cast<int32_t>(limit));
    const std::vector<std::string> languages = lang.empty() ? std::vector<std::string>{}
                                                            : std::vector<std::string>{analysis::PrimarySubtag(lang)};
    for (int32_t i = 0; i < top->scoreDocs.size(); ++i) {
      StoredHit hit = LoadHit(searcher, top->scoreDocs[i]->doc);
      suggestions->push_back({hit.id, DisplayTitle(hit, languages), hit.lang_tag});
    }
  } catch (Lucene::LuceneException& e) {
    return Status::Internal("suggest failed: " + Utf8(e.getError()));
  }
  return Status::OK();
}

void QueryEngine::ForgetReader() { impl_->ForgetReader(); }

QueryEngine::QueryEngine(const IndexOptions& options) : impl_(std::make_unique<Impl>(options)) {}
QueryEngine::~QueryEngine() = default;

Status QueryEngine::Search(const Lucene::IndexReaderPtr& reader, const SearchRequest& request,
                           SearchResponse* response) {
  *response = SearchResponse();
  return impl_->Search(reader, request, response);
}

Status QueryEngine::Suggest(const Lucene::IndexReaderPtr& reader, const std::string& prefix, const std::string& lang,
                            size_t limit, std::vector<Suggestion>* suggestions) {
  suggestions->clear();
  return impl_->Suggest(reader, prefix, lang, limit, suggestions);
}

}  // namespace wenjin::index
