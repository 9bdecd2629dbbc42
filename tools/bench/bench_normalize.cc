// bench_normalize: throughput of the screening normaliser on real text (the bundled corpus),
// whole-text and streamed in 4 KB chunks, for ASCII-heavy and multilingual input.
//
// Usage: bench_normalize [CORPUS.ndjson] [--min-mb N]
//   CORPUS defaults to corpora/catalog.ndjson of the source tree. Each workload is repeated
//   until at least N MB (default 200) have been normalised, on one thread. MB/s is given per
//   second of that thread's CPU time (the machine is shared, so wall time would measure the
//   neighbours) and per wall-clock second.
#include <time.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "review/normalizer.h"
#include "tools/bench/bench_corpus.h"

namespace {

using wenjin::review::NormalizedText;
using wenjin::review::Normalizer;

// Records with at most 2% non-ASCII bytes (English text with the odd curly quote or dash).
bool IsAsciiHeavy(const std::string& s) {
  size_t high = 0;
  for (unsigned char c : s) high += c >= 0x80;
  return high * 50 <= s.size();
}

struct Texts {
  std::vector<std::string> ascii;  // ASCII-heavy records
  std::vector<std::string> latin;  // fr, es, de, pt: accented Latin
  std::vector<std::string> all;    // every record, every language
  size_t ascii_bytes = 0, latin_bytes = 0, all_bytes = 0;
};

bool LoadCorpus(const std::string& path, Texts* out) {
  return wenjin::bench::ForEachCorpusEntry(path, [&](const wenjin::bench::CorpusEntry& e) {
    std::string text = e.title + "\n" + e.description;
    if (e.lang == "fr" || e.lang == "es" || e.lang == "de" || e.lang == "pt") {
      out->latin_bytes += text.size();
      out->latin.push_back(text);
    }
    if (IsAsciiHeavy(text)) {
      out->ascii_bytes += text.size();
      out->ascii.push_back(text);
    }
    out->all_bytes += text.size();
    out->all.push_back(std::move(text));
  });
}

// Times a workload that processes `bytes` input bytes per call of `pass`.
struct Rate {
  double cpu_mbps, wall_mbps;
};
template <typename Pass>
Rate Measure(size_t bytes, size_t min_bytes, Pass pass) {
  size_t done = 0;
  double c0 = wenjin::bench::ThreadCpuSeconds();
  auto t0 = std::chrono::steady_clock::now();
  while (done < min_bytes) {
    pass();
    done += bytes;
  }
  double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  double cpu = wenjin::bench::ThreadCpuSeconds() - c0;
  return {done / cpu / 1e6, done / wall / 1e6};
}

// Normalises every text on its own.
Rate Whole(const Normalizer& n, const std::vector<std::string>& texts, size_t bytes, size_t min_bytes,
           size_t* checksum) {
  return Measure(bytes, min_bytes, [&] {
    for (const auto& t : texts) *checksum += n.Normalize(t).text.size();
  });
}

// Concatenates the texts into one stream fed in chunk-byte pieces.
Rate Streamed(const Normalizer& n, const std::vector<std::string>& texts, size_t min_bytes, size_t chunk,
              size_t* checksum) {
  std::string joined;
  for (const auto& t : texts) joined += t + "\n";
  return Measure(joined.size(), min_bytes, [&] {
    auto stream = n.NewStream();
    for (size_t i = 0; i < joined.size(); i += chunk) {
      *checksum += stream->Feed(std::string_view(joined).substr(i, chunk)).text.size();
    }
    *checksum += stream->Finish().text.size();
  });
}

void Print(const char* name, Rate r) { std::printf("%-36s %12.1f %12.1f\n", name, r.cpu_mbps, r.wall_mbps); }

}  // namespace

int main(int argc, char** argv) {
  const auto [corpus, min_mb] = wenjin::bench::ParseCorpusArgs(argc, argv, 200);
  Texts texts;
  if (!LoadCorpus(corpus, &texts)) {
    std::fprintf(stderr, "cannot read corpus %s\n", corpus.c_str());
    return 1;
  }
  std::unique_ptr<Normalizer> n;
  auto t0 = std::chrono::steady_clock::now();
  wenjin::Status s = Normalizer::Create({}, &n);
  double create_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  if (!s.ok()) {
    std::fprintf(stderr, "%s\n", s.ToString().c_str());
    return 1;
  }
  std::printf("corpus %s: %zu records (%.1f MB); ASCII-heavy %zu (%.1f MB); fr/es/de/pt %zu (%.1f MB)\n",
              corpus.c_str(), texts.all.size(), texts.all_bytes / 1e6, texts.ascii.size(),
              texts.ascii_bytes / 1e6, texts.latin.size(), texts.latin_bytes / 1e6);
  std::printf("first Normalizer::Create (builds the shared tables): %.0f ms\n", create_ms);
  size_t min_bytes = static_cast<size_t>(min_mb * 1e6), checksum = 0;
  std::printf("%-36s %12s %12s\n", "workload (1 thread)", "MB/s (CPU)", "MB/s (wall)");
  Print("ascii-heavy, Normalize per record", Whole(*n, texts.ascii, texts.ascii_bytes, min_bytes, &checksum));
  Print("ascii-heavy, Stream 4 KB chunks", Streamed(*n, texts.ascii, min_bytes, 4096, &checksum));
  Print("latin (fr es de pt), Normalize", Whole(*n, texts.latin, texts.latin_bytes, min_bytes, &checksum));
  Print("multilingual, Normalize per record", Whole(*n, texts.all, texts.all_bytes, min_bytes, &checksum));
  Print("multilingual, Stream 4 KB chunks", Streamed(*n, texts.all, min_bytes, 4096, &checksum));
  std::printf("(checksum %zu)\n", checksum);
  return 0;
}
