// NormalizeEngine: the incremental normaliser behind Normalizer::Normalize and
// Normalizer::Stream. Both run the same code, so streamed and whole-text results are identical.
#pragma once

#include <unicode/unistr.h>

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

#include "review/normalize_data.h"
#include "review/normalizer.h"

namespace wenjin::review {

// Pipeline, per input code point:
//  1. UTF-8 decoding; an invalid or truncated sequence becomes U+FFFD (one per maximal
//     subpart, as ICU and browsers do) covering its bytes. An incomplete sequence at the end
//     of a chunk waits for the next chunk.
//  2. Segmentation at NFKC_Casefold boundaries (Normalizer2::hasBoundaryBefore): a segment is
//     a starter plus whatever cannot be normalised apart from it (combining marks, ignorables).
//     Each segment is normalised on its own, and every output byte points at the whole
//     segment. A lone ASCII character is a segment of its own and takes a table lookup.
//  3. Per segment: NFKC_Casefold; diacritics folded (NFD, drop the marks chosen in
//     FoldDiacritics, NFC); format characters and tatweel dropped; look-alike letters mapped
//     to ASCII; Traditional -> Simplified. The ICU part of a one-character segment is
//     memoised in NormalizeData, so ICU runs once per distinct character per process.
//  4. Substitution pass over "runs" (maximal sequences of letters, digits, marks and
//     leetspeak symbols in the output): see ResolveRun for the rule. A run is final only when
//     a separator follows it, so the open run is held back from TakeFinal().
// Not thread-safe; one engine per text or stream.
class NormalizeEngine {
 public:
  NormalizeEngine(const NormalizerOptions& options, const NormalizeData& data);
  NormalizeEngine(const NormalizeEngine&) = delete;
  NormalizeEngine& operator=(const NormalizeEngine&) = delete;

  // Takes *buffers' allocations as the output's (their contents are dropped).
  // REQUIRES: nothing fed yet.
  void Reuse(NormalizedText* buffers);
  // Hint for the expected output size (bytes).
  void Reserve(size_t bytes);
  void Feed(std::string_view chunk);
  // End of input: flushes the incomplete tail, the last segment and the last run.
  void Finish();
  // Moves out the normalised text that later input can no longer change.
  NormalizedText TakeFinal();

  // Runs longer than this many output bytes are resolved in pieces, which bounds what a
  // stream holds back on text with no separators (base64 blobs, long CJK passages).
  static constexpr size_t kMaxRunBytes = 1024;

 private:
  enum class Segment : uint8_t { kNone, kAscii, kGeneral };

  size_t Decode(const char* p, size_t n, uint64_t base, bool final);
  void OnAscii(unsigned char c, uint64_t offset);
  void OnCodePoint(UChar32 cp, uint64_t start, uint64_t end);
  void FlushSegment();
  void NormalizeSegment();
  void NormalizeWithIcu();
  void FoldDiacritics(icu::UnicodeString* text);
  void EmitMapped(UChar32 cp);
  int MapForEmit(UChar32 cp, char* bytes, CharClass* cls) const;
  void EmitMemoised(uint32_t entry);
  void EmitAscii(unsigned char c, uint32_t start, uint32_t end);
  void EmitBytes(const char* bytes, size_t n, CharClass cls, uint32_t start, uint32_t end);
  void EmitAsciiRun(const unsigned char* p, size_t n, uint32_t start);
  void EndRunsWithoutSubstitutes(const unsigned char* p, size_t n, size_t at);
  void RunStep(CharClass cls, size_t at);
  void ResolveRun(size_t begin, size_t end);

  const NormalizerOptions options_;
  const NormalizeData& data_;

  // Input side.
  std::string carry_;      // start of a UTF-8 sequence cut by the chunk end
  uint64_t position_ = 0;  // absolute offset of the first byte not yet decoded (carry_[0])

  // The segment being collected.
  Segment segment_ = Segment::kNone;
  unsigned char segment_ascii_ = 0;
  // A segment's first code point; segment_text_ holds the segment only once it has two (most
  // have one, and an ICU string per character cost more than the rest of its path).
  UChar32 segment_cp_ = 0;
  icu::UnicodeString segment_text_;
  int segment_code_points_ = 0;
  std::atomic<uint32_t>* emit_memo_;  // NormalizeData::EmitMemo for these options
  uint32_t segment_start_ = 0, segment_end_ = 0;
  icu::UnicodeString scratch_, scratch2_;

  // Output not yet taken, and the open run (if any) at its end.
  NormalizedText out_;
  bool run_open_ = false;
  size_t run_start_ = 0;
  bool run_has_letter_ = false, run_has_substitute_ = false;
};

}  // namespace wenjin::review
