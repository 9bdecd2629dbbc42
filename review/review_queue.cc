// Review items in RocksDB, listed by priority.
#include "review/review_queue.h"

#include <algorithm>

#include "store/resource.h"

namespace wenjin::review {

namespace {
constexpr const char* kItemPrefix = "item/";
constexpr const char* kOpenByResource = "open/";  // open/<resource id> -> item id
}  // namespace

int SeverityRank(std::string_view s) {
  if (s == "block") return 3;
  if (s == "high") return 2;
  if (s == "medium") return 1;
  return 0;
}

nlohmann::json ReviewItemToJson(const ReviewItem& i) {
  return {{"id", i.id},
          {"resource_id", i.resource_id},
          {"queue", i.queue},
          {"status", i.status},
          {"flags", i.flags},
          {"severity", i.severity},
          {"origin", i.origin},
          {"lang", i.lang},
          {"created_ms", i.created_ms},
          {"claimed_by", i.claimed_by},
          {"lease_until_ms", i.lease_until_ms},
          {"decision", i.decision},
          {"reason", i.reason},
          {"appeals", i.appeals},
          {"history", i.history}};
}

bool ReviewItemFromJson(const nlohmann::json& j, ReviewItem* i) {
  if (!j.is_object()) return false;
  try {
    i->id = j.at("id").get<std::string>();
    i->resource_id = j.at("resource_id").get<std::string>();
    i->queue = j.value("queue", "standard");
    i->status = j.value("status", "open");
    i->flags = j.value("flags", nlohmann::json::array());
    i->severity = j.value("severity", "low");
    i->origin = j.value("origin", "human");
    i->lang = j.value("lang", "");
    i->created_ms = j.value("created_ms", int64_t{0});
    i->claimed_by = j.value("claimed_by", "");
    i->lease_until_ms = j.value("lease_until_ms", int64_t{0});
    i->decision = j.value("decision", "");
    i->reason = j.value("reason", "");
    i->appeals = j.value("appeals", 0);
    i->history = j.value("history", nlohmann::json::array());
  } catch (const nlohmann::json::exception&) {
    return false;
  }
  return true;
}

bool ReviewPriorityBefore(const ReviewItem& a, const ReviewItem& b) {
  int sa = SeverityRank(a.severity), sb = SeverityRank(b.severity);
  if (sa != sb) return sa > sb;
  bool aa = a.origin == "ai", ba = b.origin == "ai";
  if (aa != ba) return aa;
  if (a.created_ms != b.created_ms) return a.created_ms < b.created_ms;
  return a.id < b.id;
}

ReviewQueue::ReviewQueue(store::Db* db) : db_(db) {}

Status ReviewQueue::Get(const std::string& id, ReviewItem* item) const {
  std::string value;
  Status s = db_->Get(store::Family::kReview, kItemPrefix + id, &value);
  if (s.IsNotFound()) return Status::NotFound("no review item with id '" + id + "'");
  WENJIN_RETURN_IF_ERROR(s);
  if (!ReviewItemFromJson(nlohmann::json::parse(value, nullptr, false), item)) {
    return Status::Corruption("review item '" + id + "' is unreadable");
  }
  return Status::OK();
}

Status ReviewQueue::OpenItemFor(const std::string& resource_id, ReviewItem* item) const {
  std::string id;
  Status s = db_->Get(store::Family::kReview, kOpenByResource + resource_id, &id);
  if (s.IsNotFound()) return Status::NotFound("resource '" + resource_id + "' has no open review item");
  WENJIN_RETURN_IF_ERROR(s);
  return Get(id, item);
}

void ReviewQueue::Put(const ReviewItem& item, rocksdb::WriteBatch* batch) {
  auto* cf = db_->family(store::Family::kReview);
  batch->Put(cf, kItemPrefix + item.id, ReviewItemToJson(item).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  if (item.status == "open") {
    batch->Put(cf, kOpenByResource + item.resource_id, item.id);
  } else {
    batch->Delete(cf, kOpenByResource + item.resource_id);
  }
}

Status ReviewQueue::List(const QueueFilter& filter, int64_t now_ms, std::vector<ReviewItem>* items) const {
  items->clear();
  // Through the open-item index: decided items pile up over the years, the queue does not.
  auto it = db_->NewIterator(store::Family::kReview);
  const std::string prefix = kOpenByResource;
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    ReviewItem item;
    WENJIN_RETURN_IF_ERROR(Get(it->value().ToString(), &item));
    if (item.status != "open" || item.queue != filter.queue) continue;
    if (!filter.include_leased && !item.claimed_by.empty() && item.lease_until_ms > now_ms) continue;
    if (!filter.severity.empty() && item.severity != filter.severity) continue;
    if (!filter.lang.empty() && PrimaryLanguage(item.lang) != PrimaryLanguage(filter.lang)) continue;
    if (!filter.category.empty()) {
      bool found = false;
      for (const auto& f : item.flags) found = found || f.value("category", "") == filter.category;
      if (!found) continue;
    }
    items->push_back(std::move(item));
  }
  WENJIN_RETURN_IF_ERROR(store::FromRocks(it->status()));
  std::sort(items->begin(), items->end(), ReviewPriorityBefore);
  if (items->size() > filter.limit) items->resize(filter.limit);
  return Status::OK();
}

Status ReviewQueue::CountOpen(uint64_t* standard, uint64_t* senior) const {
  *standard = *senior = 0;
  auto it = db_->NewIterator(store::Family::kReview);
  const std::string prefix = kItemPrefix;
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    ReviewItem item;
    if (!ReviewItemFromJson(nlohmann::json::parse(it->value().ToString(), nullptr, false), &item)) continue;
    if (item.status != "open") continue;
    (item.queue == "senior" ? *senior : *standard) += 1;
  }
  return store::FromRocks(it->status());
}

}  // namespace wenjin::review
