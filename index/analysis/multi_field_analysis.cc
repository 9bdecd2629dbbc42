// MultiFieldAnalysis: the tokenizer's output captured once, replayed through each field's filters.
#include "index/analysis/multi_field_analysis.h"

#include <unordered_map>

#include <lucene++/FlagsAttribute.h>
#include <lucene++/OffsetAttribute.h>
#include <lucene++/PositionIncrementAttribute.h>
#include <lucene++/TermAttribute.h>
#include <lucene++/TokenStream.h>
#include <lucene++/TypeAttribute.h>

#include "index/analysis/field_chain.h"
#include "index/analysis/icu_tokenizer.h"

namespace wenjin::analysis {
namespace {

constexpr size_t kMaxCachedChains = 64;  // field names come from queries: keep the cache bounded

struct CapturedToken {
  size_t term_begin;  // in Captured::terms
  int32_t term_length;
  int32_t start, end;
  int32_t increment;
  uint8_t type;       // index in Captured::types
  bool elision;
};

// The tokenizer's output for one text: terms packed in one buffer, the few token types once.
struct Captured {
  std::wstring terms;
  std::vector<CapturedToken> tokens;
  std::vector<Lucene::String> types;

  void Clear() {
    terms.clear();
    tokens.clear();
  }
  uint8_t TypeIndex(const Lucene::String& type) {
    for (size_t i = 0; i < types.size(); ++i) {
      if (types[i] == type) return static_cast<uint8_t>(i);
    }
    types.push_back(type);
    return static_cast<uint8_t>(types.size() - 1);
  }
};

// A token stream that plays back captured tokens, with every attribute the tokenizer sets.
class TokenReplay : public Lucene::TokenStream {
 public:
  TokenReplay(const Captured* captured, bool skip_elisions) : captured_(captured), skip_elisions_(skip_elisions) {
    term_ = addAttribute<Lucene::TermAttribute>();
    offset_ = addAttribute<Lucene::OffsetAttribute>();
    increment_ = addAttribute<Lucene::PositionIncrementAttribute>();
    type_ = addAttribute<Lucene::TypeAttribute>();
    flags_ = addAttribute<Lucene::FlagsAttribute>();
  }

  bool incrementToken() override {
    while (next_ < captured_->tokens.size()) {
      const CapturedToken& t = captured_->tokens[next_++];
      if (skip_elisions_ && t.elision) continue;
      clearAttributes();
      term_->setTermBuffer(captured_->terms.data() + t.term_begin, 0, t.term_length);
      offset_->setOffset(t.start, t.end);
      increment_->setPositionIncrement(t.increment);
      type_->setType(captured_->types[t.type]);
      flags_->setFlags(t.elision ? kElisionFlag : 0);
      return true;
    }
    return false;
  }
  void reset() override { next_ = 0; }

 private:
  const Captured* captured_;
  const bool skip_elisions_;
  size_t next_ = 0;
  Lucene::TermAttributePtr term_;
  Lucene::OffsetAttributePtr offset_;
  Lucene::PositionIncrementAttributePtr increment_;
  Lucene::TypeAttributePtr type_;
  Lucene::FlagsAttributePtr flags_;
};

// One field's filters over a replay, with the attributes its tokens are read from.
struct FieldChain {
  bool text = false;  // false: a keyword field, no tokens
  Lucene::TokenStreamPtr stream;
  Lucene::TermAttributePtr term;
  Lucene::OffsetAttributePtr offset;
};

}  // namespace

class MultiFieldAnalysis::Impl {
 public:
  Impl()
      : tokenizer_(Lucene::newLucene<IcuTokenizer>(Lucene::newLucene<Lucene::StringReader>(L""), TokenizerMode::kIndex,
                                                   /*split_elisions=*/true)) {
    term_ = tokenizer_->addAttribute<Lucene::TermAttribute>();
    offset_ = tokenizer_->addAttribute<Lucene::OffsetAttribute>();
    increment_ = tokenizer_->addAttribute<Lucene::PositionIncrementAttribute>();
    type_ = tokenizer_->addAttribute<Lucene::TypeAttribute>();
    flags_ = tokenizer_->addAttribute<Lucene::FlagsAttribute>();
  }

  void Capture(const Lucene::String& text) {
    captured_.Clear();
    tokenizer_->reset(Lucene::newLucene<Lucene::StringReader>(text));
    tokenizer_->reset();
    while (tokenizer_->incrementToken()) {
      CapturedToken t;
      t.term_begin = captured_.terms.size();
      t.term_length = term_->termLength();
      captured_.terms.append(term_->termBufferArray(), static_cast<size_t>(t.term_length));
      t.start = offset_->startOffset();
      t.end = offset_->endOffset();
      t.increment = increment_->getPositionIncrement();
      t.type = captured_.TypeIndex(type_->type());
      t.elision = (flags_->getFlags() & kElisionFlag) != 0;
      captured_.tokens.push_back(t);
    }
    tokenizer_->end();
  }

  FieldChain& Chain(const Lucene::String& field) {
    auto it = chains_.find(field);
    if (it != chains_.end()) return it->second;
    if (chains_.size() >= kMaxCachedChains) chains_.clear();
    FieldChain chain;
    const FieldSpec spec = ParseFieldName(Lucene::StringUtils::toUTF8(field));
    if (spec.kind != FieldSpec::Kind::kKeyword) {
      chain.text = true;
      chain.stream = WrapFieldFilters(spec, Lucene::newLucene<TokenReplay>(&captured_, !SplitsElisions(spec)));
      chain.term = chain.stream->addAttribute<Lucene::TermAttribute>();
      chain.offset = chain.stream->addAttribute<Lucene::OffsetAttribute>();
    }
    return chains_.emplace(field, std::move(chain)).first->second;
  }

 private:
  Lucene::TokenizerPtr tokenizer_;
  Lucene::TermAttributePtr term_;
  Lucene::OffsetAttributePtr offset_;
  Lucene::PositionIncrementAttributePtr increment_;
  Lucene::TypeAttributePtr type_;
  Lucene::FlagsAttributePtr flags_;
  Captured captured_;
  std::unordered_map<Lucene::String, FieldChain> chains_;
};

MultiFieldAnalysis::MultiFieldAnalysis() : impl_(std::make_unique<Impl>()) {}
MultiFieldAnalysis::~MultiFieldAnalysis() = default;

void MultiFieldAnalysis::Analyze(const Lucene::String& text, const std::vector<Lucene::String>& fields,
                                 const Visitor& visit) {
  impl_->Capture(text);
  for (size_t f = 0; f < fields.size(); ++f) {
    FieldChain& chain = impl_->Chain(fields[f]);
    if (!chain.text) continue;
    chain.stream->reset();
    while (chain.stream->incrementToken()) {
      visit(f, std::wstring_view(chain.term->termBufferArray(), static_cast<size_t>(chain.term->termLength())),
            chain.offset->startOffset(), chain.offset->endOffset());
    }
    chain.stream->end();
  }
}

}  // namespace wenjin::analysis
