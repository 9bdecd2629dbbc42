// StoredHit: encoding, decoding, and reading either stored form of a document.
#include "index/stored_hit.h"

#include <algorithm>
#include <array>

#include <unicode/utf8.h>

#include "index/analysis/language.h"
#include "index/schema.h"

namespace wenjin::index {
namespace {

constexpr uint8_t kFormat = 1;

// The values in encoding order; one list for encoder and decoder, so they cannot disagree.
template <typename Hit>
auto Values(Hit& h) {
  return std::array{&h.id,    &h.lang,        &h.lang_tag,    &h.subject, &h.level,
                    &h.type,  &h.origin,      &h.published_at, &h.title,  &h.titles_json,
                    &h.description, &h.body,  &h.url,          &h.provider, &h.model};
}

void AppendLength(uint64_t n, std::string* out) {
  while (n >= 0x80) {
    out->push_back(static_cast<char>((n & 0x7f) | 0x80));
    n >>= 7;
  }
  out->push_back(static_cast<char>(n));
}

bool ReadLength(std::string_view* in, uint64_t* n) {
  *n = 0;
  for (int shift = 0; shift < 64 && !in->empty(); shift += 7) {
    const auto byte = static_cast<uint8_t>(in->front());
    in->remove_prefix(1);
    *n |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if (!(byte & 0x80)) return true;
  }
  return false;
}

std::string Utf8(const Lucene::String& s) { return Lucene::StringUtils::toUTF8(s); }

std::string LegacyField(const Lucene::DocumentPtr& doc, const char* field) {
  return Utf8(doc->get(Lucene::StringUtils::toUnicode(field)));
}

}  // namespace

StoredHit MakeStoredHit(const Resource& r, std::string titles_json) {
  StoredHit h;
  h.id = r.id;
  h.lang = analysis::PrimarySubtag(r.lang);
  h.lang_tag = r.lang;
  h.subject = r.subject;
  h.level = r.level;
  h.type = r.type;
  h.origin = r.origin;
  h.published_at = r.published_at;
  h.title = r.title;
  h.titles_json = std::move(titles_json);
  h.description = r.description;
  h.body = r.body;
  h.url = r.url;
  h.provider = r.provider;
  h.model = r.model;
  return h;
}

std::string EncodeStoredHit(const StoredHit& hit) {
  std::string out(1, static_cast<char>(kFormat));
  for (const std::string* v : Values(hit)) {
    AppendLength(v->size(), &out);
    out += *v;
  }
  return out;
}

Status DecodeStoredHit(std::string_view in, StoredHit* hit) {
  if (in.empty() || static_cast<uint8_t>(in.front()) != kFormat) {
    return Status::Corruption("stored hit: unknown format");
  }
  in.remove_prefix(1);
  for (std::string* v : Values(*hit)) {
    uint64_t n = 0;
    if (!ReadLength(&in, &n) || n > in.size()) return Status::Corruption("stored hit: truncated");
    v->assign(in.data(), n);
    in.remove_prefix(n);
  }
  if (!in.empty()) return Status::Corruption("stored hit: trailing bytes");
  return Status::OK();
}

void AddStoredHit(const StoredHit& hit, const Lucene::DocumentPtr& doc) {
  const std::string bytes = EncodeStoredHit(hit);
  auto value = Lucene::ByteArray::newInstance(static_cast<int32_t>(bytes.size()));
  std::copy(bytes.begin(), bytes.end(), value.get());
  doc->add(Lucene::newLucene<Lucene::Field>(Lucene::StringUtils::toUnicode(schema::kStoredHit), value,
                                            Lucene::Field::STORE_YES));
}

Status ReadStoredHit(const Lucene::DocumentPtr& doc, StoredHit* hit) {
  const Lucene::ByteArray bytes = doc->getBinaryValue(Lucene::StringUtils::toUnicode(schema::kStoredHit));
  if (bytes) {
    return DecodeStoredHit(std::string_view(reinterpret_cast<const char*>(bytes.get()), bytes.size()), hit);
  }
  // A document indexed before the field existed: one stored field per value.
  hit->id = LegacyField(doc, schema::kId);
  hit->lang = LegacyField(doc, schema::kLang);
  hit->lang_tag = LegacyField(doc, schema::kLangTag);
  hit->subject = LegacyField(doc, schema::kSubject);
  hit->level = LegacyField(doc, schema::kLevel);
  hit->type = LegacyField(doc, schema::kType);
  hit->origin = LegacyField(doc, schema::kOrigin);
  hit->published_at = LegacyField(doc, schema::kPublishedAt);
  hit->title = LegacyField(doc, schema::kStoredTitle);
  hit->titles_json = LegacyField(doc, schema::kStoredTitles);
  hit->description = LegacyField(doc, schema::kStoredDescription);
  hit->body = LegacyField(doc, schema::kStoredBody);
  hit->url = LegacyField(doc, schema::kStoredUrl);
  hit->provider = LegacyField(doc, schema::kStoredProvider);
  hit->model = LegacyField(doc, schema::kStoredModel);
  return Status::OK();
}

std::wstring WideFromUtf8(std::string_view s, size_t max_chars) {
  std::wstring out;
  out.reserve(std::min(s.size(), max_chars));
  const auto* bytes = reinterpret_cast<const uint8_t*>(s.data());
  const int32_t length = static_cast<int32_t>(s.size());
  int32_t i = 0;
  while (i < length && out.size() < max_chars) {
    if (bytes[i] < 0x80) {  // most stored text: no decoding to do
      out.push_back(static_cast<wchar_t>(bytes[i++]));
      continue;
    }
    UChar32 c;
    U8_NEXT_OR_FFFD(bytes, i, length, c);  // ICU: each maximal ill-formed part becomes one U+FFFD
    out.push_back(static_cast<wchar_t>(c));
  }
  return out;
}

}  // namespace wenjin::index
