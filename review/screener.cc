// Block-mode screening, lexicon swaps and the rescan hook.
#include "review/screener.h"

#include <hs/hs.h>

#include "review/hs_lexicon.h"
#include "review/match_resolver.h"

namespace wenjin::review {

Screener::Screener(std::shared_ptr<const Lexicon> lexicon) : lexicon_(std::move(lexicon)) {}
Screener::~Screener() = default;

void Screener::Swap(std::shared_ptr<const Lexicon> lexicon) {
  std::shared_ptr<const Lexicon> old;
  {
    std::lock_guard<std::mutex> lock(mu_);
    old = std::move(lexicon_);
    lexicon_ = std::move(lexicon);
  }
  // `old` is released here, outside the lock; screens still using it hold their own reference.
}

std::shared_ptr<const Lexicon> Screener::lexicon() const {
  std::lock_guard<std::mutex> lock(mu_);
  return lexicon_;
}

Verdict Screener::Screen(std::string_view text, std::string_view lang, std::string_view origin) const {
  std::shared_ptr<const Lexicon> lexicon = this->lexicon();
  return ScreenWith(*lexicon, text, lang, origin);
}

Verdict ScreenWith(const Lexicon& lexicon, std::string_view text, std::string_view lang,
                   std::string_view origin) {
  const Lexicon::Compiled& compiled = lexicon.compiled();
  // Kept per thread: allocating (and first touching) the offset map for each text cost more
  // than normalising a short one. A short text after a very long one gives the buffers back.
  thread_local NormalizedText normalized;
  if (normalized.origin_start.capacity() > (size_t{1} << 20) && text.size() < (size_t{1} << 16)) {
    normalized = NormalizedText();
  }
  compiled.normalizer->Normalize(text, &normalized);
  Verdict verdict;
  verdict.flags = ScanNormalized(lexicon, normalized, text, lang);
  for (Flag& f : DetectPiiFlags(compiled, text, lang)) verdict.flags.push_back(std::move(f));
  SortFlags(&verdict.flags);
  verdict.decision = Decide(verdict.flags, origin);
  verdict.lexicon_version = lexicon.version();
  return verdict;
}

namespace {
bool SameFlags(const std::vector<Flag>& a, const std::vector<Flag>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].rule != b[i].rule || a[i].category != b[i].category || a[i].severity != b[i].severity ||
        a[i].start != b[i].start || a[i].end != b[i].end) {
      return false;
    }
  }
  return true;
}
}  // namespace

std::vector<RescanChange> Rescan(const Screener& screener, const std::vector<RescanItem>& items) {
  std::shared_ptr<const Lexicon> lexicon = screener.lexicon();  // one lexicon for the whole rescan
  std::vector<RescanChange> changes;
  for (const auto& item : items) {
    Verdict now = ScreenWith(*lexicon, item.text, item.lang, item.origin);
    if (now.decision != item.previous.decision || !SameFlags(now.flags, item.previous.flags)) {
      changes.push_back({item.id, item.previous, std::move(now)});
    }
  }
  return changes;
}

}  // namespace wenjin::review
