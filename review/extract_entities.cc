// Decoding of HTML character references (see review/extract_entities.h). The named table holds
// the HTML 4 set (all that real documents use in practice) plus common HTML 5 punctuation names;
// an unknown name is left as written.
#include "review/extract_entities.h"

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "review/extract_text.h"

namespace wenjin::review::extract_internal {
namespace {

struct NamedEntity {
  std::string_view name;
  char32_t code_point;
};

// U+00A0 .. U+00FF in order, the Latin-1 block of HTML 4.
constexpr std::array<std::string_view, 96> kLatin1Names = {
    "nbsp",   "iexcl",  "cent",   "pound",  "curren", "yen",    "brvbar", "sect",   "uml",    "copy",
    "ordf",   "laquo",  "not",    "shy",    "reg",    "macr",   "deg",    "plusmn", "sup2",   "sup3",
    "acute",  "micro",  "para",   "middot", "cedil",  "sup1",   "ordm",   "raquo",  "frac14", "frac12",
    "frac34", "iquest", "Agrave", "Aacute", "Acirc",  "Atilde", "Auml",   "Aring",  "AElig",  "Ccedil",
    "Egrave", "Eacute", "Ecirc",  "Euml",   "Igrave", "Iacute", "Icirc",  "Iuml",   "ETH",    "Ntilde",
    "Ograve", "Oacute", "Ocirc",  "Otilde", "Ouml",   "times",  "Oslash", "Ugrave", "Uacute", "Ucirc",
    "Uuml",   "Yacute", "THORN",  "szlig",  "agrave", "aacute", "acirc",  "atilde", "auml",   "aring",
    "aelig",  "ccedil", "egrave", "eacute", "ecirc",  "euml",   "igrave", "iacute", "icirc",  "iuml",
    "eth",    "ntilde", "ograve", "oacute", "ocirc",  "otilde", "ouml",   "divide", "oslash", "ugrave",
    "uacute", "ucirc",  "uuml",   "yacute", "thorn",  "yuml",
};

// Greek capitals U+0391 .. U+03A9 (U+03A2 is unassigned) and small letters U+03B1 .. U+03C9.
constexpr std::array<std::string_view, 25> kGreekNames = {
    "alpha", "beta",   "gamma",   "delta", "epsilon", "zeta",    "eta",   "theta", "iota",
    "kappa", "lambda", "mu",      "nu",    "xi",      "omicron", "pi",    "rho",   "sigmaf",
    "sigma", "tau",    "upsilon", "phi",   "chi",     "psi",     "omega",
};

constexpr NamedEntity kOtherEntities[] = {
    // Markup-significant and HTML 5 ASCII punctuation names.
    {"quot", 0x22},
    {"amp", 0x26},
    {"lt", 0x3C},
    {"gt", 0x3E},
    {"apos", 0x27},
    {"Tab", 0x09},
    {"NewLine", 0x0A},
    {"excl", 0x21},
    {"num", 0x23},
    {"dollar", 0x24},
    {"percnt", 0x25},
    {"lpar", 0x28},
    {"rpar", 0x29},
    {"ast", 0x2A},
    {"plus", 0x2B},
    {"comma", 0x2C},
    {"period", 0x2E},
    {"sol", 0x2F},
    {"colon", 0x3A},
    {"semi", 0x3B},
    {"equals", 0x3D},
    {"quest", 0x3F},
    {"commat", 0x40},
    {"lsqb", 0x5B},
    {"bsol", 0x5C},
    {"rsqb", 0x5D},
    {"Hat", 0x5E},
    {"lowbar", 0x5F},
    {"grave", 0x60},
    {"lcub", 0x7B},
    {"verbar", 0x7C},
    {"rcub", 0x7D},
    // Latin extended, spacing modifiers, general punctuation.
    {"OElig", 0x152},
    {"oelig", 0x153},
    {"Scaron", 0x160},
    {"scaron", 0x161},
    {"Yuml", 0x178},
    {"fnof", 0x192},
    {"circ", 0x2C6},
    {"tilde", 0x2DC},
    {"ensp", 0x2002},
    {"emsp", 0x2003},
    {"thinsp", 0x2009},
    {"ZeroWidthSpace", 0x200B},
    {"zwnj", 0x200C},
    {"zwj", 0x200D},
    {"lrm", 0x200E},
    {"rlm", 0x200F},
    {"hyphen", 0x2010},
    {"dash", 0x2010},
    {"ndash", 0x2013},
    {"mdash", 0x2014},
    {"lsquo", 0x2018},
    {"rsquo", 0x2019},
    {"sbquo", 0x201A},
    {"ldquo", 0x201C},
    {"rdquo", 0x201D},
    {"bdquo", 0x201E},
    {"dagger", 0x2020},
    {"Dagger", 0x2021},
    {"bull", 0x2022},
    {"hellip", 0x2026},
    {"permil", 0x2030},
    {"prime", 0x2032},
    {"Prime", 0x2033},
    {"lsaquo", 0x2039},
    {"rsaquo", 0x203A},
    {"oline", 0x203E},
    {"frasl", 0x2044},
    {"euro", 0x20AC},
    // Greek symbols, letterlike symbols, arrows, mathematical operators, shapes.
    {"thetasym", 0x3D1},
    {"upsih", 0x3D2},
    {"piv", 0x3D6},
    {"image", 0x2111},
    {"weierp", 0x2118},
    {"real", 0x211C},
    {"trade", 0x2122},
    {"alefsym", 0x2135},
    {"larr", 0x2190},
    {"uarr", 0x2191},
    {"rarr", 0x2192},
    {"darr", 0x2193},
    {"harr", 0x2194},
    {"crarr", 0x21B5},
    {"lArr", 0x21D0},
    {"uArr", 0x21D1},
    {"rArr", 0x21D2},
    {"dArr", 0x21D3},
    {"hArr", 0x21D4},
    {"forall", 0x2200},
    {"part", 0x2202},
    {"exist", 0x2203},
    {"empty", 0x2205},
    {"nabla", 0x2207},
    {"isin", 0x2208},
    {"notin", 0x2209},
    {"ni", 0x220B},
    {"prod", 0x220F},
    {"sum", 0x2211},
    {"minus", 0x2212},
    {"lowast", 0x2217},
    {"radic", 0x221A},
    {"prop", 0x221D},
    {"infin", 0x221E},
    {"ang", 0x2220},
    {"and", 0x2227},
    {"or", 0x2228},
    {"cap", 0x2229},
    {"cup", 0x222A},
    {"int", 0x222B},
    {"there4", 0x2234},
    {"sim", 0x223C},
    {"cong", 0x2245},
    {"asymp", 0x2248},
    {"ne", 0x2260},
    {"equiv", 0x2261},
    {"le", 0x2264},
    {"ge", 0x2265},
    {"sub", 0x2282},
    {"sup", 0x2283},
    {"nsub", 0x2284},
    {"sube", 0x2286},
    {"supe", 0x2287},
    {"oplus", 0x2295},
    {"otimes", 0x2297},
    {"perp", 0x22A5},
    {"sdot", 0x22C5},
    {"lceil", 0x2308},
    {"rceil", 0x2309},
    {"lfloor", 0x230A},
    {"rfloor", 0x230B},
    {"lang", 0x27E8},
    {"rang", 0x27E9},
    {"loz", 0x25CA},
    {"spades", 0x2660},
    {"clubs", 0x2663},
    {"hearts", 0x2665},
    {"diams", 0x2666},
    {"starf", 0x2605},
    {"star", 0x2606},
    {"check", 0x2713},
    {"cross", 0x2717},
};

// Legacy names a browser also accepts without ';' in text, longest first.
constexpr std::string_view kLegacyNames[] = {"nbsp", "quot", "copy", "amp", "reg", "lt", "gt"};

// Windows-1252 meanings of numeric references 0x80..0x9F (0 = keep the code point).
constexpr char32_t kWindows1252[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

constexpr size_t kMaxNameLength = 32;

// Lets the table be searched by string_view without building a std::string per lookup.
struct NameHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
};
using EntityMap = std::unordered_map<std::string, char32_t, NameHash, std::equal_to<>>;

EntityMap BuildEntityTable() {
  EntityMap t;
  for (size_t i = 0; i < kLatin1Names.size(); ++i) t.emplace(kLatin1Names[i], 0xA0 + i);
  for (size_t i = 0; i < kGreekNames.size(); ++i) {
    std::string name(kGreekNames[i]);
    t.emplace(name, 0x3B1 + i);
    if (name == "sigmaf") continue;  // final sigma has no capital: U+03A2 is unassigned
    name[0] = static_cast<char>(name[0] - 'a' + 'A');
    t.emplace(name, 0x391 + i);
  }
  for (const NamedEntity& e : kOtherEntities) t.emplace(e.name, e.code_point);
  return t;
}

const EntityMap& EntityTable() {
  static const EntityMap table = BuildEntityTable();  // thread-safe one-time initialisation
  return table;
}

bool IsAsciiAlnum(char c) { return IsAsciiAlpha(c) || IsAsciiDigit(c); }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = AsciiLower(c);
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

size_t DecodeNumeric(std::string_view s, std::string* out) {
  // s starts with "&#".
  size_t i = 2;
  const bool hex = i < s.size() && (s[i] == 'x' || s[i] == 'X');
  if (hex) ++i;
  const size_t digits_start = i;
  uint64_t value = 0;
  bool overflow = false;
  while (i < s.size()) {
    const int d = hex ? HexValue(s[i]) : (IsAsciiDigit(s[i]) ? s[i] - '0' : -1);
    if (d < 0) break;
    if (!overflow) {
      value = value * (hex ? 16 : 10) + static_cast<uint64_t>(d);
      if (value > 0x10FFFF) overflow = true;
    }
    ++i;
  }
  if (i == digits_start) return 0;  // "&#;" or "&#x" is plain text
  if (i < s.size() && s[i] == ';') ++i;
  char32_t cp = static_cast<char32_t>(value);
  if (overflow || cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF)) {
    cp = 0xFFFD;
  } else if (cp >= 0x80 && cp <= 0x9F && kWindows1252[cp - 0x80] != 0) {
    cp = kWindows1252[cp - 0x80];
  }
  AppendUtf8(cp, out);
  return i;
}

}  // namespace

