// Backup and restore of a data directory through RocksDB's BackupEngine.
#include "store/backup.h"

#include <filesystem>
#include <memory>

#include <rocksdb/env.h>
#include <rocksdb/utilities/backup_engine.h>

namespace wenjin::store {

namespace {

namespace fs = std::filesystem;

BackupInfo ToInfo(const rocksdb::BackupInfo& info) {
  BackupInfo out;
  out.id = info.backup_id;
  out.timestamp = info.timestamp;
  out.size = info.size;
  out.files = info.number_files;
  return out;
}

Status OpenReadOnly(const std::string& dir, std::unique_ptr<rocksdb::BackupEngineReadOnly>* engine) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return Status::NotFound("no backup directory at " + dir);
  rocksdb::BackupEngineReadOnly* raw = nullptr;
  rocksdb::IOStatus s = rocksdb::BackupEngineReadOnly::Open(rocksdb::Env::Default(), rocksdb::BackupEngineOptions(dir), &raw);
  if (!s.ok()) return Status::IOError("cannot open backup directory " + dir + ": " + s.ToString());
  engine->reset(raw);
  return Status::OK();
}

bool IsEmptyOrMissing(const std::string& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) return true;
  return fs::is_directory(dir, ec) && fs::is_empty(dir, ec);
}

}  // namespace

Status CreateBackup(Db* db, const std::string& dest, BackupInfo* info) {
  std::error_code ec;
  fs::create_directories(dest, ec);
  if (ec) return Status::IOError("cannot create backup directory " + dest + ": " + ec.message());
  rocksdb::BackupEngine* raw = nullptr;
  rocksdb::IOStatus s = rocksdb::BackupEngine::Open(rocksdb::Env::Default(), rocksdb::BackupEngineOptions(dest), &raw);
  if (!s.ok()) return Status::IOError("cannot open backup directory " + dest + ": " + s.ToString());
  std::unique_ptr<rocksdb::BackupEngine> engine(raw);

  rocksdb::CreateBackupOptions options;
  // Flush memtables so the backup is SST files; the WAL is copied too, so nothing is lost
  // either way, but a flushed backup restores without replaying a log.
  options.flush_before_backup = true;
  rocksdb::BackupID id = 0;
  s = engine->CreateNewBackup(options, db->raw(), &id);
  if (!s.ok()) return Status::IOError("backup into " + dest + " failed: " + s.ToString());
  s = engine->VerifyBackup(id);
  if (!s.ok()) return Status::Corruption("backup " + std::to_string(id) + " in " + dest + " failed verification: " + s.ToString());
  if (info) {
    rocksdb::BackupInfo rocks_info;
    WENJIN_RETURN_IF_ERROR(FromRocks(engine->GetBackupInfo(id, &rocks_info)));
    *info = ToInfo(rocks_info);
  }
  return Status::OK();
}

Status ListBackups(const std::string& dir, std::vector<BackupInfo>* backups) {
  std::unique_ptr<rocksdb::BackupEngineReadOnly> engine;
  WENJIN_RETURN_IF_ERROR(OpenReadOnly(dir, &engine));
  std::vector<rocksdb::BackupInfo> infos;
  engine->GetBackupInfo(&infos);
  if (infos.empty()) return Status::NotFound("no backup in " + dir);
  backups->clear();
  for (const auto& info : infos) backups->push_back(ToInfo(info));
  return Status::OK();
}

Status RestoreBackup(const std::string& src, const std::string& data_dir, const RestoreOptions& options) {
  std::unique_ptr<rocksdb::BackupEngineReadOnly> engine;
  WENJIN_RETURN_IF_ERROR(OpenReadOnly(src, &engine));
  std::vector<rocksdb::BackupInfo> infos;
  engine->GetBackupInfo(&infos);
  if (infos.empty()) return Status::NotFound("no backup in " + src);

  std::error_code ec;
  if (!IsEmptyOrMissing(data_dir)) {
    if (!options.force) {
      return Status::AlreadyExists("data directory " + data_dir + " is not empty (use --force to replace it)");
    }
    if (!fs::exists(fs::path(data_dir) / "CURRENT", ec)) {
      return Status::InvalidArgument(data_dir + " is not a wenjin data directory; refusing to replace it");
    }
    // Remove the old files first: a restore must not leave column families or logs of the
    // replaced database next to the restored one.
    fs::remove_all(data_dir, ec);
    if (ec) return Status::IOError("cannot remove " + data_dir + ": " + ec.message());
  }
  fs::create_directories(data_dir, ec);
  if (ec) return Status::IOError("cannot create " + data_dir + ": " + ec.message());
  rocksdb::IOStatus s = engine->RestoreDBFromLatestBackup(rocksdb::RestoreOptions(), data_dir, data_dir);
  if (!s.ok()) return Status::IOError("restore from " + src + " failed: " + s.ToString());
  return Status::OK();
}

}  // namespace wenjin::store
