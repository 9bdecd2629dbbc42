// Search benchmark (issue 2): wenjin's product path against Lucene++ on a file-system directory
// and the Debian peers Xapian and SQLite FTS5, on the same documents and the same query mix.
//
//   bench_search --corpus FILE [--limit N] [--queries N] [--engines LIST] [--work DIR]
//                [--reuse 1 [--repeat N]]
// --reuse 1 keeps the indexes an earlier run left in --work and only times their queries (wenjin:
// the query mix run N times): for profiling query changes without re-indexing, and for timing
// the engines against each other several times over, since this VM's runs differ by up to 30%.
//
// Engines: wenjin (ResourceStore + SearchIndex via ImportNdjson: RocksDB store, RocksDirectory,
// wenjin analysis, QueryEngine; wenjin-<N>mb: the same with an N MiB index cache instead of the
// default, to show what memory buys), lucene-fs (FSDirectory, same analyzer/BuildDocument/QueryEngine),
// lucene-rocks (RocksDirectory alone, to isolate the directory), xapian, sqlite.
// Each engine runs in its own child process (this binary re-executed with --engine) so that its
// peak RSS (wait4 ru_maxrss) is its own. Queries are drawn deterministically from the titles.
#include <malloc.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <lucene++/LuceneHeaders.h>
#include <nlohmann/json.hpp>
#include <unicode/uchar.h>
#include <unicode/utf8.h>
#ifdef WENJIN_HAVE_XAPIAN
#include <xapian.h>
#endif
#ifdef WENJIN_HAVE_SQLITE
#include <sqlite3.h>
#endif

#include "api/importer.h"
#include "index/analysis/field_analyzer.h"
#include "index/document_builder.h"
#include "index/query_engine.h"
#include "index/rocks_directory.h"
#include "index/search_index.h"
#include "store/db.h"
#include "store/heap.h"
#include "store/resource.h"
#include "store/resource_store.h"

namespace fs = std::filesystem;
using namespace wenjin;
using Clock = std::chrono::steady_clock;
using nlohmann::json;

namespace {

constexpr size_t kCommitEvery = 5000;  // same as IndexOptions::commit_every
constexpr size_t kWarmup = 100;        // queries run once, untimed, before each timed pass

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

struct Query {
  std::string lang, kind, text;
};

struct Flags {
  std::string corpus, work = "/tmp/wenjin-bench-search", engines = "wenjin,wenjin-64mb,lucene-fs,lucene-rocks,xapian,sqlite";
  std::string engine, queries_file, out;  // child mode
  size_t limit = 0, queries = 1000;
  // --reuse: each child searches the index an earlier run left in --work instead of building it
  // again; wenjin's runs the query mix `repeat` times (for profiling query time alone).
  bool reuse = false;
  size_t repeat = 1;
};

// What a child reports back to the parent.
struct Result {
  std::string engine, error;
  uint64_t docs = 0;
  double index_s = 0, size_mb = 0, index_part_mb = -1, p50_ms = 0, p99_ms = 0, mean_ms = 0;
  double hit_rate = 0;  // share of queries with at least one hit
  double top_p50_ms = 0, top_p99_ms = 0;  // the "top 10" workload (above: the "page" workload)
  std::map<std::string, double> p50_by_kind;  // query kind (word, two, phrase, typo) -> p50 ms
  double peak_rss_mb = 0;  // the whole child, including the store's settling for sizes at rest
  double work_rss_mb = 0;  // peak while indexing and searching, before that settling
  double index_rss_mb = 0;  // peak while indexing only
  std::string index_heap;   // HeapUse() when indexing ends
  std::string memory;       // RocksDB engines: what the store holds in memory after the searches
};

// This process's peak resident set so far (VmHWM), in MB; 0 if unknown.
double PeakRssSoFarMb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::strtod(line.c_str() + 6, nullptr) / 1024.0;  // kB
  }
  return 0;
}

// glibc's heap now: bytes in use by the program, and bytes the heap holds from the system.
std::string HeapUse() {
  const struct mallinfo2 m = mallinfo2();
  char buf[96];
  std::snprintf(buf, sizeof buf, "heap %.1f MB in use of %.1f MB", (m.uordblks + m.hblkhd) / 1048576.0,
                (m.arena + m.hblkhd) / 1048576.0);
  return buf;
}

uint64_t DirBytes(const fs::path& dir) {
  uint64_t total = 0;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); it != fs::recursive_directory_iterator(); ++it) {
    if (it->is_regular_file(ec)) total += it->file_size(ec);
  }
  return total;
}

// What RocksDB holds in memory now: the index family's block cache (and the part of it pinned)
// and the memtables of every family.
std::string StoreMemory(store::Db* db) {
  uint64_t cache = 0, pinned = 0, memtables = 0, v = 0;
  auto* index_cf = db->family(store::Family::kIndexFiles);
  db->raw()->GetIntProperty(index_cf, "rocksdb.block-cache-usage", &cache);
  db->raw()->GetIntProperty(index_cf, "rocksdb.block-cache-pinned-usage", &pinned);
  for (int f = 0; f < store::kFamilyCount; ++f) {
    if (db->raw()->GetIntProperty(db->family(static_cast<store::Family>(f)), "rocksdb.cur-size-all-mem-tables", &v)) {
      memtables += v;
    }
  }
  char buf[160];
  std::snprintf(buf, sizeof buf, "index block cache %.1f MB (%.1f MB pinned), memtables %.1f MB",
                cache / 1048576.0, pinned / 1048576.0, memtables / 1048576.0);
  return buf;
}

// ---- query mix ------------------------------------------------------------------------------

