// Lexicon builder: merges the npm word lists (cuss, naughty-words, @2toad/profanity) into one
// lexicon file per language, with severities mapped deterministically and exclusions applied.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { HEADER, SEVERITY_RANK, fold, readLexicon } from './lexicon.mjs';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, v, i, all) => (i % 2 ? pairs : [...pairs, [v.replace(/^--/, ''), all[i + 1]]]), []));
const bench = args.mode === 'bench';
const mod = (p) => path.join(args.modules, p);
const require = createRequire(import.meta.url);
const lexiconDir = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../lexicons');

// Languages of the bundled lexicon; --bench takes every language every source has.
const BUNDLED = ['en', 'zh', 'es', 'fr', 'ar', 'ru', 'pt', 'de', 'it', 'ja', 'ko'];
// cuss: file -> language. ar-latn is Arabic written in Latin letters (Arabizi): Arabic texts.
const CUSS = { 'index.js': 'en', 'es.js': 'es', 'fr.js': 'fr', 'it.js': 'it', 'pt.js': 'pt', 'pt-pt.js': 'pt', 'ar-latn.js': 'ar' };
// naughty-words: file stem -> language of the rule file.
const NAUGHTY_LANG = (stem) => (stem === 'fr-CA-u-sd-caqc' ? 'fr' : stem);
// @2toad/profanity's lists other than en and it are machine translations of the English list
// ("5小时1小时", "1시간" ...): they are used for the benchmark lexicon only.
const TOAD_NATIVE = new Set(['en', 'it']);

const candidates = [];  // {pattern, lang, severity, category, note, sourceRank}
const add = (c) => {
  const p = c.pattern.normalize('NFC').trim().replace(/\s+/g, ' ');
  // '#' would start a comment line; tabs and newlines cannot live in a column.
  if (!p || p.startsWith('#') || /[\t\n\r]/.test(p)) return;
  candidates.push({ ...c, pattern: p, key: fold(p) });
};

// cuss ratings are sureness that a word is used as a profanity: 2 likely, 1 maybe, 0 unlikely.
const cussRating = new Map();  // `${lang}\0${key}` -> max rating
for (const [file, lang] of Object.entries(CUSS)) {
  if (!bench && !BUNDLED.includes(lang)) continue;
  const { cuss } = await import(mod(`cuss/${file}`));
  for (const [word, rating] of Object.entries(cuss)) {
    const k = `${lang}\0${fold(word)}`;
    cussRating.set(k, Math.max(rating, cussRating.get(k) ?? -1));
    add({ pattern: word, lang, rating, source: `cuss/${file.replace(/\.js$/, '').replace('index', 'en')}` });
  }
}
const naughty = new Set();
for (const f of fs.readdirSync(mod('naughty-words')).filter((f) => f.endsWith('.json')).sort()) {
  const stem = f.replace(/\.json$/, '');
  if (['package', 'package-lock', 'bower'].includes(stem)) continue;
  const lang = NAUGHTY_LANG(stem);
  if (!bench && !BUNDLED.includes(lang)) continue;
  for (const word of JSON.parse(fs.readFileSync(mod(`naughty-words/${f}`), 'utf8'))) {
    naughty.add(`${lang}\0${fold(word)}`);
    add({ pattern: word, lang, source: `naughty-words/${stem}` });
  }
}
const { profaneWords } = require(mod('@2toad/profanity/dist/data/profane-words.js'));
for (const [lang, words] of profaneWords) {
  if (!bench && (!BUNDLED.includes(lang) || !TOAD_NATIVE.has(lang))) continue;
  for (const word of words) add({ pattern: word, lang, source: `@2toad/profanity/${lang}` });
}

// Severity and category, from the strongest evidence:
//   cuss 2 -> high; cuss 1 and also in naughty-words -> medium; cuss 1 alone -> low; cuss 0 -> dropped
//   (cuss itself says such words are likely clean; the benchmark lexicon keeps them as low);
//   naughty-words or @2toad alone -> medium.
// Category: naughty-words (a list of sexual and crude terms) -> adult; cuss/@2toad -> profanity.
function classify(c) {
  const k = `${c.lang}\0${c.key}`;
  const rating = cussRating.get(k);
  const inNaughty = naughty.has(k);
  let severity;
  if (rating === 2) severity = 'high';
  else if (rating === 1) severity = inNaughty ? 'medium' : 'low';
  else if (rating === 0) { if (!bench) return null; severity = 'low'; }  // bench: every listed word counts
  else severity = 'medium';
  const category = inNaughty ? 'adult' : 'profanity';
  return { severity, category };
}

