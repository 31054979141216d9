/**
 * Per-token analysis shared by every Russian rule: folded lower-case form, az parses,
 * the set of lemma keys lexicons match on, and letter-case flags.
 */
import type { Token } from '../tokens';
import type { MorphParse, Morphology } from './morph';

export interface TokenInfo {
  token: Token;
  /** Lower-case, mixed-script folded, ё -> е. */
  lower: string;
  /** az parses of Cyrillic words (empty for Latin, numbers, punctuation). */
  parses: readonly MorphParse[];
  /** `lower` plus every lemma (ё -> е): what lexicon form words are compared with. */
  keys: ReadonlySet<string>;
  /** First letter is upper case. */
  cap: boolean;
  /** Two or more letters, all upper case ("МВД", "ОПГ"). */
  upper: boolean;
  /** Contains a Cyrillic letter. */
  cyr: boolean;
  /** Some parse comes from the dictionary (not guessed from the ending). */
  known: boolean;
  /**
   * Scratch space shared by every token of the same word form: rules memoise here what depends
   * on the form alone (lexicon starts, cue bits), one slot each (see memoSlot).
   */
  memo: unknown[];
}

let slots = 0;
/** A slot number in TokenInfo.memo, taken once per memoising rule or lexicon. */
export function memoSlot(): number {
  return slots++;
}

export function foldYo(s: string): string {
  return s.includes('ё') || s.includes('Ё') ? s.replace(/ё/g, 'е').replace(/Ё/g, 'Е') : s;
}

const CYRILLIC = /[\u0400-\u04ff]/;

export function isCapitalised(s: string): boolean {
  const c = s.charAt(0);
  return c !== c.toLowerCase() && c === c.toUpperCase();
}

export function isAllUpper(s: string): boolean {
  let letters = 0;
  for (const ch of s) {
    if (ch.toLowerCase() === ch.toUpperCase()) continue;
    if (ch !== ch.toUpperCase()) return false;
    letters++;
  }
  return letters >= 2;
}

/**
 * Lemma keys of a word. For a hyphenated compound ("QR-коды") az often drops the
 * first part from the lemma, which would make "QR-код" match every "код": keep only
 * lemmas that still carry the prefix, plus prefix + lemma of the last part.
 */
export function wordKeys(word: string, morph: Morphology): { keys: Set<string>; parses: readonly MorphParse[] } {
  const lower = foldYo(word.toLowerCase());
  const keys = new Set<string>([lower]);
  if (!CYRILLIC.test(word)) return { keys, parses: [] };
  const parses = morph.parse(word);
  // A single letter is a preposition, a conjunction or an initial; az also reads it as the
  // abbreviation of any word ("и" -> "исполняющий"), which would match lexicon forms at random.
  if (lower.length === 1) return { keys, parses };
  const dash = lower.lastIndexOf('-');
  for (const p of parses) {
    const lemma = foldYo(p.lemma);
    // az's prefix guesser may cut off the start of an unknown word ("Инстаграмм" -> "грамм"):
    // such a lemma says nothing about the word.
    if (!p.known && lemma.slice(0, 2) !== lower.slice(0, 2)) continue;
    if (dash < 0 || lemma.includes('-')) keys.add(lemma);
  }
  if (dash > 0 && dash < lower.length - 1) {
    const prefix = lower.slice(0, dash + 1);
    for (const p of morph.parse(word.slice(dash + 1))) keys.add(prefix + foldYo(p.lemma));
  }
  return { keys, parses };
}

type WordAnalysis = Omit<TokenInfo, 'token'>;

/**
 * Analyses per word form: news repeats words, and a word's analysis never changes. Every token
 * of one form shares the same `keys` set, so per-form facts can be memoised on it (WeakMap).
 */
export class WordAnalyser {
  private readonly cache = new Map<string, WordAnalysis>();
  private readonly others = new Map<string, WordAnalysis>();
  constructor(private readonly morph: Morphology, private readonly limit = 100_000) {}

  analyse(word: string): WordAnalysis {
    const hit = this.cache.get(word);
    if (hit) return hit;
    const { keys, parses } = wordKeys(word, this.morph);
    const a: WordAnalysis = {
      lower: foldYo(word.toLowerCase()),
      parses,
      keys,
      cap: isCapitalised(word),
      upper: isAllUpper(word),
      cyr: CYRILLIC.test(word),
      known: parses.some((p) => p.known),
      memo: [],
    };
    if (this.cache.size >= this.limit) this.cache.clear();
    this.cache.set(word, a);
    return a;
  }

  /** Punctuation, numbers, web names: no morphology, but the same shared `keys` per form. */
  other(text: string): WordAnalysis {
    const hit = this.others.get(text);
    if (hit) return hit;
    const lower = text.toLowerCase();
    const a: WordAnalysis = { lower, parses: [], keys: new Set([lower]), cap: false, upper: false, cyr: false, known: false, memo: [] };
    if (this.others.size >= this.limit) this.others.clear();
    this.others.set(text, a);
    return a;
  }
}

export function analyzeTokens(tokens: readonly Token[], analyser: WordAnalyser): TokenInfo[] {
  const out = new Array<TokenInfo>(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const a = token.kind === 'word' ? analyser.analyse(token.norm) : analyser.other(token.norm);
    out[i] = { token, lower: a.lower, parses: a.parses, keys: a.keys, cap: a.cap, upper: a.upper, cyr: a.cyr, known: a.known, memo: a.memo };
  }
  return out;
}

/** True when some parse has all the given grammemes. */
/** The country a word is the adjective of, by any of its keys ("российского" -> "loc:russia"). */
export function countryOfAdjective(info: TokenInfo, countryAdjectives: ReadonlyMap<string, string>): string | undefined {
  for (const k of info.keys) {
    const country = countryAdjectives.get(k);
    if (country !== undefined) return country;
  }
  return undefined;
}

export function hasTag(info: TokenInfo, ...tags: string[]): boolean {
  return info.parses.some((p) => tags.every((t) => p.tags.has(t)));
}

/** True when some dictionary parse has the grammeme. */
export function hasKnownTag(info: TokenInfo, tag: string): boolean {
  return info.parses.some((p) => p.known && p.tags.has(tag));
}

/**
 * The word is more likely a place than a person's name under az's probabilities: "Алматы"
 * (Geox, with a stray reading as a form of the name "Алмат") and "Астана" are places,
 * "Владимир" and "Питер" names. Decides a place word right before a capitalised name
 * ("Алматы Канат Таимбетов" is a dateline place and a person).
 */
export function placeOutweighsName(info: TokenInfo): boolean {
  let place = 0;
  let name = 0;
  for (const p of info.parses) {
    if (p.tags.has('Geox')) place += p.score;
    else if (p.tags.has('Name') || p.tags.has('Surn') || p.tags.has('Patr')) name += p.score;
  }
  return place >= name && place > 0;
}

export function hasPos(info: TokenInfo, pos: string): boolean {
  return info.parses.some((p) => p.pos === pos);
}

/** The most probable part of speech. */
export function topPos(info: TokenInfo): string | undefined {
  return info.parses[0]?.pos;
}

export function hasLemma(info: TokenInfo, ...lemmas: string[]): boolean {
  return lemmas.some((l) => info.keys.has(l));
}