std::vector<UChar32> Decode(const std::string& s) {
  std::vector<UChar32> out;
  int32_t i = 0, n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    if (c >= 0) out.push_back(c);
  }
  return out;
}

std::string Encode(const std::vector<UChar32>& cps, size_t from = 0, size_t to = std::string::npos) {
  std::string out;
  to = std::min(to, cps.size());
  for (size_t i = from; i < to; ++i) {
    char buf[4];
    int32_t len = 0;
    UBool error = false;
    U8_APPEND(reinterpret_cast<uint8_t*>(buf), len, 4, cps[i], error);
    (void)error;  // code points come from U8_NEXT, so always encodable
    out.append(buf, len);
  }
  return out;
}

bool Unspaced(UChar32 c) {  // scripts written without spaces between words (Han, kana)
  return (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF);
}

// Words of a title: runs of letters/digits; a run of an unspaced script gives 2-4 character
// pieces (what a learner types), others whole words of at least 3 characters with a letter.
std::vector<std::vector<UChar32>> TitleWords(const std::string& title, std::mt19937_64& rng) {
  std::vector<std::vector<UChar32>> words;
  std::vector<UChar32> cur;
  bool has_letter = false;
  auto flush = [&] {
    if (cur.empty()) return;
    if (Unspaced(cur[0])) {
      if (cur.size() >= 2) {
        const size_t len = std::min<size_t>(cur.size(), 2 + rng() % 3);
        const size_t at = rng() % (cur.size() - len + 1);
        words.emplace_back(cur.begin() + at, cur.begin() + at + len);
      }
    } else if (cur.size() >= 3 && has_letter) {
      words.push_back(cur);
    }
    cur.clear();
    has_letter = false;
  };
  for (UChar32 c : Decode(title)) {
    const bool letter = u_isalpha(c) || u_hasBinaryProperty(c, UCHAR_DIACRITIC) || u_charType(c) == U_NON_SPACING_MARK ||
                        u_charType(c) == U_COMBINING_SPACING_MARK;
    const bool word = letter || u_isdigit(c);
    if (!word || (!cur.empty() && Unspaced(c) != Unspaced(cur[0]))) flush();
    if (word) {
      cur.push_back(c);
      has_letter |= letter;
    }
  }
  flush();
  return words;
}

// One edit inside a word of at least 5 characters: swap two neighbours or drop one.
std::string Misspell(std::vector<UChar32> w, std::mt19937_64& rng) {
  const size_t i = 1 + rng() % (w.size() - 3);
  if (rng() % 2 && w[i] != w[i + 1]) {
    std::swap(w[i], w[i + 1]);
  } else {
    w.erase(w.begin() + static_cast<long>(i));
  }
  return Encode(w);
}

