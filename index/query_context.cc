// ReaderContext: field list, prefix enumeration and the lazily built typo dictionary.
#include "index/query_context.h"

#include <algorithm>

#include <lucene++/PositionIncrementAttribute.h>
#include <lucene++/TermAttribute.h>
#include <lucene++/TermEnum.h>
#include <lucene++/TypeAttribute.h>

#include "index/schema.h"

namespace wenjin::index {

std::vector<QueryToken> AnalyzeQueryText(const Lucene::AnalyzerPtr& analyzer, const Lucene::String& field,
                                         const Lucene::String& text) {
  std::vector<QueryToken> tokens;
  try {
    auto stream = analyzer->reusableTokenStream(field, Lucene::newLucene<Lucene::StringReader>(text));
    auto term = stream->addAttribute<Lucene::TermAttribute>();
    auto increment = stream->addAttribute<Lucene::PositionIncrementAttribute>();
    auto type = stream->addAttribute<Lucene::TypeAttribute>();
    stream->reset();
    int32_t position = -1;
    while (stream->incrementToken()) {
      position += std::max(increment->getPositionIncrement(), tokens.empty() ? 1 : 0);
      tokens.push_back({term->term(), position, type->type()});
    }
    stream->end();
  } catch (Lucene::LuceneException&) {
    tokens.clear();
  }
  return tokens;
}

ReaderContext::ReaderContext(Lucene::IndexReaderPtr reader)
    : reader_(std::move(reader)), stats_(std::make_shared<FieldStats>(reader_)) {
  for (const auto& name : reader_->getFieldNames(Lucene::IndexReader::FIELD_OPTION_INDEXED)) fields_.insert(name);
}

const TermDictionary& ReaderContext::TypoDictionary() {
  std::call_once(dictionary_once_, [this] {
    std::vector<TermDictionary::Entry> entries;
    const Lucene::String field = Lucene::StringUtils::toUnicode(schema::kAllFold);
    try {
      auto terms = reader_->terms(Lucene::newLucene<Lucene::Term>(field, L""));
      do {
        auto t = terms->term();
        if (!t || t->field() != field) break;
        entries.push_back({t->text(), terms->docFreq()});
      } while (terms->next());
      terms->close();
    } catch (Lucene::LuceneException&) {
      // An unreadable dictionary only costs typo tolerance.
    }
    dictionary_ = std::make_unique<TermDictionary>(std::move(entries));
  });
  return *dictionary_;
}

std::vector<Lucene::String> ReaderContext::PrefixTerms(const Lucene::String& field, const Lucene::String& prefix,
                                                       size_t limit) const {
  std::vector<std::pair<int32_t, Lucene::String>> found;
  auto terms = reader_->terms(Lucene::newLucene<Lucene::Term>(field, prefix));
  size_t scanned = 0;
  constexpr size_t kMaxScanned = 5000;  // bounds the cost of a one-letter prefix
  do {
    if (++scanned > kMaxScanned) break;
    auto t = terms->term();
    if (!t || t->field() != field || !t->text().starts_with(prefix)) break;
    found.emplace_back(terms->docFreq(), t->text());
  } while (terms->next());
  terms->close();
  std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<Lucene::String> out;
  for (size_t i = 0; i < found.size() && i < limit; ++i) out.push_back(found[i].second);
  return out;
}

}  // namespace wenjin::index
