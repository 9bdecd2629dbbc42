// The same file-level suite over Lucene++'s RAMDirectory and our RocksDirectory (two chunk
// sizes), plus a real IndexWriter -> commit -> reopen -> search through each.
#include "index/rocks_directory.h"

#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <lucene++/LuceneHeaders.h>
#include <lucene++/CheckIndex.h>
#include <lucene++/Lock.h>

#include "store/db.h"
#include "tests/util/testutil.h"

namespace wenjin::index {
namespace {

using Lucene::DirectoryPtr;
using Lucene::IndexInputPtr;
using Lucene::IndexOutputPtr;
using Lucene::newLucene;
using Lucene::String;

// Deterministic, position-dependent bytes, so a byte read from the wrong offset shows.
uint8_t PatternByte(uint64_t i) { return static_cast<uint8_t>((i * 2654435761u) >> 13); }

std::string Pattern(size_t n) {
  std::string s(n, '\0');
  for (size_t i = 0; i < n; ++i) s[i] = static_cast<char>(PatternByte(i));
  return s;
}

void Write(const IndexOutputPtr& out, const std::string& bytes) {
  out->writeBytes(reinterpret_cast<const uint8_t*>(bytes.data()), static_cast<int32_t>(bytes.size()));
}

// A whole file: created, written, closed.
void WriteFile(const DirectoryPtr& dir, const String& name, const std::string& bytes) {
  IndexOutputPtr out = dir->createOutput(name);
  Write(out, bytes);
  out->close();
}

std::string Read(const IndexInputPtr& in, size_t n) {
  std::string s(n, '\0');
  if (n) in->readBytes(reinterpret_cast<uint8_t*>(s.data()), 0, static_cast<int32_t>(n));
  return s;
}

std::string ReadAll(const DirectoryPtr& dir, const String& name) {
  IndexInputPtr in = dir->openInput(name);
  std::string s = Read(in, static_cast<size_t>(in->length()));
  in->close();
  return s;
}

// One directory kind under test. `Reopen` simulates a restart (closes and reopens what backs
// the directory); `Second` gives another handle on the same storage, as a second writer would.
class Backend {
 public:
  virtual ~Backend() = default;
  virtual DirectoryPtr dir() = 0;
  virtual DirectoryPtr Second() = 0;
  virtual void Reopen() = 0;
  virtual uint32_t chunk() const = 0;  // the storage's block size, to aim tests at boundaries
};

class RamBackend : public Backend {
 public:
  RamBackend() : dir_(newLucene<Lucene::RAMDirectory>()) {}
  DirectoryPtr dir() override { return dir_; }
  DirectoryPtr Second() override { return dir_; }
  void Reopen() override {}
  uint32_t chunk() const override { return 1024; }  // RAMOutputStream::BUFFER_SIZE

 private:
  DirectoryPtr dir_;
};

class RocksBackend : public Backend {
 public:
  explicit RocksBackend(uint32_t chunk) : chunk_(chunk) { Open(); }
  ~RocksBackend() override { Close(); }
  DirectoryPtr dir() override { return dir_; }
  DirectoryPtr Second() override {
    RocksDirectoryOptions options;
    options.chunk_size = chunk_;
    second_ = newLucene<RocksDirectory>(db_.get(), options);
    return second_;
  }
  void Reopen() override {
    Close();
    Open();
  }
  uint32_t chunk() const override { return chunk_; }
  store::Db* db() { return db_.get(); }

