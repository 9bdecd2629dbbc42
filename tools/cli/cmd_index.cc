// wenjin index: bulk import of trusted NDJSON resources into a data directory (store + index).
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "api/importer.h"
#include "api/platform.h"
#include "index/analysis/language.h"
#include "tools/cli/command.h"

namespace wenjin::cli {
namespace {

constexpr const char* kUsage =
    "usage: wenjin index [--data DIR] [--batch N] [--acks] FILE.ndjson|-\n"
    "  --data DIR   data directory (default ./data, created if missing)\n"
    "  --batch N    resources per durable commit (default 500)\n"
    "  --acks       print 'ack COUNT LAST_ID' on stdout after each durable commit\n"
    "  --index-cache-mb N  memory for the search index's hot chunks, MiB (default 32)\n"
    "One JSON resource a line; a malformed line is reported with its number and skipped.\n";

// Texts shorter than this rarely give CLD2 enough to judge; their declared language is trusted.
constexpr size_t kMinDetectBytes = 200;
constexpr size_t kMismatchExamples = 5;

// Compares each imported resource's declared language with the one its text reads as.
class LanguageAudit {
 public:
  void Check(const Resource& r) {
    std::string text = r.title + "\n" + r.description + "\n" + r.body;
    if (text.size() < kMinDetectBytes) return;
    analysis::LanguageGuess guess = analysis::DetectLanguage(text);
    if (!guess.reliable || guess.lang.empty()) return;
    if (guess.lang == PrimaryLanguage(r.lang)) return;
    ++mismatches_;
    if (examples_.size() < kMismatchExamples) examples_.push_back(r.id + " (declared " + r.lang + ", reads as " + guess.lang + ")");
  }
  void Report() const {
    if (mismatches_ == 0) return;
    std::cerr << "wenjin: " << mismatches_ << " resource(s) whose text reads as another language than declared, e.g.:\n";
    for (const auto& e : examples_) std::cerr << "  " << e << "\n";
  }

 private:
  uint64_t mismatches_ = 0;
  std::vector<std::string> examples_;
};

// A one-line progress bar on stderr, redrawn at most every 1% of the input.
class ProgressBar {
 public:
  explicit ProgressBar(uint64_t total_bytes) : total_(total_bytes) {}
  void Update(const api::ImportProgress& p) {
    int percent = total_ ? static_cast<int>(100 * std::min(p.bytes, total_) / total_) : -1;
    if (percent == last_ && total_) return;
    last_ = percent;
    constexpr int kWidth = 30;
    std::string bar(kWidth, ' ');
    if (percent >= 0) std::fill(bar.begin(), bar.begin() + percent * kWidth / 100, '#');
    std::fprintf(stderr, "\r[%s] %3d%%  %llu imported, %llu skipped", bar.c_str(), std::max(percent, 0),
                 static_cast<unsigned long long>(p.imported), static_cast<unsigned long long>(p.skipped));
    std::fflush(stderr);
  }
  void Finish() { std::fprintf(stderr, "\n"); }

 private:
  uint64_t total_;
  int last_ = -2;
};

int RunIndex(const std::vector<std::string>& argv) {
  Args args(argv);
  if (args.Flag("help")) {
    std::cout << kUsage;
    return 0;
  }
  api::PlatformOptions platform_options = DataDirOptions(&args);
  api::ImportOptions options;
  options.batch_size = static_cast<size_t>(args.Integer("batch", 500, 1, 1000000));
  const bool acks = args.Flag("acks");
  if (!args.Done(kUsage, 1, 1, "one input file (or - for stdin)")) return 2;

  const std::string& path = args.rest()[0];
  std::ifstream file;
  std::istream* in = &std::cin;
  uint64_t total_bytes = 0;
  if (path != "-") {
    file.open(path, std::ios::binary);
    if (!file) return Fail("cannot read " + path);
    file.seekg(0, std::ios::end);
    total_bytes = static_cast<uint64_t>(std::max<std::streamoff>(file.tellg(), 0));
    file.seekg(0);
    in = &file;
  }

  std::unique_ptr<api::Platform> platform;
  Status s = api::Platform::Open(platform_options, &platform);
  if (!s.ok()) return Fail(s.ToString());

  const bool show_bar = isatty(STDERR_FILENO);
  ProgressBar bar(total_bytes);
  LanguageAudit audit;
  store::ResourceStore* store = platform->resources();
  options.on_error = [&](uint64_t line, const Status& error) {
    if (show_bar) std::fprintf(stderr, "\r\033[K");
    std::cerr << "wenjin: line " << line << ": " << error.message() << " (skipped)\n";
  };
  options.on_commit = [&](const std::vector<std::string>& ids, const api::ImportProgress& progress) {
    if (acks && !ids.empty()) {
      std::printf("ack %llu %s\n", static_cast<unsigned long long>(progress.imported), ids.back().c_str());
      std::fflush(stdout);
    }
    for (const auto& id : ids) {
      Resource r;
      if (store->Get(id, &r).ok()) audit.Check(r);
    }
    if (show_bar) bar.Update(progress);
  };

  api::ImportReport report;
  s = api::ImportNdjson(*in, store, platform->search_index(), options, &report);
  if (show_bar) bar.Finish();
  if (!s.ok()) return Fail("import stopped: " + s.ToString());
  if (in->bad()) return Fail("error reading " + path + " after line " + std::to_string(report.totals.lines));
  audit.Report();
  std::fprintf(stderr, "wenjin: imported %llu, skipped %llu malformed line(s), %.1f s, %llu searchable\n",
               static_cast<unsigned long long>(report.totals.imported),
               static_cast<unsigned long long>(report.totals.skipped), report.seconds,
               static_cast<unsigned long long>(platform->search_index()->document_count()));
  return 0;
}

}  // namespace
WENJIN_COMMAND("index", "import NDJSON resources into a data directory (store + search index)", RunIndex);
}  // namespace wenjin::cli
