// Known-item relevance on the bundled corpus: for a deterministic sample of resources in every
// language, queries made from the resource itself (its title; its rarest words; those words
// misspelt; those words without accents), each with and without `lang`, must find the resource in
// the top 10. Prints recall@10 per language and kind, and fails below the thresholds at the end.
#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>

#include <gtest/gtest.h>

#include "index/analysis/tokens.h"
#include "index/fuzzy.h"
#include "index/search_index.h"
#include "store/db.h"
#include "store/resource_store.h"
#include "tests/util/testutil.h"

namespace wenjin {
namespace {

constexpr size_t kPerLanguage = 6;  // sampled resources per language tag (keeps the test near a minute)
constexpr size_t kKeyWords = 3;

enum Kind { kTitle, kWords, kTypos, kFolded, kKinds };
const char* kKindNames[] = {"title", "words", "typos", "folded"};

// Thresholds: recall@10 over all sampled items, [kind][with lang]. Set a little under what was
// measured (see the printed table) so that a regression fails.
const double kMinRecall[kKinds][2] = {
    {0.97, 0.97},  // title (measured 0.998 / 0.998 with 10 a language: one Portuguese miss)
    {0.98, 0.98},  // words (measured 1.00 / 1.00)
    {0.97, 0.97},  // typos (measured 1.00 / 1.00)
    {0.97, 0.97},  // folded (measured 1.00 / 1.00)
};

// UTF-8 <-> code points (input is valid UTF-8: the corpus is validated).
std::u32string Utf32(const std::string& s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = s[i];
    const int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
    for (int k = 1; k < n && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += n;
  }
  return out;
}
std::string Utf8(const std::u32string& s) {
  std::string out;
  for (char32_t c : s) {
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (c >> 18));
      out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

struct Counter {
  size_t found = 0, total = 0;
  void Add(bool ok) {
    ++total;
    found += ok ? 1 : 0;
  }
  double Recall() const { return total ? static_cast<double>(found) / static_cast<double>(total) : 0; }
};

// A misspelling: two adjacent letters in the middle swapped (one edit), when the word is long
// enough to be typo-tolerant and written with spaces.
bool Misspell(const std::string& word, std::string* out) {
  std::u32string w = Utf32(word);
  std::wstring wide(w.begin(), w.end());
  if (w.size() < 5 || !index::TypoTolerantScript(wide)) return false;
  for (size_t p = w.size() / 2; p + 1 < w.size(); ++p) {
    if (w[p] != w[p + 1]) {
      std::swap(w[p], w[p + 1]);
      *out = Utf8(w);
      return true;
    }
  }
  return false;
}

class RelevanceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ifstream in(testing::SourceDir() / "corpora" / "catalog.ndjson");
    ASSERT_TRUE(in) << "corpora/catalog.ndjson is missing";
    std::string line;
    while (std::getline(in, line)) {
      Resource r;
      ASSERT_OK(ParseResource(line, &r));
      resources_.push_back(std::move(r));
    }
    ASSERT_OK(store::Db::Open(dir_.str("data"), &db_));
    store_ = std::make_unique<store::ResourceStore>(db_.get());
    store::ResourceBatch batch;
    for (const auto& r : resources_) {
      batch.Put(r);
      if (batch.size() == 500) {
        ASSERT_OK(store_->Commit(&batch));
        batch = store::ResourceBatch();
      }
    }
    if (!batch.empty()) ASSERT_OK(store_->Commit(&batch));
    ASSERT_OK(index::SearchIndex::Open(store_.get(), index::IndexOptions(), &index_));
    ASSERT_OK(index_->CatchUp(true));
    ASSERT_EQ(index_->document_count(), resources_.size());
  }

  bool Found(const std::string& query, const std::string& lang, const std::string& id) {
    index::SearchRequest request;
    request.query = query;
    request.lang = lang;
    request.limit = 10;
    request.highlight = false;
    index::SearchResponse response;
    Status s = index_->Search(request, &response);
    if (!s.ok()) return false;
    return std::any_of(response.hits.begin(), response.hits.end(), [&](const auto& h) { return h.id == id; });
  }

