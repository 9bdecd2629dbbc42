// Token-bucket rate limiting.
#include "api/rate_limiter.h"

#include <algorithm>
#include <cmath>

namespace wenjin::api {

RateLimiter::RateLimiter(double per_second, double burst) : per_second_(per_second), burst_(std::max(1.0, burst)) {}

bool RateLimiter::Allow(const std::string& bucket, int64_t now_ms, int* retry_after_s) {
  if (per_second_ <= 0) return true;
  std::lock_guard<std::mutex> lock(mu_);
  if (buckets_.size() > 100000) buckets_.clear();  // bound memory under address churn
  auto [it, inserted] = buckets_.try_emplace(bucket, Bucket{burst_, now_ms});
  Bucket& b = it->second;
  if (!inserted) {
    double elapsed = std::max<int64_t>(0, now_ms - b.updated_ms) / 1000.0;
    b.tokens = std::min(burst_, b.tokens + elapsed * per_second_);
    b.updated_ms = now_ms;
  }
  if (b.tokens >= 1.0) {
    b.tokens -= 1.0;
    return true;
  }
  *retry_after_s = std::max(1, static_cast<int>(std::ceil((1.0 - b.tokens) / per_second_)));
  return false;
}

}  // namespace wenjin::api
