// Corpus validator: every line is a JSON object with a unique id, a title and a lang, in valid
// UTF-8, with known level/type/origin values; prints counts per language and provider.
import fs from 'node:fs';

const LEVELS = new Set(['preschool', 'primary', 'secondary', 'vocational', 'higher', 'lifelong']);
const file = process.argv[2];
const bytes = fs.readFileSync(file);
let text;
try { text = new TextDecoder('utf-8', { fatal: true }).decode(bytes); } catch { console.error(`${file}: not valid UTF-8`); process.exit(1); }
const errors = [];
const ids = new Set();
const perLang = new Map();
const perProvider = new Map();
const lines = text.split('\n');
if (lines.at(-1) === '') lines.pop();
lines.forEach((line, i) => {
  const where = `${file}:${i + 1}`;
  let r;
  try { r = JSON.parse(line); } catch (e) { errors.push(`${where}: bad JSON (${e.message})`); return; }
  if (typeof r !== 'object' || r === null || Array.isArray(r)) { errors.push(`${where}: not an object`); return; }
  for (const f of ['id', 'title', 'lang']) if (typeof r[f] !== 'string' || !r[f].trim()) errors.push(`${where}: missing ${f}`);
  if (ids.has(r.id)) errors.push(`${where}: duplicate id ${r.id}`);
  ids.add(r.id);
  if (r.level && !LEVELS.has(r.level)) errors.push(`${where}: unknown level ${r.level}`);
  if (r.origin !== 'human') errors.push(`${where}: origin is not human`);
  try { Intl.getCanonicalLocales(r.lang); } catch { errors.push(`${where}: bad lang ${r.lang}`); }
  if (r.titles) for (const l of Object.keys(r.titles)) { try { Intl.getCanonicalLocales(l); } catch { errors.push(`${where}: bad titles lang ${l}`); } }
  perLang.set(r.lang, (perLang.get(r.lang) || 0) + 1);
  perProvider.set(r.provider, (perProvider.get(r.provider) || 0) + 1);
});
if (errors.length) { console.error(errors.slice(0, 20).join('\n')); console.error(`${errors.length} errors`); process.exit(1); }
const langs = [...perLang.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
console.log(`${file}: ${lines.length} resources, ${perLang.size} languages, ${(bytes.length / 1e6).toFixed(2)} MB`);
console.log('by provider: ' + [...perProvider.entries()].map(([p, n]) => `${p} ${n}`).join(', '));
console.log('by language: ' + langs.map(([l, n]) => `${l} ${n}`).join(', '));
