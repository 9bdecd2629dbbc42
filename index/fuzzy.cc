// Damerau (OSA) candidate search over a trie of the terms.
#include "index/fuzzy.h"

#include <algorithm>
#include <cwctype>
#include <deque>

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
  std::vector<Entry> sorted;
  for (auto& e : entries) {
    if (!sorted.empty() && sorted.back().term == e.term) {
      sorted.back().doc_freq += e.doc_freq;
      continue;
    }
    sorted.push_back(std::move(e));
  }
  terms_ = sorted.size();
  // Breadth first: a node's children are appended together when the node is reached, so they are
  // contiguous. Each pending node covers the sorted terms [lo, hi) that share its prefix.
  struct Pending {
    uint32_t node;
    size_t lo, hi, depth;
  };
  std::deque<Pending> pending{{0, 0, sorted.size(), 0}};
  nodes_.emplace_back();
  while (!pending.empty()) {
    const Pending p = pending.front();
    pending.pop_front();
    size_t lo = p.lo;
    if (lo < p.hi && sorted[lo].term.size() == p.depth) nodes_[p.node].doc_freq = sorted[lo++].doc_freq;
    nodes_[p.node].first_child = static_cast<uint32_t>(nodes_.size());
    while (lo < p.hi) {
      const wchar_t c = sorted[lo].term[p.depth];
      size_t end = lo + 1;
      while (end < p.hi && sorted[end].term[p.depth] == c) ++end;
      Node child;
      child.label = c;
      nodes_.push_back(child);
      ++nodes_[p.node].child_count;
      pending.push_back({static_cast<uint32_t>(nodes_.size() - 1), lo, end, p.depth + 1});
      lo = end;
    }
  }
  nodes_.shrink_to_fit();
}

// One Within() call: the word, the rows of the dynamic program along the current trie path, and
// the path's characters.
class TermDictionary::Search {
 public:
  Search(const std::vector<Node>& nodes, std::wstring_view word, int max_edits)
      : nodes_(nodes), word_(word), max_edits_(max_edits), width_(word.size() + 1), cap_(max_edits + 1) {
    // No path deeper than the word plus max_edits characters can be within reach.
    const size_t depth = word.size() + static_cast<size_t>(max_edits) + 1;
    rows_.assign((depth + 1) * width_, cap_);
    path_.resize(depth + 1);
    for (size_t j = 0; j < width_; ++j) rows_[j] = std::min(static_cast<int>(j), cap_);
  }

  // Visits the children of `node`, whose path is path_[0, depth).
  void Walk(const Node& node, size_t depth, std::vector<Candidate>* out) {
    const size_t d = depth + 1;  // the row a child fills
    if (d * width_ >= rows_.size()) return;
    const size_t m = word_.size();
    const size_t band = static_cast<size_t>(max_edits_);
    int* row = &rows_[d * width_];
    const int* up = &rows_[depth * width_];
    const int* up2 = d >= 2 ? &rows_[(d - 2) * width_] : nullptr;
    const size_t from = d > band ? d - band : 1;
    const size_t to = std::min(m, d + band);
    for (uint32_t k = 0; k < node.child_count; ++k) {
      const Node& child = nodes_[node.first_child + k];
      const wchar_t c = child.label;
      row[0] = std::min(static_cast<int>(d), cap_);
      int best = row[0];
      if (from > 1) row[from - 1] = cap_;
      for (size_t j = from; j <= to; ++j) {
        int v = std::min({up[j] + 1, row[j - 1] + 1, up[j - 1] + (c == word_[j - 1] ? 0 : 1)});
        if (up2 && j >= 2 && c == word_[j - 2] && path_[d - 2] == word_[j - 1]) v = std::min(v, up2[j - 2] + 1);
        row[j] = std::min(v, cap_);
        best = std::min(best, row[j]);
      }
      if (to < m) row[to + 1] = cap_;
      if (best > max_edits_) continue;  // nothing below this child can come within reach
      path_[d - 1] = c;
      if (child.doc_freq >= 0 && d + band >= m && m + band >= d && row[m] <= max_edits_) {
        out->push_back({std::wstring(path_.data(), d), row[m], child.doc_freq});
      }
      Walk(child, d, out);
      // The recursion overwrote deeper rows only; this row is still the child's.
    }
  }

 private:
  const std::vector<Node>& nodes_;
  const std::wstring_view word_;
  const int max_edits_;
  const size_t width_;
  const int cap_;
  std::vector<int> rows_;  // rows_[d * width_ + j]: capped distance of path_[0, d) to word_[0, j)
  std::wstring path_;
};

std::vector<TermDictionary::Candidate> TermDictionary::Within(std::wstring_view word, int max_edits,
                                                              size_t limit) const {
  std::vector<Candidate> out;
  if (max_edits < 0) return out;
  Search search(nodes_, word, max_edits);
  if (!nodes_.empty()) {
    if (nodes_[0].doc_freq >= 0 && word.size() <= static_cast<size_t>(max_edits)) {
      out.push_back({std::wstring(), static_cast<int>(word.size()), nodes_[0].doc_freq});
    }
    search.Walk(nodes_[0], 0, &out);
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
