// Normalizer: the public face of the screening normaliser; the work is in normalize_engine.cc.
#include "review/normalizer.h"

#include "review/normalize_data.h"
#include "review/normalize_engine.h"

namespace wenjin::review {

std::pair<uint32_t, uint32_t> NormalizedText::ToOriginal(size_t start, size_t end) const {
  size_t n = text.size();
  if (end > n) end = n;
  if (start >= end) {
    // An empty range sits where its position falls in the original.
    uint32_t at = start < n ? origin_start[start] : (n > 0 ? origin_end[n - 1] : 0);
    return {at, at};
  }
  // Origins never decrease, so the range runs from the first byte's start to the last's end.
  return {origin_start[start], origin_end[end - 1]};
}

class Normalizer::Impl {
 public:
  Impl(const NormalizerOptions& options, const NormalizeData& data) : options(options), data(data) {}
  const NormalizerOptions options;
  const NormalizeData& data;
};

class Normalizer::Stream::Impl {
 public:
  Impl(const NormalizerOptions& options, const NormalizeData& data) : engine(options, data) {}
  NormalizeEngine engine;
};

Status Normalizer::Create(const NormalizerOptions& options, std::unique_ptr<Normalizer>* out) {
  const NormalizeData* data = nullptr;
  WENJIN_RETURN_IF_ERROR(NormalizeData::Get(&data));
  out->reset(new Normalizer(std::make_unique<Impl>(options, *data)));
  return Status::OK();
}

Normalizer::Normalizer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Normalizer::~Normalizer() = default;

NormalizedText Normalizer::Normalize(std::string_view utf8) const {
  NormalizedText out;
  Normalize(utf8, &out);
  return out;
}

void Normalizer::Normalize(std::string_view utf8, NormalizedText* out) const {
  NormalizeEngine engine(impl_->options, impl_->data);
  engine.Reuse(out);
  engine.Reserve(utf8.size());
  engine.Feed(utf8);
  engine.Finish();
  *out = engine.TakeFinal();  // everything is final after Finish: the buffers move back
}

std::unique_ptr<Normalizer::Stream> Normalizer::NewStream() const {
  return std::make_unique<Stream>(std::make_unique<Stream::Impl>(impl_->options, impl_->data));
}

Normalizer::Stream::Stream(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Normalizer::Stream::~Stream() = default;

NormalizedText Normalizer::Stream::Feed(std::string_view chunk) {
  impl_->engine.Feed(chunk);
  return impl_->engine.TakeFinal();
}

NormalizedText Normalizer::Stream::Finish() {
  impl_->engine.Finish();
  return impl_->engine.TakeFinal();
}

}  // namespace wenjin::review
