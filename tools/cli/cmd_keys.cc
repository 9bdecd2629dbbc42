// wenjin keys create: bootstrap an API key (prints the key alone on stdout).
#include <iostream>

#include "api/keys.h"
#include "store/audit_log.h"
#include "tools/cli/command.h"

namespace wenjin::cli {
namespace {

constexpr const char* kUsage =
    "usage: wenjin keys create --data DIR --role publisher|reviewer|senior_reviewer|admin [--label TEXT]\n";

int RunKeysCreate(const std::vector<std::string>& argv) {
  Args args(argv);
  std::string data = args.Option("data");
  std::string role_name = args.Option("role");
  std::string label = args.Option("label", "");
  if (!args.Done(kUsage)) return 2;
  if (data.empty() || role_name.empty()) return Fail(std::string("--data and --role are required\n") + kUsage, 2);
  api::Role role;
  if (!api::ParseRole(role_name, &role)) return Fail("unknown role '" + role_name + "'\n" + kUsage, 2);
  std::unique_ptr<store::Db> db;
  Status s = store::Db::Open(data, &db);
  if (!s.ok()) return Fail(s.ToString());
  api::KeyStore keys(db.get());
  api::KeyInfo info;
  std::string secret;
  s = keys.Create(role, label, &info, &secret);
  if (s.ok()) {
    store::AuditLog audit(db.get());
    s = audit.Append({"cli", "key", "", nullptr, {{"key_id", info.id}, {"role", role_name}}, {{"label", label}}});
  }
  if (!s.ok()) return Fail(s.ToString());
  std::cerr << "created key " << info.id << " (" << role_name << "); it is shown once\n";
  std::cout << secret << "\n";
  return 0;
}

}  // namespace
WENJIN_COMMAND("keys create", "create an API key with a role (printed once on stdout)", RunKeysCreate);
}  // namespace wenjin::cli
