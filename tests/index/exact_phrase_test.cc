// ExactPhraseMatcher finds the documents and phrase frequencies Lucene++'s PhraseQuery finds.
#include "index/exact_phrase.h"

#include <random>

#include <gtest/gtest.h>
#include <lucene++/PhraseQuery.h>
#include <lucene++/WhitespaceAnalyzer.h>

namespace wenjin::index {
namespace {

using Lucene::newLucene;

// Texts over a small vocabulary, so phrases recur, words repeat inside a text and some
// documents hold a phrase several times; three segments, some documents deleted.
Lucene::IndexReaderPtr BuildReader() {
  auto dir = newLucene<Lucene::RAMDirectory>();
  auto writer = newLucene<Lucene::IndexWriter>(dir, newLucene<Lucene::WhitespaceAnalyzer>(), true,
                                               Lucene::IndexWriter::MaxFieldLengthUNLIMITED);
  std::mt19937 random(7);
  const wchar_t* words[] = {L"a", L"b", L"c", L"d", L"e", L"f"};
  for (int i = 0; i < 900; ++i) {
    std::wstring text;
    const int length = 1 + static_cast<int>(random() % 40);
    for (int w = 0; w < length; ++w) text += std::wstring(words[random() % 6]) + L" ";
    auto doc = newLucene<Lucene::Document>();
    doc->add(newLucene<Lucene::Field>(L"id", std::to_wstring(i), Lucene::Field::STORE_NO,
                                      Lucene::Field::INDEX_NOT_ANALYZED));
    doc->add(newLucene<Lucene::Field>(L"f", text, Lucene::Field::STORE_NO, Lucene::Field::INDEX_ANALYZED));
    writer->addDocument(doc);
    if (i % 300 == 299) writer->commit();
  }
  for (int i = 0; i < 900; i += 7) writer->deleteDocuments(newLucene<Lucene::Term>(L"id", std::to_wstring(i)));
  writer->close();
  return Lucene::IndexReader::open(dir, true);
}

// (doc, frequency) of every match in `segment`; every third step uses advance(doc + 2).
std::vector<std::pair<int32_t, float>> Matches(const Lucene::ScorerPtr& scorer) {
  std::vector<std::pair<int32_t, float>> out;
  if (!scorer) return out;
  for (int step = 0;; ++step) {
    const int32_t doc = step % 3 == 2 ? scorer->advance(scorer->docID() + 2) : scorer->nextDoc();
    if (doc == Lucene::DocIdSetIterator::NO_MORE_DOCS) return out;
    out.emplace_back(doc, scorer->termFreq());
  }
}

TEST(ExactPhraseMatcherTest, FindsWhatPhraseQueryFinds) {
  auto reader = BuildReader();
  auto searcher = newLucene<Lucene::IndexSearcher>(reader);
  const std::vector<std::vector<std::pair<const wchar_t*, int32_t>>> phrases = {
      {{L"a", 0}, {L"b", 1}},
      {{L"c", 0}, {L"c", 1}},                 // a repeated word
      {{L"a", 0}, {L"b", 1}, {L"a", 2}},      // repeated, overlapping occurrences
      {{L"d", 0}, {L"e", 2}},                 // a gap (a stop word was removed)
      {{L"f", 3}, {L"e", 1}},                 // positions out of order
      {{L"a", 0}, {L"b", 1}, {L"c", 2}, {L"d", 3}},
      {{L"a", 0}, {L"zzz", 1}},               // a term with no postings
  };
  size_t matched = 0;
  for (const auto& phrase : phrases) {
    auto query = newLucene<Lucene::PhraseQuery>();
    for (const auto& [word, position] : phrase) query->add(newLucene<Lucene::Term>(L"f", word), position);
    auto weight = query->weight(searcher);
    for (const auto& segment : reader->getSequentialSubReaders()) {
      const auto expected = Matches(weight->scorer(segment, true, false));
      const auto found =
          Matches(ExactPhraseMatcher::Create(segment, weight, query->getTerms(), query->getPositions()));
      EXPECT_EQ(found, expected) << query->toString();
      matched += expected.size();
    }
  }
  EXPECT_GT(matched, 1000u);  // the comparison saw many matches
}

}  // namespace
}  // namespace wenjin::index
