// PiiDetector: Hyperscan finds candidates in one pass, validators confirm them, overlaps are
// resolved and spans mapped back to the original bytes.
#include "review/pii.h"

#include <hs/hs.h>

#include <algorithm>
#include <mutex>
#include <utility>

#include "review/pii_fold.h"
#include "review/pii_phone.h"
#include "review/pii_validators.h"

namespace wenjin::review {
namespace {

using pii::SecretFormat;
using pii::Span;

// What a Hyperscan pattern id stands for.
enum class Candidate {
  kEmail,
  kUrl,
  kDigits,
  kIban,
  kCnId,
  kSecret,
};

struct PatternSpec {
  const char* regex;
  unsigned flags;
  Candidate candidate;
  SecretFormat secret = SecretFormat::kGeneric;  // for kSecret only
};

// Which database a pattern is compiled into. With start-of-match, Hyperscan compiled all 15
// patterns together in ~5 s but these two groups in ~0.1 s (measured); scanning twice is cheap.
int GroupOf(Candidate candidate) {
  return candidate == Candidate::kIban || candidate == Candidate::kCnId ? 1 : 0;
}
constexpr int kGroups = 2;

// Candidate patterns: deliberately loose (validators decide), ASCII only (fullwidth forms are
// folded before scanning). Every pattern reports its leftmost start (HS_FLAG_SOM_LEFTMOST).
// The generic-secret pattern stops at the ':' or '=': with its value class it took 1.6 s to
// compile with start-of-match; the validator reads the value itself.
const PatternSpec kPatterns[] = {
    {"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+", 0, Candidate::kEmail},
    {"(?:https?://|www\\.)[!#-;=?-~]+", HS_FLAG_CASELESS, Candidate::kUrl},
    {"[0-9](?:[ -]?[0-9]){12,}", 0, Candidate::kDigits},
    {"[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]){11,}", 0, Candidate::kIban},
    {"[0-9]{17}[0-9Xx]", 0, Candidate::kCnId},
    {"(?:AKIA|ASIA)[0-9A-Z]{16}", 0, Candidate::kSecret, SecretFormat::kAws},
    {"gh[pousr]_[A-Za-z0-9]{36}", 0, Candidate::kSecret, SecretFormat::kGithub},
    {"github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}", 0, Candidate::kSecret, SecretFormat::kGithubPat},
    {"xox[abposr]-[0-9A-Za-z-]{10,}", 0, Candidate::kSecret, SecretFormat::kSlack},
    {"AIza[0-9A-Za-z_-]{35}", 0, Candidate::kSecret, SecretFormat::kGoogle},
    {"[sr]k_live_[0-9A-Za-z]{16,}", 0, Candidate::kSecret, SecretFormat::kStripeSecret},
    {"pk_live_[0-9A-Za-z]{16,}", 0, Candidate::kSecret, SecretFormat::kStripePublishable},
    {"sk-[A-Za-z0-9_-]{32,}", 0, Candidate::kSecret, SecretFormat::kOpenAi},
    {"(?:api[_-]?key|apikey|api[_-]?secret|secret[_-]?key|client[_-]?secret|access[_-]?token|"
     "auth[_-]?token|secret|token|password|passwd)[\"']?[ \\t]*[:=]",
     HS_FLAG_CASELESS, Candidate::kSecret, SecretFormat::kGeneric},
    {"-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----", 0, Candidate::kSecret, SecretFormat::kPrivateKey},
};
constexpr size_t kPatternCount = sizeof(kPatterns) / sizeof(kPatterns[0]);

struct RuleInfo {
  const char* rule;
  const char* severity;
  const char* kind;
};

RuleInfo SecretRule(SecretFormat format) {
  switch (format) {
    case SecretFormat::kAws: return {"pii:secret:aws", "block", "secret"};
    case SecretFormat::kGithub:
    case SecretFormat::kGithubPat: return {"pii:secret:github", "block", "secret"};
    case SecretFormat::kSlack: return {"pii:secret:slack", "block", "secret"};
    case SecretFormat::kGoogle: return {"pii:secret:google", "block", "secret"};
    case SecretFormat::kStripeSecret: return {"pii:secret:stripe", "block", "secret"};
    case SecretFormat::kStripePublishable: return {"pii:secret:stripe_publishable", "low", "secret"};
    case SecretFormat::kOpenAi: return {"pii:secret:openai", "block", "secret"};
    case SecretFormat::kGeneric: return {"pii:secret:generic", "high", "secret"};
    case SecretFormat::kPrivateKey: return {"pii:secret:private_key", "block", "secret"};
  }
  return {"pii:secret:generic", "high", "secret"};
}

constexpr RuleInfo kEmailRule = {"pii:email", "medium", "email"};
constexpr RuleInfo kUrlRule = {"pii:url", "low", "url"};
constexpr RuleInfo kPhoneRule = {"pii:phone", "medium", "phone"};
constexpr RuleInfo kCardRule = {"pii:card", "high", "card"};
constexpr RuleInfo kIbanRule = {"pii:iban", "high", "iban"};
constexpr RuleInfo kCnIdRule = {"pii:cn_id", "high", "cn_id"};

struct DatabaseDeleter {
  void operator()(hs_database_t* db) const { hs_free_database(db); }
};
struct ScratchDeleter {
  void operator()(hs_scratch_t* scratch) const { hs_free_scratch(scratch); }
};
using DatabasePtr = std::unique_ptr<hs_database_t, DatabaseDeleter>;
using ScratchPtr = std::unique_ptr<hs_scratch_t, ScratchDeleter>;

struct Hit {
  unsigned id;
  size_t start;
  size_t end;
};

// Collects hits; a pattern matching through a long run reports every end offset with the same
// leftmost start, and those collapse into one hit here (the furthest end), so memory stays
// proportional to the number of distinct starts.
struct HitCollector {
  std::vector<Hit> hits;
  std::vector<size_t> last_of_pattern;  // index into hits of each pattern's latest hit, or npos
};

int OnMatch(unsigned id, unsigned long long from, unsigned long long to, unsigned, void* context) {
  auto* collector = static_cast<HitCollector*>(context);
  size_t& last = collector->last_of_pattern[id];
  if (last != std::string_view::npos && collector->hits[last].start == from) {
    collector->hits[last].end = std::max<size_t>(collector->hits[last].end, to);
    return 0;
  }
  last = collector->hits.size();
  collector->hits.push_back({id, static_cast<size_t>(from), static_cast<size_t>(to)});
  return 0;
}

// A found match in folded-text coordinates, before overlap resolution.
struct Found {
  Span span;
  RuleInfo info;
};

bool Overlaps(const Span& a, const Span& b) { return a.start < b.end && b.start < a.end; }

// One compiled Hyperscan database and a pool of scratch spaces for it.
class CandidateScanner {
 public:
  CandidateScanner(DatabasePtr db, ScratchPtr prototype) : db_(std::move(db)), prototype_(std::move(prototype)) {}