// Picks up to 16 languages with the most resources (each at least 0.38% of them, i.e. 1,000 in
// the full benchmark corpus, and at least 20) and cycles through them: per 10 queries of a
// language, 4 one-word, 3 two-word, 2 phrases of 2-3 words, 1 misspelt.
std::vector<Query> MakeQueries(const std::map<std::string, std::vector<std::string>>& titles, size_t count) {
  size_t total = 0;
  for (const auto& [lang, list] : titles) total += list.size();
  const size_t min_size = std::max<size_t>(20, total * 38 / 10000);
  std::vector<std::pair<size_t, std::string>> by_size;
  for (const auto& [lang, list] : titles) {
    if (list.size() >= min_size) by_size.emplace_back(list.size(), lang);
  }
  std::sort(by_size.begin(), by_size.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  if (by_size.size() > 16) by_size.resize(16);
  std::vector<Query> queries;
  if (by_size.empty()) return queries;
  std::mt19937_64 rng(20261123);
  const char* kinds[10] = {"word", "word", "word", "word", "two", "two", "two", "phrase", "phrase", "typo"};
  for (size_t q = 0, tries = 0; queries.size() < count && tries < count * 50; ++tries) {
    const std::string& lang = by_size[q % by_size.size()].second;
    const std::string kind = kinds[(q / by_size.size()) % 10];
    const auto& list = titles.at(lang);
    auto words = TitleWords(list[rng() % list.size()], rng);
    std::string text;
    if (kind == "word" && !words.empty()) {
      text = Encode(words[rng() % words.size()]);
    } else if (kind == "two" && words.size() >= 2) {
      const size_t i = rng() % (words.size() - 1);
      text = Encode(words[i]) + " " + Encode(words[i + 1]);
    } else if (kind == "phrase" && words.size() >= 2) {
      const size_t n = std::min<size_t>(words.size(), 2 + rng() % 2);
      const size_t i = rng() % (words.size() - n + 1);
      text = "\"";
      for (size_t k = 0; k < n; ++k) text += (k ? " " : "") + Encode(words[i + k]);
      text += "\"";
    } else if (kind == "typo") {
      std::vector<size_t> long_words;
      for (size_t i = 0; i < words.size(); ++i) {
        if (words[i].size() >= 5 && !Unspaced(words[i][0])) long_words.push_back(i);
      }
      if (!long_words.empty()) text = Misspell(words[long_words[rng() % long_words.size()]], rng);
    }
    if (text.empty()) continue;  // this title does not fit the kind; draw another
    queries.push_back({lang, kind, text});
    ++q;
  }
  return queries;
}

// Words of a query for the peers: phrase marks dropped, split on spaces.
std::vector<std::string> QueryWords(const Query& q) {
  std::vector<std::string> words;
  std::string text = q.text;
  text.erase(std::remove(text.begin(), text.end(), '"'), text.end());
  std::istringstream in(text);
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

bool IsPhrase(const Query& q) { return !q.text.empty() && q.text[0] == '"'; }

// The page workload's facets, as wenjin counts them: lang (primary subtag), subject, level, type,
// origin.
constexpr unsigned kFacetCount = 5;
constexpr size_t kSnippetBytes = 300;  // the peers' snippet length; wenjin's is 200 code points

// The text the peers take snippets from: description and body, as wenjin's hits do.
std::string SnippetSource(const Resource& res) {
  std::string text = res.description;
  if (!res.body.empty()) text += (text.empty() ? "" : "\n") + res.body;
  if (text.size() > 20000) text.resize(20000);
  return text;
}

// ---- child: one engine ----------------------------------------------------------------------

// Indexes `corpus`, then runs `queries` (a warm-up pass, then the timed pass) through `search`,
// which returns the number of hits (or -1 on error).
struct Timings {
  std::vector<double> ms;
  std::vector<std::string> kinds;  // of each timed query
  size_t with_hits = 0;
};

template <typename SearchFn>
Status RunQueries(const std::vector<Query>& queries, bool page, SearchFn search, Timings* t) {
  for (size_t i = 0; i < std::min(kWarmup, queries.size()); ++i) search(queries[i], page);
  for (const Query& q : queries) {
    auto t0 = Clock::now();
    long hits = search(q, page);
    t->ms.push_back(Seconds(Clock::now() - t0) * 1000);
    t->kinds.push_back(q.kind);
    if (hits < 0) return Status::Internal("query failed: " + q.text);
    if (hits > 0) ++t->with_hits;
  }
  return Status::OK();
}

double Percentile(std::vector<double> ms, double p) {
  std::sort(ms.begin(), ms.end());
  return ms[std::min(ms.size() - 1, static_cast<size_t>(p * ms.size()))];
}

void Fill(const Timings& t, Result* r);

// Two workloads over the same queries, each after its own warm-up: "top 10" (the ten best ids
// and titles: what the peers were built to answer) and "page" (what a learner's result page
// needs: the ten best with a highlighted snippet each, the exact number of matches and facet
// counts for lang, subject, level, type and origin over all of them). `search(query, page)`
// returns the number of matches (or -1 on error).
template <typename SearchFn>
Status RunWorkloads(const std::vector<Query>& queries, SearchFn search, Result* r) {
  r->index_rss_mb = PeakRssSoFarMb();
  r->index_heap = HeapUse();
  Timings warm, top, page;
  // One untimed page pass over every query first, so both timed passes find the caches (block
  // cache, page cache, per-reader dictionaries) as a running server has them, whichever runs first.
  WENJIN_RETURN_IF_ERROR(RunQueries(queries, true, search, &warm));
  WENJIN_RETURN_IF_ERROR(RunQueries(queries, false, search, &top));
  WENJIN_RETURN_IF_ERROR(RunQueries(queries, true, search, &page));
  Fill(page, r);
  Result top_only;
  Fill(top, &top_only);
  r->top_p50_ms = top_only.p50_ms;
  r->top_p99_ms = top_only.p99_ms;
  r->work_rss_mb = PeakRssSoFarMb();
  return Status::OK();
}

void Fill(const Timings& t, Result* r) {
  const std::vector<double>& ms = t.ms;
  if (ms.empty()) return;
  r->p50_ms = Percentile(ms, 0.50);
  r->p99_ms = Percentile(ms, 0.99);
  std::map<std::string, std::vector<double>> by_kind;
  for (size_t i = 0; i < ms.size(); ++i) by_kind[t.kinds[i]].push_back(ms[i]);
  for (const auto& [kind, list] : by_kind) r->p50_by_kind[kind] = Percentile(list, 0.50);
  double sum = 0;
  for (double x : ms) sum += x;
  r->mean_ms = sum / ms.size();
  r->hit_rate = static_cast<double>(t.with_hits) / ms.size();
}

// Flushes and compacts every column family, so sizes on disk are those of the data at rest.
void SettleStore(store::Db* db) {
  for (int f = 0; f < store::kFamilyCount; ++f) {
    auto* cf = db->family(static_cast<store::Family>(f));
    db->raw()->Flush(rocksdb::FlushOptions(), cf);
    rocksdb::CompactRangeOptions options;
    // Also rewrite the last level: the chunks of deleted index files sit there until then.
    options.bottommost_level_compaction = rocksdb::BottommostLevelCompaction::kForce;
    db->raw()->CompactRange(options, cf, nullptr, nullptr);
  }
}

// Reads every resource of the corpus, calling `fn` for each well-formed one.
template <typename Fn>
void ForEachResource(const std::string& path, Fn fn) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    Resource r;
    if (ParseResource(line, &r).ok()) fn(r);
  }
}

// "wenjin" or "wenjin-<N>mb"; sets the index cache of the latter.
bool IsWenjinEngine(const std::string& engine, store::Db::Options* options = nullptr) {
  if (engine == "wenjin") return true;
  constexpr std::string_view kPrefix = "wenjin-", kSuffix = "mb";
  if (engine.size() <= kPrefix.size() + kSuffix.size() || engine.rfind(kPrefix, 0) != 0 ||
      engine.compare(engine.size() - kSuffix.size(), kSuffix.size(), kSuffix) != 0) {
    return false;
  }
  const std::string digits = engine.substr(kPrefix.size(), engine.size() - kPrefix.size() - kSuffix.size());
  if (digits.size() > 6 || digits.find_first_not_of("0123456789") != std::string::npos) return false;
  if (options) options->index_cache_bytes = std::stoul(digits) << 20;
  return true;
}

