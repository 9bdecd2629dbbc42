#include "store/heap.h"

#include <malloc.h>

namespace wenjin::store {

void LimitHeapRetention() {
  constexpr int kThreshold = 128 * 1024;
  mallopt(M_MMAP_THRESHOLD, kThreshold);  // setting it also stops glibc from raising it
  mallopt(M_TRIM_THRESHOLD, kThreshold);
  mallopt(M_ARENA_MAX, 2);
}

}  // namespace wenjin::store
