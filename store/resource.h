// Resource: one catalogue entry (a course, video, textbook, exercise ...) as publishers send it
// and as it is stored. JSON in, JSON out; every field is UTF-8.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "store/status.h"

namespace wenjin {

// Where a resource stands on its way to learners. Only kPublished is searchable.
enum class ResourceState { kScreening, kPublished, kInReview, kRejected, kWithdrawn };
const char* StateName(ResourceState state);
bool ParseState(std::string_view name, ResourceState* state);

struct Resource {
  std::string id;           // generated when absent
  std::string title;
  std::string description;
  std::string body;
  std::string lang;         // BCP-47, required, stored in canonical form ("zh-Hant", "pt-BR")
  std::map<std::string, std::string> titles;  // lang -> title, for multilingual titles
  std::string subject;
  std::string level;        // preschool, primary, secondary, vocational, higher, lifelong
  std::string type;         // course, video, textbook, exercise ...
  std::string origin = "human";  // human | ai
  std::string model;        // generating model when origin is ai
  std::string provider;
  std::string url;
  std::string published_at; // ISO 8601 date or date-time

  // Workflow fields, set by the platform rather than by the publisher.
  ResourceState state = ResourceState::kPublished;
  std::string owner;        // key id of the publisher
  nlohmann::json review;    // latest verdict, flags and reasons (null when none)
};

// Parses and validates a publisher's JSON. Unknown fields are ignored; a wrong type, invalid
// UTF-8, a missing or malformed `lang` give InvalidArgument naming the field.
Status ParseResource(std::string_view json, Resource* out);
Status ResourceFromJson(const nlohmann::json& json, Resource* out);
// The stored/served form, workflow fields included.
nlohmann::json ResourceToJson(const Resource& resource);

// Checks a BCP-47 tag with ICU and returns its canonical form ("EN-us" -> "en-US").
Status CanonicalLanguageTag(std::string_view tag, std::string* canonical);
// The primary language subtag: "zh-Hant-TW" -> "zh".
std::string PrimaryLanguage(std::string_view tag);
// True when `text` is well-formed UTF-8.
bool IsValidUtf8(std::string_view text);
// A random 128-bit id, hex.
std::string NewResourceId();

}  // namespace wenjin
