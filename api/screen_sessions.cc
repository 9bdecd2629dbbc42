// Streaming screening sessions held for REST clients.
#include "api/screen_sessions.h"

#include "api/platform.h"
#include "store/resource.h"

namespace wenjin::api {

ScreenSessions::ScreenSessions(size_t max_sessions, int64_t idle_ttl_ms)
    : max_sessions_(max_sessions), idle_ttl_ms_(idle_ttl_ms) {}

void ScreenSessions::ExpireLocked(int64_t now_ms) {
  for (auto it = sessions_.begin(); it != sessions_.end();) {
    if (now_ms - it->second->last_used_ms > idle_ttl_ms_) {
      it = sessions_.erase(it);
    } else {
      ++it;
    }
  }
}

Status ScreenSessions::Open(const review::Screener& screener, const std::string& lang, const std::string& origin,
                            const std::string& owner, std::string* id) {
  const int64_t now = NowMs();
  std::lock_guard<std::mutex> lock(mu_);
  ExpireLocked(now);
  if (sessions_.size() >= max_sessions_) return Status::ResourceExhausted("too many open screening sessions");
  auto entry = std::make_shared<Entry>();
  entry->session = screener.NewSession(lang, origin);
  entry->owner = owner;
  entry->last_used_ms = now;
  *id = "ss_" + NewResourceId().substr(0, 20);
  sessions_[*id] = std::move(entry);
  return Status::OK();
}

Status ScreenSessions::Find(const std::string& id, const std::string& owner, std::shared_ptr<Entry>* entry) {
  const int64_t now = NowMs();
  std::lock_guard<std::mutex> lock(mu_);
  ExpireLocked(now);
  auto it = sessions_.find(id);
  if (it == sessions_.end()) return Status::NotFound("no open screening session '" + id + "'");
  if (it->second->owner != owner) return Status::PermissionDenied("screening session '" + id + "' is not yours");
  it->second->last_used_ms = now;
  *entry = it->second;
  return Status::OK();
}

Status ScreenSessions::Feed(const std::string& id, const std::string& owner, std::string_view chunk,
                            review::Verdict* verdict, uint64_t* bytes_fed) {
  std::shared_ptr<Entry> entry;
  WENJIN_RETURN_IF_ERROR(Find(id, owner, &entry));
  std::lock_guard<std::mutex> lock(entry->mu);
  *verdict = entry->session->Feed(chunk);
  *bytes_fed = entry->session->bytes_fed();
  return Status::OK();
}

Status ScreenSessions::Close(const std::string& id, const std::string& owner, review::Verdict* verdict,
                             uint64_t* bytes_fed) {
  std::shared_ptr<Entry> entry;
  WENJIN_RETURN_IF_ERROR(Find(id, owner, &entry));
  {
    std::lock_guard<std::mutex> lock(mu_);
    sessions_.erase(id);
  }
  std::lock_guard<std::mutex> lock(entry->mu);
  *verdict = entry->session->Finish();
  *bytes_fed = entry->session->bytes_fed();
  return Status::OK();
}

size_t ScreenSessions::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return sessions_.size();
}

}  // namespace wenjin::api
