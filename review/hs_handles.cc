// Hyperscan platform check and the scratch pool.
#include "review/hs_handles.h"

#include <cstdlib>

namespace wenjin::review {

Status CheckHsPlatform() {
  static const hs_error_t result = hs_valid_platform();
  if (result != HS_SUCCESS) return Status::Unavailable("Hyperscan does not support this CPU (needs SSSE3)");
  return Status::OK();
}

namespace {

void PutLength(uint64_t n, std::string* out) {
  for (int i = 0; i < 8; ++i) out->push_back(static_cast<char>((n >> (8 * i)) & 0xFF));
}

// Reads a length-prefixed piece from *bytes; false when cut short.
bool GetPiece(std::string_view* bytes, std::string_view* piece) {
  if (bytes->size() < 8) return false;
  uint64_t n = 0;
  for (int i = 0; i < 8; ++i) n |= static_cast<uint64_t>(static_cast<unsigned char>((*bytes)[i])) << (8 * i);
  bytes->remove_prefix(8);
  if (n > bytes->size()) return false;
  *piece = bytes->substr(0, n);
  bytes->remove_prefix(n);
  return true;
}

}  // namespace

Status SerializeDatabaseSet(const std::map<std::string, const hs_database_t*>& databases, std::string* out) {
  out->clear();
  for (const auto& [name, db] : databases) {
    PutLength(name.size(), out);
    out->append(name);
    if (db == nullptr) {
      PutLength(0, out);
      continue;
    }
    char* bytes = nullptr;
    size_t length = 0;
    if (hs_serialize_database(db, &bytes, &length) != HS_SUCCESS) {
      return Status::Internal("hs_serialize_database failed");
    }
    PutLength(length, out);
    out->append(bytes, length);
    std::free(bytes);  // allocated by Hyperscan's default allocator (malloc)
  }
  return Status::OK();
}

Status DeserializeDatabaseSet(std::string_view bytes, std::map<std::string, HsDatabase>* out) {
  std::map<std::string, HsDatabase> set;
  while (!bytes.empty()) {
    std::string_view name, db_bytes;
    if (!GetPiece(&bytes, &name) || !GetPiece(&bytes, &db_bytes)) {
      return Status::Corruption("serialised database set is cut short");
    }
    HsDatabase& db = set[std::string(name)];
    if (db_bytes.empty()) continue;
    hs_database_t* raw = nullptr;
    if (hs_deserialize_database(db_bytes.data(), db_bytes.size(), &raw) != HS_SUCCESS) {
      return Status::Corruption("cannot deserialise Hyperscan database");
    }
    db.reset(raw);
  }
  *out = std::move(set);
  return Status::OK();
}

Status HsScratchPool::Create(const std::vector<const hs_database_t*>& databases,
                             std::unique_ptr<HsScratchPool>* out) {
  std::unique_ptr<HsScratchPool> pool(new HsScratchPool());
  hs_scratch_t* raw = nullptr;
  for (const hs_database_t* db : databases) {
    if (db == nullptr) continue;
    if (hs_alloc_scratch(db, &raw) != HS_SUCCESS) {
      HsScratch cleanup(raw);
      return Status::Internal("hs_alloc_scratch failed");
    }
  }
  pool->prototype_.reset(raw);
  *out = std::move(pool);
  return Status::OK();
}

HsScratch HsScratchPool::Clone() {
  if (!prototype_) return nullptr;
  hs_scratch_t* copy = nullptr;
  if (hs_clone_scratch(prototype_.get(), &copy) != HS_SUCCESS) return nullptr;
  return HsScratch(copy);
}

HsScratchPool::Lease HsScratchPool::Acquire() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!free_.empty()) {
      HsScratch s = std::move(free_.back());
      free_.pop_back();
      return Lease(this, std::move(s));
    }
  }
  return Lease(this, Clone());
}

void HsScratchPool::Release(HsScratch scratch) {
  std::lock_guard<std::mutex> lock(mu_);
  free_.push_back(std::move(scratch));
}

}  // namespace wenjin::review
