// Query-parameter parsing for the search routes.
#include "api/request_params.h"

#include <charconv>

#include "store/resource.h"

namespace wenjin::api {

Status IntParam(const HttpRequest& request, const std::string& name, long min, long max, long fallback,
                long* value) {
  auto raw = request.Query(name);
  if (!raw) {
    *value = fallback;
    return Status::OK();
  }
  long v = 0;
  auto [ptr, ec] = std::from_chars(raw->data(), raw->data() + raw->size(), v);
  if (ec != std::errc() || ptr != raw->data() + raw->size()) {
    return Status::InvalidArgument(name + " must be an integer");
  }
  if (v < min || v > max) {
    return Status::InvalidArgument(name + " must be between " + std::to_string(min) + " and " + std::to_string(max));
  }
  *value = v;
  return Status::OK();
}

Status BoolParam(const HttpRequest& request, const std::string& name, bool* value) {
  auto raw = request.Query(name);
  if (!raw) return Status::OK();  // *value keeps its default
  if (*raw != "true" && *raw != "false") return Status::InvalidArgument(name + " must be 'true' or 'false'");
  *value = *raw == "true";
  return Status::OK();
}

Status ParseSearchRequest(const HttpRequest& request, index::SearchRequest* search) {
  index::SearchRequest s;
  auto q = request.Query("q");
  if (!q) return Status::InvalidArgument("q is required");
  if (!IsValidUtf8(*q)) return Status::InvalidArgument("q is not valid UTF-8");
  if (q->size() > index::kMaxQueryBytes) {
    return Status::InvalidArgument("q is longer than " + std::to_string(index::kMaxQueryBytes) + " bytes");
  }
  if (q->find_first_not_of(" \t\r\n") == std::string::npos) return Status::InvalidArgument("q is empty");
  s.query = *q;

  if (auto lang = request.Query("lang"); lang && !lang->empty()) {
    WENJIN_RETURN_IF_ERROR(CanonicalLanguageTag(*lang, &s.lang));
  }
  s.accept_language = request.Header("accept-language");

  for (const char* field : {"subject", "level", "type", "origin"}) {
    for (const std::string& value : request.QueryAll(field)) {
      // "level=primary,secondary" and "level=primary&level=secondary" mean the same
      size_t pos = 0;
      while (pos <= value.size()) {
        size_t comma = value.find(',', pos);
        std::string v = value.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
        if (!v.empty()) {
          if (!IsValidUtf8(v)) return Status::InvalidArgument(std::string(field) + " is not valid UTF-8");
          s.filters[field].push_back(v);
        }
        if (comma == std::string::npos) break;
        pos = comma + 1;
      }
    }
  }
  if (auto origin = s.filters.find("origin"); origin != s.filters.end()) {
    for (const auto& v : origin->second) {
      if (v != "human" && v != "ai") return Status::InvalidArgument("origin must be 'human' or 'ai'");
    }
  }

  long offset = 0, limit = 10;
  WENJIN_RETURN_IF_ERROR(IntParam(request, "offset", 0, 10000, 0, &offset));
  WENJIN_RETURN_IF_ERROR(IntParam(request, "limit", 1, static_cast<long>(index::kMaxLimit), 10, &limit));
  s.offset = static_cast<size_t>(offset);
  s.limit = static_cast<size_t>(limit);

  if (auto sort = request.Query("sort")) {
    if (*sort == "relevance" || sort->empty()) {
      s.sort = index::SearchRequest::Sort::kRelevance;
    } else if (*sort == "date") {
      s.sort = index::SearchRequest::Sort::kDate;
    } else {
      return Status::InvalidArgument("sort must be 'relevance' or 'date'");
    }
  }
  WENJIN_RETURN_IF_ERROR(BoolParam(request, "typo", &s.typo_tolerance));
  WENJIN_RETURN_IF_ERROR(BoolParam(request, "highlight", &s.highlight));
  WENJIN_RETURN_IF_ERROR(BoolParam(request, "facets", &s.facets));
  *search = std::move(s);
  return Status::OK();
}

}  // namespace wenjin::api
