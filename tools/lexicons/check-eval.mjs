// Evaluation-set check with the JavaScript approximation of the screener: every clean sentence
// should get no flag of medium or above (CJK cases marked "segmentation" need the screener's
// dictionary segmentation and are listed apart), and every disguised case's expected pattern
// must be a rule of the lexicon. Exits 1 when a non-segmentation clean sentence is flagged.
//   node tools/lexicons/check-eval.mjs [LEXICON_DIR] [EVAL_DIR]
import fs from 'node:fs';
import { SEVERITY_RANK, makeScreener, readLexicon } from './lexicon.mjs';

const root = new URL('../..', import.meta.url).pathname;
const [dir = `${root}lexicons`, evalDir = `${root}tests/review/eval`] = process.argv.slice(2);
const { rules, errors } = readLexicon(dir);
if (errors.length) { console.error(errors.join('\n')); process.exit(1); }
const screen = makeScreener(rules);
const rows = (f) => fs.readFileSync(`${evalDir}/${f}`, 'utf8').split('\n').slice(1).filter(Boolean).map((l) => l.split('\t'));

let bad = 0, seg = 0, lowOnly = 0;
const clean = rows('clean.tsv');
for (const [lang, text, note] of clean) {
  const flags = screen(text, lang).flags;
  const serious = flags.filter((f) => SEVERITY_RANK[f.rule.severity] >= 1);
  if (!serious.length) { if (flags.length) lowOnly++; continue; }
  const what = serious.map((f) => `${f.rule.pattern} (${f.rule.severity}, ${f.rule.file}:${f.rule.line})`).join(', ');
  if (/segmentation/.test(note)) { seg++; console.log(`segmentation needed\t${lang}\t${text}\t${what}`); }
  else { bad++; console.log(`FLAGGED\t${lang}\t${text}\t${what}`); }
}
const patterns = new Set(rules.filter((r) => r.kind !== 'allow').map((r) => r.pattern));
const disguised = rows('disguised.tsv');
const missing = disguised.filter(([, , p]) => !patterns.has(p));
for (const [lang, , p] of missing) console.log(`NOT A RULE\t${lang}\t${p}`);
console.log(`clean: ${clean.length} sentences, ${bad} flagged medium+, ${seg} need CJK segmentation, ${lowOnly} with low flags only`);
console.log(`disguised: ${disguised.length} cases, ${missing.length} expected patterns missing from the lexicon`);
process.exit(bad || missing.length ? 1 : 0);
