// The plain learner search page served at "/": a form that calls /v1/search.
#pragma once

#include <string>

namespace wenjin::api {
const std::string& SearchPageHtml();
}
