/**
 * English tokens and sentences from compromise, with exact UTF-16 offsets into the
 * original text.
 *
 * compromise is given a cleaned copy of the text of the same length (markup, control
 * characters and mixed-script homoglyphs neutralised), cut into bounded chunks: its
 * tagger is roughly quadratic in the length of a sentence (a 220 KB run without
 * punctuation took two minutes), so no chunk it sees is longer than MAX_CHUNK.
 */
import nlp from 'compromise';
import { normalizeMixedScript } from '../script';

export interface EnToken {
  /** The text as written. */
  text: string;
  start: number;
  end: number;
  /** Lower case, possessive and surrounding punctuation stripped, homoglyphs folded. */
  key: string;
  /** Dictionary form when compromise knows one (plural noun -> singular, verb -> infinitive), else `key`. */
  lemma: string;
  tags: ReadonlySet<string>;
  /** Punctuation and spaces written before / after the word (from compromise). */
  pre: string;
  post: string;
  /** Index of the sentence in EnDocument.sentences. */
  sentence: number;
  /** First character is an upper-case letter. */
  capitalised: boolean;
  /** At least two letters, all of them capitals ("FSB", "QR"). */
  allCaps: boolean;
  possessive: boolean;
}

export interface EnSentence {
  start: number;
  end: number;
  /** Index of the first token and one past the last in EnDocument.tokens. */
  first: number;
  last: number;
}

export interface EnDocument {
  text: string;
  tokens: EnToken[];
  sentences: EnSentence[];
}

/** Longest piece of text handed to compromise at once (see the module comment). */
export const MAX_CHUNK = 1500;

/**
 * Returns a copy of the text of exactly the same length in which HTML tags, control
 * characters and mixed-script words are neutralised, so offsets into it are offsets
 * into the original.
 */
export function cleanForTagging(text: string): string {
  let clean = blankElements(text, 'script');
  clean = blankElements(clean, 'style');
  clean = clean.replace(/<\/?[A-Za-z!][^<>]{0,2000}>/g, (tag) => ' '.repeat(tag.length));
  // Control characters (keep tab and newlines) and the replacement character.
  clean = clean.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFD\u200B-\u200F\u2028\u2029\uFEFF]/g, (c) =>
    c === '\u2028' || c === '\u2029' ? '\n' : ' ',
  );
  // Mixed-script words: only runs that contain a Cyrillic letter need folding.
  clean = clean.replace(/[\p{L}\p{M}\-‐‑]+/gu, (word) => (/[\u0400-\u052f]/.test(word) ? normalizeMixedScript(word) : word));
  return clean;
}

/** Blanks <script> and <style> elements, content included (an unclosed one runs to the end). Linear. */
function blankElements(text: string, name: string): string {
  const lower = text.length < 1 || !text.includes('<') ? '' : text.toLowerCase();
  if (!lower.includes(`<${name}`)) return text;
  let out = '';
  let from = 0;
  for (let open = lower.indexOf(`<${name}`, from); open >= 0; open = lower.indexOf(`<${name}`, from)) {
    const close = lower.indexOf(`</${name}`, open);
    const closeEnd = close < 0 ? text.length : lower.indexOf('>', close) < 0 ? text.length : lower.indexOf('>', close) + 1;
    out += text.slice(from, open) + text.slice(open, closeEnd).replace(/[^\n]/g, ' ');
    from = closeEnd;
  }
  return out + text.slice(from);
}

/** Cuts a line into pieces of at most MAX_CHUNK characters, preferring sentence ends, then spaces. */
export function chunkLine(line: string, base: number): Array<[number, number]> {
  const pieces: Array<[number, number]> = [];
  let from = 0;
  while (line.length - from > MAX_CHUNK) {
    const window = line.slice(from, from + MAX_CHUNK);
    let cut = Math.max(window.lastIndexOf('. '), window.lastIndexOf('! '), window.lastIndexOf('? '), window.lastIndexOf('; '));
    if (cut < MAX_CHUNK / 3) cut = window.lastIndexOf(' ');
    if (cut < MAX_CHUNK / 3) cut = MAX_CHUNK - 1;
    pieces.push([base + from, base + from + cut + 1]);
    from += cut + 1;
  }
  if (from < line.length) pieces.push([base + from, base + line.length]);
  return pieces;
}

