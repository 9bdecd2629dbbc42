// Fullwidth folding with an offset map.
#include "review/pii_fold.h"

namespace wenjin::review::pii {
namespace {

// The ASCII byte a 3-byte UTF-8 sequence at s[i] folds to, or 0 if it is not folded.
// U+FF01..U+FF3F is EF BC 81..BF, U+FF40..U+FF5E is EF BD 80..9E, U+3000 is E3 80 80.
char FoldAt(std::string_view s, size_t i) {
  if (i + 2 >= s.size()) return 0;
  const auto b0 = static_cast<unsigned char>(s[i]);
  const auto b1 = static_cast<unsigned char>(s[i + 1]);
  const auto b2 = static_cast<unsigned char>(s[i + 2]);
  if (b0 == 0xE3 && b1 == 0x80 && b2 == 0x80) return ' ';
  if (b0 != 0xEF) return 0;
  if (b1 == 0xBC && b2 >= 0x81 && b2 <= 0xBF) return static_cast<char>(0x21 + (b2 - 0x81));
  if (b1 == 0xBD && b2 >= 0x80 && b2 <= 0x9E) return static_cast<char>(0x60 + (b2 - 0x80));
  return 0;
}

}  // namespace

FoldedText::FoldedText(std::string_view original) : original_(original) {
  // Fast path: the lead bytes of everything we fold are EF or E3; most text has neither.
  size_t first = std::string_view::npos;
  for (size_t i = 0; i < original.size(); ++i) {
    const auto b = static_cast<unsigned char>(original[i]);
    if ((b == 0xEF || b == 0xE3) && FoldAt(original, i) != 0) {
      first = i;
      break;
    }
  }
  if (first == std::string_view::npos) return;
  folded_ = true;
  text_.reserve(original.size());
  origin_.reserve(original.size() + 1);
  text_.append(original.substr(0, first));
  for (size_t i = 0; i < first; ++i) origin_.push_back(static_cast<uint32_t>(i));
  for (size_t i = first; i < original.size();) {
    if (const char c = FoldAt(original, i); c != 0) {
      text_.push_back(c);
      origin_.push_back(static_cast<uint32_t>(i));
      i += 3;
    } else {
      text_.push_back(original[i]);
      origin_.push_back(static_cast<uint32_t>(i));
      ++i;
    }
  }
  origin_.push_back(static_cast<uint32_t>(original.size()));
}

std::pair<uint32_t, uint32_t> FoldedText::ToOriginal(size_t start, size_t end) const {
  if (!folded_) return {static_cast<uint32_t>(start), static_cast<uint32_t>(end)};
  return {origin_[start], origin_[end]};
}

}  // namespace wenjin::review::pii