  // Appends the hits in `text` (pattern id, leftmost start, one hit per end offset).
  void Scan(std::string_view text, std::vector<Hit>* hits) const {
    ScratchPtr scratch = AcquireScratch();
    if (!scratch) return;
    // hs_scan takes an unsigned length: texts past 1 GiB are scanned in overlapping pieces.
    constexpr size_t kPiece = size_t{1} << 30;
    constexpr size_t kOverlap = 4096;
    for (size_t offset = 0; offset < text.size();) {
      const size_t length = std::min(kPiece, text.size() - offset);
      HitCollector piece;
      piece.last_of_pattern.assign(kPatternCount, std::string_view::npos);
      hs_scan(db_.get(), text.data() + offset, static_cast<unsigned>(length), 0, scratch.get(), OnMatch, &piece);
      for (auto& h : piece.hits) hits->push_back({h.id, h.start + offset, h.end + offset});
      if (offset + length >= text.size()) break;
      offset += length - kOverlap;
    }
    ReleaseScratch(std::move(scratch));
  }

 private:
  // A scan needs its own scratch; the pool avoids allocating one per call.
  ScratchPtr AcquireScratch() const {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (!pool_.empty()) {
        ScratchPtr s = std::move(pool_.back());
        pool_.pop_back();
        return s;
      }
    }
    hs_scratch_t* clone = nullptr;
    if (hs_clone_scratch(prototype_.get(), &clone) != HS_SUCCESS) return nullptr;
    return ScratchPtr(clone);
  }
  void ReleaseScratch(ScratchPtr scratch) const {
    std::lock_guard<std::mutex> lock(mutex_);
    pool_.push_back(std::move(scratch));
  }

