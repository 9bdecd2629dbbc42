// Screener: the content screen. Normalises text, scans it with a lexicon's Hyperscan databases
// and returns a verdict (allow / review / block) with flags pointing at the original bytes.
//
//   std::shared_ptr<const Lexicon> lexicon;
//   Status s = LoadLexiconDir("lexicons", &lexicon);         // see review/lexicon.h
//   Screener screener(lexicon);
//   Verdict v = screener.Screen(text, "en", "human");
//   nlohmann::json j = VerdictToJson(v);                      // see review/verdict.h
//
// Matching (details in review/rule_patterns.h and review/match_resolver.h):
//  - terms catch their normalised form and structural disguises: letters separated by runs of
//    separators ("b.a.d", "b a d", "b😀a😀d") and runs of >= 3 of a letter ("baaad"), through
//    one Hyperscan literal per term over a skeleton of the text (review/rule_skeleton.h);
//  - in space-delimited scripts a term or regex matches whole words only; in Chinese, Japanese
//    and Thai as a substring, unless ICU's dictionary segmentation says the match cuts through
//    a longer word (代考 is not found in 现代考古学);
//  - allow entries suppress any match lying inside an allow match;
//  - a rule applies when its langs is "*", lists the text's primary language, or lang is "".
//  - the PII detectors of review/pii.h (unless LexiconOptions::detect_pii is off) add flags
//    with category "pii" and rules "pii:email", "pii:card", ...
// Policy: see Decide() in review/verdict.h.
//
// Thread safety: Screen(), NewSession(), lexicon() and Swap() may be called concurrently. A
// screen or session uses the lexicon current when it started, whole, even if Swap() runs.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "review/lexicon.h"
#include "review/verdict.h"

namespace wenjin::review {

class Screener {
 public:
  // REQUIRES: lexicon != nullptr.
  explicit Screener(std::shared_ptr<const Lexicon> lexicon);
  ~Screener();
  Screener(const Screener&) = delete;
  Screener& operator=(const Screener&) = delete;

  // Screens a whole text. `lang`: BCP-47 tag of the text, "" if unknown (every rule applies).
  // `origin`: "human" (default policy) or "ai" (stricter). Never fails: text that is not valid
  // UTF-8 is screened with U+FFFD in place of the bad bytes.
  Verdict Screen(std::string_view text, std::string_view lang, std::string_view origin) const;

  // Replaces the lexicon. Screens and sessions already running finish on the old one.
  // REQUIRES: lexicon != nullptr.
  void Swap(std::shared_ptr<const Lexicon> lexicon);
  std::shared_ptr<const Lexicon> lexicon() const;

  // Streaming screen of text that arrives in pieces (a model's answer while it is generated).
  // Not thread-safe: one caller at a time per session.
  class Session {
   public:
    ~Session();
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    // Feeds the next bytes (any size, may cut a character) and returns the verdict so far.
    // Each Feed scans the new normalised text plus up to 512 bytes before it (block-mode
    // Hyperscan over the window: a chunk edge never hides a match shorter than that).
    // A match is reported once enough text follows it to judge it exactly as Screen() would
    // (about 40 bytes), so a verdict may lag the text slightly until Finish(). Once the
    // verdict is block, the session stops scanning and returns that verdict. PII detectors
    // run once, in Finish(): their validators need whole candidates.
    Verdict Feed(std::string_view chunk);
    // Ends the stream and returns the final verdict: the same decision as Screen() on the
    // concatenated chunks (and the same flags unless the session stopped early at block).
    // Feed after Finish is ignored.
    Verdict Finish();
    // Bytes fed so far.
    uint64_t bytes_fed() const;
    // True once the verdict is block or Finish() was called.
    bool done() const;

    class Impl;
    explicit Session(std::unique_ptr<Impl> impl);

   private:
    std::unique_ptr<Impl> impl_;
  };
  // The session keeps the current lexicon alive until it is destroyed.
  std::unique_ptr<Session> NewSession(std::string_view lang, std::string_view origin) const;

 private:
  mutable std::mutex mu_;
  std::shared_ptr<const Lexicon> lexicon_;  // guarded by mu_
};

// Screens with an explicit lexicon (what Screener::Screen does with its current one).
Verdict ScreenWith(const Lexicon& lexicon, std::string_view text, std::string_view lang,
                   std::string_view origin);

// Rescan hook: after a lexicon swap, re-screen stored texts and report the verdicts that
// changed (decision or flags).
struct RescanItem {
  std::string id;
  std::string text;
  std::string lang;
  std::string origin = "human";
  Verdict previous;  // the verdict on record
};
struct RescanChange {
  std::string id;
  Verdict before;
  Verdict after;
};
// Screens each item with `screener`'s current lexicon; returns the items whose decision or
// flag list (rule, category, severity, span) differs from `previous`, in input order.
std::vector<RescanChange> Rescan(const Screener& screener, const std::vector<RescanItem>& items);

}  // namespace wenjin::review
