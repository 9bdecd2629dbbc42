// Language identification: CLD2 on paragraphs, scripts, Accept-Language, query languages.
#include "index/analysis/language.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace wenjin::analysis {
namespace {

using Langs = std::vector<std::string>;

// Articles 1 and 3 of the Universal Declaration of Human Rights.
TEST(DetectLanguage, Paragraphs) {
  struct Case {
    const char* lang;
    const char* text;
  };
  const Case cases[] = {
      {"en", "All human beings are born free and equal in dignity and rights. They are endowed with reason and "
             "conscience and should act towards one another in a spirit of brotherhood. Everyone has the right "
             "to life, liberty and security of person."},
      {"fr", "Tous les êtres humains naissent libres et égaux en dignité et en droits. Ils sont doués de raison "
             "et de conscience et doivent agir les uns envers les autres dans un esprit de fraternité. Tout "
             "individu a droit à la vie, à la liberté et à la sûreté de sa personne."},
      {"es", "Todos los seres humanos nacen libres e iguales en dignidad y derechos y, dotados como están de "
             "razón y conciencia, deben comportarse fraternalmente los unos con los otros. Todo individuo tiene "
             "derecho a la vida, a la libertad y a la seguridad de su persona."},
      {"de", "Alle Menschen sind frei und gleich an Würde und Rechten geboren. Sie sind mit Vernunft und "
             "Gewissen begabt und sollen einander im Geist der Brüderlichkeit begegnen. Jeder hat das Recht auf "
             "Leben, Freiheit und Sicherheit der Person."},
      {"ru", "Все люди рождаются свободными и равными в своем достоинстве и правах. Они наделены разумом и "
             "совестью и должны поступать в отношении друг друга в духе братства. Каждый человек имеет право "
             "на жизнь, на свободу и на личную неприкосновенность."},
      {"zh", "人人生而自由，在尊严和权利上一律平等。他们赋有理性和良心，并应以兄弟关系的精神相对待。"
             "人人有权享有生命、自由和人身安全。"},
      {"ja", "すべての人間は、生まれながらにして自由であり、かつ、尊厳と権利とについて平等である。"
             "人間は、理性と良心とを授けられており、互いに同胞の精神をもって行動しなければならない。"},
      {"ar", "يولد جميع الناس أحرارًا متساوين في الكرامة والحقوق. وهم قد وهبوا العقل والوجدان وعليهم أن "
             "يعامل بعضهم بعضًا بروح الإخاء. لكل فرد الحق في الحياة والحرية وفي الأمان على شخصه."},
      {"th", "มนุษย์ทั้งหลายเกิดมามีอิสระและเสมอภาคกันในเกียรติศักดิ์และสิทธิ "
             "ต่างในตนมีเหตุผลและมโนธรรม และควรปฏิบัติต่อกันด้วยเจตนารมณ์แห่งภราดรภาพ"},
      {"hi", "सभी मनुष्यों को गौरव और अधिकारों के मामले में जन्मजात स्वतन्त्रता और समानता प्राप्त है। "
             "उन्हें बुद्धि और अन्तरात्मा की देन प्राप्त है और परस्पर उन्हें भाईचारे के भाव से बर्ताव करना चाहिए।"},
      {"ko", "모든 인간은 태어날 때부터 자유로우며 그 존엄과 권리에 있어 동등하다. 인간은 천부적으로 이성과 "
             "양심을 부여받았으며 서로 형제애의 정신으로 행동하여야 한다."},
      {"pt", "Todos os seres humanos nascem livres e iguais em dignidade e em direitos. Dotados de razão e de "
             "consciência, devem agir uns para com os outros em espírito de fraternidade."},
  };
  for (const Case& c : cases) {
    LanguageGuess guess = DetectLanguage(c.text);
    EXPECT_EQ(guess.lang, c.lang) << c.text;
    EXPECT_TRUE(guess.reliable) << c.lang;
    EXPECT_GE(guess.percent, 80) << c.lang;
  }
}

TEST(DetectLanguage, UnknownAndInvalidInput) {
  EXPECT_EQ(DetectLanguage("").lang, "");
  EXPECT_FALSE(DetectLanguage("").reliable);
  EXPECT_FALSE(DetectLanguage("12345 !!! ???").reliable);
  // Invalid bytes do not stop identification of the rest.
  std::string text = "Alle Menschen sind frei und gleich an W\xff\xfe" "rde und Rechten geboren. Sie sind mit "
                     "Vernunft und Gewissen begabt und sollen einander im Geist der Brüderlichkeit begegnen.";
  EXPECT_EQ(DetectLanguage(text).lang, "de");
}

TEST(ScriptLanguages, FromScripts) {
  struct Case {
    const char* text;
    Langs expected;
  };
  const Case cases[] = {
      {"北京大学", {"zh", "ja"}},
      {"東京に行く", {"ja"}},  // kanji with kana: Japanese
      {"カタカナ", {"ja"}},
      {"한국어", {"ko"}},
      {"ภาษาไทย", {"th"}},
      {"العربية", {"ar", "fa"}},
      {"русский", {"ru", "uk"}},
      {"हिन्दी", {"hi"}},
      {"ελληνικά", {"el"}},
      {"עברית", {"he"}},
      {"education", {}},
      {"123 !?", {}},
      {"Python 教程", {"zh", "ja"}},
      {"Москва 北京", {"ru", "uk", "zh", "ja"}},
  };
  for (const Case& c : cases) EXPECT_EQ(ScriptLanguages(c.text), c.expected) << c.text;
}

TEST(ParseAcceptLanguage, OrderedByQuality) {
  struct Case {
    const char* header;
    Langs expected;
  };
  const Case cases[] = {
      {"fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5", {"fr", "en", "de"}},
      {"de;q=0.5, en", {"en", "de"}},
      {"en;q=0, de", {"de"}},
      {"EN-us;q=0.8, ZH-Hant;q=0.9", {"zh", "en"}},
      {"ja, ko", {"ja", "ko"}},  // equal q keep their order
      {"en;q=0.2, en-GB;q=0.9", {"en"}},
      {"", {}},
      {"*", {}},
      {"garbage;;q=x, ja, 12, e", {"ja"}},
      {"fr;q=2, it;q=abc, pt;level=1, es", {"es"}},
  };
  for (const Case& c : cases) EXPECT_EQ(ParseAcceptLanguage(c.header), c.expected) << c.header;
}

TEST(QueryLanguages, Candidates) {
  struct Case {
    const char* query;
    const char* lang;
    const char* accept;
    size_t max;
    Langs expected;
  };
  const char* kAccept = "fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5";
  const Case cases[] = {
      {"education", "fr-CH", kAccept, 3, {"fr"}},   // explicit language alone
      {"北京", "en", "", 3, {"en"}},
      {"education", "", kAccept, 3, {"fr", "en", "de"}},  // short Latin query: Accept-Language
      {"education", "", kAccept, 2, {"fr", "en"}},
      {"education", "", "", 3, {}},
      {"北京大学", "", "", 3, {"zh", "ja"}},
      {"北京大学", "", "ja, en", 3, {"ja", "zh"}},  // Accept-Language reorders, Latin languages dropped
      {"東京に行く", "", "zh", 3, {"ja"}},
      {"Python 教程", "", "en", 3, {"zh", "ja", "en"}},  // mixed: script languages, then the caller's
      {"Python 教程", "", "en", 1, {"zh"}},
      {"школа", "", "en", 3, {"ru", "uk"}},
      {"مدرسة", "", "fa", 3, {"fa", "ar"}},
      {"anything", "", kAccept, 0, {}},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(QueryLanguages(c.query, c.lang, c.accept, c.max), c.expected) << c.query << " / " << c.accept;
  }
}

TEST(QueryLanguages, ReliableDetectionComesFirst) {
  // A long query is reliably identified, ahead of Accept-Language.
  const char* query = "Les élèves apprennent les mathématiques et la physique à l'école primaire";
  ASSERT_TRUE(DetectLanguage(query).reliable);
  EXPECT_EQ(QueryLanguages(query, "", "de, en;q=0.5"), (Langs{"fr", "de", "en"}));
}

TEST(LanguagesCompatible, DeclaredAgainstDetected) {
  EXPECT_TRUE(LanguagesCompatible("fr-CH", "fr"));
  EXPECT_TRUE(LanguagesCompatible("zh-Hant", "zh"));
  EXPECT_TRUE(LanguagesCompatible("nb", "no"));
  EXPECT_TRUE(LanguagesCompatible("hr", "bs"));
  EXPECT_TRUE(LanguagesCompatible("id", "ms"));
  EXPECT_FALSE(LanguagesCompatible("fr", "en"));
  EXPECT_FALSE(LanguagesCompatible("nb", "da"));
  EXPECT_FALSE(LanguagesCompatible("zh", "ja"));
}

TEST(PrimarySubtag, Tags) {
  EXPECT_EQ(PrimarySubtag("zh-Hant-TW"), "zh");
  EXPECT_EQ(PrimarySubtag("EN"), "en");
  EXPECT_EQ(PrimarySubtag(" pt_BR "), "pt");
  EXPECT_EQ(PrimarySubtag(""), "");
}

}  // namespace
}  // namespace wenjin::analysis
