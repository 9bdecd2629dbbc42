// wenjin backup / wenjin restore: one consistent copy of a whole data directory (store/backup.h).
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "store/backup.h"
#include "store/db.h"
#include "tools/cli/command.h"

namespace wenjin::cli {
namespace {

constexpr const char* kBackupUsage =
    "usage: wenjin backup [--data DIR] DEST\n"
    "  Adds a backup of the data directory DIR (default ./data) to the backup directory DEST.\n"
    "  DIR must not be in use by a running server (RocksDB allows one process per directory).\n";
constexpr const char* kRestoreUsage =
    "usage: wenjin restore [--data DIR] [--force] SRC\n"
    "  Restores the latest backup in SRC into the data directory DIR (default ./data).\n"
    "  --force  replace DIR even if it holds data\n";

// Parses the one positional argument both commands take; returns 0 or an exit code.
int ParseCommon(Args* args, const char* usage, std::string* data_dir, std::string* other) {
  *data_dir = args->Option("data", "data");
  if (!args->error().empty()) return Fail(args->error() + "\n" + usage, 2);
  if (!args->UnknownOption().empty()) return Fail("unknown option " + args->UnknownOption() + "\n" + usage, 2);
  if (args->rest().size() != 1) return Fail(std::string("expected one directory\n") + usage, 2);
  *other = args->rest()[0];
  return 0;
}

int RunBackup(const std::vector<std::string>& argv) {
  Args args(argv);
  if (args.Flag("help")) {
    std::cout << kBackupUsage;
    return 0;
  }
  std::string data_dir, dest;
  if (int code = ParseCommon(&args, kBackupUsage, &data_dir, &dest)) return code;
  store::Db::Options options;
  options.create_if_missing = false;
  std::unique_ptr<store::Db> db;
  Status s = store::Db::Open(data_dir, options, &db);
  if (!s.ok()) return Fail(s.ToString());
  store::BackupInfo info;
  s = store::CreateBackup(db.get(), dest, &info);
  if (!s.ok()) return Fail(s.ToString());
  std::cout << "backup " << info.id << " of " << data_dir << " in " << dest << ": " << info.files << " files, "
            << info.size << " bytes\n";
  return 0;
}

int RunRestore(const std::vector<std::string>& argv) {
  Args args(argv);
  if (args.Flag("help")) {
    std::cout << kRestoreUsage;
    return 0;
  }
  store::RestoreOptions options;
  options.force = args.Flag("force");
  std::string data_dir, src;
  if (int code = ParseCommon(&args, kRestoreUsage, &data_dir, &src)) return code;
  Status s = store::RestoreBackup(src, data_dir, options);
  if (!s.ok()) return Fail(s.ToString());
  std::cout << "restored the latest backup in " << src << " into " << data_dir << "\n";
  return 0;
}

}  // namespace
WENJIN_COMMAND("backup", "back up a data directory (resources, index, everything) into DEST", RunBackup);
WENJIN_COMMAND("restore", "restore the latest backup in SRC into a data directory", RunRestore);
}  // namespace wenjin::cli
