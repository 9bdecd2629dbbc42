// Hyperscan platform check and the scratch pool.
#include "review/hs_handles.h"

namespace wenjin::review {

Status CheckHsPlatform() {
  static const hs_error_t result = hs_valid_platform();
  if (result != HS_SUCCESS) return Status::Unavailable("Hyperscan does not support this CPU (needs SSSE3)");
  return Status::OK();
}

Status HsScratchPool::Create(const std::vector<const hs_database_t*>& databases,
                             std::unique_ptr<HsScratchPool>* out) {
  std::unique_ptr<HsScratchPool> pool(new HsScratchPool());
  hs_scratch_t* raw = nullptr;
  for (const hs_database_t* db : databases) {
    if (db == nullptr) continue;
    if (hs_alloc_scratch(db, &raw) != HS_SUCCESS) {
      HsScratch cleanup(raw);
      return Status::Internal("hs_alloc_scratch failed");
    }
  }
  pool->prototype_.reset(raw);
  *out = std::move(pool);
  return Status::OK();
}

HsScratch HsScratchPool::Clone() {
  if (!prototype_) return nullptr;
  hs_scratch_t* copy = nullptr;
  if (hs_clone_scratch(prototype_.get(), &copy) != HS_SUCCESS) return nullptr;
  return HsScratch(copy);
}

HsScratchPool::Lease HsScratchPool::Acquire() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!free_.empty()) {
      HsScratch s = std::move(free_.back());
      free_.pop_back();
      return Lease(this, std::move(s));
    }
  }
  return Lease(this, Clone());
}

void HsScratchPool::Release(HsScratch scratch) {
  std::lock_guard<std::mutex> lock(mu_);
  free_.push_back(std::move(scratch));
}

}  // namespace wenjin::review
