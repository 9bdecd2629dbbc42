// Lexicon helpers shared by the lexicon scripts: reading and checking the TSV format, and a
// JavaScript approximation of the screener's normalisation (for corpus checks and eval data).
import fs from 'node:fs';
import path from 'node:path';

export const HEADER = ['pattern', 'kind', 'category', 'severity', 'langs', 'note'];
export const KINDS = new Set(['term', 'regex', 'allow']);
export const SEVERITIES = ['low', 'medium', 'high', 'block'];
export const SEVERITY_RANK = Object.fromEntries(SEVERITIES.map((s, i) => [s, i]));

// Parses one lexicon file; returns {rules, errors} with 1-based line numbers.
export function parseFile(file) {
  const rules = [], errors = [];
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  if (lines.at(-1) === '') lines.pop();
  let sawHeader = false;
  lines.forEach((line, i) => {
    const where = `${file}:${i + 1}`;
    if (line.startsWith('#')) return;
    if (!sawHeader) {
      if (line !== HEADER.join('\t')) errors.push(`${where}: expected header "${HEADER.join('\\t')}"`);
      sawHeader = true;
      return;
    }
    if (line.trim() === '') { errors.push(`${where}: empty line`); return; }
    const cols = line.split('\t');
    if (cols.length !== HEADER.length) { errors.push(`${where}: ${cols.length} columns, want ${HEADER.length}`); return; }
    const [pattern, kind, category, severity, langs, note] = cols;
    if (!pattern.trim()) errors.push(`${where}: empty pattern`);
    if (!KINDS.has(kind)) errors.push(`${where}: unknown kind "${kind}"`);
    if (!(severity in SEVERITY_RANK)) errors.push(`${where}: unknown severity "${severity}"`);
    if (!category.trim()) errors.push(`${where}: empty category`);
    if (langs !== '*' && !langs.split(',').every((l) => { try { return Intl.getCanonicalLocales(l).length === 1; } catch { return false; } }))
      errors.push(`${where}: bad langs "${langs}"`);
    if (kind === 'regex') { try { new RegExp(pattern, 'u'); } catch (e) { errors.push(`${where}: bad regex (${e.message})`); } }
    rules.push({ pattern, kind, category, severity, langs, note, file: path.basename(file), line: i + 1 });
  });
  if (!sawHeader) errors.push(`${file}: no header`);
  return { rules, errors };
}

export function readLexicon(dir) {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.tsv')).sort();
  const all = { rules: [], errors: [] };
  for (const f of files) {
    const { rules, errors } = parseFile(path.join(dir, f));
    all.rules.push(...rules);
    all.errors.push(...errors);
  }
  return all;
}

// Does a rule's langs column apply to a resource language? Primary subtags are compared, so
// "zh" covers zh-Hans and zh-Hant, "pt" covers pt-BR.
export function appliesTo(langs, lang) {
  if (langs === '*') return true;
  const primary = lang.split('-')[0].toLowerCase();
  return langs.split(',').some((l) => l === lang || l.split('-')[0].toLowerCase() === primary);
}

// Scripts written without spaces between words: a term matches there as a substring.
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
export const isUnspaced = (s) => UNSPACED.test(s);

// Approximates the screener's character normalisation: NFKC, case folding, ignorables, tatweel
// and harakat removed, Latin/Greek/Cyrillic diacritics folded. (Confusables, Traditional ->
// Simplified and digit substitutions are left to the real normaliser.)
export function fold(s) {
  return s.normalize('NFKC').toLowerCase()
    .replace(/[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\u0640]/g, '')
    .normalize('NFD').replace(/[\u0300-\u036f\u064b-\u065f\u0670]/g, '').normalize('NFC');
}

// Token-aware matcher over folded text: whole words in spaced scripts, substrings in unspaced ones.
export function compileTerm(pattern) {
  const f = fold(pattern).trim().replace(/\s+/g, ' ');
  const esc = f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
  if (isUnspaced(f)) return new RegExp(esc, 'gu');
  return new RegExp(`(?<![\\p{L}\\p{M}\\p{N}])${esc}(?![\\p{L}\\p{M}\\p{N}])`, 'gu');
}

// A JavaScript approximation of the screener over parsed rules: returns screen(text, lang) ->
// {text: folded text, flags: [{rule, start, end}]} with offsets into the folded text. Each rule
// gets hit statistics fields (hits, langsHit, example) for the callers' reports.
export function makeScreener(rules) {
  const WORD = /[\p{L}\p{M}\p{N}]+/gu;
  const plain = (k) => /^[\p{L}\p{M}\p{N}]+( [\p{L}\p{M}\p{N}]+)*$/u.test(k) && !isUnspaced(k);
  // Spaced-script terms made of word characters: looked up by their first word.
  const byFirst = new Map();
  const unspaced = [], other = [];
  for (const r of rules) {
    if (r.kind === 'regex') { try { r.re = new RegExp(r.pattern, 'giu'); other.push(r); } catch { /* linted */ } continue; }
    r.key = fold(r.pattern).trim().replace(/\s+/g, ' ');
    r.hits = 0; r.langsHit = new Map(); r.example = '';
    if (isUnspaced(r.key)) unspaced.push(r);
    else if (plain(r.key)) {
      r.words = r.key.split(' ');
      if (!byFirst.has(r.words[0])) byFirst.set(r.words[0], []);
      byFirst.get(r.words[0]).push(r);
    } else { r.re = compileTerm(r.pattern); other.push(r); }
  }
  for (const r of other) { r.hits ??= 0; r.langsHit ??= new Map(); r.example ??= ''; }

  return function screen(text, lang) {
    const t = fold(text);
    const found = [];  // {rule, start, end}
    const words = [...t.matchAll(WORD)];
    for (let i = 0; i < words.length; i++) {
      for (const r of byFirst.get(words[i][0]) || []) {
        if (!appliesTo(r.langs, lang)) continue;
        if (r.words.length > words.length - i) continue;
        if (r.words.every((w, j) => words[i + j][0] === w)) {
          const last = words[i + r.words.length - 1];
          found.push({ rule: r, start: words[i].index, end: last.index + last[0].length });
        }
      }
    }
    if (isUnspaced(t)) {
      for (const r of unspaced) {
        if (!appliesTo(r.langs, lang)) continue;
        for (let at = t.indexOf(r.key); at >= 0; at = t.indexOf(r.key, at + 1)) found.push({ rule: r, start: at, end: at + r.key.length });
      }
    }
    for (const r of other) {
      if (!appliesTo(r.langs, lang)) continue;
      r.re.lastIndex = 0;
      for (const m of t.matchAll(r.re)) found.push({ rule: r, start: m.index, end: m.index + m[0].length });
    }
    const allows = found.filter((f) => f.rule.kind === 'allow');
    return { text: t, flags: found.filter((f) => f.rule.kind !== 'allow' && !allows.some((a) => a.start <= f.start && f.end <= a.end)) };
  };
}
