// A text field's analysis in its two parts, the IcuTokenizer and the filters over it, so that one
// tokenization can feed several fields (MultiFieldAnalysis). Used only inside index/analysis/.
#pragma once

#include <lucene++/LuceneHeaders.h>

#include "index/analysis/field_spec.h"

namespace wenjin::analysis {

// Whether the field's IcuTokenizer splits elisions (neutral and folded fields do; a language
// field leaves them to its own ElisionFilter).
bool SplitsElisions(const FieldSpec& spec);

// The token filters of a neutral, folded or language field over `tokens` (IcuTokenizer output):
// none for a neutral field, diacritic folding for a folded one, the language's chain otherwise.
Lucene::TokenStreamPtr WrapFieldFilters(const FieldSpec& spec, const Lucene::TokenStreamPtr& tokens);

}  // namespace wenjin::analysis
