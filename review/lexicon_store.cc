// Lexicon versions in RocksDB.
#include "review/lexicon_store.h"

#include <algorithm>
#include <chrono>

#include <nlohmann/json.hpp>

namespace wenjin::review {
namespace {

constexpr store::Family kFamily = store::Family::kLexicons;
std::string Key(const std::string& version, const char* part) { return "v/" + version + "/" + part; }

}  // namespace

LexiconStore::LexiconStore(store::Db* db) : db_(db) {}

Status LexiconStore::Save(const Lexicon& lexicon) {
  SerializedDatabases databases;
  WENJIN_RETURN_IF_ERROR(lexicon.Serialize(&databases));
  const nlohmann::json files(lexicon.files());
  const int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  const nlohmann::json meta = {
      {"version", lexicon.version()}, {"rules", lexicon.rules().size()}, {"saved_at_ms", now}};
  rocksdb::WriteBatch batch;
  auto* cf = db_->family(kFamily);
  const std::string& v = lexicon.version();
  batch.Put(cf, Key(v, "files"), files.dump());
  batch.Put(cf, Key(v, "skeleton"), databases.skeleton);
  batch.Put(cf, Key(v, "regex"), databases.regex);
  batch.Put(cf, Key(v, "meta"), meta.dump());
  return db_->Write(&batch);
}

Status LexiconStore::Activate(const std::string& version) {
  std::string meta;
  Status s = db_->Get(kFamily, Key(version, "meta"), &meta);
  if (s.IsNotFound()) return Status::NotFound("no lexicon version " + version);
  WENJIN_RETURN_IF_ERROR(s);
  return db_->Put(kFamily, "active", version);
}

Status LexiconStore::ActiveVersion(std::string* version) {
  Status s = db_->Get(kFamily, "active", version);
  if (s.IsNotFound()) return Status::NotFound("no active lexicon");
  return s;
}

Status LexiconStore::Load(const std::string& version, const LexiconOptions& options,
                          std::shared_ptr<const Lexicon>* out) {
  std::string files_json;
  SerializedDatabases databases;
  Status s = db_->Get(kFamily, Key(version, "files"), &files_json);
  if (s.IsNotFound()) return Status::NotFound("no lexicon version " + version);
  WENJIN_RETURN_IF_ERROR(s);
  WENJIN_RETURN_IF_ERROR(db_->Get(kFamily, Key(version, "skeleton"), &databases.skeleton));
  WENJIN_RETURN_IF_ERROR(db_->Get(kFamily, Key(version, "regex"), &databases.regex));
  nlohmann::json parsed = nlohmann::json::parse(files_json, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    return Status::Corruption("lexicon " + version + ": stored files are not a JSON object");
  }
  std::map<std::string, std::string> files;
  for (const auto& [name, content] : parsed.items()) {
    if (!content.is_string()) return Status::Corruption("lexicon " + version + ": file " + name + " is not text");
    files[name] = content.get<std::string>();
  }
  LexiconOptions with_version = options;
  with_version.version = version;
  return BuildLexicon(files, with_version, &databases, out);
}

Status LexiconStore::LoadActive(const LexiconOptions& options, std::shared_ptr<const Lexicon>* out) {
  std::string version;
  WENJIN_RETURN_IF_ERROR(ActiveVersion(&version));
  return Load(version, options, out);
}

Status LexiconStore::List(std::vector<LexiconInfo>* out) {
  std::string active;
  Status s = ActiveVersion(&active);
  if (!s.ok() && !s.IsNotFound()) return s;
  std::vector<LexiconInfo> infos;
  std::unique_ptr<rocksdb::Iterator> it = db_->NewIterator(kFamily);
  for (it->Seek("v/"); it->Valid() && it->key().starts_with("v/"); it->Next()) {
    const std::string key = it->key().ToString();
    if (key.size() < 5 || key.compare(key.size() - 5, 5, "/meta") != 0) continue;
    nlohmann::json meta = nlohmann::json::parse(it->value().ToString(), nullptr, false);
    if (meta.is_discarded()) return Status::Corruption("bad lexicon meta at " + key);
    LexiconInfo info;
    info.version = meta.value("version", "");
    info.rules = meta.value("rules", 0);
    info.saved_at_ms = meta.value("saved_at_ms", int64_t{0});
    info.active = info.version == active;
    infos.push_back(std::move(info));
  }
  WENJIN_RETURN_IF_ERROR(store::FromRocks(it->status()));
  std::stable_sort(infos.begin(), infos.end(),
                   [](const LexiconInfo& a, const LexiconInfo& b) { return a.saved_at_ms < b.saved_at_ms; });
  *out = std::move(infos);
  return Status::OK();
}

}  // namespace wenjin::review