Status RunWenjin(const Flags& f, const std::vector<Query>& queries, Result* r) {
  const fs::path dir = fs::path(f.work) / f.engine;
  {
    std::unique_ptr<store::Db> db;
    store::Db::Options db_options;
    IsWenjinEngine(f.engine, &db_options);
    WENJIN_RETURN_IF_ERROR(store::Db::Open(dir.string(), db_options, &db));
    store::ResourceStore store(db.get());
    std::unique_ptr<index::SearchIndex> index;
    auto t0 = Clock::now();
    WENJIN_RETURN_IF_ERROR(index::SearchIndex::Open(&store, index::IndexOptions(), &index));
    if (!f.reuse) {
      std::ifstream in(f.corpus);
      api::ImportReport report;
      WENJIN_RETURN_IF_ERROR(api::ImportNdjson(in, &store, index.get(), api::ImportOptions(), &report));
      r->docs = report.totals.imported;
    }
    r->index_s = Seconds(Clock::now() - t0);
    std::vector<Query> mix;
    for (size_t i = 0; i < f.repeat; ++i) mix.insert(mix.end(), queries.begin(), queries.end());
    WENJIN_RETURN_IF_ERROR(RunWorkloads(mix, [&](const Query& q, bool page) -> long {
      index::SearchRequest req;
      req.query = q.text;
      req.lang = q.lang;
      req.facets = req.highlight = page;
      index::SearchResponse resp;
      if (!index->Search(req, &resp).ok()) return -1;
      return static_cast<long>(resp.total);
    }, r));
    r->memory = StoreMemory(db.get());
    index.reset();
    // Sizes at rest: every family flushed and compacted, as a long-running server's store settles
    // (merged-away index files are deleted as tombstones until compaction drops them; Lucene on a
    // file system frees them at once).
    SettleStore(db.get());
    auto* cf = db->family(store::Family::kIndexFiles);
    uint64_t bytes = 0;
    if (db->raw()->GetIntProperty(cf, "rocksdb.total-sst-files-size", &bytes)) r->index_part_mb = bytes / 1048576.0;
  }
  r->size_mb = DirBytes(dir) / 1048576.0;
  return Status::OK();
}

// Lucene++ with a plain IndexWriter configured as SearchIndex configures it, on `dir`.
Status RunLucene(const Flags& f, const std::vector<Query>& queries, bool rocks, Result* r) {
  const fs::path path = fs::path(f.work) / (rocks ? "lucene-rocks" : "lucene-fs");
  try {
    std::unique_ptr<store::Db> db;
    Lucene::DirectoryPtr dir;
    auto t0 = Clock::now();
    if (rocks) {
      WENJIN_RETURN_IF_ERROR(store::Db::Open(path.string(), &db));
      dir = Lucene::newLucene<index::RocksDirectory>(db.get());
    } else {
      fs::create_directories(path);
      dir = Lucene::FSDirectory::open(Lucene::StringUtils::toUnicode(path.string()));
    }
    auto writer = Lucene::newLucene<Lucene::IndexWriter>(dir, analysis::NewFieldAnalyzer(), /*create=*/!f.reuse,
                                                         Lucene::IndexWriter::MaxFieldLengthUNLIMITED);
    writer->setRAMBufferSizeMB(32);
    writer->setTermIndexInterval(index::IndexOptions().term_index_interval);
    if (rocks) writer->setMergeScheduler(index::NewUncachedMergeScheduler());
    writer->setUseCompoundFile(false);
    if (!f.reuse) {
      size_t pending = 0;
      ForEachResource(f.corpus, [&](const Resource& res) {
        writer->updateDocument(index::IdTerm(res.id), index::BuildDocument(res));
        ++r->docs;
        if (++pending >= kCommitEvery) {
          writer->commit();
          pending = 0;
        }
      });
      writer->commit();
      writer->optimize();  // as wenjin's import does at its end
      writer->commit();
      // Also as wenjin's import does (SearchIndex::Optimize): the index family in one level.
      if (rocks) WENJIN_RETURN_IF_ERROR(db->Compact(store::Family::kIndexFiles));
    }
    r->index_s = Seconds(Clock::now() - t0);
    auto reader = writer->getReader();  // near-real-time, as SearchIndex searches
    index::QueryEngine engine{index::IndexOptions()};
    WENJIN_RETURN_IF_ERROR(RunWorkloads(queries, [&](const Query& q, bool page) -> long {
      index::SearchRequest req;
      req.query = q.text;
      req.lang = q.lang;
      req.facets = req.highlight = page;
      index::SearchResponse resp;
      if (!engine.Search(reader, req, &resp).ok()) return -1;
      return static_cast<long>(resp.total);
    }, r));
    if (rocks) r->memory = StoreMemory(db.get());
    reader->close();
    writer->close();
    dir->close();
    if (rocks) {
      SettleStore(db.get());
      auto* cf = db->family(store::Family::kIndexFiles);
      uint64_t bytes = 0;
      if (db->raw()->GetIntProperty(cf, "rocksdb.total-sst-files-size", &bytes)) r->index_part_mb = bytes / 1048576.0;
    }
  } catch (const Lucene::LuceneException& e) {
    return Status::Internal("Lucene++: " + Lucene::StringUtils::toUTF8(e.getError()));
  }
  r->size_mb = DirBytes(path) / 1048576.0;
  return Status::OK();
}

#ifdef WENJIN_HAVE_XAPIAN
// Xapian's stemmer for a language, or none when Xapian has no stemmer for it.
class Stemmers {
 public:
  const Xapian::Stem& For(const std::string& tag) {
    const std::string lang = PrimaryLanguage(tag);
    auto it = stems_.find(lang);
    if (it != stems_.end()) return it->second;
    Xapian::Stem stem;
    try {
      stem = Xapian::Stem(lang);
    } catch (const Xapian::Error&) {
    }
    return stems_.emplace(lang, stem).first->second;
  }

