// Process-wide allocator settings for wenjin's binaries.
#pragma once

namespace wenjin::store {

// Makes glibc's malloc give memory back instead of keeping it for later.
//
// By default glibc raises its mmap threshold each time a large block is freed, so the next
// blocks of that size (RocksDB memtable arenas, index chunks, Lucene++ buffers) come from the
// heap, where fragmentation keeps them resident after they are freed; and each thread that
// allocates gets an arena of its own. A fixed 128 KiB threshold, trimming above 128 KiB and two
// arenas kept lucene-rocks' peak resident set in bench_search at 214.5 MB instead of 240.0 MB.
// Call first thing in main(), before other threads start.
void LimitHeapRetention();

}  // namespace wenjin::store
