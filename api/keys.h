// API keys and roles. A key is shown once, at creation; only its SHA-256 is stored
// (Family::kKeys), so a copy of the database does not leak usable keys.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "store/db.h"

namespace wenjin::api {

// What a caller may do. Anonymous callers carry no key.
enum class Role { kAnonymous, kPublisher, kReviewer, kSeniorReviewer, kAdmin };
const char* RoleName(Role role);
bool ParseRole(std::string_view name, Role* role);  // "publisher", "reviewer", "senior_reviewer", "admin"

struct KeyInfo {
  std::string id;          // public identifier (used as actor in audit records), "k_" + 16 hex
  Role role = Role::kAnonymous;
  std::string label;
  std::string created_at;
  bool revoked = false;
};

class KeyStore {
 public:
  explicit KeyStore(store::Db* db);
  // Creates a key; `*secret` receives the key itself ("wj_" + 48 hex), which is not stored.
  Status Create(Role role, const std::string& label, KeyInfo* info, std::string* secret);
  // The key's info; Unauthenticated when unknown or revoked.
  Status Authenticate(const std::string& secret, KeyInfo* info) const;
  Status Revoke(const std::string& id);
  Status List(std::vector<KeyInfo>* keys) const;

 private:
  store::Db* db_;
};

}  // namespace wenjin::api
