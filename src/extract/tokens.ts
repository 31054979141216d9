/**
 * Tokens and sentences with exact offsets. Language-neutral; the Russian and
 * English pipelines build on it. Linear in the input: one sticky regex pass,
 * then one pass for sentence ends.
 */
import { normalizeMixedScript } from './script';

export type TokenKind = 'word' | 'number' | 'url' | 'email' | 'punct';

export interface Token {
  /** Index in the token array. */
  index: number;
  start: number;
  end: number;
  /** As written. */
  text: string;
  /** `text` with mixed-script homoglyphs folded to one script (same length). */
  norm: string;
  kind: TokenKind;
  /** A line break precedes this token (paragraph or line boundary in the source). */
  newlineBefore: boolean;
  /** Whitespace precedes this token. */
  spaceBefore: boolean;
}

export interface Sentence {
  start: number;
  end: number;
  /** Token index range [first, last). */
  first: number;
  last: number;
}

const TOKEN_RE = new RegExp(
  [
    String.raw`(?<url>(?:https?://|www\.)[^\s<>"«»()\[\]]+[^\s<>"«»()\[\].,;:!?])`,
    String.raw`(?<email>[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,})`,
    // A bare domain such as Tengrinews.kz: labels joined by dots ending in a Latin TLD.
    String.raw`(?<domain>(?:[\p{L}\p{N}][\p{L}\p{N}-]*\.)+(?:[a-z]{2,6}|рф)(?![\p{L}\p{N}]))`,
    String.raw`(?<number>\p{N}+(?:[.,:]\p{N}+)*)`,
    String.raw`(?<word>[\p{L}\p{M}][\p{L}\p{M}\p{N}]*(?:[-'’‐‑][\p{L}\p{M}\p{N}]+)*)`,
    String.raw`(?<space>\s+)`,
    String.raw`(?<punct>\.\.\.|[\s\S])`,
  ].join('|'),
  'uy',
);

// Single-character classes for the scanner's fast path; anything unusual goes to TOKEN_RE.
const LETTER_OR_MARK = /[\p{L}\p{M}]/u;
const DIGIT = /\p{N}/u;
const SPACE = /\s/u;

/** 0 = other, 1 = letter or mark, 2 = digit, 3 = space, 4 = surrogate (astral: leave it to the regex). */
function charClass(c: number, ch: string): number {
  if (c < 0x80) {
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)) return 1;
    if (c >= 0x30 && c <= 0x39) return 2;
    if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) return 3;
    return 0;
  }
  if (c >= 0x0400 && c <= 0x04ff && c !== 0x0482) return 1;
  if (c >= 0xd800 && c <= 0xdfff) return 4;
  if (LETTER_OR_MARK.test(ch)) return 1;
  if (DIGIT.test(ch)) return 2;
  if (SPACE.test(ch)) return 3;
  return 0;
}

const WORD_JOINERS = new Set(['-', "'", '’', '‐', '‑']);
/** After a word or number, these may turn it into a URL, e-mail or domain: let TOKEN_RE decide. */
const MAY_EXTEND = new Set(['.', '@', '_', '%', '+', '-', ':', '/', "'", '’', '‐', '‑']);
/** Characters that may start an e-mail address or a longer punctuation token. */
const PUNCT_TO_REGEX = new Set(['.', '_', '%', '+', '-']);

