// Interim field analyzer: keyword fields whole, everything else StandardAnalyzer (replaced soon).
#include "index/analysis/field_analyzer.h"

#include <lucene++/KeywordAnalyzer.h>
#include <lucene++/StandardAnalyzer.h>

namespace wenjin::analysis {
namespace {

bool IsKeywordField(const std::wstring& field) {
  static const wchar_t* kKeywords[] = {L"id", L"lang", L"subject", L"level", L"type", L"origin", L"published_at"};
  for (const wchar_t* k : kKeywords) {
    if (field == k) return true;
  }
  return field.size() >= 3 && field.compare(field.size() - 3, 3, L".kw") == 0;
}

class InterimAnalyzer : public Lucene::Analyzer {
 public:
  InterimAnalyzer()
      : keyword_(Lucene::newLucene<Lucene::KeywordAnalyzer>()),
        text_(Lucene::newLucene<Lucene::StandardAnalyzer>(Lucene::LuceneVersion::LUCENE_CURRENT,
                                                          Lucene::HashSet<Lucene::String>::newInstance())) {}
  Lucene::TokenStreamPtr tokenStream(const Lucene::String& field, const Lucene::ReaderPtr& reader) override {
    return IsKeywordField(field) ? keyword_->tokenStream(field, reader) : text_->tokenStream(field, reader);
  }
  Lucene::TokenStreamPtr reusableTokenStream(const Lucene::String& field, const Lucene::ReaderPtr& reader) override {
    return IsKeywordField(field) ? keyword_->reusableTokenStream(field, reader)
                                 : text_->reusableTokenStream(field, reader);
  }

 private:
  Lucene::AnalyzerPtr keyword_;
  Lucene::AnalyzerPtr text_;
};

}  // namespace

Lucene::AnalyzerPtr NewFieldAnalyzer() { return Lucene::newLucene<InterimAnalyzer>(); }

bool HasLanguageAnalysis(std::string_view primary_lang) { return false; }

std::vector<std::string> AnalyzedLanguages() { return {}; }

}  // namespace wenjin::analysis
