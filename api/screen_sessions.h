// ScreenSessions: the streaming screening sessions opened over REST (a model's answer screened
// while it is generated). Sessions idle longer than the TTL are dropped. Thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "review/screener.h"
#include "store/status.h"

namespace wenjin::api {

class ScreenSessions {
 public:
  // Default: at most 1000 open sessions, dropped after 10 idle minutes.
  explicit ScreenSessions(size_t max_sessions = 1000, int64_t idle_ttl_ms = 10 * 60 * 1000);
  // ResourceExhausted when too many sessions are open.
  Status Open(const review::Screener& screener, const std::string& lang, const std::string& origin,
              const std::string& owner, std::string* id);
  // Feeds a chunk; `*verdict` is the verdict so far. NotFound for unknown or expired ids,
  // PermissionDenied when `owner` differs from the opener.
  Status Feed(const std::string& id, const std::string& owner, std::string_view chunk, review::Verdict* verdict,
              uint64_t* bytes_fed);
  // Finishes and removes the session; `*verdict` is the final verdict.
  Status Close(const std::string& id, const std::string& owner, review::Verdict* verdict, uint64_t* bytes_fed);
  size_t size() const;

 private:
  struct Entry {
    std::unique_ptr<review::Screener::Session> session;
    std::string owner;
    int64_t last_used_ms = 0;
    std::mutex mu;  // one feeder at a time per session
  };
  void ExpireLocked(int64_t now_ms);
  Status Find(const std::string& id, const std::string& owner, std::shared_ptr<Entry>* entry);
  const size_t max_sessions_;
  const int64_t idle_ttl_ms_;
  mutable std::mutex mu_;
  std::map<std::string, std::shared_ptr<Entry>> sessions_;  // guarded by mu_
};

}  // namespace wenjin::api
