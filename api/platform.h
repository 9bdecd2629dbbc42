// Platform: the whole data flow behind the REST server and the CLI —
//   upload -> review (screen) -> store -> index -> search,
// plus the reviewer workflow, lexicon versions, keys and the audit trail. Route handlers and
// CLI commands call these methods and nothing deeper, so REST and CLI behave alike.
//
// States: an upload is screened before anything is stored, then committed in ONE RocksDB write
// batch with its final state (published | in_review | rejected), its review item, its change
// record and its audit records, so a crash can never leave unscreened content published.
// Only published resources reach the index.
//
// Thread safety: every method may be called from many threads.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/keys.h"
#include "index/search_index.h"
#include "review/lexicon_store.h"
#include "review/review_queue.h"
#include "review/screener.h"
#include "store/audit_log.h"
#include "store/db.h"
#include "store/resource_store.h"

namespace wenjin::api {

struct PlatformOptions {
  std::string data_dir = "data";  // RocksDB data directory; Default: ./data
  // NDJSON corpus imported when the store holds no resource yet (first start). Default: none.
  std::string initial_corpus;
  // Lexicon directory loaded (and saved as a version) when the store has no active lexicon.
  // Default: none (then the store must already have one, or screening uses an empty lexicon).
  // A directory without *.tsv files is an error, not an empty lexicon: a mistyped path must not
  // quietly publish everything unscreened.
  std::string lexicon_dir;
  index::IndexOptions index;      // BM25 parameters, commit cadence
  // Memory for the search index's hot chunks: see store::Db::Options. Default: 32 MiB.
  size_t index_cache_bytes = store::Db::kDefaultIndexCacheBytes;
  int64_t default_lease_ms = 10 * 60 * 1000;  // reviewer lease; Default: 10 minutes
};

// Who is calling: a key's id and role, or anonymous (empty id).
struct Caller {
  std::string key_id;
  Role role = Role::kAnonymous;
  static Caller System() { return {"system", Role::kAdmin}; }
};

struct UploadOptions {
  // The body arrived as a file of this format ("text", "markdown", "html", "srt", "webvtt"):
  // its text is extracted for screening and search, the original kept. Default: "" = plain field.
  std::string body_format;
  std::string idempotency_key;  // Default: none
  bool replace = false;         // PUT: the resource must exist and belong to the caller
};

class Platform {
 public:
  // Opens (creating if needed) the data directory, loads the active lexicon (or `lexicon_dir`),
  // catches the index up with the change log, and imports `initial_corpus` on first start.
  static Status Open(const PlatformOptions& options, std::unique_ptr<Platform>* platform);
  ~Platform();
  Platform(const Platform&) = delete;
  Platform& operator=(const Platform&) = delete;

  // ---- Learners: published resources only.
  Status Search(const index::SearchRequest& request, index::SearchResponse* response);
  Status Suggest(const std::string& prefix, const std::string& lang, size_t limit,
                 std::vector<index::Suggestion>* suggestions);
  // NotFound unless the resource exists and is published.
  Status GetPublished(const std::string& id, Resource* resource);

  // ---- Publishers.
  // Screens and stores one resource (JSON object); `*response` = {id, state, verdict, flags...}.
  // A retried call with the same idempotency key answers the first response and stores nothing.
  Status Upload(const Caller& caller, const nlohmann::json& body, const UploadOptions& options,
                nlohmann::json* response);
  // OK when the caller may upload (publisher or admin); what bulk uploads check first.
  Status AuthorizeUpload(const Caller& caller) const;
  // Removes a resource from learners at once (state withdrawn). Owner or admin.
  Status Withdraw(const Caller& caller, const std::string& id, nlohmann::json* response);
  // A resource as the caller may see it: learners published only; its publisher every state
  // with the reasons; reviewers and admins everything.
  Status GetForCaller(const Caller& caller, const std::string& id, nlohmann::json* resource);
  // The caller's own resources (publisher), newest change first.
  Status ListOwn(const Caller& caller, const std::string& state, size_t limit, nlohmann::json* resources);
  // A rejected publisher may appeal once: the resource goes back to review with its history.
  Status Appeal(const Caller& caller, const std::string& id, const std::string& reason, nlohmann::json* response);

  // ---- Reviewers.
  Status ListQueue(const Caller& caller, const review::QueueFilter& filter, nlohmann::json* items);
  // Leases an item to the caller (Conflict when another reviewer holds a live lease).
  Status Claim(const Caller& caller, const std::string& item_id, int64_t lease_ms, nlohmann::json* item);
  // decision: approve | reject | escalate; the caller must hold the item's lease.
  Status Decide(const Caller& caller, const std::string& item_id, const std::string& decision,
                const std::string& reason, nlohmann::json* item);

  // ---- Screening.
  review::Verdict Screen(std::string_view text, std::string_view lang, std::string_view origin) const;
  review::Screener* screener() { return screener_.get(); }

  // ---- Admins.
  // Validates, compiles, saves and activates a lexicon version, then re-screens stored
  // resources: newly flagged published ones go back to review (and out of search).
  // `*report` = {version, rules, rescanned, changed:[{id, before, after}]}.
  Status PublishLexicon(const Caller& caller, const std::map<std::string, std::string>& files,
                        nlohmann::json* report);
  Status ListLexicons(const Caller& caller, nlohmann::json* versions);
  Status CreateKey(const Caller& caller, const std::string& role, const std::string& label,
                   nlohmann::json* key);
  // Resolves an Authorization bearer secret; Unauthenticated when unknown or revoked.
  Status Authenticate(const std::string& secret, Caller* caller);
  Status ListAudit(const Caller& caller, uint64_t after, const std::string& resource_id, const std::string& actor, size_t limit,
                   nlohmann::json* records);

  // A resource's screening result over all its text fields (defined in platform_internal.h).
  struct Screened;

  store::ResourceStore* resources() { return resources_.get(); }
  index::SearchIndex* search_index() { return index_.get(); }
  store::Db* db() { return db_.get(); }
  store::AuditLog* audit() { return audit_.get(); }
  KeyStore* keys() { return keys_.get(); }
  review::ReviewQueue* queue() { return queue_.get(); }
  const PlatformOptions& options() const { return options_; }

 private:
  Platform() = default;
  Screened ScreenResource(const Resource& resource) const;
  // Commits `batch` with audit `entries` and makes the change visible to search.
  Status CommitWorkflow(store::ResourceBatch* batch, const std::vector<store::AuditEntry>& entries);
  Status LoadLexicon();

  PlatformOptions options_;
  std::unique_ptr<store::Db> db_;
  std::unique_ptr<store::ResourceStore> resources_;
  std::unique_ptr<index::SearchIndex> index_;
  std::unique_ptr<store::AuditLog> audit_;
  std::unique_ptr<KeyStore> keys_;
  std::unique_ptr<review::ReviewQueue> queue_;
  std::unique_ptr<review::LexiconStore> lexicons_;
  std::unique_ptr<review::Screener> screener_;
  // Serialises read-modify-write of resources and review items (claims, decisions, uploads).
  mutable std::mutex workflow_mu_;
};

// Milliseconds since the Unix epoch (the workflow's clock).
int64_t NowMs();

}  // namespace wenjin::api