  // Constant after construction.
  const DatabasePtr db_;
  const ScratchPtr prototype_;
  // Protected by mutex_.
  mutable std::mutex mutex_;
  mutable std::vector<ScratchPtr> pool_;
};

}  // namespace

class PiiDetector::Impl {
 public:
  explicit Impl(std::vector<std::unique_ptr<CandidateScanner>> scanners) : scanners_(std::move(scanners)) {}

  std::vector<PiiMatch> Detect(std::string_view original, const PiiOptions& options) const;

 private:
  std::vector<Hit> Scan(std::string_view text) const;

  const std::vector<std::unique_ptr<CandidateScanner>> scanners_;
};

std::vector<Hit> PiiDetector::Impl::Scan(std::string_view text) const {
  std::vector<Hit> hits;
  if (text.empty()) return hits;
  for (const auto& scanner : scanners_) scanner->Scan(text, &hits);
  // Every end offset is reported; keep the furthest end for each (pattern, start).
  std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
    if (a.id != b.id) return a.id < b.id;
    if (a.start != b.start) return a.start < b.start;
    return a.end > b.end;
  });
  hits.erase(std::unique(hits.begin(), hits.end(),
                         [](const Hit& a, const Hit& b) { return a.id == b.id && a.start == b.start; }),
             hits.end());
  return hits;
}

std::vector<PiiMatch> PiiDetector::Impl::Detect(std::string_view original, const PiiOptions& options) const {
  const pii::FoldedText folded(original);
  const std::string_view text = folded.view();
  std::vector<Found> found;
  for (const Hit& hit : Scan(text)) {
    const PatternSpec& spec = kPatterns[hit.id];
    switch (spec.candidate) {
      case Candidate::kEmail:
        if (auto span = pii::ValidateEmail(text, hit.start, hit.end)) found.push_back({*span, kEmailRule});
        break;
      case Candidate::kUrl: {
        std::string host;
        auto span = pii::ValidateUrl(text, hit.start, hit.end, &host);
        if (span && !pii::HostAllowed(host, options.allowed_url_domains)) found.push_back({*span, kUrlRule});
        break;
      }
      case Candidate::kDigits: {
        std::vector<Span> spans;
        pii::FindCards(text, hit.start, hit.end, &spans);
        for (const auto& s : spans) found.push_back({s, kCardRule});
        break;
      }
      case Candidate::kIban: {
        std::vector<Span> spans;
        pii::FindIbans(text, hit.start, hit.end, &spans);
        for (const auto& s : spans) found.push_back({s, kIbanRule});
        break;
      }
      case Candidate::kCnId:
        if (auto span = pii::ValidateCnId(text, hit.start, hit.end)) found.push_back({*span, kCnIdRule});
        break;
      case Candidate::kSecret:
        if (auto span = pii::ValidateSecret(spec.secret, text, hit.start, hit.end))
          found.push_back({*span, SecretRule(spec.secret)});
        break;
    }
  }
  const std::string region = pii::PhoneRegion(options.default_region, options.lang);
  std::vector<std::pair<uint32_t, uint32_t>> covered;
  for (const Found& f : found) {
    const std::string_view kind = f.info.kind;
    if (kind == "card" || kind == "iban" || kind == "cn_id" || kind == "secret") covered.emplace_back(f.span.start, f.span.end);
  }
  // Sorted and merged, as FindPhoneNumbers requires.
  std::sort(covered.begin(), covered.end());
  std::vector<std::pair<uint32_t, uint32_t>> merged;
  for (const auto& span : covered) {
    if (!merged.empty() && span.first < merged.back().second) {
      merged.back().second = std::max(merged.back().second, span.second);
    } else {
      merged.push_back(span);
    }
  }
  covered.swap(merged);
  for (const auto& [start, end] : pii::FindPhoneNumbers(text, region, covered)) found.push_back({{start, end}, kPhoneRule});

  // Overlaps (see pii.h): a weaker reading of the same characters gives way.
  auto kind_is = [](const Found& f, std::string_view kind) { return kind == f.info.kind; };
  auto dropped = [&](const Found& f) {
    for (const Found& other : found) {
      if (&other == &f || !Overlaps(f.span, other.span)) continue;
      if (kind_is(f, "phone") && !kind_is(other, "phone")) return true;
      if (kind_is(f, "card") && (kind_is(other, "iban") || kind_is(other, "cn_id") || kind_is(other, "secret")))
        return true;
      if (std::string_view(f.info.rule) == "pii:secret:generic" && kind_is(other, "secret") &&
          std::string_view(other.info.rule) != "pii:secret:generic")
        return true;
    }
    return false;
  };
  std::vector<PiiMatch> matches;
  for (const Found& f : found) {
    if (dropped(f)) continue;
    const auto [start, end] = folded.ToOriginal(f.span.start, f.span.end);
    matches.push_back({f.info.rule, "pii", f.info.severity, start, end, f.info.kind});
  }
  std::sort(matches.begin(), matches.end(), [](const PiiMatch& a, const PiiMatch& b) {
    return std::tie(a.start, a.end, a.rule) < std::tie(b.start, b.end, b.rule);
  });
  matches.erase(std::unique(matches.begin(), matches.end()), matches.end());
  return matches;
}