// Exclusions: pattern, langs, action (drop | low | medium | only:<langs>), reason.
const exclusions = new Map();
for (const [i, line] of fs.readFileSync(args.exclusions, 'utf8').split('\n').entries()) {
  if (!line.trim() || line.startsWith('#') || line.startsWith('pattern\t')) continue;
  const [pattern, langs, action, reason] = line.split('\t');
  if (!reason || !action.split('+').every((a) => /^(drop|low|medium|only:[\w,*-]+)$/.test(a))) throw new Error(`${args.exclusions}:${i + 1}: malformed`);
  for (const l of langs.split(',')) exclusions.set(`${l}\0${fold(pattern)}`, { action, reason });
}
const exclusionFor = (lang, key) => exclusions.get(`${lang}\0${key}`) || exclusions.get(`*\0${key}`);

// Terms written by hand in lexicons/ take precedence over the generated lists.
const handKeys = new Set();
if (fs.existsSync(lexiconDir)) {
  const { rules } = readLexicon(lexiconDir);
  for (const r of rules) if (!r.file.startsWith('wordlist-') && r.kind === 'term') handKeys.add(fold(r.pattern));
}

const byLang = new Map();  // lang -> Map(key -> row)
const stats = { dropped_by_cuss_rating_0: 0, excluded: 0, hand_written: 0, too_long: 0 };
const MAX_WORDS = 4, MAX_BYTES = 40;
for (const c of candidates) {
  if (handKeys.has(c.key)) { stats.hand_written++; continue; }
  // Long idioms ("s’en badigeonner les testicules avec le pinceau de l’indifférence") are almost
  // never written verbatim, and their evasion-tolerant Hyperscan forms exceed its pattern size.
  if (c.pattern.split(' ').length > MAX_WORDS || Buffer.byteLength(c.pattern) > MAX_BYTES) { stats.too_long++; continue; }
  const cls = classify(c);
  if (!cls) { stats.dropped_by_cuss_rating_0++; continue; }
  // English profanity turns up in texts of every language; low (ambiguous) words stay English-only.
  let langs = c.lang === 'en' && cls.severity !== 'low' ? '*' : c.lang;
  let { severity } = cls;
  let note = c.source;
  const ex = exclusionFor(c.lang, c.key);
  if (ex) {
    const actions = ex.action.split('+');
    if (actions.includes('drop')) { stats.excluded++; continue; }
    for (const a of actions) {
      if (a === 'low' || a === 'medium') severity = a;
      else langs = a.slice('only:'.length);
    }
    note += `; ${ex.action}: ${ex.reason}`;
  }
  if (!byLang.has(c.lang)) byLang.set(c.lang, new Map());
  const rows = byLang.get(c.lang);
  const prev = rows.get(c.key);
  const row = { pattern: c.pattern, kind: 'term', category: cls.category, severity, langs, note };
  if (!prev) rows.set(c.key, row);
  else if (SEVERITY_RANK[severity] > SEVERITY_RANK[prev.severity]) rows.set(c.key, { ...row, note: `${note}, ${prev.note}` });
  else if (!prev.note.includes(c.source)) prev.note += `, ${c.source}`;
}

for (const f of fs.readdirSync(args.out)) if (/^wordlist-.*\.tsv$/.test(f)) fs.unlinkSync(path.join(args.out, f));
let total = 0;
for (const lang of [...byLang.keys()].sort()) {
  const rows = [...byLang.get(lang).values()].sort((a, b) =>
    SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || (a.pattern < b.pattern ? -1 : a.pattern > b.pattern ? 1 : 0));
  const text = [
    `# Generated by tools/lexicons/build from npm word lists (see lexicons/README.md); do not edit:`,
    `# change tools/lexicons/exclusions.tsv or a hand-written file instead.`,
    HEADER.join('\t'),
    ...rows.map((r) => [r.pattern, r.kind, r.category, r.severity, r.langs, r.note].join('\t')),
  ].join('\n') + '\n';
  fs.writeFileSync(path.join(args.out, `wordlist-${lang}.tsv`), text);
  total += rows.length;
}
console.error(`wrote ${total} word-list rules in ${byLang.size} languages; ${JSON.stringify(stats)}`);
