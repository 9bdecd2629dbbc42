// RateLimiter: token buckets keyed by caller (API key id or remote address). Thread-safe.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace wenjin::api {

class RateLimiter {
 public:
  // `per_second` tokens refill each second, up to `burst`. per_second <= 0 disables the limit.
  RateLimiter(double per_second, double burst);
  // Takes one token from `bucket`. False when empty; `*retry_after_s` = whole seconds until a
  // token is back (at least 1).
  bool Allow(const std::string& bucket, int64_t now_ms, int* retry_after_s);

 private:
  struct Bucket {
    double tokens;
    int64_t updated_ms;
  };
  const double per_second_;
  const double burst_;
  std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;  // guarded by mu_
};

}  // namespace wenjin::api
