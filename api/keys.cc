// Hashed API keys in RocksDB.
#include "api/keys.h"

#include <chrono>
#include <ctime>

#include <nlohmann/json.hpp>

#include "store/digest.h"

namespace wenjin::api {

namespace {
constexpr const char* kRoleNames[] = {"anonymous", "publisher", "reviewer", "senior_reviewer", "admin"};

using store::RandomHex;
using store::Sha256Hex;

nlohmann::json ToJson(const KeyInfo& k) {
  return {{"id", k.id}, {"role", RoleName(k.role)}, {"label", k.label}, {"created_at", k.created_at},
          {"revoked", k.revoked}};
}

bool FromJson(const std::string& text, KeyInfo* k) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return false;
  k->id = j.value("id", "");
  k->label = j.value("label", "");
  k->created_at = j.value("created_at", "");
  k->revoked = j.value("revoked", false);
  return ParseRole(j.value("role", ""), &k->role);
}

std::string HashKey(const std::string& hash) { return "h:" + hash; }
std::string IdKey(const std::string& id) { return "i:" + id; }
}  // namespace

const char* RoleName(Role role) { return kRoleNames[static_cast<int>(role)]; }

bool ParseRole(std::string_view name, Role* role) {
  for (int i = 1; i < 5; ++i) {
    if (name == kRoleNames[i]) {
      *role = static_cast<Role>(i);
      return true;
    }
  }
  return false;
}

KeyStore::KeyStore(store::Db* db) : db_(db) {}

Status KeyStore::Create(Role role, const std::string& label, KeyInfo* info, std::string* secret) {
  if (role == Role::kAnonymous) return Status::InvalidArgument("role must be publisher, reviewer, senior_reviewer or admin");
  KeyInfo k;
  std::string id_hex, secret_hex;
  WENJIN_RETURN_IF_ERROR(RandomHex(8, &id_hex));
  WENJIN_RETURN_IF_ERROR(RandomHex(24, &secret_hex));
  k.id = "k_" + id_hex;
  k.role = role;
  k.label = label;
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm;
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  k.created_at = buf;
  std::string s = "wj_" + secret_hex;
  std::string hash = Sha256Hex(s);
  rocksdb::WriteBatch batch;
  batch.Put(db_->family(store::Family::kKeys), HashKey(hash), ToJson(k).dump());
  batch.Put(db_->family(store::Family::kKeys), IdKey(k.id), hash);
  WENJIN_RETURN_IF_ERROR(db_->Write(&batch, /*sync=*/true));
  *info = k;
  *secret = s;
  return Status::OK();
}

Status KeyStore::Authenticate(const std::string& secret, KeyInfo* info) const {
  if (secret.empty()) return Status::Unauthenticated("an API key is required");
  std::string value;
  Status s = db_->Get(store::Family::kKeys, HashKey(Sha256Hex(secret)), &value);
  if (s.IsNotFound()) return Status::Unauthenticated("the API key is not valid");
  WENJIN_RETURN_IF_ERROR(s);
  KeyInfo k;
  if (!FromJson(value, &k)) return Status::Corruption("stored key record is unreadable");
  if (k.revoked) return Status::Unauthenticated("the API key was revoked");
  *info = k;
  return Status::OK();
}

Status KeyStore::Revoke(const std::string& id) {
  std::string hash, value;
  Status s = db_->Get(store::Family::kKeys, IdKey(id), &hash);
  if (s.IsNotFound()) return Status::NotFound("no key with id '" + id + "'");
  WENJIN_RETURN_IF_ERROR(s);
  WENJIN_RETURN_IF_ERROR(db_->Get(store::Family::kKeys, HashKey(hash), &value));
  KeyInfo k;
  if (!FromJson(value, &k)) return Status::Corruption("stored key record is unreadable");
  k.revoked = true;
  return db_->Put(store::Family::kKeys, HashKey(hash), ToJson(k).dump());
}

Status KeyStore::List(std::vector<KeyInfo>* keys) const {
  keys->clear();
  auto it = db_->NewIterator(store::Family::kKeys);
  for (it->Seek("h:"); it->Valid() && it->key().starts_with("h:"); it->Next()) {
    KeyInfo k;
    if (!FromJson(it->value().ToString(), &k)) return Status::Corruption("stored key record is unreadable");
    keys->push_back(std::move(k));
  }
  return store::FromRocks(it->status());
}

}  // namespace wenjin::api