 private:
  std::map<std::string, Xapian::Stem> stems_;
};

Status RunXapian(const Flags& f, const std::vector<Query>& queries, Result* r) {
  const fs::path path = fs::path(f.work) / "xapian";
  try {
    Stemmers stems;
    auto t0 = Clock::now();
    Xapian::WritableDatabase db(path.string(), f.reuse ? Xapian::DB_OPEN : Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::TermGenerator gen;
    gen.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
    gen.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    size_t pending = 0;
    if (!f.reuse) ForEachResource(f.corpus, [&](const Resource& res) {
      Xapian::Document doc;
      gen.set_document(doc);
      gen.set_stemmer(stems.For(res.lang));
      gen.index_text(res.title, 2);  // titles weigh more, as in wenjin's fields
      gen.increase_termpos();
      gen.index_text(res.description);
      gen.increase_termpos();
      gen.index_text(res.body);
      for (const auto& [lang, title] : res.titles) {
        if (lang == res.lang) continue;
        gen.set_stemmer(stems.For(lang));
        gen.increase_termpos();
        gen.index_text(title, 2);
      }
      // Facet values for the page workload's match spies; the text for its snippets.
      const std::string facets[kFacetCount] = {PrimaryLanguage(res.lang), res.subject, res.level, res.type,
                                               res.origin};
      for (unsigned slot = 0; slot < kFacetCount; ++slot) doc.add_value(slot, facets[slot]);
      doc.set_data(res.id + "\t" + res.title + "\t" + SnippetSource(res));
      const std::string id_term = "Q" + res.id;
      doc.add_boolean_term(id_term);
      db.replace_document(id_term, doc);
      ++r->docs;
      if (++pending >= kCommitEvery) {
        db.commit();
        pending = 0;
      }
    });
    db.commit();
    r->index_s = Seconds(Clock::now() - t0);
    Xapian::QueryParser parser;
    parser.set_database(db);
    parser.set_default_op(Xapian::Query::OP_AND);  // as wenjin: every word required
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    const unsigned flags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_CJK_NGRAM;
    const Xapian::doccount all_docs = db.get_doccount();
    WENJIN_RETURN_IF_ERROR(RunWorkloads(queries, [&](const Query& q, bool page) -> long {
      const Xapian::Stem& stem = stems.For(q.lang);
      parser.set_stemmer(stem);
      Xapian::Enquire enquire(db);
      enquire.set_query(parser.parse_query(q.text, flags));
      std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies;
      if (page) {
        for (unsigned slot = 0; slot < kFacetCount; ++slot) {
          spies.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(slot));
          enquire.add_matchspy(spies.back().get());
        }
      }
      // The page needs every match seen (exact total, facets); the top 10 lets Xapian stop early.
      Xapian::MSet mset = enquire.get_mset(0, 10, page ? all_docs : 0);
      size_t bytes = 0;
      for (auto it = mset.begin(); it != mset.end(); ++it) {
        const std::string data = it.get_document().get_data();
        bytes += data.size();
        if (page) {
          const size_t text_at = data.find('\t', data.find('\t') + 1);
          if (text_at != std::string::npos) {
            bytes += mset.snippet(data.substr(text_at + 1), kSnippetBytes, stem, Xapian::MSet::SNIPPET_EXHAUSTIVE,
                                  "<em>", "</em>", "…").size();
          }
        }
      }
      for (const auto& spy : spies) {
        for (auto v = spy->values_begin(); v != spy->values_end(); ++v) bytes += v.get_termfreq();
      }
      (void)bytes;
      return static_cast<long>(mset.get_matches_estimated());
    }, r));
    db.close();
  } catch (const Xapian::Error& e) {
    return Status::Internal("Xapian: " + e.get_description());
  }
  r->size_mb = DirBytes(path) / 1048576.0;
  return Status::OK();
}
#endif

#ifdef WENJIN_HAVE_SQLITE
struct SqliteCloser {
  void operator()(sqlite3* db) const { sqlite3_close(db); }
};
struct StmtCloser {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using SqlitePtr = std::unique_ptr<sqlite3, SqliteCloser>;
using StmtPtr = std::unique_ptr<sqlite3_stmt, StmtCloser>;

Status SqlError(sqlite3* db, const std::string& what) {
  return Status::Internal("SQLite " + what + ": " + sqlite3_errmsg(db));
}

// An FTS5 query: every word required (implicit AND), each quoted so punctuation is literal;
// a phrase query becomes one quoted phrase.
std::string Fts5Query(const Query& q) {
  auto quote = [](const std::string& s) {
    std::string out = "\"";
    for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
  };
  std::vector<std::string> words = QueryWords(q);
  std::string out;
  if (IsPhrase(q)) {
    std::string joined;
    for (const auto& w : words) joined += (joined.empty() ? "" : " ") + w;
    return quote(joined);
  }
  for (const auto& w : words) out += (out.empty() ? "" : " ") + quote(w);
  return out;
}

// Creates the FTS5 table and loads the corpus into it.
Status LoadSqlite(const Flags& f, sqlite3* db, Result* r) {
  auto exec = [&](const char* sql) -> Status {
    return sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK ? Status::OK() : SqlError(db, sql);
  };
  WENJIN_RETURN_IF_ERROR(exec(
      "CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, titles, description, body,"
      " lang UNINDEXED, subject UNINDEXED, level UNINDEXED, type UNINDEXED, origin UNINDEXED,"
      " tokenize='unicode61 remove_diacritics 2')"));
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(db, "INSERT INTO docs(id, title, titles, description, body, lang, subject, level, type, origin)"
                         " VALUES(?,?,?,?,?,?,?,?,?,?)", -1, &s,
                         nullptr) != SQLITE_OK) {
    return SqlError(db, "prepare insert");
  }
  StmtPtr insert(s);
  WENJIN_RETURN_IF_ERROR(exec("BEGIN"));
  Status failed;
  size_t pending = 0;
  ForEachResource(f.corpus, [&](const Resource& res) {
    if (!failed.ok()) return;
    std::string others;
    for (const auto& [lang, title] : res.titles) {
      if (lang != res.lang) others += title + "\n";
    }
    const std::string lang = PrimaryLanguage(res.lang);
    const std::string* values[10] = {&res.id,  &res.title,   &others,    &res.description, &res.body,
                                     &lang,    &res.subject, &res.level, &res.type,        &res.origin};
    for (int i = 0; i < 10; ++i) sqlite3_bind_text(insert.get(), i + 1, values[i]->data(), static_cast<int>(values[i]->size()), SQLITE_TRANSIENT);
    if (sqlite3_step(insert.get()) != SQLITE_DONE) failed = SqlError(db, "insert");
    sqlite3_reset(insert.get());
    ++r->docs;
    if (++pending >= kCommitEvery) {
      if (failed.ok()) failed = exec("COMMIT");
      if (failed.ok()) failed = exec("BEGIN");
      pending = 0;
    }
  });
  WENJIN_RETURN_IF_ERROR(failed);
  return exec("COMMIT");
}

