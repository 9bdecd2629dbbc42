// Evaluation-set generator: picks lexicon terms per language (deterministically, by hash) and
// writes them into carrier sentences under every evasion the screener must undo, one case a line:
// lang, text, expected rule pattern, evasion. Checks that each carrier alone matches no rule.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { SEVERITY_RANK, appliesTo, compileTerm, fold, readLexicon } from './lexicon.mjs';

const [dir, out] = process.argv.slice(2);
const { rules, errors } = readLexicon(dir);
if (errors.length) { console.error(errors.join('\n')); process.exit(1); }

// Carrier sentences: {} is where the term goes. Plain, everyday classroom-platform situations.
const CARRIERS = {
  en: ['The forum post said {} and was reported.', 'Someone typed {} under the video lesson.', 'A student wrote {} in the class chat.'],
  zh: ['他在课程评论区写了{}，被老师举报了。', '有人在视频弹幕里发了{}。', '这条留言里出现了{}这几个字。'],
  es: ['El comentario decía {} y fue denunciado.', 'Alguien escribió {} debajo del vídeo de la clase.', 'Un alumno puso {} en el chat del curso.'],
  fr: ['Le commentaire disait {} et a été signalé.', "Quelqu'un a écrit {} sous la vidéo du cours.", 'Un élève a tapé {} dans le forum de la classe.'],
  ar: ['كتب أحدهم {} تحت فيديو الدرس.', 'ظهرت عبارة {} في تعليق على الدورة.', 'أرسل طالب {} في محادثة الصف.'],
  ru: ['В комментарии было написано {} и его отметили.', 'Кто-то написал {} под видеоуроком.', 'Ученик отправил {} в чат класса.'],
  pt: ['O comentário dizia {} e foi denunciado.', 'Alguém escreveu {} embaixo da videoaula.', 'Um aluno mandou {} no chat da turma.'],
  de: ['Im Kommentar stand {} und er wurde gemeldet.', 'Jemand schrieb {} unter das Lernvideo.', 'Ein Schüler tippte {} in den Klassenchat.'],
};
const LANGS = Object.keys(CARRIERS);
const WORDS_PER_LANG = 9;    // single words from the word lists and hand files
const PHRASES_PER_LANG = 4;  // phrases from the hand-written files

const sha = (s) => crypto.createHash('sha1').update(s).digest('hex');
const letters = (s) => [...s];
const isLatin = (s) => /^[\p{Script=Latin} ]+$/u.test(s);
const isCyrillic = (s) => /^[\p{Script=Cyrillic} ]+$/u.test(s);
const isArabic = (s) => /^[\p{Script=Arabic} ]+$/u.test(s);
const isHan = (s) => /^[\p{Script=Han}]+$/u.test(s);

function pickTerms(lang) {
  const cands = rules.filter((r) => r.kind === 'term' && SEVERITY_RANK[r.severity] >= 1
    && (r.langs === '*' ? lang === 'en' && r.file !== 'allow.tsv' : appliesTo(r.langs, lang) && r.langs.split(',').length === 1));
  const ok = (p) => {
    const f = fold(p);
    if (lang === 'zh') return isHan(f.replace(/ /g, '')) && [...f].length >= 2;
    const script = { ru: isCyrillic, ar: isArabic }[lang] || isLatin;
    return script(f) && f.replace(/ /g, '').length >= 4;
  };
  // A term that contains another rule's term would be caught by that one too: keep it simple.
  const byHash = cands.filter((r) => ok(r.pattern)).sort((a, b) => (sha(a.pattern) < sha(b.pattern) ? -1 : 1));
  const words = byHash.filter((r) => !/ /.test(r.pattern) && (lang === 'zh' ? [...r.pattern].length <= 4 : true));
  const phrases = byHash.filter((r) => (lang === 'zh' ? [...r.pattern].length >= 4 && !r.file.startsWith('wordlist-') : / /.test(r.pattern) && !r.file.startsWith('wordlist-')));
  // Words that several sources list (the note names each) are the best known: up to 3 of them first.
  const multi = words.filter((r) => r.file.startsWith('wordlist-') && /, /.test(r.note.split(';')[0])).slice(0, 3);
  const seen = new Set(), pick = [];
  for (const r of [...multi, ...words].filter((r, i, all) => all.indexOf(r) === i).slice(0, WORDS_PER_LANG)
    .concat(phrases.slice(0, PHRASES_PER_LANG))) {
    if (!seen.has(r.pattern)) { seen.add(r.pattern); pick.push(r); }
  }
  return pick;
}

