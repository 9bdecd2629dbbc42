// Hash-chained audit records.
#include "store/audit_log.h"

#include <chrono>
#include <ctime>
#include <memory>

#include "store/digest.h"

namespace wenjin::store {

namespace {

const std::string kGenesisHash(64, '0');

std::string NowIso() {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm;
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// The hashed content: everything but the hash itself. nlohmann sorts object keys, so dump() is canonical.
std::string HashedContent(const AuditRecord& r) {
  nlohmann::json j = AuditRecordToJson(r);
  j.erase("hash");
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Status ParseRecord(const rocksdb::Slice& key, const rocksdb::Slice& value, AuditRecord* r) {
  if (!DecodeSequence(std::string_view(key.data(), key.size()), &r->seq)) {
    return Status::Corruption("malformed audit key");
  }
  auto j = nlohmann::json::parse(value.ToString(), nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Status::Corruption("audit record " + std::to_string(r->seq) + " is not JSON");
  try {
    if (j.value("seq", uint64_t{0}) != r->seq) {
      return Status::Corruption("audit record " + std::to_string(r->seq) + " has a different seq inside");
    }
    r->at = j.value("at", "");
    r->entry.actor = j.value("actor", "");
    r->entry.action = j.value("action", "");
    r->entry.resource_id = j.value("resource_id", "");
    r->entry.before = j.value("before", nlohmann::json());
    r->entry.after = j.value("after", nlohmann::json());
    r->entry.detail = j.value("detail", nlohmann::json());
    r->prev_hash = j.value("prev_hash", "");
    r->hash = j.value("hash", "");
  } catch (const nlohmann::json::exception&) {
    return Status::Corruption("audit record " + std::to_string(r->seq) + " has fields of the wrong type");
  }
  return Status::OK();
}

}  // namespace

nlohmann::json AuditRecordToJson(const AuditRecord& r) {
  return {{"seq", r.seq},           {"at", r.at},
          {"actor", r.entry.actor}, {"action", r.entry.action},
          {"resource_id", r.entry.resource_id}, {"before", r.entry.before},
          {"after", r.entry.after}, {"detail", r.entry.detail},
          {"prev_hash", r.prev_hash}, {"hash", r.hash}};
}

AuditLog::AuditLog(Db* db) : db_(db), last_hash_(kGenesisHash) {
  auto it = db_->NewIterator(Family::kAudit);
  it->SeekToLast();
  if (it->Valid()) {
    AuditRecord r;
    if (ParseRecord(it->key(), it->value(), &r).ok()) {
      last_seq_ = r.seq;
      last_hash_ = r.hash;
    }
  }
}

Status AuditLog::AppendAndCommit(const std::vector<AuditEntry>& entries, rocksdb::WriteBatch* batch,
                                 const std::function<Status()>& commit) {
  std::lock_guard<std::mutex> lock(mu_);
  uint64_t seq = last_seq_;
  std::string hash = last_hash_;
  const std::string at = NowIso();
  for (const AuditEntry& e : entries) {
    AuditRecord r;
    r.seq = ++seq;
    r.at = at;
    r.entry = e;
    r.prev_hash = hash;
    r.hash = Sha256Hex(r.prev_hash + HashedContent(r));
    hash = r.hash;
    batch->Put(db_->family(Family::kAudit), EncodeSequence(r.seq),
               AuditRecordToJson(r).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  }
  WENJIN_RETURN_IF_ERROR(commit());
  last_seq_ = seq;
  last_hash_ = hash;
  return Status::OK();
}

Status AuditLog::Append(const AuditEntry& entry) {
  rocksdb::WriteBatch batch;
  return AppendAndCommit({entry}, &batch, [&] { return db_->Write(&batch, /*sync=*/true); });
}

Status AuditLog::List(uint64_t after, const std::string& resource_id, const std::string& actor, size_t limit,
                      std::vector<AuditRecord>* records) {
  records->clear();
  auto it = db_->NewIterator(Family::kAudit);
  for (it->Seek(EncodeSequence(after + 1)); it->Valid() && records->size() < limit; it->Next()) {
    AuditRecord r;
    WENJIN_RETURN_IF_ERROR(ParseRecord(it->key(), it->value(), &r));
    if (!resource_id.empty() && r.entry.resource_id != resource_id) continue;
    if (!actor.empty() && r.entry.actor != actor) continue;
    records->push_back(std::move(r));
  }
  return FromRocks(it->status());
}

Status AuditLog::Verify(uint64_t* checked) {
  *checked = 0;
  std::string prev = kGenesisHash;
  uint64_t expected_seq = 1;
  auto it = db_->NewIterator(Family::kAudit);
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    AuditRecord r;
    Status s = ParseRecord(it->key(), it->value(), &r);
    if (!s.ok()) return Status::Corruption("audit record " + std::to_string(expected_seq) + ": " + s.message());
    if (r.seq != expected_seq) {
      return Status::Corruption("audit record " + std::to_string(expected_seq) + " is missing (next is " +
                                std::to_string(r.seq) + ")");
    }
    if (r.prev_hash != prev) {
      return Status::Corruption("audit record " + std::to_string(r.seq) + " does not link to record " +
                                std::to_string(r.seq - 1));
    }
    if (Sha256Hex(r.prev_hash + HashedContent(r)) != r.hash) {
      return Status::Corruption("audit record " + std::to_string(r.seq) + " was altered (hash mismatch)");
    }
    prev = r.hash;
    ++expected_seq;
    ++*checked;
  }
  return FromRocks(it->status());
}

}  // namespace wenjin::store