Status RunSqlite(const Flags& f, const std::vector<Query>& queries, Result* r) {
  const fs::path path = fs::path(f.work) / "sqlite";
  fs::create_directories(path);
  sqlite3* raw = nullptr;
  auto t0 = Clock::now();
  if (sqlite3_open((path / "fts.db").string().c_str(), &raw) != SQLITE_OK) return Status::Internal("cannot open SQLite");
  SqlitePtr db(raw);
  if (!f.reuse) WENJIN_RETURN_IF_ERROR(LoadSqlite(f, db.get(), r));
  r->index_s = Seconds(Clock::now() - t0);
  // Title weighs more, as in wenjin and the Xapian run (bm25() weights follow column order).
  auto prepare = [&](const char* sql, StmtPtr* out) -> Status {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db.get(), sql, -1, &st, nullptr) != SQLITE_OK) return SqlError(db.get(), "prepare");
    out->reset(st);
    return Status::OK();
  };
  StmtPtr top, page_top, page_facets;
  WENJIN_RETURN_IF_ERROR(prepare("SELECT id, title, bm25(docs, 0.0, 2.0, 2.0, 1.0, 1.0) AS score"
                                 " FROM docs WHERE docs MATCH ? ORDER BY score LIMIT 10", &top));
  // The page: the ten best with a snippet from the best-matching column, then one pass over every
  // match for the exact total and the facet counts.
  WENJIN_RETURN_IF_ERROR(prepare("SELECT id, title, snippet(docs, -1, '<em>', '</em>', '…', 32),"
                                 " bm25(docs, 0.0, 2.0, 2.0, 1.0, 1.0) AS score"
                                 " FROM docs WHERE docs MATCH ? ORDER BY score LIMIT 10", &page_top));
  WENJIN_RETURN_IF_ERROR(prepare("SELECT lang, subject, level, type, origin FROM docs WHERE docs MATCH ?", &page_facets));
  WENJIN_RETURN_IF_ERROR(RunWorkloads(queries, [&](const Query& q, bool page) -> long {
    const std::string match = Fts5Query(q);
    sqlite3_stmt* first = page ? page_top.get() : top.get();
    sqlite3_bind_text(first, 1, match.data(), static_cast<int>(match.size()), SQLITE_TRANSIENT);
    long hits = 0;
    size_t bytes = 0;
    int rc;
    while ((rc = sqlite3_step(first)) == SQLITE_ROW) {
      ++hits;
      if (page) bytes += static_cast<size_t>(sqlite3_column_bytes(first, 2));
    }
    sqlite3_reset(first);
    if (rc != SQLITE_DONE) return -1;
    if (!page) return hits;
    std::map<std::string, uint64_t> counts[kFacetCount];
    sqlite3_stmt* facets = page_facets.get();
    sqlite3_bind_text(facets, 1, match.data(), static_cast<int>(match.size()), SQLITE_TRANSIENT);
    long total = 0;
    while ((rc = sqlite3_step(facets)) == SQLITE_ROW) {
      ++total;
      for (int c = 0; c < static_cast<int>(kFacetCount); ++c) {
        const auto* v = reinterpret_cast<const char*>(sqlite3_column_text(facets, c));
        ++counts[c][v ? v : ""];
      }
    }
    sqlite3_reset(facets);
    (void)bytes;
    return rc == SQLITE_DONE ? total : -1;
  }, r));
  top.reset();
  page_top.reset();
  page_facets.reset();
  db.reset();
  r->size_mb = DirBytes(path) / 1048576.0;
  return Status::OK();
}
#endif

std::vector<Query> ReadQueries(const std::string& path) {
  std::vector<Query> queries;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    const size_t a = line.find('\t'), b = line.find('\t', a + 1);
    if (a == std::string::npos || b == std::string::npos) continue;
    queries.push_back({line.substr(0, a), line.substr(a + 1, b - a - 1), line.substr(b + 1)});
  }
  return queries;
}