size_t DecodeEntity(std::string_view s, EntityMode mode, std::string* out) {
  if (s.size() < 2 || s[0] != '&') return 0;
  if (s[1] == '#') return DecodeNumeric(s, out);
  size_t i = 1;
  while (i < s.size() && i <= kMaxNameLength && IsAsciiAlnum(s[i])) ++i;
  if (i == 1) return 0;
  const std::string_view name = s.substr(1, i - 1);
  const auto& table = EntityTable();
  if (i < s.size() && s[i] == ';') {
    auto it = table.find(name);
    if (it != table.end()) {
      AppendUtf8(it->second, out);
      return i + 1;
    }
  }
  if (mode == EntityMode::kHtmlText) {
    for (std::string_view legacy : kLegacyNames) {
      if (name.substr(0, legacy.size()) == legacy) {
        AppendUtf8(table.find(legacy)->second, out);
        return 1 + legacy.size();
      }
    }
  }
  return 0;
}

void AppendDecoded(std::string_view s, EntityMode mode, std::string* out) {
  size_t i = 0;
  while (i < s.size()) {
    const size_t amp = s.find('&', i);
    if (amp == std::string_view::npos) {
      out->append(s.substr(i));
      return;
    }
    out->append(s.substr(i, amp - i));
    const size_t used = DecodeEntity(s.substr(amp), mode, out);
    if (used == 0) {
      out->push_back('&');
      i = amp + 1;
    } else {
      i = amp + used;
    }
  }
}

}  // namespace wenjin::review::extract_internal
