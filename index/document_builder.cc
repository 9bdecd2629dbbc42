// BuildDocument: one analysis pass per text field, exact field lengths, keyword and stored fields.
#include "index/document_builder.h"

#include <map>
#include <set>

#include <lucene++/CachingTokenFilter.h>
#include <nlohmann/json.hpp>

#include "index/analysis/field_analyzer.h"
#include "index/analysis/language.h"
#include "index/schema.h"
#include "index/stored_hit.h"

namespace wenjin::index {
namespace {

using Lucene::newLucene;

Lucene::String Wide(const std::string& s) { return Lucene::StringUtils::toUnicode(s); }

const Lucene::AnalyzerPtr& SharedAnalyzer() {
  static const Lucene::AnalyzerPtr analyzer = analysis::NewFieldAnalyzer();
  return analyzer;
}

// Not stored: a hit's values come from its StoredHit.
void AddKeyword(const Lucene::DocumentPtr& doc, const char* field, const std::string& value) {
  if (value.empty()) return;
  auto f = newLucene<Lucene::Field>(Wide(field), Wide(value), Lucene::Field::STORE_NO,
                                    Lucene::Field::INDEX_NOT_ANALYZED_NO_NORMS);
  f->setOmitTermFreqAndPositions(true);
  doc->add(f);
}

// Analyses `text` as `field` once: the tokens are cached and replayed to the IndexWriter, and
// their count becomes the field's exact length.
void AddText(const Lucene::DocumentPtr& doc, const std::string& field, const std::string& text) {
  if (text.empty()) return;
  const Lucene::String wfield = Wide(field);
  auto stream = SharedAnalyzer()->tokenStream(wfield, newLucene<Lucene::StringReader>(Wide(text)));
  auto cached = newLucene<Lucene::CachingTokenFilter>(stream);
  int64_t count = 0;
  while (cached->incrementToken()) ++count;
  if (count == 0) return;
  cached->reset();
  auto f = newLucene<Lucene::Field>(wfield, cached);
  f->setOmitNorms(true);
  doc->add(f);
  AddKeyword(doc, schema::LengthField(field).c_str(), std::to_string(count));
}

std::string Join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) {
    if (p.empty()) continue;
    if (!out.empty()) out += '\n';
    out += p;
  }
  return out;
}

}  // namespace

Lucene::TermPtr IdTerm(const std::string& id) {
  return newLucene<Lucene::Term>(Wide(schema::kId), Wide(id));
}

Lucene::DocumentPtr BuildDocument(const Resource& r) {
  auto doc = newLucene<Lucene::Document>();
  const std::string primary = analysis::PrimarySubtag(r.lang);
  AddKeyword(doc, schema::kId, r.id);
  AddKeyword(doc, schema::kLang, primary);
  AddKeyword(doc, schema::kLangTag, r.lang);
  AddKeyword(doc, schema::kSubject, r.subject);
  AddKeyword(doc, schema::kLevel, r.level);
  AddKeyword(doc, schema::kType, r.type);
  AddKeyword(doc, schema::kOrigin, r.origin);
  AddKeyword(doc, schema::kPublishedAt, r.published_at);

  // Titles by primary language; the primary title wins over a `titles` entry of its language.
  std::map<std::string, std::string> titles;
  for (const auto& [tag, title] : r.titles) {
    if (!title.empty()) titles[analysis::PrimarySubtag(tag)] = title;
  }
  if (!r.title.empty()) titles[primary] = r.title;

  std::set<std::string> langs{primary};
  std::vector<std::string> all_titles;
  if (!r.title.empty()) all_titles.push_back(r.title);
  for (const auto& [lang, title] : titles) {
    langs.insert(lang);
    if (lang != primary || title != r.title) all_titles.push_back(title);
    if (analysis::HasLanguageAnalysis(lang)) AddText(doc, schema::TitleField(lang), title);
  }
  for (const auto& lang : langs) AddKeyword(doc, schema::kLangs, lang);

  const std::string text = Join({r.description, r.body});
  if (analysis::HasLanguageAnalysis(primary)) AddText(doc, schema::TextField(primary), text);
  const std::string title_text = Join(all_titles);
  AddText(doc, schema::kTitle, title_text);
  AddText(doc, schema::kTitleFold, title_text);
  const std::string all = Join({title_text, text});
  AddText(doc, schema::kAll, all);
  AddText(doc, schema::kAllFold, all);

  AddStoredHit(MakeStoredHit(r, titles.empty() ? std::string() : nlohmann::json(titles).dump()), doc);
  return doc;
}

}  // namespace wenjin::index