int RunChild(const Flags& f) {
  const std::vector<Query> queries = ReadQueries(f.queries_file);
  Result r;
  r.engine = f.engine;
  Status s = Status::InvalidArgument("unknown or unavailable engine " + f.engine);
  if (IsWenjinEngine(f.engine)) s = RunWenjin(f, queries, &r);
  if (f.engine == "lucene-fs") s = RunLucene(f, queries, false, &r);
  if (f.engine == "lucene-rocks") s = RunLucene(f, queries, true, &r);
#ifdef WENJIN_HAVE_XAPIAN
  if (f.engine == "xapian") s = RunXapian(f, queries, &r);
#endif
#ifdef WENJIN_HAVE_SQLITE
  if (f.engine == "sqlite") s = RunSqlite(f, queries, &r);
#endif
  json out = {{"docs", r.docs},       {"index_s", r.index_s}, {"size_mb", r.size_mb}, {"index_part_mb", r.index_part_mb},
              {"p50_ms", r.p50_ms},   {"p99_ms", r.p99_ms},   {"mean_ms", r.mean_ms}, {"hit_rate", r.hit_rate},
              {"top_p50_ms", r.top_p50_ms}, {"top_p99_ms", r.top_p99_ms}, {"p50_by_kind", r.p50_by_kind},
              {"work_rss_mb", r.work_rss_mb}, {"index_rss_mb", r.index_rss_mb}, {"index_heap", r.index_heap}, {"memory", r.memory}, {"error", s.ok() ? "" : s.ToString()}};
  std::ofstream(f.out) << out.dump() << "\n";
  return s.ok() ? 0 : 1;
}

// ---- parent ---------------------------------------------------------------------------------

// Copies an evenly spaced sample of `limit` lines of the corpus (all of it when limit is 0) to
// `out`, and collects titles per language for the query mix.
size_t PrepareCorpus(const Flags& f, const std::string& out, std::map<std::string, std::vector<std::string>>* titles) {
  size_t total = 0;
  {
    std::ifstream in(f.corpus);
    std::string line;
    while (std::getline(in, line)) ++total;
  }
  const size_t want = f.limit == 0 ? total : std::min(f.limit, total);
  std::ifstream in(f.corpus);
  std::ofstream o(out);
  std::string line;
  size_t kept = 0;
  for (size_t i = 0; std::getline(in, line); ++i) {
    // Line i is kept when it starts a new stride of total/want lines.
    if (want == 0 || (i + 1) * want / total == i * want / total) continue;
    o << line << "\n";
    ++kept;
    Resource r;
    if (ParseResource(line, &r).ok()) (*titles)[r.lang].push_back(r.title);
  }
  return kept;
}

Result RunEngine(const Flags& f, const std::string& self, const std::string& engine, const std::string& corpus,
                 const std::string& queries) {
  Result r;
  r.engine = engine;
  const std::string out = (fs::path(f.work) / (engine + ".json")).string();
  const bool reuse = f.reuse && fs::exists(fs::path(f.work) / engine);
  if (!reuse) fs::remove_all(fs::path(f.work) / engine);
  fs::remove(out);
  const std::string repeat = std::to_string(f.repeat);
  std::fflush(nullptr);
  const pid_t pid = fork();
  if (pid == 0) {
    execl(self.c_str(), self.c_str(), "--engine", engine.c_str(), "--corpus", corpus.c_str(), "--queries-file",
          queries.c_str(), "--out", out.c_str(), "--work", f.work.c_str(), "--reuse", reuse ? "1" : "0", "--repeat",
          repeat.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  int status = 0;
  struct rusage usage {};
  wait4(pid, &status, 0, &usage);
  r.peak_rss_mb = usage.ru_maxrss / 1024.0;
  std::ifstream in(out);
  json j;
  try {
    in >> j;
  } catch (const std::exception&) {
    r.error = "child exited without a result (status " + std::to_string(status) + ")";
    return r;
  }
  r.docs = j["docs"];
  r.index_s = j["index_s"];
  r.size_mb = j["size_mb"];
  r.index_part_mb = j["index_part_mb"];
  r.work_rss_mb = j["work_rss_mb"];
  r.index_rss_mb = j["index_rss_mb"];
  r.index_heap = j["index_heap"];
  r.memory = j["memory"];
  r.p50_ms = j["p50_ms"];
  r.p99_ms = j["p99_ms"];
  r.mean_ms = j["mean_ms"];
  r.hit_rate = j["hit_rate"];
  r.error = j["error"];
  r.top_p50_ms = j["top_p50_ms"];
  r.top_p99_ms = j["top_p99_ms"];
  r.p50_by_kind = j["p50_by_kind"].get<std::map<std::string, double>>();
  return r;
}

bool ParseFlags(int argc, char** argv, Flags* f) {
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (i + 1 >= argc) return false;
    const std::string v = argv[++i];
    if (a == "--corpus") f->corpus = v;
    else if (a == "--limit") f->limit = std::stoul(v);
    else if (a == "--queries") f->queries = std::stoul(v);
    else if (a == "--engines") f->engines = v;
    else if (a == "--work") f->work = v;
    else if (a == "--engine") f->engine = v;
    else if (a == "--queries-file") f->queries_file = v;
    else if (a == "--out") f->out = v;
    else if (a == "--reuse") f->reuse = v == "1";
    else if (a == "--repeat") f->repeat = std::max<size_t>(1, std::stoul(v));
    else return false;
  }
  return !f->corpus.empty();
}

}  // namespace

