// RAII owners for Hyperscan handles (databases, scratch, compile errors) and a pool of scratch
// spaces cloned from one prototype, so each concurrent scan has its own.
#pragma once

#include <hs/hs.h>

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "store/status.h"

namespace wenjin::review {

struct HsDatabaseDeleter {
  void operator()(hs_database_t* db) const { hs_free_database(db); }
};
struct HsScratchDeleter {
  void operator()(hs_scratch_t* s) const { hs_free_scratch(s); }
};
struct HsCompileErrorDeleter {
  void operator()(hs_compile_error_t* e) const { hs_free_compile_error(e); }
};
using HsDatabase = std::unique_ptr<hs_database_t, HsDatabaseDeleter>;
using HsScratch = std::unique_ptr<hs_scratch_t, HsScratchDeleter>;
using HsCompileError = std::unique_ptr<hs_compile_error_t, HsCompileErrorDeleter>;

// OK when this CPU can run Hyperscan (checked once per process).
Status CheckHsPlatform();

// Named databases (a null database stands for "nothing to match") as one byte string and
// back: per name, its length and bytes, then the serialised database's length and bytes.
Status SerializeDatabaseSet(const std::map<std::string, const hs_database_t*>& databases, std::string* out);
// Corruption if the bytes are not a whole set or a database does not load.
Status DeserializeDatabaseSet(std::string_view bytes, std::map<std::string, HsDatabase>* out);

// Pool of scratch spaces for one or more databases. Acquire() hands out a scratch that no
// other caller uses until the lease is destroyed. Thread-safe.
class HsScratchPool {
 public:
  // `databases`: every database a scratch will be used with (nullptr entries are skipped).
  static Status Create(const std::vector<const hs_database_t*>& databases,
                       std::unique_ptr<HsScratchPool>* out);

  class Lease {
   public:
    Lease(HsScratchPool* pool, HsScratch scratch) : pool_(pool), scratch_(std::move(scratch)) {}
    ~Lease() { if (scratch_) pool_->Release(std::move(scratch_)); }
    Lease(Lease&&) = default;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    hs_scratch_t* get() const { return scratch_.get(); }

   private:
    HsScratchPool* pool_;
    HsScratch scratch_;
  };
  // A scratch for the duration of the lease; nullptr scratch only if allocation failed.
  Lease Acquire();
  // A scratch the caller keeps (e.g. for a long-lived stream session).
  HsScratch Clone();

 private:
  HsScratchPool() = default;
  void Release(HsScratch scratch);

  HsScratch prototype_;  // constant after Create
  std::mutex mu_;
  std::vector<HsScratch> free_;  // guarded by mu_
};

}  // namespace wenjin::review