  testing::TempDir dir_;
  std::vector<Resource> resources_;
  std::unique_ptr<store::Db> db_;
  std::unique_ptr<store::ResourceStore> store_;
  std::unique_ptr<index::SearchIndex> index_;
};

TEST_F(RelevanceTest, KnownItemRecallAt10) {
  const auto start = std::chrono::steady_clock::now();
  // Document frequencies of neutral terms over titles and descriptions, to pick each resource's
  // rarest (most identifying) words.
  std::vector<std::vector<analysis::Token>> tokens(resources_.size());
  std::map<std::string, size_t> df;
  for (size_t i = 0; i < resources_.size(); ++i) {
    const auto& r = resources_[i];
    tokens[i] = analysis::AnalyzeField("all", r.title + "\n" + r.description);
    std::set<std::string> seen;
    for (const auto& t : tokens[i]) seen.insert(t.text);
    for (const auto& t : seen) ++df[t];
  }

  // Deterministic sample: the first kPerLanguage resources of each language tag in file order.
  std::map<std::string, size_t> taken;
  std::map<std::string, std::array<std::array<Counter, 2>, kKinds>> by_lang;
  std::array<std::array<Counter, 2>, kKinds> overall;
  std::vector<std::string> misses;
  for (size_t i = 0; i < resources_.size(); ++i) {
    const auto& r = resources_[i];
    if (taken[r.lang]++ >= kPerLanguage) continue;
    const std::string text = r.title + "\n" + r.description;

    // The rarest distinct words of 2+ characters (not numbers), as written in the resource.
    std::vector<const analysis::Token*> candidates;
    for (const auto& t : tokens[i]) {
      if (Utf32(t.text).size() < 2 || t.text.find_first_not_of("0123456789") == std::string::npos) continue;
      candidates.push_back(&t);
    }
    std::stable_sort(candidates.begin(), candidates.end(),
                     [&](const auto* a, const auto* b) { return df[a->text] < df[b->text]; });
    std::vector<std::string> words;
    std::set<std::string> used;
    for (const auto* t : candidates) {
      if (words.size() == kKeyWords) break;
      if (!used.insert(t->text).second) continue;
      words.push_back(text.substr(t->start, t->end - t->start));
    }
    if (words.empty()) continue;

    std::string queries[kKinds];
    queries[kTitle] = r.title;
    for (const auto& w : words) queries[kWords] += (queries[kWords].empty() ? "" : " ") + w;
    bool all_misspelt = true;
    for (const auto& w : words) {
      std::string typo;
      all_misspelt = all_misspelt && Misspell(w, &typo);
      queries[kTypos] += (queries[kTypos].empty() ? "" : " ") + typo;
    }
    if (!all_misspelt) queries[kTypos].clear();
    // Accents stripped: the folded analysis of each word, when it differs from the plain one.
    bool folded_differs = false;
    for (const auto& w : words) {
      std::string plain, folded;
      for (const auto& t : analysis::AnalyzeField("all", w)) plain += t.text;
      std::string joined;
      for (const auto& t : analysis::AnalyzeField("all.fold", w)) joined += t.text;
      folded_differs = folded_differs || plain != joined;
      auto fold_tokens = analysis::AnalyzeField("all.fold", w);
      queries[kFolded] += (queries[kFolded].empty() ? "" : " ") + (fold_tokens.size() == 1 ? fold_tokens[0].text : w);
    }
    if (!folded_differs) queries[kFolded].clear();

    for (int kind = 0; kind < kKinds; ++kind) {
      if (queries[kind].empty()) continue;
      for (int with_lang = 0; with_lang < 2; ++with_lang) {
        const bool ok = Found(queries[kind], with_lang ? r.lang : "", r.id);
        by_lang[r.lang][kind][with_lang].Add(ok);
        overall[kind][with_lang].Add(ok);
        if (!ok && misses.size() < 40) {
          misses.push_back(std::string(kKindNames[kind]) + (with_lang ? "+lang " : " ") + r.id + ": " + queries[kind]);
        }
      }
    }
  }

  std::printf("\nrecall@10 by language and kind (no lang / with lang; n = items)\n%-9s", "lang");
  for (int k = 0; k < kKinds; ++k) std::printf(" %-19s", kKindNames[k]);
  std::printf("\n");
  auto cell = [](const Counter& a, const Counter& b) {
    if (a.total == 0) return std::string("-");
    char buf[64];
    std::snprintf(buf, sizeof(buf), "%.2f/%.2f n=%zu", a.Recall(), b.Recall(), a.total);
    return std::string(buf);
  };
  for (const auto& [lang, kinds] : by_lang) {
    std::printf("%-9s", lang.c_str());
    for (int k = 0; k < kKinds; ++k) std::printf(" %-19s", cell(kinds[k][0], kinds[k][1]).c_str());
    std::printf("\n");
  }
  std::printf("%-9s", "ALL");
  for (int k = 0; k < kKinds; ++k) std::printf(" %-19s", cell(overall[k][0], overall[k][1]).c_str());
  std::printf("\nfirst misses:\n");
  for (const auto& m : misses) std::printf("  %s\n", m.c_str());
  std::printf("queries took %.1f s\n",
              std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());

  for (int k = 0; k < kKinds; ++k) {
    for (int l = 0; l < 2; ++l) {
      ASSERT_GT(overall[k][l].total, 40u) << kKindNames[k];
      EXPECT_GE(overall[k][l].Recall(), kMinRecall[k][l]) << kKindNames[k] << (l ? " with lang" : " without lang");
    }
  }
}

}  // namespace
}  // namespace wenjin
