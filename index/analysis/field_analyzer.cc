// FieldAnalyzer: one Lucene++ analyzer whose chain is chosen by the field name (see field_spec.h).
#include "index/analysis/field_analyzer.h"

#include <unordered_map>

#include <lucene++/ASCIIFoldingFilter.h>
#include <lucene++/KeywordTokenizer.h>
#include <lucene++/TermAttribute.h>
#include <lucene++/TokenFilter.h>

#include "index/analysis/field_chain.h"
#include "index/analysis/field_spec.h"
#include "index/analysis/icu_tokenizer.h"
#include "index/analysis/language_chains.h"
#include "index/analysis/token_filters.h"

namespace wenjin::analysis {
namespace {

// A built chain: the tokenizer to give a new reader, and the stream to hand out.
struct Chain {
  Lucene::TokenizerPtr source;
  Lucene::TokenStreamPtr stream;
};

constexpr size_t kMaxCachedChains = 256;

// This thread's chains, by field name (Lucene++ keeps one per thread and analyzer).
class ChainCache : public Lucene::LuceneObject {
 public:
  ~ChainCache() override = default;
  std::unordered_map<Lucene::String, Chain> chains;
};
typedef boost::shared_ptr<ChainCache> ChainCachePtr;

// Lucene's KeywordTokenizer turns an empty value into an empty term; an empty value has no term.
class NonEmptyFilter : public Lucene::TokenFilter {
 public:
  explicit NonEmptyFilter(const Lucene::TokenStreamPtr& input) : Lucene::TokenFilter(input) {
    term_ = addAttribute<Lucene::TermAttribute>();
  }
  bool incrementToken() override {
    while (input->incrementToken()) {
      if (term_->termLength() > 0) return true;
    }
    return false;
  }

 private:
  Lucene::TermAttributePtr term_;
};

Chain BuildChain(const Lucene::String& field, const Lucene::ReaderPtr& reader, TokenizerMode mode) {
  FieldSpec spec = ParseFieldName(Lucene::StringUtils::toUTF8(field));
  Chain chain;
  if (spec.kind == FieldSpec::Kind::kKeyword) {
    chain.source = Lucene::newLucene<Lucene::KeywordTokenizer>(reader);
    chain.stream = Lucene::newLucene<NonEmptyFilter>(chain.source);
    return chain;
  }
  chain.source = Lucene::newLucene<IcuTokenizer>(reader, mode, /*split_elisions=*/SplitsElisions(spec));
  chain.stream = WrapFieldFilters(spec, chain.source);
  return chain;
}

class FieldAnalyzer : public Lucene::Analyzer {
 public:
  explicit FieldAnalyzer(TokenizerMode mode) : mode_(mode) {}
  ~FieldAnalyzer() override = default;

  Lucene::TokenStreamPtr tokenStream(const Lucene::String& field, const Lucene::ReaderPtr& reader) override {
    return BuildChain(field, reader, mode_).stream;
  }

  Lucene::TokenStreamPtr reusableTokenStream(const Lucene::String& field, const Lucene::ReaderPtr& reader) override {
    ChainCachePtr cache = boost::dynamic_pointer_cast<ChainCache>(getPreviousTokenStream());
    if (!cache) {
      cache = Lucene::newLucene<ChainCache>();
      setPreviousTokenStream(cache);
    }
    auto it = cache->chains.find(field);
    if (it == cache->chains.end()) {
      // Field names can come from user queries ("foo:bar"): keep the cache bounded.
      if (cache->chains.size() >= kMaxCachedChains) cache->chains.clear();
      it = cache->chains.emplace(field, BuildChain(field, reader, mode_)).first;
    } else {
      it->second.source->reset(reader);
    }
    return it->second.stream;
  }

  // Values of a multi-valued field are far apart, so phrases never match across two of them.
  int32_t getPositionIncrementGap(const Lucene::String& field) override { return 100; }

 private:
  const TokenizerMode mode_;
};

}  // namespace

bool SplitsElisions(const FieldSpec& spec) { return spec.kind != FieldSpec::Kind::kLanguage; }

Lucene::TokenStreamPtr WrapFieldFilters(const FieldSpec& spec, const Lucene::TokenStreamPtr& tokens) {
  if (spec.kind == FieldSpec::Kind::kFold) {
    return Lucene::newLucene<Lucene::ASCIIFoldingFilter>(Lucene::newLucene<FoldFilter>(tokens));
  }
  if (spec.kind == FieldSpec::Kind::kLanguage) return WrapLanguageChain(spec.lang, tokens);
  return tokens;
}

Lucene::AnalyzerPtr NewFieldAnalyzer() { return Lucene::newLucene<FieldAnalyzer>(TokenizerMode::kIndex); }

Lucene::AnalyzerPtr NewQueryAnalyzer() { return Lucene::newLucene<FieldAnalyzer>(TokenizerMode::kQuery); }

bool HasLanguageAnalysis(std::string_view primary_lang) { return HasLanguageChain(primary_lang); }

std::vector<std::string> AnalyzedLanguages() { return LanguagesWithChains(); }

}  // namespace wenjin::analysis
