// wenjin audit verify: walks the hash-chained audit trail; non-zero exit names the first broken record.
#include <iostream>

#include "store/audit_log.h"
#include "tools/cli/command.h"

namespace wenjin::cli {
namespace {

int RunAuditVerify(const std::vector<std::string>& argv) {
  Args args(argv);
  std::string data = args.Option("data");
  if (!args.error().empty() || data.empty() || !args.UnknownOption().empty() || !args.rest().empty()) {
    return Fail("usage: wenjin audit verify --data DIR", 2);
  }
  std::unique_ptr<store::Db> db;
  store::Db::Options options;
  options.create_if_missing = false;
  Status s = store::Db::Open(data, options, &db);
  if (!s.ok()) return Fail(s.ToString());
  store::AuditLog audit(db.get());
  uint64_t checked = 0;
  s = audit.Verify(&checked);
  if (!s.ok()) return Fail("audit trail broken after " + std::to_string(checked) + " good records: " + s.message());
  std::cout << "audit trail intact: " << checked << " records\n";
  return 0;
}

}  // namespace
WENJIN_COMMAND("audit verify", "verify the audit trail's hash chain", RunAuditVerify);
}  // namespace wenjin::cli