// ---- evasions: each returns the disguised term, or null when it does not apply ----
const mapChars = (s, m) => letters(s).map((c) => m[c] ?? c).join('');
const CYR_FOR_LATIN = { a: 'а', e: 'е', o: 'о', p: 'р', c: 'с', x: 'х', y: 'у', i: 'і' };
const LATIN_FOR_CYR = { а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', х: 'x', у: 'y' };
const GREEK_FOR_LATIN = { o: 'ο', i: 'ι', v: 'ν', a: 'α' };
const LEET = { a: '@', o: '0', i: '1', e: '3', s: '$' };
const ACCENT = { a: 'â', e: 'ê', i: 'î', o: 'ô', u: 'û', c: 'ç', n: 'ñ' };
const changed = (a, b) => (a === b ? null : b);
const fullwidth = (s) => letters(s).map((c) => (c >= '!' && c <= '~' ? String.fromCodePoint(c.codePointAt(0) + 0xfee0) : c === ' ' ? '\u3000' : c)).join('');
const mixCase = (s) => letters(s).map((c, i) => (i % 2 ? c.toLowerCase() : c.toUpperCase())).join('');
const between = (s, sep) => letters(s).join(sep);
const middle = (s, ins) => { const l = letters(s); const k = Math.floor(l.length / 2); return [...l.slice(0, k), ins, ...l.slice(k)].join(''); };
const repeat = (s) => {
  // Stretch the first vowel (or the middle letter) to four.
  const l = letters(s);
  let k = l.findIndex((c) => /[aeiouаеиоуыэюяاوي]/i.test(c));
  if (k < 0) k = Math.floor(l.length / 2);
  return [...l.slice(0, k), l[k].repeat(4), ...l.slice(k + 1)].join('');
};
const toTraditional = (s) => execFileSync('opencc', ['-c', 's2t.json'], { input: s }).toString().trim();

function evasions(lang, term) {
  const single = !/ /.test(term);
  const t = term.toLowerCase();
  const e = {};
  if (lang === 'zh') {
    e['zero-width space'] = between(term, '\u200b');
    e['soft hyphen'] = middle(term, '\u00ad');
    e['zero-width joiner'] = middle(term, '\u200d');
    e['spaces'] = between(term, ' ');
    e['emoji'] = between(term, '😀');
    e['traditional'] = changed(term, toTraditional(term));
    if (e['traditional']) {
      e['traditional+zero-width space'] = between(e['traditional'], '\u200b');
      e['traditional+spaces'] = between(e['traditional'], ' ');
    }
    e['fullwidth space'] = between(term, '\u3000');
    return e;
  }
  if (lang === 'ar') {
    e['tatweel'] = term.split(' ').map((w) => between(w, '\u0640')).join(' ');
    e['harakat'] = term.split(' ').map((w) => letters(w).map((c) => c + '\u064e').join('')).join(' ');
    e['tatweel+harakat'] = term.split(' ').map((w) => letters(w).map((c) => c + '\u064f').join('\u0640')).join(' ');
    e['zero-width space'] = middle(term, '\u200b');
    e['soft hyphen'] = middle(term, '\u00ad');
    if (single) {
      e['dots'] = between(term, '.');
      e['spaces'] = between(term, ' ');
      e['repeated letter'] = repeat(term);
      e['tatweel+dots'] = between(term, '\u0640.');
    }
    return e;
  }
  const cased = lang === 'ru' ? isCyrillic(t) : isLatin(t);
  if (cased) {
    e['upper case'] = t.toUpperCase();
    e['mixed case'] = mixCase(t);
  }
  if (lang !== 'ru') e['fullwidth'] = fullwidth(t);
  e['zero-width space'] = single ? between(t, '\u200b') : middle(t, '\u200b');
  e['soft hyphen'] = middle(t, '\u00ad');
  e['zero-width joiner'] = middle(t, '\u200d');
  if (lang === 'ru') {
    e['latin look-alikes'] = changed(t, mapChars(t, LATIN_FOR_CYR));
    e['combining accent'] = changed(t, t.replace(/[аеиоуыэюя]/, (v) => v + '\u0301'));
  } else {
    e['cyrillic look-alikes'] = changed(t, mapChars(t, CYR_FOR_LATIN));
    e['greek look-alikes'] = changed(t, mapChars(t, GREEK_FOR_LATIN));
    e['diacritics'] = changed(t, mapChars(t, ACCENT));
    e['leetspeak'] = changed(t, mapChars(t, LEET));
    e['leetspeak !'] = changed(t, t.replace(/i/g, '!'));
  }
  if (single) {
    e['dots'] = between(t, '.');
    e['spaces'] = between(t, ' ');
    e['dashes'] = between(t, '-');
    e['underscores'] = between(t, '_');
    e['emoji'] = between(t, '🔥');
    e['repeated letter'] = repeat(t);
    e['upper case+dots'] = between(t.toUpperCase(), '.');
    if (lang !== 'ru') {
      e['leetspeak+spaces'] = e['leetspeak'] && between(e['leetspeak'], ' ');
      e['fullwidth+zero-width space'] = between(fullwidth(t), '\u200b');
      e['diacritics+repeated letter'] = e['diacritics'] && repeat(e['diacritics']);
    } else {
      e['latin look-alikes+dots'] = e['latin look-alikes'] && between(e['latin look-alikes'], '.');
      e['upper case+repeated letter'] = repeat(t.toUpperCase());
    }
  } else if (lang !== 'ru') {
    e['leetspeak+mixed case'] = e['leetspeak'] && mixCase(e['leetspeak']);
    // Only capitals whose lower-case forms are look-alikes too (Н, Т, К, М, В are not once folded).
    e['cyrillic look-alikes+upper case'] = changed(t.toUpperCase(), mapChars(t.toUpperCase(), { A: 'А', E: 'Е', O: 'О', P: 'Р', C: 'С', X: 'Х', I: 'І' }));
  }
  return e;
}

// Every carrier must be clean on its own (JavaScript approximation of the screener).
for (const lang of LANGS) {
  const applicable = rules.filter((r) => r.kind === 'term' && appliesTo(r.langs, lang)).map((r) => [r, compileTerm(r.pattern)]);
  for (const c of CARRIERS[lang]) {
    const hit = applicable.find(([, re]) => { re.lastIndex = 0; return re.test(fold(c.replace('{}', ' '))); });
    if (hit) throw new Error(`carrier "${c}" matches rule "${hit[0].pattern}" (${hit[0].file}:${hit[0].line})`);
  }
}

const lines = ['lang\ttext\texpected_rule_pattern\tevasion'];
const perLang = {};
for (const lang of LANGS) {
  const terms = pickTerms(lang);
  let n = 0;
  for (const [i, r] of terms.entries()) {
    for (const [name, disguised] of Object.entries(evasions(lang, r.pattern))) {
      if (!disguised) continue;
      const carrier = CARRIERS[lang][(i + n) % CARRIERS[lang].length];
      const text = carrier.replace('{}', disguised);
      if (/[\t\n]/.test(text)) continue;
      lines.push([lang, text, r.pattern, name].join('\t'));
      n++;
    }
  }
  perLang[lang] = `${n} cases from ${terms.length} terms`;
}
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, lines.join('\n') + '\n');
console.error(`wrote ${lines.length - 1} cases to ${out}: ${JSON.stringify(perLang)}`);