 private:
  void Open() {
    Status s = store::Db::Open(tmp_.str("db"), &db_);
    if (!s.ok()) throw std::runtime_error(s.ToString());
    RocksDirectoryOptions options;
    options.chunk_size = chunk_;
    dir_ = newLucene<RocksDirectory>(db_.get(), options);
  }
  void Close() {
    if (dir_) dir_->close();
    dir_.reset();
    second_.reset();
    db_.reset();
  }
  testing::TempDir tmp_;
  uint32_t chunk_;
  std::unique_ptr<store::Db> db_;
  DirectoryPtr dir_, second_;
};

struct BackendKind {
  const char* name;
  std::function<std::unique_ptr<Backend>()> make;
};
void PrintTo(const BackendKind& kind, std::ostream* os) { *os << kind.name; }

class DirectoryTest : public ::testing::TestWithParam<BackendKind> {
 protected:
  void SetUp() override { backend_ = GetParam().make(); }
  DirectoryPtr dir() { return backend_->dir(); }
  uint32_t chunk() const { return backend_->chunk(); }
  std::unique_ptr<Backend> backend_;
};

TEST_P(DirectoryTest, WritesAndReadsTypedValues) {
  IndexOutputPtr out = dir()->createOutput(L"typed");
  out->writeVInt(300);
  out->writeInt(-7);
  out->writeLong(1234567890123LL);
  out->writeString(L"学习 élève");
  out->writeVLong(1LL << 40);
  out->close();
  IndexInputPtr in = dir()->openInput(L"typed");
  EXPECT_EQ(in->readVInt(), 300);
  EXPECT_EQ(in->readInt(), -7);
  EXPECT_EQ(in->readLong(), 1234567890123LL);
  EXPECT_EQ(in->readString(), L"学习 élève");
  EXPECT_EQ(in->readVLong(), 1LL << 40);
  EXPECT_EQ(in->getFilePointer(), in->length());
  EXPECT_THROW(in->readByte(), Lucene::LuceneException);  // past EOF
  in->close();
}

// Variable-length integers of every length, enough of them that many straddle a chunk boundary
// (the input decodes those inside a chunk itself, the others a byte at a time).
TEST_P(DirectoryTest, VariableLengthIntegersOfEveryLengthAcrossChunks) {
  std::vector<int32_t> ints;
  std::vector<int64_t> longs;
  for (int bits = 0; bits <= 31; ++bits) {
    ints.push_back(bits == 31 ? std::numeric_limits<int32_t>::max() : (int32_t{1} << bits) - 1);
    ints.push_back(bits == 0 ? 0 : int32_t{1} << (bits - 1));
  }
  ints.push_back(-1);  // five bytes, the top bits set
  ints.push_back(std::numeric_limits<int32_t>::min());
  for (int bits = 0; bits <= 63; ++bits) longs.push_back(bits == 63 ? std::numeric_limits<int64_t>::max() : (int64_t{1} << bits) - 1);
  longs.push_back(-1);  // ten bytes
  IndexOutputPtr out = dir()->createOutput(L"varints");
  std::vector<int64_t> starts;  // of each (int, long) pair
  while (out->getFilePointer() < 3 * static_cast<int64_t>(chunk())) {
    for (size_t i = 0; i < ints.size(); ++i) {
      starts.push_back(out->getFilePointer());
      out->writeVInt(ints[i]);
      out->writeVLong(longs[i % longs.size()]);
    }
  }
  out->close();
  auto expect_pair = [&](const IndexInputPtr& in, size_t k) {
    const size_t i = k % ints.size();
    ASSERT_EQ(in->readVInt(), ints[i]) << "pair " << k;
    ASSERT_EQ(in->readVLong(), longs[i % longs.size()]) << "pair " << k;
  };
  IndexInputPtr in = dir()->openInput(L"varints");
  for (size_t k = 0; k < starts.size(); ++k) expect_pair(in, k);
  EXPECT_EQ(in->getFilePointer(), in->length());
  // Seeking away from the chunk in hand, forwards and back.
  for (size_t k : {starts.size() - 1, size_t{0}, starts.size() / 2, size_t{1}, starts.size() - 2}) {
    in->seek(starts[k]);
    expect_pair(in, k);
  }
}

TEST_P(DirectoryTest, EmptyFileHasLengthZero) {
  dir()->createOutput(L"empty")->close();
  EXPECT_TRUE(dir()->fileExists(L"empty"));
  EXPECT_EQ(dir()->fileLength(L"empty"), 0);
  EXPECT_EQ(dir()->openInput(L"empty")->length(), 0);
}

TEST_P(DirectoryTest, SeekBackWritesPatchEarlierBytes) {
  const size_t size = 3 * chunk() + 100;
  std::string expected = Pattern(size);
  IndexOutputPtr out = dir()->createOutput(L"patched");
  Write(out, expected);
  // Patch the header (chunk 0, already flushed), a span across the 1|2 chunk boundary, and
  // the tail, then continue appending at the end.
  struct Patch {
    size_t at;
    std::string bytes;
  } patches[] = {
      {0, "HEAD"},
      {2 * chunk() - 3, "ACROSS"},
      {size - 2, "TA"},
      {chunk() + 1, "x"},
  };
  for (const auto& p : patches) {
    out->seek(static_cast<int64_t>(p.at));
    Write(out, p.bytes);
    EXPECT_EQ(out->getFilePointer(), static_cast<int64_t>(p.at + p.bytes.size()));
    expected.replace(p.at, p.bytes.size(), p.bytes);
  }
  out->seek(static_cast<int64_t>(size));
  Write(out, "END");
  expected += "END";
  out->flush();  // RAMOutputStream updates its length on flush
  EXPECT_EQ(out->length(), static_cast<int64_t>(expected.size()));
  out->close();
  EXPECT_EQ(dir()->fileLength(L"patched"), static_cast<int64_t>(expected.size()));
  EXPECT_EQ(ReadAll(dir(), L"patched"), expected);
}

TEST_P(DirectoryTest, ReadsAtArbitraryOffsetsAcrossChunkBoundaries) {
  const size_t size = 4 * chunk() + 17;
  const std::string data = Pattern(size);
  IndexOutputPtr out = dir()->createOutput(L"random");
  // Written in odd-sized pieces so writes straddle chunk boundaries too.
  for (size_t at = 0; at < size; at += 777) Write(out, data.substr(at, 777));
  out->close();

  const size_t c = chunk();
  struct Case {
    size_t at, len;
  } cases[] = {
      {0, 1}, {c - 1, 1}, {c - 1, 2}, {c, 1}, {c - 5, c + 10}, {2 * c + 3, 2 * c}, {size - 1, 1},
      {size - 17, 17}, {1, size - 1}, {3 * c, 0}, {c / 2, 3 * c},
  };
  IndexInputPtr in = dir()->openInput(L"random");
  for (const auto& k : cases) {
    in->seek(static_cast<int64_t>(k.at));
    EXPECT_EQ(Read(in, k.len), data.substr(k.at, k.len)) << "at " << k.at << " len " << k.len;
    EXPECT_EQ(in->getFilePointer(), static_cast<int64_t>(k.at + k.len));
  }
  // Single bytes, backwards, each one a different chunk from the last.
  for (size_t at = size; at-- > 0;) {
    if (at % (c / 2 + 1) != 0) continue;
    in->seek(static_cast<int64_t>(at));
    EXPECT_EQ(in->readByte(), PatternByte(at)) << at;
  }
  in->seek(static_cast<int64_t>(size));
  EXPECT_THROW(in->readByte(), Lucene::LuceneException);
}

TEST_P(DirectoryTest, LargeFileOfManyChunks) {
  const size_t size = 1 << 20;  // 16 chunks of 64 KiB, 1024 of 1 KiB
  const std::string data = Pattern(size);
  WriteFile(dir(), L"large", data);
  EXPECT_EQ(dir()->fileLength(L"large"), static_cast<int64_t>(size));
  EXPECT_EQ(ReadAll(dir(), L"large"), data);
}

TEST_P(DirectoryTest, ListsAndDeletesFiles) {
  for (const wchar_t* name : {L"_0.cfs", L"_0.del", L"segments_2", L"segments.gen"}) {
    WriteFile(dir(), name, Pattern(chunk() + 1));
  }
  dir()->deleteFile(L"_0.del");
  Lucene::HashSet<String> names = dir()->listAll();
  std::set<String> listed(names.begin(), names.end());
  EXPECT_EQ(listed, (std::set<String>{L"_0.cfs", L"segments_2", L"segments.gen"}));
  EXPECT_FALSE(dir()->fileExists(L"_0.del"));
  EXPECT_TRUE(dir()->fileExists(L"_0.cfs"));
  EXPECT_THROW(dir()->openInput(L"_0.del"), Lucene::LuceneException);
  EXPECT_THROW(dir()->fileLength(L"_0.del"), Lucene::LuceneException);
  EXPECT_THROW(dir()->deleteFile(L"_0.del"), Lucene::LuceneException);
  EXPECT_EQ(ReadAll(dir(), L"segments_2"), Pattern(chunk() + 1));
}

TEST_P(DirectoryTest, RewritingAFileReplacesItWhole) {
  WriteFile(dir(), L"segments.gen", Pattern(2 * chunk() + 9));
  WriteFile(dir(), L"segments.gen", "short");
  EXPECT_EQ(dir()->fileLength(L"segments.gen"), 5);
  EXPECT_EQ(ReadAll(dir(), L"segments.gen"), "short");
}

TEST_P(DirectoryTest, TouchMakesFileNewer) {
  dir()->createOutput(L"t")->close();
  uint64_t before = dir()->fileModified(L"t");
  dir()->touchFile(L"t");
  EXPECT_GE(dir()->fileModified(L"t"), before);
  EXPECT_THROW(dir()->fileModified(L"missing"), Lucene::LuceneException);
}

TEST_P(DirectoryTest, ClonesReadIndependently) {
  const size_t size = 3 * chunk();
  const std::string data = Pattern(size);
  WriteFile(dir(), L"cloned", data);
  IndexInputPtr in = dir()->openInput(L"cloned");
  in->seek(chunk() - 2);
  EXPECT_EQ(Read(in, 4), data.substr(chunk() - 2, 4));
  auto copy = boost::dynamic_pointer_cast<Lucene::IndexInput>(in->clone());
  ASSERT_TRUE(copy);
  EXPECT_EQ(copy->getFilePointer(), in->getFilePointer());
  EXPECT_EQ(Read(copy, 10), data.substr(chunk() + 2, 10));
  // The original did not move when the clone read.
  EXPECT_EQ(in->getFilePointer(), static_cast<int64_t>(chunk() + 2));
  in->seek(0);
  EXPECT_EQ(Read(in, 3), data.substr(0, 3));
  EXPECT_EQ(Read(copy, 5), data.substr(chunk() + 12, 5));
  auto clone_of_clone = boost::dynamic_pointer_cast<Lucene::IndexInput>(copy->clone());
  clone_of_clone->seek(2 * chunk() + 1);
  EXPECT_EQ(Read(clone_of_clone, chunk() - 1), data.substr(2 * chunk() + 1));
}

TEST_P(DirectoryTest, OpenInputSurvivesDeletionOfItsFile) {
  const std::string data = Pattern(2 * chunk() + 5);
  WriteFile(dir(), L"_1.cfs", data);
  IndexInputPtr in = dir()->openInput(L"_1.cfs");
  dir()->deleteFile(L"_1.cfs");  // a merge removed it while a reader still has it open
  EXPECT_FALSE(dir()->fileExists(L"_1.cfs"));
  EXPECT_EQ(Read(in, data.size()), data);
}

TEST_P(DirectoryTest, LockKeepsSecondWriterOut) {
  Lucene::LockPtr first = dir()->makeLock(L"write.lock");
  ASSERT_TRUE(first->obtain());
  Lucene::LockPtr second = backend_->Second()->makeLock(L"write.lock");
  EXPECT_TRUE(second->isLocked());
  EXPECT_FALSE(second->obtain());
  Lucene::LockPtr other = dir()->makeLock(L"other.lock");  // locks are per name
  EXPECT_TRUE(other->obtain());
  other->release();
  first->release();
  EXPECT_FALSE(second->isLocked());
  EXPECT_TRUE(second->obtain());
  second->release();
}

TEST_P(DirectoryTest, SecondIndexWriterIsRefused) {
  auto analyzer = newLucene<Lucene::WhitespaceAnalyzer>();
  auto writer = newLucene<Lucene::IndexWriter>(dir(), analyzer, true, Lucene::IndexWriter::MaxFieldLengthUNLIMITED);
  Lucene::IndexWriter::setDefaultWriteLockTimeout(0);
  EXPECT_THROW(newLucene<Lucene::IndexWriter>(backend_->Second(), analyzer, false,
                                              Lucene::IndexWriter::MaxFieldLengthUNLIMITED),
               Lucene::LockObtainFailedException);
  writer->close();
  // Released on close: a new writer gets in.
  auto again = newLucene<Lucene::IndexWriter>(backend_->Second(), analyzer, false,
                                              Lucene::IndexWriter::MaxFieldLengthUNLIMITED);
  again->close();
}

Lucene::DocumentPtr Doc(int i) {
  auto doc = newLucene<Lucene::Document>();
  doc->add(newLucene<Lucene::Field>(L"id", L"doc" + Lucene::StringUtils::toString(i), Lucene::Field::STORE_YES,
                                    Lucene::Field::INDEX_NOT_ANALYZED));
  String body = L"common word" + String(i % 2 ? L" odd" : L" even") + L" unique" + Lucene::StringUtils::toString(i);
  doc->add(newLucene<Lucene::Field>(L"body", body, Lucene::Field::STORE_YES, Lucene::Field::INDEX_ANALYZED,
                                    Lucene::Field::TERM_VECTOR_WITH_POSITIONS_OFFSETS));
  return doc;
}

int32_t Count(const Lucene::IndexSearcherPtr& searcher, const String& field, const String& text) {
  auto query = newLucene<Lucene::TermQuery>(newLucene<Lucene::Term>(field, text));
  return searcher->search(query, 1000)->totalHits;
}

TEST_P(DirectoryTest, IndexWriterCommitReopenSearch) {
  auto analyzer = newLucene<Lucene::WhitespaceAnalyzer>();
  {
    auto writer = newLucene<Lucene::IndexWriter>(dir(), analyzer, true, Lucene::IndexWriter::MaxFieldLengthUNLIMITED);
    writer->setMaxBufferedDocs(10);  // many small segments, so merges run and delete files
    writer->setMergeFactor(3);
    for (int i = 0; i < 300; ++i) writer->addDocument(Doc(i));
    writer->deleteDocuments(newLucene<Lucene::Term>(L"id", L"doc7"));
    Lucene::MapStringString data = Lucene::MapStringString::newInstance();
    data.put(L"seq", L"300");
    writer->commit(data);
    for (int i = 300; i < 320; ++i) writer->addDocument(Doc(i));  // never committed
    writer->rollback();
  }
  backend_->Reopen();
  EXPECT_EQ(Lucene::IndexReader::getCommitUserData(dir()).get(L"seq"), L"300");
  auto reader = Lucene::IndexReader::open(dir(), true);
  auto searcher = newLucene<Lucene::IndexSearcher>(reader);
  EXPECT_EQ(reader->numDocs(), 299);
  EXPECT_EQ(Count(searcher, L"body", L"common"), 299);
  EXPECT_EQ(Count(searcher, L"body", L"odd"), 149);  // doc7 was deleted
  EXPECT_EQ(Count(searcher, L"body", L"unique42"), 1);
  EXPECT_EQ(Count(searcher, L"body", L"unique7"), 0);
  EXPECT_EQ(Count(searcher, L"body", L"unique310"), 0);
  auto top = searcher->search(newLucene<Lucene::TermQuery>(newLucene<Lucene::Term>(L"body", L"unique42")), 1);
  EXPECT_EQ(searcher->doc(top->scoreDocs[0]->doc)->get(L"id"), L"doc42");

  // Optimise on the reopened index: a full merge reading every segment, then verify again.
  searcher->close();
  reader->close();
  auto writer = newLucene<Lucene::IndexWriter>(dir(), analyzer, false, Lucene::IndexWriter::MaxFieldLengthUNLIMITED);
  writer->optimize();
  writer->close();
  reader = Lucene::IndexReader::open(dir(), true);
  EXPECT_EQ(reader->numDocs(), 299);
  EXPECT_EQ(reader->maxDoc(), 299);
  auto checker = newLucene<Lucene::CheckIndex>(dir());
  EXPECT_TRUE(checker->checkIndex()->clean);
  reader->close();
}

INSTANTIATE_TEST_SUITE_P(
    Directories, DirectoryTest,
    ::testing::Values(BackendKind{"Ram", [] { return std::unique_ptr<Backend>(new RamBackend()); }},
                      BackendKind{"Rocks64K", [] { return std::unique_ptr<Backend>(new RocksBackend(64 * 1024)); }},
                      BackendKind{"RocksOdd1000", [] { return std::unique_ptr<Backend>(new RocksBackend(1000)); }}),
    [](const ::testing::TestParamInfo<BackendKind>& info) { return std::string(info.param.name); });

// RocksDirectory only: what a restart and a crashed writer leave behind.

size_t KeysInIndexFamily(store::Db* db) {
  size_t n = 0;
  auto it = db->NewIterator(store::Family::kIndexFiles);
  for (it->SeekToFirst(); it->Valid(); it->Next()) ++n;
  return n;
}

TEST(RocksDirectoryTest, FilesSurviveReopeningTheDatabase) {
  RocksBackend backend(4096);
  const std::string data = Pattern(10000);
  WriteFile(backend.dir(), L"kept", data);
  backend.dir()->sync(L"kept");
  backend.Reopen();
  EXPECT_EQ(ReadAll(backend.dir(), L"kept"), data);
}

TEST(RocksDirectoryTest, FileOfADeadWriterIsListedAndFullyDeletable) {
  RocksBackend backend(1000);
  {
    IndexOutputPtr out = backend.dir()->createOutput(L"_9.fdt");
    Write(out, Pattern(3500));  // three whole chunks stored, never closed
  }
  EXPECT_TRUE(backend.dir()->fileExists(L"_9.fdt"));
  EXPECT_EQ(backend.dir()->fileLength(L"_9.fdt"), 0);
  EXPECT_EQ(KeysInIndexFamily(backend.db()), 4u);  // metadata + 3 chunks
  backend.dir()->deleteFile(L"_9.fdt");
  EXPECT_EQ(KeysInIndexFamily(backend.db()), 0u);
}

// A file deleted while open keeps its chunks until its last input (clones included) is gone,
// and no longer: nothing stays behind for compaction to keep.
TEST(RocksDirectoryTest, ChunksOfAFileDeletedWhileOpenGoWithItsLastInput) {
  RocksBackend backend(1000);
  const std::string data = Pattern(3500);
  WriteFile(backend.dir(), L"_2.frq", data);
  IndexInputPtr in = backend.dir()->openInput(L"_2.frq");
  auto clone = boost::dynamic_pointer_cast<Lucene::IndexInput>(in->clone());
  backend.dir()->deleteFile(L"_2.frq");
  EXPECT_FALSE(backend.dir()->fileExists(L"_2.frq"));
  EXPECT_EQ(backend.dir()->listAll().size(), 0);
  EXPECT_EQ(KeysInIndexFamily(backend.db()), 4u);  // its 4 chunks, no metadata
  in->close();
  in.reset();
  EXPECT_EQ(KeysInIndexFamily(backend.db()), 4u);  // the clone still reads them
  EXPECT_EQ(Read(clone, data.size()), data);
  clone.reset();
  EXPECT_EQ(KeysInIndexFamily(backend.db()), 0u);
}

// Chunks whose file lost its metadata while a process had it open, and ended before releasing
// it, are removed by the next directory made on the store; other files are left alone.
TEST(RocksDirectoryTest, OrphanChunksAreRemovedWhenADirectoryIsMade) {
  RocksBackend backend(1000);
  for (const String& name : {String(L"_1.tis"), String(L"_2.tis")}) {
    WriteFile(backend.dir(), name, Pattern(2500));
  }
  // What a process that died with _1.tis open after deleting it leaves: the chunks alone.
  ASSERT_TRUE(backend.db()->raw()->Delete(rocksdb::WriteOptions(), backend.db()->family(store::Family::kIndexFiles), "m_1.tis").ok());
  EXPECT_EQ(KeysInIndexFamily(backend.db()), 7u);
  auto other = newLucene<RocksDirectory>(backend.db());
  EXPECT_EQ(KeysInIndexFamily(backend.db()), 4u);  // _2.tis: metadata and 3 chunks
  EXPECT_EQ(ReadAll(other, L"_2.tis"), Pattern(2500));
}

// A name deleted while open and written again: the new file keeps its chunks when the old
// input goes (Lucene rewrites segments.gen so).
TEST(RocksDirectoryTest, ReplacingAFileStillOpenKeepsTheNewOne) {
  RocksBackend backend(1000);
  WriteFile(backend.dir(), L"segments.gen", Pattern(2500));
  IndexInputPtr old_input = backend.dir()->openInput(L"segments.gen");
  backend.dir()->deleteFile(L"segments.gen");
  WriteFile(backend.dir(), L"segments.gen", "new");
  old_input.reset();
  EXPECT_EQ(ReadAll(backend.dir(), L"segments.gen"), "new");
  EXPECT_EQ(KeysInIndexFamily(backend.db()), 2u);  // metadata and one chunk
}

TEST(RocksDirectoryTest, NamesThatArePrefixesOfEachOtherStayApart) {
  RocksBackend backend(1000);
  const std::vector<std::pair<String, std::string>> files = {
      {L"a", Pattern(2500)}, {L"ab", "two"}, {L"a\x01", "ctl"}, {L"文件", Pattern(1001)}};
  for (const auto& [name, bytes] : files) {
    WriteFile(backend.dir(), name, bytes);
  }
  backend.dir()->deleteFile(L"ab");
  EXPECT_EQ(ReadAll(backend.dir(), L"a"), files[0].second);
  EXPECT_EQ(ReadAll(backend.dir(), L"a\x01"), "ctl");
  EXPECT_EQ(ReadAll(backend.dir(), L"文件"), files[3].second);
  EXPECT_EQ(backend.dir()->listAll().size(), 3);
}

// Reads under an UncachedReadScope leave RocksDB's block cache as it was; others fill it.
TEST(RocksDirectoryTest, UncachedReadsDoNotFillTheBlockCache) {
  RocksBackend backend(4096);
  const std::string data = Pattern(64 * 1024);
  WriteFile(backend.dir(), L"_1.frq", data);
  auto* raw = backend.db()->raw();
  auto* family = backend.db()->family(store::Family::kIndexFiles);
  ASSERT_TRUE(raw->Flush(rocksdb::FlushOptions(), family).ok());  // reads now come from table files
  auto cache_bytes = [&] {
    uint64_t bytes = 0;
    EXPECT_TRUE(raw->GetIntProperty(family, "rocksdb.block-cache-usage", &bytes));
    return bytes;
  };
  const uint64_t before = cache_bytes();
  {
    UncachedReadScope uncached;
    EXPECT_EQ(ReadAll(backend.dir(), L"_1.frq"), data);
  }
  EXPECT_LT(cache_bytes(), before + 4096);  // at most index/filter blocks, no 4 KiB data chunk
  EXPECT_EQ(ReadAll(backend.dir(), L"_1.frq"), data);
  EXPECT_GE(cache_bytes(), before + data.size());
}

// An open file keeps the chunks its inputs read, up to the directory's bound, and lets them go
// when its last input is gone; reads are the same whether a chunk was kept or not.
TEST(RocksDirectoryTest, OpenFilesKeepReadChunksWithinTheBound) {
  RocksBackend backend(1000);
  RocksDirectoryOptions options;
  options.chunk_size = 1000;
  options.max_kept_chunk_bytes = 3000;
  auto dir = newLucene<RocksDirectory>(backend.db(), options);
  const std::string data = Pattern(5500);  // 6 chunks
  WriteFile(dir, L"_2.frq", data);
  {
    IndexInputPtr in = dir->openInput(L"_2.frq");
    IndexInputPtr clone = boost::dynamic_pointer_cast<Lucene::IndexInput>(in->clone());
    std::string first(data.size(), '\0'), second(data.size(), '\0');
    in->readBytes(reinterpret_cast<uint8_t*>(first.data()), 0, static_cast<int32_t>(first.size()));
    EXPECT_EQ(first, data);
    EXPECT_EQ(dir->kept_chunk_bytes(), 3000u);  // the first three chunks, then the bound
    clone->seek(0);
    clone->readBytes(reinterpret_cast<uint8_t*>(second.data()), 0, static_cast<int32_t>(second.size()));
    EXPECT_EQ(second, data);
    EXPECT_EQ(dir->kept_chunk_bytes(), 3000u);
    in->close();
    clone->close();
  }
  EXPECT_EQ(dir->kept_chunk_bytes(), 0u);
  {
    UncachedReadScope uncached;
    EXPECT_EQ(ReadAll(dir, L"_2.frq"), data);
    EXPECT_EQ(dir->kept_chunk_bytes(), 0u);  // merges keep nothing
  }
}

// The store's index cache size is the index family's block cache, and by default a directory
// keeps chunks up to half of it.
TEST(RocksDirectoryTest, KeptChunksAreBoundByHalfTheStoresIndexCache) {
  testing::TempDir tmp;
  for (const size_t cache : {size_t{6000}, size_t{12000}}) {
    store::Db::Options db_options;
    db_options.index_cache_bytes = cache;
    std::unique_ptr<store::Db> db;
    ASSERT_TRUE(store::Db::Open(tmp.str("db" + std::to_string(cache)), db_options, &db).ok());
    EXPECT_EQ(db->index_cache_bytes(), cache);
    uint64_t capacity = 0;
    ASSERT_TRUE(db->raw()->GetIntProperty(db->family(store::Family::kIndexFiles), "rocksdb.block-cache-capacity",
                                          &capacity));
    EXPECT_EQ(capacity, cache);
    RocksDirectoryOptions options;
    options.chunk_size = 1000;
    auto dir = newLucene<RocksDirectory>(db.get(), options);
    const std::string data = Pattern(9500);  // 10 chunks
    WriteFile(dir, L"_3.prx", data);
    IndexInputPtr in = dir->openInput(L"_3.prx");
    EXPECT_EQ(Read(in, data.size()), data);
    EXPECT_EQ(dir->kept_chunk_bytes(), cache / 2);
    in->close();
    dir->close();
  }
  std::unique_ptr<store::Db> db;
  ASSERT_TRUE(store::Db::Open(tmp.str("default"), &db).ok());
  EXPECT_EQ(db->index_cache_bytes(), store::Db::kDefaultIndexCacheBytes);
}

// Each file records the chunk size it was written with: a directory opened with another size
// reads it whole, and files from before the size was recorded (16-byte metadata) read as 64 KiB.
TEST(RocksDirectoryTest, FilesKeepTheChunkSizeTheyWereWrittenWith) {
  RocksBackend backend(1000);
  const std::string data = Pattern(70000);
  IndexOutputPtr out = backend.dir()->createOutput(L"_3.prx");
  Write(out, data);  // 70 chunks of 1000
  out->close();
  RocksDirectoryOptions options;
  options.chunk_size = 4096;
  auto other = newLucene<RocksDirectory>(backend.db(), options);
  EXPECT_EQ(ReadAll(other, L"_3.prx"), data);
  out = other->createOutput(L"_4.prx");
  Write(out, data);
  out->close();
  EXPECT_EQ(ReadAll(backend.dir(), L"_4.prx"), data);

  // A file as the directory wrote it before: 64 KiB chunks, metadata without the size.
  auto* raw = backend.db()->raw();
  auto* family = backend.db()->family(store::Family::kIndexFiles);
  const std::string name = "_5.frq";
  std::string prefix = std::string("c") + '\0' + static_cast<char>(name.size()) + name;
  for (uint64_t chunk = 0; chunk * 65536 < data.size(); ++chunk) {
    std::string key = prefix;
    for (int shift = 56; shift >= 0; shift -= 8) key.push_back(static_cast<char>((chunk >> shift) & 0xff));
    ASSERT_TRUE(raw->Put(rocksdb::WriteOptions(), family, key, data.substr(chunk * 65536, 65536)).ok());
  }
  std::string meta;
  for (uint64_t v : {static_cast<uint64_t>(data.size()), uint64_t{1700000000000}}) {
    for (int shift = 56; shift >= 0; shift -= 8) meta.push_back(static_cast<char>((v >> shift) & 0xff));
  }
  ASSERT_TRUE(raw->Put(rocksdb::WriteOptions(), family, "m" + name, meta).ok());
  EXPECT_EQ(ReadAll(backend.dir(), L"_5.frq"), data);
  EXPECT_EQ(ReadAll(other, L"_5.frq"), data);
  backend.dir()->deleteFile(L"_5.frq");  // both of its chunks go with it
  auto it = backend.db()->NewIterator(store::Family::kIndexFiles);
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) ADD_FAILURE() << "chunk left";
}

TEST(RocksDirectoryTest, LocksOfDifferentDatabasesAreIndependent) {
  RocksBackend one(1000), two(1000);
  Lucene::LockPtr a = one.dir()->makeLock(L"write.lock");
  Lucene::LockPtr b = two.dir()->makeLock(L"write.lock");
  EXPECT_TRUE(a->obtain());
  EXPECT_TRUE(b->obtain());
  a->release();
  b->release();
}

}  // namespace
}  // namespace wenjin::index
