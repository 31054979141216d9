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

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN_RE.lastIndex = 0;
  let newlineBefore = true;
  let spaceBefore = true;
  let m: RegExpExecArray | null;
  while (TOKEN_RE.lastIndex < text.length && (m = TOKEN_RE.exec(text)) !== null) {
    const g = m.groups ?? {};
    const value = m[0];
    if (g.space !== undefined) {
      if (value.includes('\n') || value.includes('\r') || value.includes('\u2029')) newlineBefore = true;
      spaceBefore = true;
      continue;
    }
    const kind: TokenKind =
      g.url !== undefined ? 'url'
      : g.email !== undefined ? 'email'
      : g.domain !== undefined ? 'url'
      : g.number !== undefined ? 'number'
      : g.word !== undefined ? 'word'
      : 'punct';
    const start = m.index;
    tokens.push({
      index: tokens.length,
      start,
      end: start + value.length,
      text: value,
      norm: kind === 'word' ? normalizeMixedScript(value) : value,
      kind,
      newlineBefore,
      spaceBefore,
    });
    newlineBefore = false;
    spaceBefore = false;
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