int main(int argc, char** argv) {
  wenjin::store::LimitHeapRetention();  // as the wenjin binary does; every engine's child gets it
  Flags f;
  if (!ParseFlags(argc, argv, &f)) {
    std::fprintf(stderr,
                 "usage: bench_search --corpus FILE [--limit N] [--queries N] [--engines %s] [--work DIR]\n"
                 "                    [--reuse 1 [--repeat N]]   (search the indexes of an earlier run)\n",
                 Flags().engines.c_str());
    return 2;
  }
  if (!f.engine.empty()) return RunChild(f);

  fs::create_directories(f.work);
  const std::string corpus = (fs::path(f.work) / "corpus.ndjson").string();
  const std::string queries_file = (fs::path(f.work) / "queries.tsv").string();
  std::map<std::string, std::vector<std::string>> titles;
  const size_t lines = PrepareCorpus(f, corpus, &titles);
  const std::vector<Query> queries = MakeQueries(titles, f.queries);
  {
    std::ofstream q(queries_file);
    for (const Query& x : queries) q << x.lang << "\t" << x.kind << "\t" << x.text << "\n";
  }
  std::map<std::string, size_t> per_lang;
  for (const Query& q : queries) ++per_lang[q.lang];
  std::printf("corpus: %zu lines sampled from %s; %zu queries (", lines, f.corpus.c_str(), queries.size());
  for (const auto& [lang, n] : per_lang) std::printf(" %s:%zu", lang.c_str(), n);
  std::printf(" ), list in %s\n", queries_file.c_str());
  std::fflush(stdout);

  const std::string self = fs::read_symlink("/proc/self/exe").string();
  std::map<std::string, Result> results;
  std::vector<std::string> order;
  std::stringstream engines(f.engines);
  for (std::string e; std::getline(engines, e, ',');) {
    Result r = RunEngine(f, self, e, corpus, queries_file);
    if (!r.error.empty()) std::fprintf(stderr, "%s: %s\n", e.c_str(), r.error.c_str());
    std::fprintf(stderr, "%s done: %.1f s indexing\n", e.c_str(), r.index_s);
    results[e] = r;
    order.push_back(e);
  }

  std::printf("\nms per query: \"top 10\" = the ten best ids and titles; \"page\" = the ten best with snippets,\n"
              "the exact total and facet counts (lang, subject, level, type, origin) over every match.\n");
  std::printf("peak RSS: while indexing and searching; \"+settle\": the whole run, including the flush and full\n"
              "compaction the benchmark forces on RocksDB stores before measuring their size at rest.\n");
  std::printf("\n%-13s | %7s | %8s | %7s | %8s | %11s | %10s | %10s | %10s | %8s | %8s | %9s | %5s\n", "engine",
              "docs", "index s", "docs/s", "size MB", "peak RSS MB", "+settle MB", "top10 p50", "top10 p99",
              "page p50", "page p99", "page mean", "hit%");
  for (const auto& e : order) {
    const Result& r = results[e];
    std::printf(
        "%-13s | %7llu | %8.1f | %7.0f | %8.1f | %11.1f | %10.1f | %10.3f | %10.2f | %8.3f | %8.2f | %9.2f | %5.1f%s\n",
        e.c_str(), static_cast<unsigned long long>(r.docs), r.index_s, r.index_s > 0 ? r.docs / r.index_s : 0.0,
        r.size_mb, r.work_rss_mb, r.peak_rss_mb, r.top_p50_ms, r.top_p99_ms, r.p50_ms, r.p99_ms, r.mean_ms,
        100 * r.hit_rate, r.error.empty() ? "" : "  (FAILED)");
  }
  std::printf("\npage p50 ms by query kind:\n%-13s |", "engine");
  const char* kinds[] = {"word", "two", "phrase", "typo"};
  for (const char* k : kinds) std::printf(" %7s |", k);
  std::printf("\n");
  for (const auto& e : order) {
    std::printf("%-13s |", e.c_str());
    for (const char* k : kinds) {
      auto it = results[e].p50_by_kind.find(k);
      std::printf(" %7.2f |", it == results[e].p50_by_kind.end() ? 0.0 : it->second);
    }
    std::printf("\n");
  }
  std::printf("\npeak RSS while indexing only, and what RocksDB holds in memory after the searches:\n");
  for (const auto& e : order) {
    std::printf("%-13s | %7.1f MB (%s) | %s\n", e.c_str(), results[e].index_rss_mb, results[e].index_heap.c_str(),
                results[e].memory.c_str());
  }
  for (const auto& e : order) {
    if (results[e].index_part_mb >= 0) {
      std::printf("%s: index files column family %.1f MB of %.1f MB on disk\n", e.c_str(), results[e].index_part_mb,
                  results[e].size_mb);
    }
  }
  auto ratio = [&](const char* a, const char* b, double Result::*field, const char* what) {
    if (!results.count(a) || !results.count(b) || results[b].*field <= 0) return;
    std::printf("%s/%s %s: %.2fx\n", a, b, what, results[a].*field / results[b].*field);
  };
  std::printf("\n");
  for (const char* base : {"lucene-fs"}) {
    ratio("wenjin", base, &Result::index_s, "index time");
    ratio("wenjin", base, &Result::size_mb, "size");
    ratio("wenjin", base, &Result::p50_ms, "page p50");
    ratio("wenjin", base, &Result::work_rss_mb, "peak RSS");
    ratio("lucene-rocks", base, &Result::index_s, "index time");
    ratio("lucene-rocks", base, &Result::size_mb, "size");
    ratio("lucene-rocks", base, &Result::p50_ms, "page p50");
    ratio("lucene-rocks", base, &Result::work_rss_mb, "peak RSS");
  }
  for (const auto& e : order) {
    if (!IsWenjinEngine(e)) continue;
    if (e != "wenjin") ratio(e.c_str(), "lucene-fs", &Result::work_rss_mb, "peak RSS");
    for (const char* peer : {"xapian", "sqlite"}) {
      ratio(e.c_str(), peer, &Result::top_p50_ms, "top-10 p50");
      ratio(e.c_str(), peer, &Result::p50_ms, "page p50");
    }
  }
  return 0;
}
