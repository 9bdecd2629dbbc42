// Typo candidates: the terms of a dictionary within a small edit distance of a query word, found by
// walking a trie of the terms with one dynamic-programming row per character, so whole branches
// are skipped as soon as no completion can come within the distance.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace wenjin::index {

// Typos tolerated in a word of `length` code points: 0 below 4, 1 for 4-7, 2 for 8 or more.
int MaxEdits(size_t length);

// Optimal string alignment distance: insertions, deletions, substitutions and transpositions of
// adjacent characters each cost one ("frmo" -> "from" is 1).
int OsaDistance(std::wstring_view a, std::wstring_view b);

// True when typos may be tolerated in `word`: it is written in a script that separates words with
// spaces (no Han, Kana, Thai, Lao, Khmer, Myanmar characters) and has a letter.
bool TypoTolerantScript(std::wstring_view word);

// An immutable term dictionary held as a trie: the terms' characters in one flat array of nodes,
// each node's children contiguous and sorted, so a search walks shared prefixes once and skips a
// whole subtree with one comparison. Thread-safe for concurrent lookups.
class TermDictionary {
 public:
  struct Entry {
    std::wstring term;
    int32_t doc_freq = 0;
  };
  // `entries` need not be sorted; duplicates are merged (doc_freq summed).
  explicit TermDictionary(std::vector<Entry> entries);

  struct Candidate {
    std::wstring term;
    int distance = 0;
    int32_t doc_freq = 0;
  };
  // Every term at OSA distance <= max_edits from `word` (the word itself included, at distance 0),
  // ordered by distance, then doc_freq descending, then term; at most `limit`.
  std::vector<Candidate> Within(std::wstring_view word, int max_edits, size_t limit = SIZE_MAX) const;

  size_t size() const { return terms_; }

 private:
  struct Node {
    wchar_t label = 0;         // the character that leads here from the parent
    uint32_t first_child = 0;  // index of the first child in nodes_
    uint32_t child_count = 0;
    int32_t doc_freq = -1;     // >= 0: a term ends here
  };
  class Search;

  std::vector<Node> nodes_;  // nodes_[0] is the root (the empty prefix)
  size_t terms_ = 0;
};

}  // namespace wenjin::index
