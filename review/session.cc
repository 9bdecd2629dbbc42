// Streaming screen sessions: Normalizer::Stream feeds a Hyperscan stream; matches are judged
// by the same MatchResolver as the block screen once enough text follows them.
#include <hs/hs.h>

#include "review/hs_lexicon.h"
#include "review/match_resolver.h"
#include "review/screener.h"

namespace wenjin::review {

class Screener::Session::Impl {
 public:
  Impl(std::shared_ptr<const Lexicon> lexicon, std::string_view lang, std::string_view origin)
      : lexicon_(std::move(lexicon)),
        compiled_(lexicon_->compiled()),
        origin_(origin),
        lang_(lang),
        normalizer_stream_(compiled_.normalizer->NewStream()),
        resolver_(*lexicon_, lang) {
    verdict_.lexicon_version = lexicon_->version();
    if (compiled_.stream_db) {
      scratch_ = compiled_.scratch->Clone();
      hs_stream_t* raw = nullptr;
      if (scratch_ && hs_open_stream(compiled_.stream_db.get(), 0, &raw) == HS_SUCCESS) stream_.reset(raw);
    }
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
      Consume(normalizer_stream_->Finish(), /*complete=*/false);
      if (stream_) {
        std::vector<RawMatch> raw;
        // Closing with a callback flushes matches that need the end of data (e.g. `$`).
        hs_close_stream(stream_.release(), scratch_.get(), CollectMatch, &raw);
        resolver_.Add(raw);
      }
      resolver_.Resolve(text_, /*complete=*/true);
      // PII validators need whole candidates (a card number cut short fails Luhn, a phone
      // number cut short may be another valid number), so they run once, on the whole text.
      pii_flags_ = DetectPiiFlags(compiled_, original_, lang_);
      Update();
    }
    done_ = true;
    return verdict_;
  }

  uint64_t bytes_fed() const { return original_.size(); }
  bool done() const { return done_; }

 private:
  void Consume(NormalizedText piece, bool complete) {
    if (!piece.text.empty()) {
      if (stream_) {
        std::vector<RawMatch> raw;
        hs_scan_stream(stream_.get(), piece.text.data(), static_cast<unsigned int>(piece.text.size()), 0,
                       scratch_.get(), CollectMatch, &raw);
        resolver_.Add(raw);
      }
      text_.text += piece.text;
      text_.origin_start.insert(text_.origin_start.end(), piece.origin_start.begin(), piece.origin_start.end());
      text_.origin_end.insert(text_.origin_end.end(), piece.origin_end.begin(), piece.origin_end.end());
    }
    if (resolver_.HasPending()) {
      resolver_.Resolve(text_, complete);
      Update();
    }
  }

  void Update() {
    verdict_.flags = resolver_.Flags(original_);
    verdict_.flags.insert(verdict_.flags.end(), pii_flags_.begin(), pii_flags_.end());
    SortFlags(&verdict_.flags);
    verdict_.decision = Decide(verdict_.flags, origin_);
    verdict_.lexicon_version = lexicon_->version();
    if (verdict_.decision == Decision::kBlock) done_ = true;  // stop at the first block
  }

  const std::shared_ptr<const Lexicon> lexicon_;
  const Lexicon::Compiled& compiled_;
  const std::string origin_;
  const std::string lang_;
  std::unique_ptr<Normalizer::Stream> normalizer_stream_;
  MatchResolver resolver_;
  HsScratch scratch_;
  HsStream stream_;
  NormalizedText text_;    // all normalised text so far (absolute offsets)
  std::string original_;   // all original bytes so far, for excerpts
  std::vector<Flag> pii_flags_;  // set by Finish
  Verdict verdict_;
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