Status PiiDetector::Create(std::unique_ptr<PiiDetector>* out) {
  if (hs_valid_platform() != HS_SUCCESS) return Status::Internal("Hyperscan: this CPU lacks SSSE3");
  std::vector<std::unique_ptr<CandidateScanner>> scanners;
  for (int group = 0; group < kGroups; ++group) {
    std::vector<const char*> expressions;
    std::vector<unsigned> flags;
    std::vector<unsigned> ids;
    for (size_t i = 0; i < kPatternCount; ++i) {
      if (GroupOf(kPatterns[i].candidate) != group) continue;
      expressions.push_back(kPatterns[i].regex);
      flags.push_back(kPatterns[i].flags | HS_FLAG_SOM_LEFTMOST);
      ids.push_back(static_cast<unsigned>(i));
    }
    hs_database_t* db = nullptr;
    hs_compile_error_t* error = nullptr;
    if (hs_compile_multi(expressions.data(), flags.data(), ids.data(), static_cast<unsigned>(expressions.size()),
                         HS_MODE_BLOCK, nullptr, &db, &error) != HS_SUCCESS) {
      std::string message = "Hyperscan: PII pattern ";
      message += std::to_string(error && error->expression >= 0 ? ids[error->expression] : -1u) + ": " +
                 (error ? error->message : "?");
      hs_free_compile_error(error);
      return Status::Internal(message);
    }
    DatabasePtr database(db);
    hs_scratch_t* scratch = nullptr;
    if (hs_alloc_scratch(database.get(), &scratch) != HS_SUCCESS) return Status::Internal("Hyperscan: no scratch");
    scanners.push_back(std::make_unique<CandidateScanner>(std::move(database), ScratchPtr(scratch)));
  }
  // The constructor is private, so make_unique cannot reach it.
  out->reset(new PiiDetector(std::make_unique<Impl>(std::move(scanners))));
  return Status::OK();
}

PiiDetector::PiiDetector(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PiiDetector::~PiiDetector() = default;

std::vector<PiiMatch> PiiDetector::Detect(std::string_view text, const PiiOptions& options) const {
  return impl_->Detect(text, options);
}

}  // namespace wenjin::review
