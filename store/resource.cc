#include "store/resource.h"

#include <random>

#include <unicode/uloc.h>
#include <unicode/utf8.h>

namespace wenjin {

namespace {
constexpr const char* kStateNames[] = {"screening", "published", "in_review", "rejected", "withdrawn"};

Status ReadString(const nlohmann::json& j, const char* field, std::string* out) {
  auto it = j.find(field);
  if (it == j.end() || it->is_null()) return Status::OK();
  if (!it->is_string()) return Status::InvalidArgument(std::string(field) + " must be a string");
  *out = it->get<std::string>();
  if (!IsValidUtf8(*out)) return Status::InvalidArgument(std::string(field) + " is not valid UTF-8");
  return Status::OK();
}
}  // namespace

const char* StateName(ResourceState state) { return kStateNames[static_cast<int>(state)]; }

bool ParseState(std::string_view name, ResourceState* state) {
  for (int i = 0; i < 5; ++i) {
    if (name == kStateNames[i]) {
      *state = static_cast<ResourceState>(i);
      return true;
    }
  }
  return false;
}

bool IsValidUtf8(std::string_view text) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  int32_t i = 0, n = static_cast<int32_t>(text.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0) return false;
  }
  return true;
}

Status CanonicalLanguageTag(std::string_view tag, std::string* canonical) {
  if (tag.empty()) return Status::InvalidArgument("lang is required");
  if (tag.size() > 64) return Status::InvalidArgument("lang is too long");
  std::string t(tag);
  char locale[ULOC_FULLNAME_CAPACITY];
  int32_t parsed = 0;
  UErrorCode err = U_ZERO_ERROR;
  uloc_forLanguageTag(t.c_str(), locale, sizeof locale, &parsed, &err);
  if (U_FAILURE(err) || parsed != static_cast<int32_t>(t.size())) {
    return Status::InvalidArgument("lang '" + t + "' is not a BCP-47 language tag");
  }
  char lang[ULOC_LANG_CAPACITY];
  err = U_ZERO_ERROR;
  uloc_getLanguage(locale, lang, sizeof lang, &err);
  // Well-formed is not enough: "xx" or "abcdefgh" name no language ICU knows.
  const char* iso3 = uloc_getISO3Language(locale);
  if (U_FAILURE(err) || lang[0] == '\0' || iso3 == nullptr || iso3[0] == '\0') {
    return Status::InvalidArgument("lang '" + t + "' names no known language");
  }
  char out[ULOC_FULLNAME_CAPACITY];
  err = U_ZERO_ERROR;
  uloc_toLanguageTag(locale, out, sizeof out, /*strict=*/true, &err);
  if (U_FAILURE(err)) return Status::InvalidArgument("lang '" + t + "' is not a BCP-47 language tag");
  *canonical = out;
  return Status::OK();
}

std::string PrimaryLanguage(std::string_view tag) {
  auto dash = tag.find_first_of("-_");
  std::string primary(tag.substr(0, dash));
  for (auto& c : primary) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return primary;
}

std::string NewResourceId() {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  char buf[33];
  snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(rng()),
           static_cast<unsigned long long>(rng()));
  return buf;
}

Status ResourceFromJson(const nlohmann::json& j, Resource* out) {
  if (!j.is_object()) return Status::InvalidArgument("a resource must be a JSON object");
  Resource r;
  WENJIN_RETURN_IF_ERROR(ReadString(j, "id", &r.id));
  WENJIN_RETURN_IF_ERROR(ReadString(j, "title", &r.title));
  WENJIN_RETURN_IF_ERROR(ReadString(j, "description", &r.description));
  WENJIN_RETURN_IF_ERROR(ReadString(j, "body", &r.body));
  std::string lang;
  WENJIN_RETURN_IF_ERROR(ReadString(j, "lang", &lang));
  WENJIN_RETURN_IF_ERROR(CanonicalLanguageTag(lang, &r.lang));
  WENJIN_RETURN_IF_ERROR(ReadString(j, "subject", &r.subject));
  WENJIN_RETURN_IF_ERROR(ReadString(j, "level", &r.level));
  WENJIN_RETURN_IF_ERROR(ReadString(j, "type", &r.type));
  WENJIN_RETURN_IF_ERROR(ReadString(j, "origin", &r.origin));
  if (r.origin.empty()) r.origin = "human";
  if (r.origin != "human" && r.origin != "ai") return Status::InvalidArgument("origin must be 'human' or 'ai'");
  WENJIN_RETURN_IF_ERROR(ReadString(j, "model", &r.model));
  WENJIN_RETURN_IF_ERROR(ReadString(j, "provider", &r.provider));
  WENJIN_RETURN_IF_ERROR(ReadString(j, "url", &r.url));
  WENJIN_RETURN_IF_ERROR(ReadString(j, "published_at", &r.published_at));
  WENJIN_RETURN_IF_ERROR(ReadString(j, "owner", &r.owner));
  if (r.id.size() > 200) return Status::InvalidArgument("id is longer than 200 bytes");
  if (r.id.find('/') != std::string::npos) return Status::InvalidArgument("id must not contain '/'");
  if (auto it = j.find("titles"); it != j.end() && !it->is_null()) {
    if (!it->is_object()) return Status::InvalidArgument("titles must be an object of lang -> title");
    for (auto& [k, v] : it->items()) {
      if (!v.is_string()) return Status::InvalidArgument("titles." + k + " must be a string");
      std::string tag;
      WENJIN_RETURN_IF_ERROR(CanonicalLanguageTag(k, &tag));
      std::string title = v.get<std::string>();
      if (!IsValidUtf8(title)) return Status::InvalidArgument("titles." + k + " is not valid UTF-8");
      r.titles[tag] = std::move(title);
    }
  }
  if (r.title.empty() && r.titles.empty()) return Status::InvalidArgument("title is required");
  if (r.title.empty()) {
    auto it = r.titles.find(r.lang);
    r.title = it != r.titles.end() ? it->second : r.titles.begin()->second;
  }
  if (auto it = j.find("state"); it != j.end() && it->is_string()) {
    if (!ParseState(it->get<std::string>(), &r.state)) return Status::InvalidArgument("state is unknown");
  }
  if (auto it = j.find("review"); it != j.end()) r.review = *it;
  *out = std::move(r);
  return Status::OK();
}

Status ParseResource(std::string_view json, Resource* out) {
  if (!IsValidUtf8(json)) return Status::InvalidArgument("body is not valid UTF-8");
  nlohmann::json j = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Status::InvalidArgument("body is not valid JSON");
  return ResourceFromJson(j, out);
}

nlohmann::json ResourceToJson(const Resource& r) {
  nlohmann::json j = {{"id", r.id}, {"title", r.title}, {"lang", r.lang}, {"origin", r.origin},
                      {"state", StateName(r.state)}};
  auto put = [&](const char* k, const std::string& v) {
    if (!v.empty()) j[k] = v;
  };
  put("description", r.description);
  put("body", r.body);
  put("subject", r.subject);
  put("level", r.level);
  put("type", r.type);
  put("model", r.model);
  put("provider", r.provider);
  put("url", r.url);
  put("published_at", r.published_at);
  put("owner", r.owner);
  if (!r.titles.empty()) j["titles"] = r.titles;
  if (!r.review.is_null()) j["review"] = r.review;
  return j;
}

}  // namespace wenjin
