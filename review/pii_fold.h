// Fullwidth folding for the PII detectors: reads fullwidth ASCII forms (U+FF01..U+FF5E) and the
// ideographic space (U+3000) as ASCII, keeping a map back to the original bytes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace wenjin::review::pii {

// Text with fullwidth forms replaced by ASCII. When nothing was replaced, `text` is empty and
// `view()` is the original (no copy is made for the common case).
class FoldedText {
 public:
  explicit FoldedText(std::string_view original);

  // The text the detectors scan. Valid while the original text is alive.
  std::string_view view() const { return folded_ ? std::string_view(text_) : original_; }

  // The original byte range behind folded bytes [start, end). REQUIRES: start <= end <=
  // view().size(), and start/end fall on character boundaries of the folded text.
  std::pair<uint32_t, uint32_t> ToOriginal(size_t start, size_t end) const;

 private:
  std::string_view original_;
  bool folded_ = false;
  std::string text_;
  // origin_[i]: where folded byte i begins in the original; origin_[text_.size()] is the
  // original's size. Empty when nothing was folded.
  std::vector<uint32_t> origin_;
};

}  // namespace wenjin::review::pii
