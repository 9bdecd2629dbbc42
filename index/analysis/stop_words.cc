// Short stop-word lists for es, it, sv, no, da, fi, hu, ro, tr, hi, and additions to Lucene++'s German list.
#include "index/analysis/stop_words.h"

namespace wenjin::analysis {

const std::vector<std::string_view>* OwnStopWords(std::string_view lang) {
  static const std::vector<std::string_view> kSpanish{
      "a", "al", "algo", "como", "con", "de", "del", "desde", "donde", "el", "ella", "ellos", "en", "entre",
      "era", "es", "esta", "este", "esto", "fue", "ha", "hay", "la", "las", "le", "les", "lo", "los",
      "más", "me", "mi", "muy", "no", "nos", "o", "para", "pero", "por", "que", "se", "sin", "sobre",
      "su", "sus", "también", "te", "tu", "un", "una", "uno", "unos", "unas", "y", "ya"};
  static const std::vector<std::string_view> kItalian{
      "a", "ad", "al", "alla", "alle", "anche", "che", "chi", "ci", "come", "con", "da", "dal", "dalla",
      "degli", "dei", "del", "della", "delle", "di", "e", "è", "ed", "gli", "i", "il", "in", "la", "le",
      "lo", "ma", "mi", "ne", "nei", "nel", "nella", "non", "o", "per", "più", "se", "si", "su", "sua",
      "sul", "sulla", "suo", "tra", "un", "una", "uno"};
  static const std::vector<std::string_view> kSwedish{
      "att", "av", "de", "den", "det", "där", "en", "ett", "för", "har", "i", "inte", "jag", "med",
      "men", "när", "och", "om", "på", "sig", "som", "så", "till", "vi", "var", "är"};
  static const std::vector<std::string_view> kNorwegian{
      "av", "de", "den", "det", "en", "er", "et", "for", "fra", "har", "i", "ikke", "jeg", "med",
      "men", "når", "og", "om", "på", "seg", "som", "så", "til", "var", "vi"};
  static const std::vector<std::string_view> kDanish{
      "af", "at", "de", "den", "der", "det", "en", "er", "et", "for", "fra", "har", "i", "ikke", "jeg",
      "med", "men", "når", "og", "om", "på", "sig", "som", "så", "til", "var", "vi"};
  static const std::vector<std::string_view> kFinnish{
      "ei", "ja", "jos", "joka", "jotka", "kuin", "kun", "mutta", "niin", "nyt", "on", "ovat", "se",
      "sekä", "tai", "tämä", "ja", "että", "oli", "myös"};
  static const std::vector<std::string_view> kHungarian{
      "a", "az", "egy", "és", "hogy", "is", "meg", "mint", "nem", "vagy", "van", "volt", "de", "ez",
      "azt", "csak", "még", "már", "pedig", "ha"};
  static const std::vector<std::string_view> kRomanian{
      "a", "al", "ale", "cu", "ca", "care", "ce", "de", "din", "este", "fi", "în", "la", "nu", "o",
      "pe", "pentru", "prin", "sau", "se", "să", "un", "una", "și", "şi"};
  static const std::vector<std::string_view> kTurkish{
      "ve", "bir", "bu", "da", "de", "için", "ile", "ki", "mi", "ne", "o", "ama", "gibi", "çok",
      "daha", "veya", "şu", "olan", "her"};
  // Lucene++'s German list lacks some of the most frequent articles and prepositions.
  static const std::vector<std::string_view> kGermanAdditions{
      "auch", "bei", "dem", "den", "des", "ein", "nach", "nicht", "noch", "sich", "so", "über", "um",
      "vom", "zu", "zum", "zur"};
  static const std::vector<std::string_view> kHindi{
      "का", "की", "के", "है", "हैं", "और", "में", "को", "से", "पर", "यह", "वह", "एक", "था", "थी", "थे",
      "भी", "तो", "ही", "ने", "लिए", "कि", "या", "इस", "उस", "जो", "हो", "गया", "गई", "किया"};
  if (lang == "de") return &kGermanAdditions;
  if (lang == "hi") return &kHindi;
  if (lang == "es") return &kSpanish;
  if (lang == "it") return &kItalian;
  if (lang == "sv") return &kSwedish;
  if (lang == "no" || lang == "nb" || lang == "nn") return &kNorwegian;
  if (lang == "da") return &kDanish;
  if (lang == "fi") return &kFinnish;
  if (lang == "hu") return &kHungarian;
  if (lang == "ro") return &kRomanian;
  if (lang == "tr") return &kTurkish;
  return nullptr;
}

}  // namespace wenjin::analysis
