// Turns a published Resource into its Lucene++ document (the layout is in index/schema.h).
#pragma once

#include <string>

#include <lucene++/LuceneHeaders.h>

#include "store/resource.h"

namespace wenjin::index {

// The Lucene++ document of `resource` (which should be published; the state is not checked).
// Text fields are analysed here, once, with analysis::NewFieldAnalyzer(): each carries a cached
// token stream, so the IndexWriter's own analyzer is not used for them, and the exact token count
// of each is recorded in its "len.<field>" term. The returned document must be added to an
// IndexWriter at most once (its token streams are consumed). Thread-safe.
Lucene::DocumentPtr BuildDocument(const Resource& resource);

// The term that identifies the document of resource `id` (for updateDocument/deleteDocuments).
Lucene::TermPtr IdTerm(const std::string& id);

}  // namespace wenjin::index
