// Structured logs: one JSON object per line on stderr, {"ts","level","event",...fields}.
// Callers pass no personal data (no query text, no addresses, no keys), only sizes and ids.
#pragma once

#include <nlohmann/json.hpp>

namespace wenjin::api {

void LogEvent(const char* level, const char* event, nlohmann::json fields = nlohmann::json::object());
// Silences logs (tests); Default: logging on.
void SetLoggingEnabled(bool enabled);

}  // namespace wenjin::api
