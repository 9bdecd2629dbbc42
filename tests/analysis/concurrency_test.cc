// The shared analyzer gives the same tokens when many threads analyse at once.
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "index/analysis/language.h"
#include "index/analysis/tokens.h"
#include "tests/analysis/analysis_test_util.h"

namespace wenjin::analysis {
namespace {

TEST(Concurrency, ThreadsAgreeWithOneThread) {
  const std::vector<std::pair<std::string, std::string>> inputs = {
      {"text.zh", "人人生而自由，在尊嚴和權利上一律平等。"},
      {"text.th", "มนุษย์ทั้งหลายเกิดมามีอิสระและเสมอภาคกันในเกียรติศักดิ์และสิทธิ"},
      {"text.fr", "Tous les êtres humains naissent libres et égaux en dignité et en droits."},
      {"text.ar", "يولد جميع الناس أحرارًا متساوين في الكرامة والحقوق."},
      {"all.fold", "Élève à l'ÉCOLE, naïve Ærø łódź ёлка"},
      {"text.ja", "東京の大学で日本語を勉強しています。"},
  };
  std::vector<std::string> expected;
  for (const auto& [field, text] : inputs) expected.push_back(testutil::Describe(field, text));

  constexpr int kThreads = 4;
  constexpr int kRounds = 50;
  std::vector<int> mismatches(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < kRounds; ++round) {
        for (size_t i = 0; i < inputs.size(); ++i) {
          size_t k = (i + t) % inputs.size();  // threads walk the fields in different orders
          if (testutil::Describe(inputs[k].first, inputs[k].second) != expected[k]) ++mismatches[t];
        }
        if (DetectLanguage(inputs[t % inputs.size()].second).lang.empty()) ++mismatches[t];
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(mismatches[t], 0) << "thread " << t;
}

}  // namespace
}  // namespace wenjin::analysis
