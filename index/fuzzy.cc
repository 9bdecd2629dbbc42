// Damerau (OSA) candidate search over a sorted term list used as an implicit trie.
#include "index/fuzzy.h"

#include <algorithm>
#include <cwctype>

namespace wenjin::index {

int MaxEdits(size_t length) {
  if (length >= 8) return 2;
  if (length >= 4) return 1;
  return 0;
}

int OsaDistance(std::wstring_view a, std::wstring_view b) {
  const size_t n = a.size(), m = b.size();
  std::vector<int> d((n + 1) * (m + 1));
  auto at = [&](size_t i, size_t j) -> int& { return d[i * (m + 1) + j]; };
  for (size_t i = 0; i <= n; ++i) at(i, 0) = static_cast<int>(i);
  for (size_t j = 0; j <= m; ++j) at(0, j) = static_cast<int>(j);
  for (size_t i = 1; i <= n; ++i) {
    for (size_t j = 1; j <= m; ++j) {
      int v = std::min({at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) v = std::min(v, at(i - 2, j - 2) + 1);
      at(i, j) = v;
    }
  }
  return at(n, m);
}

bool TypoTolerantScript(std::wstring_view word) {
  bool letter = false;
  for (wchar_t c : word) {
    const uint32_t u = static_cast<uint32_t>(c);
    const bool no_spaces = (u >= 0x2E80 && u <= 0x9FFF) ||   // CJK radicals .. unified ideographs, kana
                           (u >= 0xF900 && u <= 0xFAFF) ||   // CJK compatibility ideographs
                           (u >= 0x20000 && u <= 0x3FFFF) || // CJK extensions
                           (u >= 0xFF66 && u <= 0xFF9F) ||   // half-width katakana
                           (u >= 0x0E00 && u <= 0x0EFF) ||   // Thai, Lao
                           (u >= 0x1000 && u <= 0x109F) ||   // Myanmar
                           (u >= 0x1780 && u <= 0x17FF);     // Khmer
    if (no_spaces) return false;
    if (std::iswalpha(static_cast<wint_t>(c)) || u >= 0x80) letter = true;
  }
  return letter;
}

TermDictionary::TermDictionary(std::vector<Entry> entries) {
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.term < b.term; });
  for (auto& e : entries) {
    if (!entries_.empty() && entries_.back().term == e.term) {
      entries_.back().doc_freq += e.doc_freq;
      continue;
    }
    max_length_ = std::max(max_length_, e.term.size());
    entries_.push_back(std::move(e));
  }
}

// The end of the run of entries from `from` that start with `prefix` (entries are sorted, and
// entries_[from] starts with it). Gallops first: most pruned runs are a handful of terms, so this
// costs a few comparisons instead of a binary search over the whole dictionary.
size_t TermDictionary::EndOfPrefix(size_t from, std::wstring_view prefix) const {
  auto has_prefix = [&](size_t k) { return std::wstring_view(entries_[k].term).starts_with(prefix); };
  size_t lo = from;  // known to have the prefix
  size_t step = 1;
  size_t hi = from + step;
  while (hi < entries_.size() && has_prefix(hi)) {
    lo = hi;
    step *= 2;
    hi = from + step;
  }
  hi = std::min(hi, entries_.size());
  // Invariant: lo has the prefix, hi does not (or is the end).
  while (hi - lo > 1) {
    const size_t mid = lo + (hi - lo) / 2;
    (has_prefix(mid) ? lo : hi) = mid;
  }
  return hi;
}

std::vector<TermDictionary::Candidate> TermDictionary::Within(std::wstring_view word, int max_edits,
                                                              size_t limit) const {
  std::vector<Candidate> out;
  const size_t m = word.size();
  const size_t width = m + 1;
  const int cap = max_edits + 1;  // distances are computed capped: only <= max_edits matters
  // rows[d] holds the capped distances between the first d characters of the current term and
  // every prefix of `word`; rows 0..valid are correct for the current path in the implicit trie.
  // Only the band |d - j| <= max_edits can hold a distance within reach; the rest is `cap`.
  std::vector<int> rows((max_length_ + 1) * width, cap);
  for (size_t j = 0; j <= m; ++j) rows[j] = std::min(static_cast<int>(j), cap);
  std::wstring_view path;  // the term (or pruned prefix) whose rows are filled
  size_t valid = 0;
  size_t i = 0;
  const size_t band = static_cast<size_t>(max_edits);
  while (i < entries_.size()) {
    const std::wstring& t = entries_[i].term;
    size_t lcp = 0;
    const size_t limit_lcp = std::min({valid, path.size(), t.size()});
    while (lcp < limit_lcp && path[lcp] == t[lcp]) ++lcp;
    size_t pruned_at = 0;
    for (size_t d = lcp + 1; d <= t.size(); ++d) {
      int* row = &rows[d * width];
      const int* up = &rows[(d - 1) * width];
      const int* up2 = d >= 2 ? &rows[(d - 2) * width] : nullptr;
      const wchar_t c = t[d - 1];
      row[0] = std::min(static_cast<int>(d), cap);
      int best = row[0];
      const size_t from = d > band ? d - band : 1;
      const size_t to = std::min(m, d + band);
      if (from > 1) row[from - 1] = cap;
      for (size_t j = from; j <= to; ++j) {
        int v = std::min({up[j] + 1, row[j - 1] + 1, up[j - 1] + (c == word[j - 1] ? 0 : 1)});
        if (up2 && j >= 2 && c == word[j - 2] && t[d - 2] == word[j - 1]) v = std::min(v, up2[j - 2] + 1);
        row[j] = std::min(v, cap);
        best = std::min(best, row[j]);
      }
      if (to < m) row[to + 1] = cap;
      if (best > max_edits) {
        pruned_at = d;
        break;
      }
    }
    if (pruned_at > 0) {
      // No term starting with t[0, pruned_at) can come within max_edits: skip them all.
      const std::wstring_view prefix(t.data(), pruned_at);
      i = EndOfPrefix(i, prefix);
      path = prefix;
      valid = pruned_at - 1;
      continue;
    }
    const int distance = t.size() + band >= m && m + band >= t.size() ? rows[t.size() * width + m] : cap;
    if (distance <= max_edits) out.push_back({t, distance, entries_[i].doc_freq});
    path = t;
    valid = t.size();
    ++i;
  }
  std::sort(out.begin(), out.end(), [](const Candidate& a, const Candidate& b) {
    if (a.distance != b.distance) return a.distance < b.distance;
    if (a.doc_freq != b.doc_freq) return a.doc_freq > b.doc_freq;
    return a.term < b.term;
  });
  if (out.size() > limit) out.resize(limit);
  return out;
}

}  // namespace wenjin::index
