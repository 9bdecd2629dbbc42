// Typo candidates: the terms of a dictionary within a small edit distance of a query word, found by
// walking the sorted terms as an implicit trie with one dynamic-programming row per character, so
// whole branches are skipped as soon as no completion can come within the distance.
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

// An immutable sorted term dictionary. Thread-safe for concurrent lookups.
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

  size_t size() const { return entries_.size(); }

 private:
  size_t EndOfPrefix(size_t from, std::wstring_view prefix) const;

  std::vector<Entry> entries_;  // sorted by term, unique
  size_t max_length_ = 0;
};

}  // namespace wenjin::index
