// ReviewQueue: the items screening flagged, waiting for a reviewer (stored in Family::kReview
// under "item/<id>"). Storage and ordering only; the workflow rules (who may claim, what a
// decision does to the resource) live in api/platform. Not thread-safe: callers serialise writes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <rocksdb/write_batch.h>

#include "store/db.h"

namespace wenjin::review {

struct ReviewItem {
  std::string id;
  std::string resource_id;
  std::string queue = "standard";  // "standard" | "senior" (after an escalation)
  std::string status = "open";     // "open" | "decided"
  nlohmann::json flags = nlohmann::json::array();  // [{field, rule, category, severity, start, end, excerpt}]
  std::string severity = "low";    // the highest flag severity
  std::string origin = "human";    // human | ai
  std::string lang;
  int64_t created_ms = 0;          // when the item was (re)queued
  std::string claimed_by;          // reviewer key id while leased
  int64_t lease_until_ms = 0;
  std::string decision;            // approve | reject (when decided)
  std::string reason;
  int appeals = 0;
  nlohmann::json history = nlohmann::json::array();  // [{at_ms, actor, action, reason}]
};
nlohmann::json ReviewItemToJson(const ReviewItem& item);
bool ReviewItemFromJson(const nlohmann::json& json, ReviewItem* item);

// 3 for block, 2 high, 1 medium, 0 low.
int SeverityRank(std::string_view severity);

struct QueueFilter {
  std::string queue = "standard";  // Default: the standard queue
  std::string category;            // Default: any
  std::string lang;                // primary subtag; Default: any
  std::string severity;            // exact; Default: any
  bool include_leased = false;     // Default: items under a live lease are hidden
  size_t limit = 50;
};

class ReviewQueue {
 public:
  explicit ReviewQueue(store::Db* db);
  Status Get(const std::string& id, ReviewItem* item) const;
  // The open item of a resource, NotFound if none.
  Status OpenItemFor(const std::string& resource_id, ReviewItem* item) const;
  void Put(const ReviewItem& item, rocksdb::WriteBatch* batch);
  // Open items matching `filter`, by priority: severity (highest first), then AI-generated
  // before human, then oldest first. A lease that ended before `now_ms` no longer hides an item.
  Status List(const QueueFilter& filter, int64_t now_ms, std::vector<ReviewItem>* items) const;
  // Open items per queue (for metrics).
  Status CountOpen(uint64_t* standard, uint64_t* senior) const;

 private:
  store::Db* db_;
};

// Orders items by review priority (true when `a` comes first).
bool ReviewPriorityBefore(const ReviewItem& a, const ReviewItem& b);

}  // namespace wenjin::review
