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

namespace {

using wenjin::review::NormalizedText;
using wenjin::review::Normalizer;

std::string DefaultCorpus() {
  std::string here = __FILE__;  // .../tools/bench/bench_normalize.cc
  size_t cut = here.rfind("tools/bench/");
  return (cut == std::string::npos ? std::string() : here.substr(0, cut)) + "corpora/catalog.ndjson";
}

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
  std::ifstream in(path);
  if (!in) return false;
  std::string line;
  while (std::getline(in, line)) {
    auto j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (!j.is_object()) continue;
    std::string text = j.value("title", "") + "\n" + j.value("description", "");
    std::string lang = j.value("lang", "");
    if (lang == "fr" || lang == "es" || lang == "de" || lang == "pt") {
      out->latin_bytes += text.size();
      out->latin.push_back(text);
    }
    if (IsAsciiHeavy(text)) {
      out->ascii_bytes += text.size();
      out->ascii.push_back(text);
    }
    out->all_bytes += text.size();
    out->all.push_back(std::move(text));
  }
  return !out->all.empty();
}

double ThreadCpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

// Times a workload that processes `bytes` input bytes per call of `pass`.
struct Rate {
  double cpu_mbps, wall_mbps;
};
template <typename Pass>
Rate Measure(size_t bytes, size_t min_bytes, Pass pass) {
  size_t done = 0;
  double c0 = ThreadCpuSeconds();
  auto t0 = std::chrono::steady_clock::now();
  while (done < min_bytes) {
    pass();
    done += bytes;
  }
  double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  double cpu = ThreadCpuSeconds() - c0;
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
  std::string corpus = DefaultCorpus();
  size_t min_mb = 200;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--min-mb" && i + 1 < argc) {
      min_mb = std::strtoul(argv[++i], nullptr, 10);
    } else {
      corpus = a;
    }
  }
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
  size_t min_bytes = min_mb * 1000 * 1000, checksum = 0;
  std::printf("%-36s %12s %12s\n", "workload (1 thread)", "MB/s (CPU)", "MB/s (wall)");
  Print("ascii-heavy, Normalize per record", Whole(*n, texts.ascii, texts.ascii_bytes, min_bytes, &checksum));
  Print("ascii-heavy, Stream 4 KB chunks", Streamed(*n, texts.ascii, min_bytes, 4096, &checksum));
  Print("latin (fr es de pt), Normalize", Whole(*n, texts.latin, texts.latin_bytes, min_bytes, &checksum));
  Print("multilingual, Normalize per record", Whole(*n, texts.all, texts.all_bytes, min_bytes, &checksum));
  Print("multilingual, Stream 4 KB chunks", Streamed(*n, texts.all, min_bytes, 4096, &checksum));
  std::printf("(checksum %zu)\n", checksum);
  return 0;
}
