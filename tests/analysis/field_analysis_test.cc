// Token-level tests of the field analyzer: real sentences per language, normalisation, folding,
// CJK/Thai bigrams and positions, offsets back into the original text.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "index/analysis/field_analyzer.h"
#include "index/analysis/tokens.h"
#include "tests/analysis/analysis_test_util.h"

namespace wenjin::analysis {
namespace {

using testutil::Describe;
using testutil::DescribeQuery;
using testutil::Originals;

struct Case {
  const char* field;
  const char* text;
  const char* expected;  // testutil::Describe format: "+" stacked token, "_" removed stop word
};

void ExpectAll(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    EXPECT_EQ(Describe(c.field, c.text), c.expected) << c.field << ": " << c.text;
  }
}

// Article 1 of the Universal Declaration of Human Rights and other real sentences, on each
// language's own field: stop words leave gaps, words are stemmed where Snowball or Lucene++
// contrib has a stemmer.
TEST(FieldAnalysis, LanguagesWithSpaces) {
  ExpectAll({
      {"text.en", "All human beings are born free and equal in dignity and rights.",
       "all human be _ born free _ equal _ digniti _ right"},
      {"text.en", "The children were running to their schools' libraries",
       "_ children were run _ _ school librari"},
      {"text.fr", "Tous les êtres humains naissent libres et égaux en dignité et en droits.",
       "_ _ être humain naissent libr _ égal _ dignit _ _ droit"},
      {"text.fr", "L’élève étudie les mathématiques à l'école", "élev étud _ mathémat _ écol"},
      {"text.es", "Todos los seres humanos nacen libres e iguales en dignidad y derechos.",
       "tod _ ser human nac libr e igual _ dignid _ derech"},
      {"text.de", "Alle Menschen sind frei und gleich an Würde und Rechten geboren.",
       "all mensch sind frei _ gleich an wurd _ recht gebor"},
      {"text.de", "Die Straße führt zu den Schulen und Universitäten", "_ strass fuhrt _ _ schul _ universitat"},
      {"text.ru", "Все люди рождаются свободными и равными в своем достоинстве и правах.",
       "_ люд рожда свободн _ равн _ сво достоинств _ прав"},
      {"text.ar", "يولد جميع الناس أحرارًا متساوين في الكرامة والحقوق.", "يولد _ ناس احرارا متساو _ كرام حقوق"},
      {"text.fa", "کتاب‌های مدرسه را می‌خوانم", "كتابهاي مدرسه _ ميخوانم"},
      {"text.el", "Τα παιδιά πηγαίνουν στο σχολείο", "_ παιδια πηγαινουν _ σχολειο"},
      {"text.it", "L'università degli studi dell'arte", "univers _ stud arte"},
      {"text.pt", "As crianças aprendem nas escolas públicas.", "_ crianc aprend _ escol públic"},
      {"text.nl", "De kinderen leren op scholen.", "_ kinder ler _ schol"},
      {"text.sv", "Barnen lär sig i skolorna.", "barn lär _ _ skol"},
      {"text.tr", "Çocuklar okullarda öğreniyorlar.", "çocuk okul öğreniyor"},
  });
}

// Devanagari vowel signs and viramas are combining marks: a naive tokenizer splits words there.
TEST(FieldAnalysis, HindiKeepsCombiningMarksInsideWords) {
  ExpectAll({
      {"all", "सभी मनुष्यों को गौरव और अधिकारों के मामले में जन्मजात स्वतन्त्रता और समानता प्राप्त है।",
       "सभी मनुष्यों को गौरव और अधिकारों के मामले में जन्मजात स्वतन्त्रता और समानता प्राप्त है"},
      {"all", "हिन्दी भारत की राजभाषा है", "हिन्दी भारत की राजभाषा है"},
  });
  EXPECT_EQ(Originals("all", "हिन्दी भारत"), "हिन्दी=हिन्दी भारत=भारत");
}

// The hi field: stop words, nukta and candrabindu normalised, inflectional suffixes stripped.
TEST(FieldAnalysis, HindiLanguageField) {
  ExpectAll({
      {"text.hi", "सभी मनुष्यों को गौरव और अधिकारों के मामले में जन्मजात स्वतन्त्रता और समानता प्राप्त है।",
       "सभ मनुष्य _ गौरव _ अधिकार _ मामल _ जन्मजात स्वतन्त्र _ समान प्राप्त"},
      {"text.hi", "लड़कियाँ स्कूल जाती हैं और किताबें पढ़ती हैं", "लडक स्कूल जा _ _ किताब पढ"},
  });
}

// Runs without spaces: bigrams at consecutive positions, dictionary words of 3+ characters and
// (index time) Han unigrams stacked on the bigram where they start.
TEST(FieldAnalysis, ChineseBigramsWordsAndUnigrams) {
  ExpectAll({
      {"text.zh", "教育是人权。", "教育 +教 育是 +育 是人 +是 人权 +人 +权"},
      {"text.zh", "人人生而自由，在尊严和权利上一律平等。",
       "人人 +人 人生 +人 生而 +生 而自 +而 自由 +自 +由 在尊 +在 尊严 +尊 严和 +严 和权 +和 权利 +权 利上 +利 "
       "上一 +上 一律 +一 律平 +律 平等 +平 +等"},
      // Traditional characters map to Simplified on the zh field only.
      {"text.zh", "人人生而自由，在尊嚴和權利上一律平等。",
       "人人 +人 人生 +人 生而 +生 而自 +而 自由 +自 +由 在尊 +在 尊严 +尊 严和 +严 和权 +和 权利 +权 利上 +利 "
       "上一 +上 一律 +一 律平 +律 平等 +平 +等"},
      {"all", "尊嚴和權利", "尊嚴 +尊 嚴和 +嚴 和權 +和 權利 +權 +利"},
      {"text.zh", "國家圖書館", "国家 +国家图书馆 +国 家图 +家 图书 +图 书馆 +书 +馆"},
      {"all", "我", "我"},  // a run of one character is one token
      {"all", "2024年北京", "2024 年北 +年 北京 +北 +京"},
  });
}

TEST(FieldAnalysis, QueryTimeHasNoHanUnigrams) {
  EXPECT_EQ(DescribeQuery("text.zh", "國家圖書館"), "国家 +国家图书馆 家图 图书 书馆");
  EXPECT_EQ(DescribeQuery("all", "人权"), "人权");
  EXPECT_EQ(DescribeQuery("all", "权"), "权");
  EXPECT_EQ(DescribeQuery("text.ja", "東京の大学で日本語を勉強しています。"),
            "東京 京の の大 大学 学で で日 日本 +日本語 本語 語を を勉 勉強 強し して てい いま ます");
}

TEST(FieldAnalysis, JapaneseThaiKorean) {
  ExpectAll({
      {"text.ja", "東京の大学で日本語を勉強しています。",
       "東京 +東 京の +京 の大 大学 +大 学で +学 で日 日本 +日本語 +日 本語 +本 語を +語 を勉 勉強 +勉 強し +強 "
       "して てい いま ます"},
      // Thai characters with their vowel and tone marks are the bigram units: "เป็", not "เป".
      {"text.th", "ภาษาไทยเป็นภาษาที่สวยงาม",
       "ภา +ภาษา าษ ษา าไ ไท +ไทย ทย ยเ เป็ +เป็น ป็น นภ ภา +ภาษา าษ ษา าที่ ที่ส สว +สวยงาม วย ยง งา าม"},
      // Korean words are runs of their own: bigrams let 학생 match 학생들.
      {"text.ko", "한국어를 공부하는 학생들", "한국 +한국어를 국어 어를 공부 +공부하는 부하 하는 학생 +학생들 생들"},
  });
}

// Titles of the Universal Declaration in Khmer, Lao and Burmese (ICU dictionaries). Khmer and
// Burmese subscript consonants stay with the character above them.
TEST(FieldAnalysis, KhmerLaoBurmese) {
  ExpectAll({
      {"all", "សេចក្ដីប្រកាសជាសកលស្ដីពីសិទ្ធិមនុស្ស — បុព្វកថា",
       "សេច +សេចក្ដីប្រកាស ចក្ដី ក្ដីប្រ ប្រកា កាស សជា ជាស សក កល លស្ដី ស្ដីពី ពីសិ សិទ្ធិ +សិទ្ធិមនុស្ស ទ្ធិម មនុ "
       "នុស្ស បុព្វ +បុព្វកថា ព្វក កថា"},
      {"all", "ປະກາດສາກົນ ກ່ຽວກັບສິດຂອງມະນຸດ — ບົດນຳ",
       "ປະ +ປະກາດ ະກ ກາ າດ ດສ ສາ +ສາກົນ າກົ ກົນ ກ່ຽ +ກ່ຽວກັບ ຽວ ວກັ ກັບ ບສິ ສິດ ດຂ ຂອ +ຂອງ ອງ ງມ ມະ +ມະນຸດ ະນຸ ນຸດ "
       "ບົດ ດນໍ ນໍາ"},
      {"all", "အပြည်ပြည်ဆိုင်ရာ လူ့အခွင့်အရေး ကြေညာစာတမ်း",
       "အပြ +အပြည် ပြည် ည်ပြ ပြည် ည်ဆို ဆိုင် +ဆိုင်ရာ င်ရာ လူ့အ အခွ +အခွင့်အရေး ခွင့် င့်အ အရေး ကြေညာ "
       "+ကြေညာစာတမ်း ညာစာ စာတ တမ်း"},
  });
}

TEST(FieldAnalysis, Normalisation) {
  ExpectAll({
      {"all", "zero\u200Bwidth", "zerowidth"},     // zero-width space inside a word
      {"all", "soft\u00ADhyphen", "softhyphen"},   // soft hyphen
      {"all", "\uFEFFhello", "hello"},             // byte order mark
      {"all", "ＡＢＣ", "abc"},                     // fullwidth
      {"all", "\uFB01nance", "finance"},           // ligature ﬁ
      {"all", "Ⅻ", "xii"},                        // roman numeral
      {"all", "Straße", "strasse"},
      {"all", "ÉCOLE", "école"},
      {"all", "e\u0301cole \u00E9cole", "école école"},  // combining and precomposed é are one term
      {"all", "l’élève à l'école, qu'il don't", "l'élève +élève à l'école +école qu'il don't"},
      {"all", "2024 3.14 e-mail foo_bar", "2024 3.14 e mail foo_bar"},
      {"all", "", ""},
      {"all", " \t,.;!? ", ""},
  });
}

TEST(FieldAnalysis, FoldField) {
  ExpectAll({
      {"all.fold", "élève ÉLÈVE naïve café", "eleve eleve naive cafe"},
      {"all.fold", "Ærø łódź straße", "aero lodz strasse"},
      // Cyrillic: stress accents and the diaeresis of ё go, й stays a letter of its own.
      {"all.fold", "ёлка йод за\u0301мок", "елка йод замок"},
      {"all.fold", "Άλφα ΐ", "αλφα ι"},
      // Arabic harakat and Hebrew points go; Devanagari and Thai vowel signs stay.
      {"all.fold", "العَرَبِيَّة עִבְרִית हिन्दी", "العربية עברית हिन्दी"},
      {"all.fold", "ไทย", "ไท +ไทย ทย"},
  });
  EXPECT_EQ(Describe("all", "élève"), "élève");  // the neutral field keeps them
}

TEST(FieldAnalysis, KeywordFieldsAreOneUntouchedToken) {
  ExpectAll({
      {"id", "Res-42/ÄB c", "Res-42/ÄB c"},
      {"lang", "zh-Hant", "zh-Hant"},
      {"subject", "Mathematics", "Mathematics"},
      {"published_at", "2024-05-01", "2024-05-01"},
      {"provider.kw", "Khan Academy", "Khan Academy"},
      {"id", "", ""},  // an empty value has no term
  });
}

TEST(FieldAnalysis, UnknownLanguageSuffixIsNeutral) {
  EXPECT_EQ(Describe("text.sw", "Watoto wanasoma shuleni"), "watoto wanasoma shuleni");
  EXPECT_EQ(Describe("text.bn", "মানবাধিকারের ঘোষণাপত্র"), Describe("text", "মানবাধিকারের ঘোষণাপত্র"));
  // A BCP-47 tag as suffix is read by its primary subtag.
  EXPECT_EQ(Describe("title.zh-Hant", "漢語"), "汉语 +汉 +语");
}

// Offsets are in the original text, whatever normalisation did to lengths.
TEST(FieldAnalysis, OffsetsPointIntoTheOriginal) {
  EXPECT_EQ(Originals("all", "ＡＢＣ \uFB01nance Ⅻ Straße"), "abc=ＡＢＣ finance=\uFB01nance xii=Ⅻ strasse=Straße");
  EXPECT_EQ(Originals("all", "zero\u200Bwidth"), "zerowidth=zero\u200Bwidth");
  EXPECT_EQ(Originals("all", "e\u0301cole"), "école=e\u0301cole");
  EXPECT_EQ(Originals("text.fr", "L’élève à l'école"), "élev=L’élève écol=l'école");
  EXPECT_EQ(Originals("text.zh", "漢語檢索"), "汉语=漢語 汉=漢 语检=語檢 语=語 检索=檢索 检=檢 索=索");
  EXPECT_EQ(Originals("all", "ไทยดี"), "ไท=ไท ไทย=ไทย ทย=ทย ยดี=ยดี");
  EXPECT_EQ(Originals("text.ar", "في الكتاب"), "كتاب=الكتاب");

  std::vector<Token> tokens = AnalyzeField("all", "a ﬁ 汉字");
  ASSERT_EQ(tokens.size(), 5u);
  EXPECT_EQ(tokens[1].text, "fi");
  EXPECT_EQ(tokens[1].start, 2u);  // bytes: "a " then U+FB01 (3 bytes)
  EXPECT_EQ(tokens[1].end, 5u);
  EXPECT_EQ(tokens[2].text, "汉字");
  EXPECT_EQ(tokens[2].start, 6u);
  EXPECT_EQ(tokens[2].end, 12u);
}

TEST(FieldAnalysis, InvalidUtf8IsReplacementCharacter) {
  std::string text = "ab\xff" "cd \xe4\xbd";  // a stray byte and a truncated sequence
  std::vector<Token> tokens = AnalyzeField("all", text);
  ASSERT_FALSE(tokens.empty());
  EXPECT_EQ(tokens[0].text, "ab");
  for (const Token& t : tokens) {
    EXPECT_LE(t.start, t.end);
    EXPECT_LE(t.end, text.size());
  }
}

TEST(FieldAnalysis, VeryLongWordsAreDroppedKeepingPositions) {
  std::string text = "alpha " + std::string(300, 'x') + " omega";
  std::vector<Token> tokens = AnalyzeField("all", text);
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[1].text, "omega");
  EXPECT_EQ(tokens[1].position, 2);
}

