#include "store/resource_store.h"

namespace wenjin::store {

namespace {
// Owner index in kMeta: "owner/" + owner + '\0' + id -> "" (ids and key ids hold no NUL).
constexpr std::string_view kOwnerPrefix = "owner/";
constexpr std::string_view kOwnerIndexBuilt = "owner-index-built";

std::string OwnerPrefix(std::string_view owner) {
  std::string key(kOwnerPrefix);
  key += owner;
  key += '\0';
  return key;
}
}  // namespace

ResourceStore::ResourceStore(Db* db) : db_(db) {
  auto it = db_->NewIterator(Family::kChanges);
  it->SeekToLast();
  if (it->Valid()) DecodeSequence(std::string_view(it->key().data(), it->key().size()), &last_seq_);
}

Status ResourceStore::Get(std::string_view id, Resource* out) {
  std::string value;
  Status s = db_->Get(Family::kResources, id, &value);
  if (s.IsNotFound()) return Status::NotFound("no resource with id '" + std::string(id) + "'");
  WENJIN_RETURN_IF_ERROR(s);
  nlohmann::json j = nlohmann::json::parse(value, nullptr, false);
  if (j.is_discarded()) return Status::Corruption("stored record of '" + std::string(id) + "' is not JSON");
  return ResourceFromJson(j, out);
}

Status ResourceStore::Commit(ResourceBatch* batch, uint64_t* last_seq) {
  std::lock_guard<std::mutex> lock(mu_);
  rocksdb::WriteBatch& wb = batch->extra_;
  uint64_t seq = last_seq_;
  auto change = [&](const std::string& id) {
    wb.Put(db_->family(Family::kChanges), EncodeSequence(++seq), id);
  };
  for (Resource& r : batch->puts_) {
    if (r.id.empty()) r.id = NewResourceId();
    wb.Put(db_->family(Family::kResources), r.id, ResourceToJson(r).dump());
    if (!r.owner.empty()) wb.Put(db_->family(Family::kMeta), OwnerPrefix(r.owner) + r.id, "");
    change(r.id);
  }
  for (const std::string& id : batch->removes_) {
    Resource old;
    if (Get(id, &old).ok() && !old.owner.empty()) wb.Delete(db_->family(Family::kMeta), OwnerPrefix(old.owner) + id);
    wb.Delete(db_->family(Family::kResources), id);
    change(id);
  }
  WENJIN_RETURN_IF_ERROR(db_->Write(&wb, /*sync=*/true));
  last_seq_ = seq;
  if (last_seq) *last_seq = seq;
  return Status::OK();
}

Status ResourceStore::Put(const Resource& resource, uint64_t* seq) {
  ResourceBatch batch;
  batch.Put(resource);
  return Commit(&batch, seq);
}

Status ResourceStore::Remove(std::string_view id, uint64_t* seq) {
  ResourceBatch batch;
  batch.Remove(std::string(id));
  return Commit(&batch, seq);
}

Status ResourceStore::ChangesSince(uint64_t after, const std::function<bool(const Change&)>& fn) {
  auto it = db_->NewIterator(Family::kChanges);
  for (it->Seek(EncodeSequence(after + 1)); it->Valid(); it->Next()) {
    Change c;
    if (!DecodeSequence(std::string_view(it->key().data(), it->key().size()), &c.seq)) {
      return Status::Corruption("malformed change key");
    }
    c.id = it->value().ToString();
    if (!fn(c)) break;
  }
  return FromRocks(it->status());
}

Status ResourceStore::ForEach(const std::function<bool(const Resource&)>& fn) {
  auto it = db_->NewIterator(Family::kResources);
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    nlohmann::json j = nlohmann::json::parse(it->value().ToString(), nullptr, false);
    Resource r;
    if (j.is_discarded() || !ResourceFromJson(j, &r).ok()) {
      return Status::Corruption("stored record of '" + it->key().ToString() + "' is unreadable");
    }
    if (!fn(r)) break;
  }
  return FromRocks(it->status());
}

Status ResourceStore::EnsureOwnerIndex() {
  std::lock_guard<std::mutex> lock(mu_);  // no commit runs while the index is built
  std::string marker;
  Status s = db_->Get(Family::kMeta, kOwnerIndexBuilt, &marker);
  if (s.ok()) return Status::OK();
  if (!s.IsNotFound()) return s;
  rocksdb::WriteBatch wb;
  WENJIN_RETURN_IF_ERROR(ForEach([&](const Resource& r) {
    if (!r.owner.empty()) wb.Put(db_->family(Family::kMeta), OwnerPrefix(r.owner) + r.id, "");
    return true;
  }));
  wb.Put(db_->family(Family::kMeta), std::string(kOwnerIndexBuilt), "1");
  return db_->Write(&wb, /*sync=*/true);
}

Status ResourceStore::ForEachOwnedBy(std::string_view owner, const std::function<bool(const Resource&)>& fn) {
  WENJIN_RETURN_IF_ERROR(EnsureOwnerIndex());
  const std::string prefix = OwnerPrefix(owner);
  auto it = db_->NewIterator(Family::kMeta);
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    Resource r;
    Status s = Get(std::string_view(it->key().data() + prefix.size(), it->key().size() - prefix.size()), &r);
    if (s.IsNotFound()) continue;
    WENJIN_RETURN_IF_ERROR(s);
    if (!fn(r)) break;
  }
  return FromRocks(it->status());
}

uint64_t ResourceStore::last_sequence() const {
  std::lock_guard<std::mutex> lock(mu_);
  return last_seq_;
}

}  // namespace wenjin::store
