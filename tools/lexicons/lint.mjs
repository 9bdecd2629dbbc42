// Lexicon linter: checks every *.tsv of a lexicon directory against the format and prints rule
// counts by file, kind, severity, category and language; exits 1 on the first malformed line.
import { readLexicon } from './lexicon.mjs';

const dir = process.argv[2];
const { rules, errors } = readLexicon(dir);
if (errors.length) { console.error(errors.join('\n')); process.exit(1); }
const count = (key) => {
  const m = new Map();
  for (const r of rules) for (const k of [].concat(key(r))) m.set(k, (m.get(k) || 0) + 1);
  return [...m.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k, n]) => `${k} ${n}`).join(', ');
};
console.log(`${dir}: ${rules.length} rules`);
console.log(`  by file: ${count((r) => r.file)}`);
console.log(`  by kind: ${count((r) => r.kind)}`);
console.log(`  by severity: ${count((r) => r.severity)}`);
console.log(`  by category: ${count((r) => r.category)}`);
console.log(`  by langs: ${count((r) => r.langs.split(','))}`);