TEST(FieldAnalysis, ManyFieldNamesReuseBoundedCache) {
  // More field names than the per-thread cache holds: results stay right after evictions.
  for (int i = 0; i < 600; ++i) {
    std::string field = "f" + std::to_string(i) + (i % 2 ? ".fr" : ".fold");
    ASSERT_EQ(Describe(field, "Les écoles"), i % 2 ? "_ écol" : "les ecoles") << field;
  }
}

TEST(FieldAnalysis, EveryAnalyzedLanguageWorks) {
  // A wrong stemmer name would only throw when the first text is analysed: analyse one per field.
  std::vector<std::string> langs = AnalyzedLanguages();
  EXPECT_GE(langs.size(), 20u);
  for (const std::string& lang : langs) {
    EXPECT_TRUE(HasLanguageAnalysis(lang)) << lang;
    EXPECT_NO_THROW({
      std::vector<Token> tokens = AnalyzeField("text." + lang, "Education 教育 التعليم образование");
      EXPECT_FALSE(tokens.empty()) << lang;
    }) << lang;
  }
  EXPECT_FALSE(HasLanguageAnalysis("ja"));
  EXPECT_FALSE(HasLanguageAnalysis("xx"));
}

// Plural and singular forms meet on the language field (stemming or normalisation).
TEST(FieldAnalysis, InflectedFormsMeet) {
  struct Pair {
    const char* lang;
    const char* a;
    const char* b;
  };
  const Pair pairs[] = {
      {"en", "libraries", "library"}, {"fr", "écoles", "école"},     {"es", "escuelas", "escuela"},
      {"pt", "escolas", "escola"},    {"de", "Schulen", "Schule"},   {"it", "scuole", "scuola"},
      {"ru", "школы", "школа"},       {"nl", "boeken", "boek"},      {"sv", "skolorna", "skola"},
      {"no", "skolene", "skole"},     {"da", "skolerne", "skole"},   {"fi", "kouluissa", "koulu"},
      {"hu", "iskolában", "iskola"},  {"tr", "okullarda", "okul"},   {"ar", "الكتاب", "كتاب"},
      {"el", "ΣΧΟΛΕΊΟ", "σχολειο"},   {"hi", "मनुष्यों", "मनुष्य"},  {"hi", "किताबें", "किताब"},   {"zh", "漢語", "汉语"},     {"fa", "كتاب", "کتاب"},
  };
  for (const Pair& p : pairs) {
    std::string field = std::string("text.") + p.lang;
    EXPECT_EQ(Describe(field, p.a), Describe(field, p.b)) << p.lang << ": " << p.a << " / " << p.b;
    EXPECT_NE(Describe(field, p.a), "") << p.lang;
  }
  // ... but not on the neutral field.
  EXPECT_NE(Describe("text", "libraries"), Describe("text", "library"));
}

}  // namespace
}  // namespace wenjin::analysis
