// The small lexicon shared by the screener and stream tests.
#pragma once

#include <map>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "review/lexicon.h"

namespace wenjin::review::testing {

inline std::map<std::string, std::string> TestLexiconFiles() {
  return {
      {"en.tsv",
       "pattern\tkind\tcategory\tseverity\tlangs\tnote\n"
       "# English test rules\n"
       "ass\tterm\tharassment\tmedium\ten\tinsult\n"
       "bad word\tterm\tharassment\thigh\t*\ta phrase\n"
       "killer\tterm\tviolence\tblock\ten,en-GB\t\n"
       "idiot\tterm\tharassment\tlow\t*\n"
       "assassin\tterm\tviolence\tmedium\ten\n"
       "assassin bug\tallow\t\t\t*\tan insect\n"
       "kill\\s+your\\s*self\tregex\tself-harm\tblock\ten\n"},
      {"zh.tsv",
       "pattern\tkind\tcategory\tseverity\tlangs\tnote\n"
       "代考\tterm\tscam\thigh\tzh\texam by proxy\n"
       "傻逼\tterm\tharassment\thigh\tzh,ja\n"},
  };
}

inline std::shared_ptr<const Lexicon> TestLexicon() {
  std::shared_ptr<const Lexicon> lexicon;
  Status s = LoadLexiconFiles(TestLexiconFiles(), &lexicon);
  if (!s.ok()) ADD_FAILURE() << s.ToString();
  return lexicon;
}

}  // namespace wenjin::review::testing
