// AuditLog: an append-only, hash-chained record of who did what, stored in Family::kAudit.
//
// Record N carries hash_N = SHA-256(hash_{N-1} || canonical JSON of record N without its hash),
// with hash_0 = 64 zeros, so editing, removing or reordering any record breaks every later hash
// and Verify() names the first broken record. Records are appended in the same RocksDB write
// batch as the change they describe.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/db.h"

namespace wenjin::store {

struct AuditEntry {
  std::string actor;        // key id, "cli", "system"
  std::string action;       // "upload", "verdict", "claim", "decision", "appeal", "lexicon", "key" ...
  std::string resource_id;  // may be empty
  nlohmann::json before;    // state before (null when none)
  nlohmann::json after;     // state after
  nlohmann::json detail;    // anything else (reason, flags ...)
};

struct AuditRecord {
  uint64_t seq = 0;
  std::string at;           // ISO 8601 UTC
  AuditEntry entry;
  std::string prev_hash;
  std::string hash;
};
nlohmann::json AuditRecordToJson(const AuditRecord& record);

class AuditLog {
 public:
  explicit AuditLog(Db* db);

  // Appends `entries` to `batch` and runs `commit` (which must write `batch` durably) while
  // holding the log's lock, so chain order equals commit order. If `commit` fails the chain
  // is unchanged.
  Status AppendAndCommit(const std::vector<AuditEntry>& entries, rocksdb::WriteBatch* batch,
                         const std::function<Status()>& commit);
  // Appends and commits on its own.
  Status Append(const AuditEntry& entry);

  // Records with seq > `after`, oldest first, filtered (empty filter = any), at most `limit`.
  Status List(uint64_t after, const std::string& resource_id, const std::string& actor, size_t limit,
              std::vector<AuditRecord>* records);

  // Walks the whole chain. OK when intact; Corruption naming the first broken record otherwise.
  // `*checked` receives the number of records verified.
  Status Verify(uint64_t* checked);

 private:
  Db* db_;
  std::mutex mu_;
  uint64_t last_seq_ = 0;
  std::string last_hash_;
};

}  // namespace wenjin::store
