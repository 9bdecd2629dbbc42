// StoredHit: what a search hit shows of a resource, stored with its Lucene++ document as one
// binary field (schema::kStoredHit).
//
// Why one binary field: Lucene++ turns every stored string field into a Field object and decodes
// it from UTF-8 with a validating decoder, and a hit needs each value as UTF-8 again: fifteen
// round trips per hit. One field of length-prefixed UTF-8 values is read with one copy (bench_search:
// loading a page's ten hits 0.054 ms p50; 0.08 with the string fields, measured a session apart).
//
// Encoding: a format byte (1), then each value of StoredHit in declaration
// order as a LEB128 length and that many bytes of UTF-8.
//
// Documents written before this field existed keep the values in separate stored fields;
// ReadStoredHit reads either form, so an index needs no rebuild.
#pragma once

#include <string>
#include <string_view>

#include <lucene++/LuceneHeaders.h>

#include "store/resource.h"
#include "store/status.h"

namespace wenjin::index {

struct StoredHit {
  std::string id;
  std::string lang;          // primary subtag, as the "lang" field ("zh")
  std::string lang_tag;      // canonical full tag ("zh-Hant")
  std::string subject, level, type, origin, published_at;
  std::string title;         // the primary title
  std::string titles_json;   // JSON object primary subtag -> title; empty when none
  std::string description, body, url, provider, model;
};

// The hit of `resource`; `titles_json` as StoredHit::titles_json.
StoredHit MakeStoredHit(const Resource& resource, std::string titles_json);

std::string EncodeStoredHit(const StoredHit& hit);
// Corruption when `bytes` is not an encoded StoredHit.
Status DecodeStoredHit(std::string_view bytes, StoredHit* hit);

// Adds `hit` to `doc` as its stored field.
void AddStoredHit(const StoredHit& hit, const Lucene::DocumentPtr& doc);

// The hit stored with `doc`, in either form (see above). Corruption when the field is malformed.
Status ReadStoredHit(const Lucene::DocumentPtr& doc, StoredHit* hit);

// `utf8` as wide characters, at most `max_chars` of them. Ill-formed parts become U+FFFD as ICU's
// U8_NEXT_OR_FFFD replaces them (stored text was validated on import; this only keeps a damaged
// index from breaking a search).
std::wstring WideFromUtf8(std::string_view utf8, size_t max_chars = std::wstring::npos);

}  // namespace wenjin::index