const LETTER = /\p{L}/u;
const UPPER = /^\p{Lu}/u;

export function tokenizeEnglish(text: string): EnDocument {
  const clean = cleanForTagging(text);
  const tokens: EnToken[] = [];
  const sentences: EnSentence[] = [];
  const lineRe = /[^\n\r]+/g;
  for (let line = lineRe.exec(clean); line; line = lineRe.exec(clean)) {
    if (!LETTER.test(line[0]) && !/\d/.test(line[0])) continue;
    for (const [from, to] of chunkLine(line[0], line.index)) {
      tagChunk(text, clean, from, to, tokens, sentences);
    }
  }
  return { text, tokens, sentences };
}

interface CompromiseTerm {
  text: string;
  pre: string;
  post: string;
  normal: string;
  tags?: Set<string>;
  root?: string;
}

function tagChunk(text: string, clean: string, from: number, to: number, tokens: EnToken[], sentences: EnSentence[]): void {
  const chunk = clean.slice(from, to);
  if (!chunk.trim()) return;
  const doc = nlp(chunk);
  doc.compute('root');
  const docs = doc.docs as unknown as CompromiseTerm[][];
  let cursor = 0;
  for (const terms of docs) {
    const first = tokens.length;
    const sentenceIndex = sentences.length;
    for (const term of terms) {
      if (!term.text) {
        cursor += term.pre.length + term.post.length;
        continue;
      }
      // compromise keeps pre + text + post losslessly; fall back to a search if not.
      let at = cursor + term.pre.length;
      if (chunk.slice(at, at + term.text.length) !== term.text) {
        const found = chunk.indexOf(term.text, cursor);
        if (found < 0) continue;
        at = found;
      }
      const start = from + at;
      const end = start + term.text.length;
      cursor = at + term.text.length + term.post.length;
      tokens.push(makeToken(text, clean, start, end, term, sentenceIndex));
    }
    const last = tokens.length;
    if (last > first) {
      const firstToken = tokens[first]!;
      const lastToken = tokens[last - 1]!;
      sentences.push({ start: sentenceStart(text, firstToken), end: sentenceEnd(text, lastToken, from + chunk.length), first, last });
    }
  }
}

function makeToken(text: string, clean: string, start: number, end: number, term: CompromiseTerm, sentence: number): EnToken {
  const written = text.slice(start, end);
  const folded = clean.slice(start, end);
  const possessive = /['’]s?$/i.test(folded) && /\p{L}['’]s?$/iu.test(folded) && !/^(it|he|she|that|there|what|who)['’]s$/i.test(folded);
  const key = toKey(folded);
  const root = typeof term.root === 'string' && term.root ? toKey(term.root) : '';
  const letters = folded.replace(/[^\p{L}]/gu, '');
  return {
    text: written,
    start,
    end,
    key,
    lemma: root || key,
    tags: term.tags ?? new Set<string>(),
    pre: term.pre,
    post: term.post,
    sentence,
    capitalised: UPPER.test(folded),
    allCaps: letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase(),
    possessive,
  };
}

/** Lower case without possessive and edge punctuation: "Kazakhstan's" -> "kazakhstan". */
export function toKey(word: string): string {
  return word
    .toLowerCase()
    .replace(/['’]s?$/u, '')
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}

/** A sentence starts at its first word, or at an opening quote or bracket right before it. */
function sentenceStart(text: string, token: EnToken): number {
  let start = token.start;
  while (start > 0 && /["“‘'(«\[]/.test(text[start - 1] ?? '')) start--;
  return start;
}

/** A sentence ends after the closing punctuation that follows its last word. */
function sentenceEnd(text: string, token: EnToken, limit: number): number {
  let end = token.end;
  while (end < limit && /[.!?…"”’')»\]:;,]/.test(text[end] ?? '')) end++;
  return end;
}
