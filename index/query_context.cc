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

namespace {

std::shared_ptr<const TermDictionary> ReadDictionary(const Lucene::IndexReaderPtr& segment) {
  std::vector<TermDictionary::Entry> entries;
  const Lucene::String field = Lucene::StringUtils::toUnicode(schema::kAllFold);
  try {
    auto terms = segment->terms(Lucene::newLucene<Lucene::Term>(field, L""));
    do {
      auto t = terms->term();
      if (!t || t->field() != field) break;
      // Only words typos are tolerated in can be candidates: leaving out the bigrams of scripts
      // without spaces and the numbers makes the dictionary smaller and quicker to build.
      if (TypoTolerantScript(t->text())) entries.push_back({t->text(), terms->docFreq()});
    } while (terms->next());
    terms->close();
  } catch (Lucene::LuceneException&) {
    // An unreadable dictionary only costs typo tolerance.
  }
  return std::make_shared<const TermDictionary>(std::move(entries));
}

std::vector<Lucene::IndexReaderPtr> Segments(const Lucene::IndexReaderPtr& reader) {
  auto subs = reader->getSequentialSubReaders();
  if (!subs || subs.empty()) return {reader};
  return std::vector<Lucene::IndexReaderPtr>(subs.begin(), subs.end());
}

}  // namespace

std::vector<std::shared_ptr<const TermDictionary>> SegmentDictionaries::For(const Lucene::IndexReaderPtr& reader) {
  std::vector<std::shared_ptr<const TermDictionary>> out;
  std::map<Lucene::LuceneObject*, std::pair<Lucene::LuceneObjectPtr, std::shared_ptr<const TermDictionary>>> next;
  std::lock_guard<std::mutex> lock(mu_);
  for (const auto& segment : Segments(reader)) {
    auto key = segment->getFieldCacheKey();
    auto it = cache_.find(key.get());
    auto dict = it != cache_.end() ? it->second.second : ReadDictionary(segment);
    next[key.get()] = {key, dict};
    out.push_back(std::move(dict));
  }
  cache_ = std::move(next);
  return out;
}

std::vector<TermDictionary::Candidate> WithinAll(const std::vector<std::shared_ptr<const TermDictionary>>& dicts,
                                                 std::wstring_view word, int max_edits, size_t limit) {
  if (dicts.size() == 1) return dicts[0]->Within(word, max_edits, limit);
  std::map<std::wstring, TermDictionary::Candidate> merged;
  for (const auto& dict : dicts) {
    for (auto& c : dict->Within(word, max_edits)) {
      auto [it, inserted] = merged.emplace(c.term, c);
      if (!inserted) it->second.doc_freq += c.doc_freq;
    }
  }
  std::vector<TermDictionary::Candidate> out;
  for (auto& [term, c] : merged) out.push_back(std::move(c));
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    if (a.distance != b.distance) return a.distance < b.distance;
    if (a.doc_freq != b.doc_freq) return a.doc_freq > b.doc_freq;
    return a.term < b.term;
  });
  if (out.size() > limit) out.resize(limit);
  return out;
}

ReaderContext::ReaderContext(Lucene::IndexReaderPtr reader, SegmentDictionaries* dictionaries)
    : reader_(std::move(reader)), stats_(std::make_shared<FieldStats>(reader_)), segment_dictionaries_(dictionaries) {
  for (const auto& name : reader_->getFieldNames(Lucene::IndexReader::FIELD_OPTION_INDEXED)) fields_.insert(name);
}

std::vector<TermDictionary::Candidate> ReaderContext::TypoCandidates(std::wstring_view word, int max_edits,
                                                                     size_t limit) {
  std::call_once(dictionaries_once_, [this] {
    if (segment_dictionaries_) {
      dictionaries_ = segment_dictionaries_->For(reader_);
    } else {
      for (const auto& segment : Segments(reader_)) dictionaries_.push_back(ReadDictionary(segment));
    }
  });
  return WithinAll(dictionaries_, word, max_edits, limit);
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