/**
 * Tokens with exact offsets. A hand-written scanner takes the common cases (words, numbers,
 * spaces, single punctuation) and hands anything that could be a URL, e-mail address or domain
 * (or an astral character) to TOKEN_RE, so the result is exactly TOKEN_RE's, several times faster.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let newlineBefore = true;
  let spaceBefore = true;
  const push = (start: number, end: number, kind: TokenKind) => {
    const value = text.slice(start, end);
    tokens.push({
      index: tokens.length,
      start,
      end,
      text: value,
      norm: kind === 'word' ? normalizeMixedScript(value) : value,
      kind,
      newlineBefore,
      spaceBefore,
    });
    newlineBefore = false;
    spaceBefore = false;
  };
  const viaRegex = (i: number): number => {
    TOKEN_RE.lastIndex = i;
    const m = TOKEN_RE.exec(text);
    if (m === null) return n; // cannot happen: the last alternative matches any character
    const g = m.groups ?? {};
    const end = i + m[0].length;
    if (g.space !== undefined) {
      if (/[\n\r\u2029]/.test(m[0])) newlineBefore = true;
      spaceBefore = true;
      return end;
    }
    const kind: TokenKind =
      g.url !== undefined ? 'url'
      : g.email !== undefined ? 'email'
      : g.domain !== undefined ? 'url'
      : g.number !== undefined ? 'number'
      : g.word !== undefined ? 'word'
      : 'punct';
    push(i, end, kind);
    return end;
  };
  const classAt = (j: number) => (j < n ? charClass(text.charCodeAt(j), text[j]!) : -1);

  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const cls = charClass(c, text[i]!);
    if (cls === 3) {
      let j = i;
      while (j < n && classAt(j) === 3) {
        const d = text.charCodeAt(j);
        if (d === 0x0a || d === 0x0d || d === 0x2029) newlineBefore = true;
        j++;
      }
      spaceBefore = true;
      i = j;
      continue;
    }
    if (cls === 1 || cls === 2) {
      // "http://", "www.": URLs.
      if (c === 0x68 || c === 0x77) {
        if (text.startsWith('http', i) || text.startsWith('www.', i)) {
          i = viaRegex(i);
          continue;
        }
      }
      let j = i + 1;
      if (cls === 1) {
        // [\p{L}\p{M}][\p{L}\p{M}\p{N}]*(?:[-'’‐‑][\p{L}\p{M}\p{N}]+)*
        for (;;) {
          while (j < n && (classAt(j) === 1 || classAt(j) === 2)) j++;
          if (j + 1 < n && WORD_JOINERS.has(text[j]!) && (classAt(j + 1) === 1 || classAt(j + 1) === 2)) {
            j += 1;
            continue;
          }
          break;
        }
      } else {
        // \p{N}+(?:[.,:]\p{N}+)*
        for (;;) {
          while (j < n && classAt(j) === 2) j++;
          const sep = text[j];
          if ((sep === '.' || sep === ',' || sep === ':') && classAt(j + 1) === 2) {
            j += 1;
            continue;
          }
          break;
        }
      }
      const next = text[j];
      const nextCls = classAt(j);
      if (nextCls === 1 || nextCls === 2 || nextCls === 4 || (next !== undefined && MAY_EXTEND.has(next))) {
        i = viaRegex(i);
        continue;
      }
      push(i, j, cls === 1 ? 'word' : 'number');
      i = j;
      continue;
    }
    if (cls === 4 || PUNCT_TO_REGEX.has(text[i]!)) {
      i = viaRegex(i);
      continue;
    }
    push(i, i + 1, 'punct');
    i += 1;
  }
  return tokens;
}

/** Abbreviations after which a period does not end a sentence (lower-cased, without the dot). */
const NON_FINAL_ABBREVIATIONS = new Set([
  'г', 'гг', 'т', 'е', 'п', 'пп', 'им', 'ул', 'д', 'стр', 'тыс', 'млн', 'млрд', 'руб', 'см', 'напр', 'др', 'пр', 'св',
  'обл', 'р', 'рт', 'ст', 'с', 'пос', 'пгт', 'корп', 'кв', 'тел', 'вв', 'ок', 'проф', 'акад', 'ген', 'генерал', 'полк',
  'мр', 'mr', 'mrs', 'ms', 'dr', 'st', 'no', 'vs', 'jan', 'feb', 'aug', 'sept', 'oct', 'nov', 'dec', 'gen', 'col', 'lt', 'sgt', 'inc', 'corp', 'ltd',
]);

const SENTENCE_END = new Set(['.', '!', '?', '…', '...', '?!', '!?']);
const CLOSING = new Set(['"', '»', '”', '’', ')', "'"]);

/** A sentence longer than this is cut, so later per-sentence work stays linear. */
export const MAX_SENTENCE_TOKENS = 250;

function startsSentence(token: Token): boolean {
  const c = token.text[0] ?? '';
  if (token.kind === 'number') return true;
  if (c === '"' || c === '«' || c === '“' || c === '—' || c === '–' || c === '-' || c === '(') return true;
  return c !== c.toLowerCase();
}

export function splitSentences(tokens: Token[]): Sentence[] {
  const sentences: Sentence[] = [];
  let first = 0;
  const close = (last: number) => {
    if (last > first) {
      const a = tokens[first]!;
      const b = tokens[last - 1]!;
      sentences.push({ start: a.start, end: b.end, first, last });
    }
    first = last;
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (i > first && t.newlineBefore) close(i);
    if (i - first >= MAX_SENTENCE_TOKENS) close(i);
    if (t.kind !== 'punct' || !SENTENCE_END.has(t.text)) continue;
    // Pull closing quotes/brackets into the sentence.
    let j = i + 1;
    while (j < tokens.length && tokens[j]!.kind === 'punct' && CLOSING.has(tokens[j]!.text) && !tokens[j]!.spaceBefore) j++;
    const next = tokens[j];
    if (next === undefined) continue;
    if (t.text === '.') {
      const prev = tokens[i - 1];
      if (prev && prev.kind === 'word' && !t.spaceBefore) {
        const low = prev.text.toLowerCase();
        // An initial ("Т. Маткенов") or a known abbreviation ("г. Алматы") does not end a sentence.
        if (prev.text.length === 1 && prev.text !== prev.text.toLowerCase()) continue;
        if (NON_FINAL_ABBREVIATIONS.has(low) && !next.newlineBefore) continue;
      }
    }
    if (!next.spaceBefore && !next.newlineBefore) continue;
    if (next.newlineBefore || startsSentence(next)) close(j);
  }
  close(tokens.length);
  return sentences;
}
