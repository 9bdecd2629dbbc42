// Definitions shared by the platform_*.cc files (not part of the public interface).
#pragma once

#include "api/platform.h"

namespace wenjin::api {

struct Platform::Screened {
  review::Decision decision = review::Decision::kAllow;
  nlohmann::json flags = nlohmann::json::array();  // [{field, rule, category, severity, start, end, excerpt}]
  std::string max_severity = "low";
  std::string lexicon_version;
};

// The `review` object stored on a resource: latest verdict, flags and reasons.
nlohmann::json ReviewRecord(const char* verdict, const nlohmann::json& flags, const std::string& lexicon_version);

// A new open review item for `resource` from its screening result; `first_event` opens its history.
review::ReviewItem NewReviewItem(const Resource& resource, const Platform::Screened& screened, int64_t now_ms,
                                 nlohmann::json first_event);

// Permission helpers: PermissionDenied / Unauthenticated with a message naming the need.
Status RequireRole(const Caller& caller, std::initializer_list<Role> roles);

}  // namespace wenjin::api
