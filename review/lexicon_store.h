// LexiconStore: lexicon versions kept in RocksDB (family store::Family::kLexicons): each
// version's source files and its serialised Hyperscan databases, so start-up loads the active
// version without recompiling, plus which version is active.
//
// Keys (family kLexicons):
//   "v/<version>/files"   JSON {"name.tsv": "content", ...}
//   "v/<version>/skeleton", "v/<version>/regex"
//                         serialised Hyperscan databases (see SerializedDatabases)
//   "v/<version>/meta"    JSON {"version", "rules", "saved_at_ms"}
//   "active"              the active version
// One version's keys are written in one synced batch.
//
// Thread safety: all methods may be called concurrently (RocksDB is); Activate after Save of
// the same version from one thread sees it.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "review/lexicon.h"
#include "store/db.h"

namespace wenjin::review {

struct LexiconInfo {
  std::string version;
  int rules = 0;
  int64_t saved_at_ms = 0;  // Unix time of Save
  bool active = false;
};

class LexiconStore {
 public:
  // `db` must outlive the store.
  explicit LexiconStore(store::Db* db);

  // Saves the lexicon under its version (overwrites a version of the same name: versions are
  // content hashes or operator labels). Does not activate it.
  Status Save(const Lexicon& lexicon);
  // Makes a saved version the active one. NotFound if it was never saved.
  Status Activate(const std::string& version);
  // Loads one version, deserialising its databases (recompiling only if they do not load, e.g.
  // after a Hyperscan upgrade). NotFound if absent.
  Status Load(const std::string& version, const LexiconOptions& options, std::shared_ptr<const Lexicon>* out);
  // Loads the active version. NotFound if none was activated.
  Status LoadActive(const LexiconOptions& options, std::shared_ptr<const Lexicon>* out);
  Status ActiveVersion(std::string* version);
  // Every saved version, oldest first.
  Status List(std::vector<LexiconInfo>* out);

 private:
  store::Db* db_;
};

}  // namespace wenjin::review
