// Corpus check: screens every resource of an NDJSON corpus against a lexicon with a JavaScript
// approximation of the screener (whole words in spaced scripts, substrings in CJK/Thai, allow
// entries suppress matches inside them) and reports verdicts and the rules that hit, so terms
// that hit innocent text can be dropped, downgraded or restricted in tools/lexicons/exclusions.tsv.
//
//   node tools/lexicons/check-corpus.mjs CORPUS.ndjson [LEXICON_DIR] [--rules-out FILE.tsv]
import fs from 'node:fs';
import readline from 'node:readline';
import { SEVERITY_RANK, makeScreener, readLexicon } from './lexicon.mjs';

const argv = process.argv.slice(2);
const opt = (name) => { const i = argv.indexOf(name); if (i < 0) return undefined; const v = argv[i + 1]; argv.splice(i, 2); return v; };
const rulesOut = opt('--rules-out');
const [corpus, dir = new URL('../../lexicons', import.meta.url).pathname] = argv;
const { rules, errors } = readLexicon(dir);
if (errors.length) { console.error(errors.join('\n')); process.exit(1); }

const screen = makeScreener(rules);

const verdicts = { block: 0, review: 0, allow_flagged: 0, clean: 0 };
const perLang = new Map();
let n = 0;
const rl = readline.createInterface({ input: fs.createReadStream(corpus), crlfDelay: Infinity });
for await (const line of rl) {
  if (!line) continue;
  const r = JSON.parse(line);
  n++;
  const text = [r.title, r.description, r.body].filter(Boolean).join('\n');
  const { text: t, flags } = screen(text, r.lang);
  const top = Math.max(-1, ...flags.map((f) => SEVERITY_RANK[f.rule.severity]));
  const v = top === 3 ? 'block' : top >= 1 ? 'review' : top === 0 ? 'allow_flagged' : 'clean';
  verdicts[v]++;
  if (!perLang.has(r.lang)) perLang.set(r.lang, { n: 0, review: 0, block: 0 });
  const pl = perLang.get(r.lang); pl.n++; if (v === 'review' || v === 'block') pl[v]++;
  for (const f of flags) {
    const rule = f.rule;
    rule.hits++;
    rule.langsHit.set(r.lang, (rule.langsHit.get(r.lang) || 0) + 1);
    if (!rule.example) rule.example = `${r.id}: …${t.slice(Math.max(0, f.start - 30), f.end + 30).replace(/\s+/g, ' ')}…`;
  }
}
const pct = (x) => `${((100 * x) / n).toFixed(2)}%`;
console.log(`${corpus}: ${n} resources screened with ${rules.length} rules from ${dir}`);
console.log(`verdicts: block ${verdicts.block} (${pct(verdicts.block)}), review ${verdicts.review} (${pct(verdicts.review)}), ` +
  `allow with low flags ${verdicts.allow_flagged} (${pct(verdicts.allow_flagged)}), clean ${verdicts.clean} (${pct(verdicts.clean)})`);
const hit = rules.filter((r) => r.kind !== 'allow' && r.hits > 0).sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || b.hits - a.hits);
console.log(`rules that hit: ${hit.length}`);
for (const r of hit.slice(0, 60)) {
  console.log(`  ${r.severity}\t${r.hits}\t${r.pattern}\t${r.langs}\t${r.file}:${r.line}\t${[...r.langsHit].map(([l, c]) => `${l}:${c}`).join(' ')}\t${r.example.slice(0, 140)}`);
}
if (rulesOut) {
  fs.writeFileSync(rulesOut, hit.map((r) => [r.pattern, r.severity, r.langs, r.file, r.hits,
    [...r.langsHit].map(([l, c]) => `${l}:${c}`).join(' '), r.example.replace(/\t/g, ' ')].join('\t')).join('\n') + '\n');
}
