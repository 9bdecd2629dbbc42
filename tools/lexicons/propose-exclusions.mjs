// Proposes exclusions for generated word-list rules that hit a known-clean corpus (the Debian
// and UDHR texts): reads the --rules-out TSV of check-corpus.mjs and prints exclusion lines.
//   An English rule (langs *) that hits text of another language -> only:en.
//   A rule that hits text of its own language -> low, or drop when it hits 20 resources or more
//   (a common word), unless the word is in KEEP: there the hits are real profane usage.
import fs from 'node:fs';

const KEEP = new Set(['fuck', 'fucking', 'shit', 'bullshit', 'crap', 'crappy', 'blowjob']);
const COMMON = 20;
const primary = (l) => l.split('-')[0].toLowerCase();
for (const line of fs.readFileSync(process.argv[2], 'utf8').split('\n')) {
  if (!line) continue;
  const [pattern, severity, langs, file, , langsHit, example] = line.split('\t');
  const m = /^wordlist-(.+)\.tsv$/.exec(file);
  if (!m) continue;
  const lang = m[1];
  let own = 0, other = 0;
  for (const x of langsHit.split(' ')) {
    const [l, c] = x.split(':');
    if (primary(l) === lang) own += Number(c); else other += Number(c);
  }
  const actions = [], why = [];
  if (langs === '*' && other > 0) { actions.push(`only:${lang}`); why.push(`hits ${other} texts in other languages`); }
  if (own > 0 && !KEEP.has(pattern.toLowerCase())) {
    if (own >= COMMON) { actions.length = 0; actions.push('drop'); why.push(`common word: hits ${own} clean ${lang} texts`); }
    else if (severity !== 'low') { actions.push('low'); why.push(`hits ${own} clean ${lang} texts`); }
  }
  if (!actions.length) continue;
  const ex = example.split(':')[0];
  console.log([pattern, lang, actions.join('+'), `${why.join('; ')} (corpus check, e.g. ${ex})`].join('\t'));
}
