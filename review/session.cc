// Streaming screen sessions: Normalizer::Stream turns chunks into final normalised text; each
// Feed scans the new text plus a window before it (so matches spanning chunk edges are found)
// and the same MatchResolver as the block screen judges matches once enough text follows.
#include <hs/hs.h>
#include <unicode/utf8.h>

#include <algorithm>

#include "review/hs_lexicon.h"
#include "review/match_resolver.h"
#include "review/rule_patterns.h"
#include "review/screener.h"

namespace wenjin::review {
namespace {

// How far before the new text a rescan starts: a match longer than this that ends in new text
// is missed by a session (the block screen has no such limit).
constexpr size_t kRescanBytes = 512;
// MakeExcerpt's default context (review/verdict.h).
constexpr uint64_t kExcerptContext = 24;

// Moves `pos` back to the start of the word it is in, so a window never starts mid-word.
size_t WordStart(std::string_view text, size_t pos) {
  pos = std::min(pos, text.size());
  while (pos > 0 && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) --pos;
  for (size_t steps = 0; pos > 0 && steps < 256; ++steps) {
    int32_t i = static_cast<int32_t>(pos);
    UChar32 before;
    U8_PREV(text.data(), 0, i, before);
    if (!IsWordChar(before) || IsUnsegmentedChar(static_cast<uint32_t>(before))) break;
    pos = static_cast<size_t>(i);
  }
  return pos;
}

}  // namespace

class Screener::Session::Impl {
 public:
  Impl(std::shared_ptr<const Lexicon> lexicon, std::string_view lang, std::string_view origin)
      : lexicon_(std::move(lexicon)),
        compiled_(lexicon_->compiled()),
        origin_(origin),
        lang_(lang),
        normalizer_stream_(compiled_.normalizer->NewStream()),
        resolver_(*lexicon_, lang),
        scratch_(compiled_.scratch->Clone()) {
    verdict_.lexicon_version = lexicon_->version();
  }

  Verdict Feed(std::string_view chunk) {
    if (done_) return verdict_;
    original_.append(chunk);
    Consume(normalizer_stream_->Feed(chunk), /*complete=*/false);
    return verdict_;
  }

  Verdict Finish() {
    if (finished_) return verdict_;
    finished_ = true;
    if (!done_) {
      Consume(normalizer_stream_->Finish(), /*complete=*/true);
      // PII validators need whole candidates (a card number cut short fails Luhn, a phone
      // number cut short may be another valid number), so they run once, on the whole text.
      pii_flags_ = DetectPiiFlags(compiled_, original_, lang_);
      Update(/*force=*/true);
    }
    done_ = true;
    return verdict_;
  }

  uint64_t bytes_fed() const { return original_.size(); }
  bool done() const { return done_; }

 private:
  void Consume(NormalizedText piece, bool complete) {
    if (!piece.text.empty()) {
      text_.text += piece.text;
      text_.origin_start.insert(text_.origin_start.end(), piece.origin_start.begin(), piece.origin_start.end());
      text_.origin_end.insert(text_.origin_end.end(), piece.origin_end.begin(), piece.origin_end.end());
      const size_t window = WordStart(text_.text, scanned_ > kRescanBytes ? scanned_ - kRescanBytes : 0);
      std::vector<RawMatch> raw =
          FindMatches(compiled_, resolver_.filter(), std::string_view(text_.text).substr(window), scratch_.get());
      for (RawMatch& m : raw) {
        m.from += window;
        m.to += window;
      }
      resolver_.Add(raw);
      scanned_ = text_.text.size();
    }
    if (resolver_.HasPending() || complete) {
      resolver_.Resolve(text_, complete);
      Update();
    }
  }

  // Rebuilds the verdict when a flag was added since the last build, or when an excerpt built
  // then may still grow (its context reached past the text fed so far); otherwise the verdict
  // stands, and a Feed that adds no flag does not copy every flag of the session again.
  void Update(bool force = false) {
    const bool excerpts_grow = excerpt_horizon_ > built_bytes_ && original_.size() > built_bytes_;
    if (!force && resolver_.generation() == built_generation_ && !excerpts_grow) return;
    built_generation_ = resolver_.generation();
    built_bytes_ = original_.size();
    verdict_.flags = resolver_.Flags(original_);
    excerpt_horizon_ = 0;
    for (const Flag& f : verdict_.flags) excerpt_horizon_ = std::max<uint64_t>(excerpt_horizon_, f.end + kExcerptContext);
    if (!pii_flags_.empty()) {
      verdict_.flags.insert(verdict_.flags.end(), pii_flags_.begin(), pii_flags_.end());
      SortFlags(&verdict_.flags);
    }
    verdict_.decision = Decide(verdict_.flags, origin_);
    if (verdict_.decision == Decision::kBlock) done_ = true;  // stop at the first block
  }

  const std::shared_ptr<const Lexicon> lexicon_;
  const Lexicon::Compiled& compiled_;
  const std::string origin_;
  const std::string lang_;
  std::unique_ptr<Normalizer::Stream> normalizer_stream_;
  MatchResolver resolver_;
  HsScratch scratch_;
  NormalizedText text_;    // all normalised text so far (absolute offsets)
  size_t scanned_ = 0;     // normalised bytes already scanned
  std::string original_;   // all original bytes so far, for excerpts
  std::vector<Flag> pii_flags_;  // set by Finish
  Verdict verdict_;
  uint64_t built_generation_ = 0;  // resolver generation and bytes fed when verdict_ was built
  uint64_t built_bytes_ = 0;
  uint64_t excerpt_horizon_ = 0;   // original bytes the excerpts of verdict_ would read
  bool done_ = false;
  bool finished_ = false;
};

Screener::Session::Session(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Screener::Session::~Session() = default;
Verdict Screener::Session::Feed(std::string_view chunk) { return impl_->Feed(chunk); }
Verdict Screener::Session::Finish() { return impl_->Finish(); }
uint64_t Screener::Session::bytes_fed() const { return impl_->bytes_fed(); }
bool Screener::Session::done() const { return impl_->done(); }

std::unique_ptr<Screener::Session> Screener::NewSession(std::string_view lang, std::string_view origin) const {
  auto impl = std::make_unique<Session::Impl>(lexicon(), lang, origin);
  return std::make_unique<Session>(std::move(impl));
}

}  // namespace wenjin::review
