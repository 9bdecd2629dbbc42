// bench_extract: throughput of text extraction (review/extract.h) per format, on documents built
// from the bundled corpus (real multilingual text wrapped in typical markup) and on hostile
// floods of markup characters, which must stay linear.
//
// Usage: bench_extract [CORPUS.ndjson] [--min-mb N]
//   CORPUS defaults to corpora/catalog.ndjson of the source tree. Each workload is extracted
//   repeatedly until at least N MB (default 50) have been read. MB/s is given per second of this
//   thread's CPU time (the machine is shared, so wall time would measure the neighbours).
#include <time.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "review/extract.h"
#include "tools/bench/bench_corpus.h"

namespace {

using wenjin::Status;
using wenjin::review::BodyFormat;
using wenjin::review::BodyFormatName;
using wenjin::review::ExtractedText;
using wenjin::review::ExtractText;

struct Record {
  std::string title;
  std::string description;
};

bool LoadCorpus(const std::string& path, std::vector<Record>* out) {
  return wenjin::bench::ForEachCorpusEntry(
      path, [&](const wenjin::bench::CorpusEntry& e) { out->push_back({e.title, e.description}); });
}

std::string Timestamp(size_t second, char decimal) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02zu:%02zu:%02zu%c000", second / 3600, second / 60 % 60, second % 60,
                decimal);
  return buf;
}

// One document of about `target` bytes per format, cycling through the corpus records.
std::string BuildDocument(BodyFormat format, const std::vector<Record>& records, size_t target) {
  std::string doc;
  if (format == BodyFormat::kHtml)
    doc = "<!DOCTYPE html><html lang=\"en\"><head><title>Course</title></head><body>\n";
  if (format == BodyFormat::kWebVtt) doc = "WEBVTT\n\n";
  for (size_t i = 0; doc.size() < target; ++i) {
    const Record& r = records[i % records.size()];
    switch (format) {
      case BodyFormat::kPlainText:
        doc += r.title + "\r\n" + r.description + "\r\n\r\n";
        break;
      case BodyFormat::kMarkdown:
        doc += "## " + r.title + "\n\nSome **bold** text, a [link](https://example.org/a_(b)) and `code`:\n" +
               r.description + "\n\n- item *one*\n- item two\n\n";
        break;
      case BodyFormat::kHtml:
        doc += "<h2 class=\"t\">" + r.title + "</h2>\n<p>" + r.description +
               " &amp; <a href=\"/x?a=1&amp;b=2\">more&nbsp;text</a><br></p>\n<!-- note -->"
               "<script>var x = 1 < 2;</script><ul><li>one</li><li>two</li></ul>\n";
        break;
      case BodyFormat::kSrt:
        doc += std::to_string(i + 1) + "\n" + Timestamp(i, ',') + " --> " + Timestamp(i + 1, ',') + "\n<i>" +
               r.title + "</i>\n" + r.description + "\n\n";
        break;
      case BodyFormat::kWebVtt:
        doc += Timestamp(i, '.') + " --> " + Timestamp(i + 1, '.') + " align:start\n<v Teacher>" + r.title +
               "</v>\n" + r.description + " &amp; more\n\n";
        break;
    }
  }
  return doc;
}

std::string Flood(const std::string& piece, size_t target) {
  std::string out;
  while (out.size() < target) out += piece;
  return out;
}

// Extracts `doc` until min_mb MB have been read; prints CPU MB/s.
bool Run(const char* name, BodyFormat format, const std::string& doc, double min_mb) {
  ExtractedText out;
  size_t bytes = 0;
  const double c0 = wenjin::bench::ThreadCpuSeconds();
  while (bytes < min_mb * 1e6) {
    Status s = ExtractText(doc, format, &out);
    if (!s.ok()) {
      std::fprintf(stderr, "%s: %s\n", name, s.ToString().c_str());
      return false;
    }
    bytes += doc.size();
  }
  const double cpu = wenjin::bench::ThreadCpuSeconds() - c0;
  std::printf("%-26s %-9s doc %7.2f MB -> text %7.2f MB   %8.1f MB/s (CPU)\n", name, BodyFormatName(format),
              doc.size() / 1e6, out.text.size() / 1e6, bytes / 1e6 / cpu);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  const auto [corpus, min_mb] = wenjin::bench::ParseCorpusArgs(argc, argv, 50);
  std::vector<Record> records;
  if (!LoadCorpus(corpus, &records)) {
    std::fprintf(stderr, "cannot read corpus %s\n", corpus.c_str());
    return 1;
  }
  const size_t kDoc = 4 << 20;
  bool ok = true;
  for (BodyFormat f : {BodyFormat::kPlainText, BodyFormat::kMarkdown, BodyFormat::kHtml, BodyFormat::kSrt,
                       BodyFormat::kWebVtt}) {
    ok &= Run("corpus document", f, BuildDocument(f, records, kDoc), min_mb);
  }
  struct Hostile {
    const char* name;
    BodyFormat format;
    const char* piece;
  };
  const Hostile hostile[] = {
      {"flood '<'", BodyFormat::kHtml, "<"},
      {"flood '<a' (no '>')", BodyFormat::kHtml, "<a"},
      {"flood '<!--'", BodyFormat::kHtml, "<!--"},
      {"flood '&#'", BodyFormat::kHtml, "&#"},
      {"flood '<p>x'", BodyFormat::kHtml, "<p>x"},
      {"flood '['", BodyFormat::kMarkdown, "["},
      {"flood '[a]('", BodyFormat::kMarkdown, "[a]("},
      {"flood 'a*'", BodyFormat::kMarkdown, "a*"},
      {"flood '<a' (markdown)", BodyFormat::kMarkdown, "<a"},
  };
  for (const Hostile& h : hostile) ok &= Run(h.name, h.format, Flood(h.piece, kDoc), min_mb);
  return ok ? 0 : 1;
}
