/**
 * Name normalisation shared by within-article and cross-article resolution:
 * folding surface differences that never distinguish two entities (case, ё/е,
 * quotes, homoglyphs, legal forms), and recognising acronyms and abbreviations.
 */
import { normalizeMixedScript } from '../extract/script';
import { latinMatchKey } from './translit';

const QUOTES = /[«»"„“”‚‘’'`]/g;
const DASHES = /[‐‑‒–—―]/g;

/**
 * A pure function of a name, remembered: resolution asks for the words of the same few names
 * again and again (every comparison while sorting, every pair of names linked), and folding
 * runs several regular expressions and Unicode normalisation. Cleared when it grows large, so
 * a long run stays bounded. Results are shared: they are read-only.
 */
function memoised<T>(compute: (name: string) => T, limit = 50_000): (name: string) => T {
  const cache = new Map<string, T>();
  return (name) => {
    let value = cache.get(name);
    if (value === undefined) {
      value = compute(name);
      if (cache.size >= limit) cache.clear();
      cache.set(name, value);
    }
    return value;
  };
}

/** Words of a name, folded: lower case, ё -> е, no quotes, homoglyphs in the word's own script. */
export const nameWords: (name: string) => readonly string[] = memoised((name) => Object.freeze(foldedWords(name)));

function foldedWords(name: string): string[] {
  return name
    .normalize('NFKC')
    .replace(QUOTES, ' ')
    .replace(DASHES, '-')
    .split(/[\s,;:()[\]]+/)
    .map((word) => word.replace(/^[-.]+|[-]+$/g, ''))
    .filter((word) => word.length > 0)
    .map((word) => normalizeMixedScript(word).toLowerCase().replace(/ё/g, 'е'));
}

/** The folded name as one string (words joined by spaces). */
export function foldName(name: string): string {
  return nameWords(name).join(' ');
}

/**
 * Legal forms that do not distinguish companies in the news ("ТОО «Альфа»" = "Альфа").
 * Only forms, never words that could be a name on their own.
 */
const LEGAL_FORMS = new Set([
  'ооо', 'оао', 'зао', 'пао', 'ао', 'нао', 'тоо', 'ип', 'гуп', 'фгуп', 'муп', 'нко', 'ано',
  'llc', 'ltd', 'inc', 'jsc', 'pjsc', 'ojsc', 'cjsc', 'plc', 'corp', 'gmbh', 'ag', 'sa', 'llp',
]);

/** Folded words of an organisation's name without its legal form. */
export function orgCoreWords(name: string): string[] {
  const words = nameWords(name).map((w) => w.replace(/\.$/, ''));
  const core = words.filter((w) => !LEGAL_FORMS.has(w));
  return core.length > 0 ? core : words;
}

/** An acronym as written: one word, at least two capitals, no lower-case majority ("МВД", "ОПГ", "КНБ", "UNODC"). */
export const isAcronym = memoised(computeIsAcronym);

function computeIsAcronym(text: string): boolean {
  const word = text.normalize('NFKC').replace(QUOTES, '').trim();
  if (!/^[\p{L}\d&.-]{2,10}$/u.test(word)) return false;
  const upper = (word.match(/\p{Lu}/gu) ?? []).length;
  const lower = (word.match(/\p{Ll}/gu) ?? []).length;
  return upper >= 2 && lower <= 1;
}

/** Short function words skipped when reading initials ("Департамент по противодействию ..."). */
const FUNCTION_WORDS = new Set(['и', 'по', 'в', 'во', 'на', 'с', 'со', 'для', 'о', 'об', 'при', 'of', 'and', 'the', 'for', 'on', 'in', 'at', '&']);

/** Initial letters of the significant words: "Министерство внутренних дел" -> "мвд". */
export function initials(name: string): string {
  return orgCoreWords(name)
    .filter((w) => !FUNCTION_WORDS.has(w))
    .flatMap((w) => w.split('-'))
    .map((w) => w[0] ?? '')
    .join('');
}

/**
 * Whether `short` abbreviates `long`: its letters are taken, in order, from the
 * starts of every significant word of `long`, one or more letters per word
 * ("МВД" = Министерство внутренних дел, "Минфин" = Министерство финансов,
 * "Генпрокуратура" = Генеральная прокуратура). Every significant word must
 * contribute, which keeps unrelated names from matching.
 */
export function isAbbreviationOf(short: string, long: string): boolean {
  const abbreviation = nameWords(short).join('').replace(/[-.]/g, '');
  const words = orgCoreWords(long).filter((w) => !FUNCTION_WORDS.has(w)).flatMap((w) => w.split('-')).filter(Boolean);
  if (words.length < 2 || abbreviation.length < 2 || abbreviation.length >= words.join('').length) return false;
  // Depth-first over how many letters each word gives; names are short, so this is cheap.
  const match = (pos: number, word: number): boolean => {
    if (word === words.length) return pos === abbreviation.length;
    const w = words[word]!;
    for (let take = Math.min(w.length, abbreviation.length - pos); take >= 1; take--) {
      if (abbreviation.startsWith(w.slice(0, take), pos) && match(pos + take, word + 1)) return true;
    }
    return false;
  };
  return match(0, 0);
}

/** Cross-script key of a name: folded words, transliterated and spelling-folded, joined by "-". */
export function nameKey(name: string, options: { sortWords?: boolean } = {}): string {
  const words = nameWords(name)
    .flatMap((w) => w.split('-'))
    .map((w) => latinMatchKey(w).replace(/[^\p{L}\p{N}]+/gu, ''))
    .filter(Boolean);
  if (options.sortWords) words.sort();
  return words.join('-');
}

/** A person's name split into folded words, with initials recognised ("Т." -> initial "т"). */
export interface PersonName {
  /** Full words (two letters or more), folded. */
  readonly words: readonly string[];
  /** Initials (single letters, with or without a dot), folded. */
  readonly initials: readonly string[];
}

export const personName: (name: string) => PersonName = memoised((name) => Object.freeze(splitPersonName(name)));

function splitPersonName(name: string): PersonName {
  const words: string[] = [];
  const inits: string[] = [];
  for (const raw of nameWords(name).flatMap((w) => w.split(/(?<=\.)(?=\p{L})/u))) {
    const word = raw.replace(/\.$/, '');
    if (word.length === 1) inits.push(word);
    else if (word.length > 0) words.push(...word.split('-').filter(Boolean));
  }
  return { words: Object.freeze(words), initials: Object.freeze(inits) };
}

/**
 * Whether two folded name words are forms of one word. Resolution works on the
 * extractor's nominative norms, so this is mostly equality; the prefix rule
 * absorbs an occasional un-normalised case ending ("Маткенова" / "Маткенов").
 */
export function sameNameWord(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= 4 && long.length - short.length <= 2 && long.startsWith(short);
}

/** A Russian surname's masculine form: "семиреченская" -> "семиреченский", "петрова" -> "петров". */
function masculineSurname(word: string): string {
  return word.replace(/(ск|цк)(?:ая|ой)$/, '$1ий').replace(/(ов|ев|ин|ын)а$/, '$1');
}

/**
 * Whether two folded words are one surname in its man's and woman's form
 * ("Семиреченская" / "Семиреченский"): a lone surname read in the wrong gender
 * still belongs to the full name.
 */
export function sameSurname(a: string, b: string): boolean {
  return a.length >= 4 && b.length >= 4 && masculineSurname(a) === masculineSurname(b);
}

/** Levenshtein distance of two short strings (names: a few dozen letters at most). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(substitution, previous[j]! + 1, current[j - 1]! + 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * How far apart two spellings of a name word are across scripts, 0 (same) to 1:
 * the edit distance of their match keys over the longer key. Transliterations
 * that no folding rule catches land close: "Саймон"/"Simon", "Хассеин"/"Hussein",
 * "Винье"/"Vinje" (one letter in five or six).
 */
export function spellingDistance(a: string, b: string): number {
  const x = latinMatchKey(a);
  const y = latinMatchKey(b);
  const longest = Math.max(x.length, y.length);
  return longest === 0 ? 0 : editDistance(x, y) / longest;
}
