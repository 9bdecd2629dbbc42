// Backup and restore of a whole data directory with RocksDB's BackupEngine: every column family
// (resources, change log, search index files, lexicons, review state, keys, audit) in one
// consistent copy, since the search index lives in RocksDB too.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/db.h"
#include "store/status.h"

namespace wenjin::store {

struct BackupInfo {
  uint32_t id = 0;
  int64_t timestamp = 0;  // seconds since the epoch
  uint64_t size = 0;      // bytes of the files it references
  uint32_t files = 0;
};

// Adds a backup of `db` (open, possibly serving writes: the copy is one consistent point in
// time) to the backup directory `dest`, created if missing. A backup directory holds a series of
// backups; files unchanged since an earlier backup are shared, not copied again. The new backup
// is verified (every file present with its recorded size) before this returns OK.
// On success `*info`, when given, describes the new backup.
// Errors: IOError (cannot write `dest`, disk full ...), Corruption if verification fails.
// Thread safety: safe while other threads use `db`; do not run two backups into one `dest` at once.
Status CreateBackup(Db* db, const std::string& dest, BackupInfo* info = nullptr);

// The backups held in `dir`, oldest first. NotFound when `dir` holds none.
Status ListBackups(const std::string& dir, std::vector<BackupInfo>* backups);

struct RestoreOptions {
  // Replace an existing data directory. Even then, a non-empty directory that is not a RocksDB
  // data directory (no CURRENT file) is refused, so a wrong path never loses unrelated files.
  // Default: false (a non-empty `data_dir` is refused with AlreadyExists).
  bool force = false;
};

// Restores the latest backup in `src` into `data_dir` (created if missing).
// REQUIRES: no process has `data_dir` open (RocksDB's LOCK file would make this fail anyway).
// Errors: AlreadyExists (data_dir not empty, no force), InvalidArgument (force on a directory
// that is not a data directory), NotFound (no backup in `src`), IOError.
Status RestoreBackup(const std::string& src, const std::string& data_dir, const RestoreOptions& options);

}  // namespace wenjin::store
