/**
 * The parts of an article's text that are not prose, isomorphic: links, e-mail addresses,
 * markup (HTML/XML tags, comments, entities, script and style elements) and code (fenced
 * or inline markdown code, lines that read as program text). Names in them ("https://
 * lenta.ru/news/Moscow", "Ivan.Petrov@mvd.kz", `<div class="Moskva">`, `const Almaty =
 * new Map()`) are not people, organisations or places the article talks about.
 *
 * A bare domain is not a link here: "передает корреспондент Tengrinews.kz", "по данным
 * lenta.ru" name an outlet, and that outlet is an organisation.
 */
import type { Span } from './parse';

export interface NonProse {
  /** Links and e-mail addresses, sorted, not overlapping. */
  addresses: Span[];
  /** Markup and code, sorted, not overlapping. */
  markup: Span[];
  /** Share of the text's non-blank characters that are markup or code (0..1). */
  markupShare: number;
}

/** scheme://..., www...., or a domain followed by a path ("lenta.ru/news/1"). */
const LINK =
  /(?:\b[a-z][a-z0-9+.-]*:\/\/|\bwww\.)[^\s<>"'«»()[\]{}]+|\b[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}\/[^\s<>"'«»()[\]{}]*/giu;
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
/** Punctuation that ends the sentence around a link rather than the link. */
const TRAILING = /[.,;:!?…]+$/u;

const FENCE = /^[ \t]*(```|~~~)[^\n]*\n[\s\S]*?(?:^[ \t]*\1[ \t]*$|(?![\s\S]))/gm;
const INLINE_CODE = /`[^`\n]+`/g;
const SCRIPT_OR_STYLE = /<(script|style)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|(?![\s\S]))/gi;
const COMMENT = /<!--[\s\S]*?(?:-->|(?![\s\S]))/g;
const TAG = /<\/?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?\/?>/g;
const ENTITY = /&(?:[A-Za-z]+|#\d+|#x[0-9A-Fa-f]+);/g;

/**
 * A line that reads as program text: a statement or declaration of a common language, or a
 * line mostly of the symbols programs are written with. Prose has a bracket or a semicolon
 * here and there, never this.
 */
const CODE_STATEMENT =
  /^\s*(?:function\b[\s\w$]*\(|(?:const|let|var)\s+[\w${}[\],\s]+=|class\s+[\w$]+(?:\s+extends\s+[\w$.]+)?\s*\{|import\s+(?:[\w$*{][^;]*\sfrom\s|\{|['"])|export\s+(?:default|const|let|function|class|\{)|return\b[^\n]*;\s*$|(?:if|for|while|switch)\s*\(.*\)\s*\{|\}\s*(?:else|catch|finally)\b|def\s+\w+\s*\(.*\)\s*:|#include\s*[<"]|(?:public|private|protected)\s+(?:static\s+)?[\w<>[\]]+\s+\w+\s*[({=;]|console\.\w+\(|[\w$.]+\s*\([^()]*\)\s*;\s*$|[\w$.[\]]+\s*=\s*[^=].*;\s*$)/;
/** Program punctuation; not "*", "|", "#" or "_", which markdown prose uses too. */
const CODE_SYMBOLS = /[{}()[\];=<>$\\&]/g;

/** Every code line has one of these, or opens with an import, an export or an include. */
const MAYBE_CODE = /[{}()[\];=<>$\\&]|^\s*(?:import|export|#include)\b/;

function isCodeLine(line: string): boolean {
  if (!MAYBE_CODE.test(line)) return false; // most prose lines: one cheap test
  const trimmed = line.trim();
  if (trimmed === '') return false;
  if (CODE_STATEMENT.test(line)) return true;
  // "}", "});", "]": a line that only closes what code opened.
  if (/^[{}()[\];,]+$/.test(trimmed)) return true;
  const symbols = trimmed.match(CODE_SYMBOLS)?.length ?? 0;
  const letters = trimmed.match(/\p{L}/gu)?.length ?? 0;
  // "a[i] = b[j] & (c << d);": few letters among many symbols.
  return symbols >= 3 && symbols / (symbols + letters) >= 0.25;
}

/** Sorted, merged spans. */
function merge(spans: Span[]): Span[] {
  spans.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: Span[] = [];
  for (const span of spans) {
    const last = out[out.length - 1];
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else out.push([span[0], span[1]]);
  }
  return out;
}

function matches(re: RegExp, text: string, trim = false): Span[] {
  const out: Span[] = [];
  for (const m of text.matchAll(re)) {
    const value = trim ? m[0].replace(TRAILING, '') : m[0];
    if (value.length > 0) out.push([m.index, m.index + value.length]);
  }
  return out;
}

function codeLines(text: string): Span[] {
  const out: Span[] = [];
  let start = 0;
  while (start <= text.length) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    if (isCodeLine(text.slice(start, end))) out.push([start, end]);
    if (nl === -1) break;
    start = nl + 1;
  }
  return out;
}

/** The last text asked about: parsing, extracting and completing an article each ask about it. */
let last: { text: string; result: NonProse } | undefined;

export function findNonProse(text: string): NonProse {
  if (last?.text === text) return last.result;
  const result = computeNonProse(text);
  last = { text, result };
  return result;
}

/** Characters other than white space in text[start, end). */
function nonBlank(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x20 && c !== 0xa0 && !(c >= 0x2000 && c <= 0x200a) && c !== 0x2028 && c !== 0x2029 && c !== 0x3000 && c !== 0xfeff) n++;
  }
  return n;
}

function computeNonProse(text: string): NonProse {
  // Each pattern runs only when the text has the character it needs: most articles have no
  // markup, code or addresses, and every article is scanned.
  const has = (s: string) => text.includes(s);
  const markup = merge([
    ...(has('```') || has('~~~') ? matches(FENCE, text) : []),
    ...(has('`') ? matches(INLINE_CODE, text) : []),
    ...(has('<') ? [...matches(SCRIPT_OR_STYLE, text), ...matches(COMMENT, text), ...matches(TAG, text)] : []),
    ...(has('&') ? matches(ENTITY, text) : []),
    ...codeLines(text),
  ]);
  const addresses = merge([...(has('/') || has('www.') ? matches(LINK, text, true) : []), ...(has('@') ? matches(EMAIL, text) : [])]);
  if (markup.length === 0) return { addresses, markup, markupShare: 0 };
  let markupChars = 0;
  for (const [s, e] of markup) markupChars += nonBlank(text, s, e);
  const all = nonBlank(text, 0, text.length);
  return { addresses, markup, markupShare: all === 0 ? 0 : markupChars / all };
}

/**
 * Above this share of markup and code, a text is not prose at all: whatever reads like a
 * name in it (an identifier, an attribute, a table cell) is not one of the article's people,
 * organisations or places.
 */
export const MOSTLY_MARKUP = 0.5;

/** Elements that stand on a line of their own: the text before and after them is not one phrase. */
const BLOCK_TAG = /^<\/?(?:p|div|br|hr|li|ul|ol|dl|dt|dd|tr|td|th|table|thead|tbody|h[1-6]|section|article|header|footer|nav|aside|main|blockquote|pre|figure|figcaption|script|style)\b/i;

/**
 * The text with its markup and code blanked out, the same length, so offsets into it are
 * offsets into `text`. A block element, a code line or a code block becomes a line break
 * and spaces, so the text on either side are separate lines; an inline tag ("<b>", "</a>")
 * or inline code becomes "|" and spaces, a separator inside the line, so "<b>МВД</b> Казахстана" still reads
 * as "МВД" and "Казахстана" and "Иван Петров</a><span>МВД" never as one name; an entity
 * ("&nbsp;") becomes spaces.
 */
export function maskMarkup(text: string, markup: readonly Span[]): string {
  if (markup.length === 0) return text;
  let out = '';
  let at = 0;
  for (const [s, e] of markup) {
    out += text.slice(at, s);
    const part = text.slice(s, e);
    const blank = part.slice(1).replace(/[^\n]/g, ' ');
    if (part.startsWith('&')) out += ` ${blank}`;
    else if (!part.includes('\n') && ((part.startsWith('<') && !BLOCK_TAG.test(part)) || /^`[^`]/.test(part))) out += `|${blank}`;
    else out += `\n${blank}`;
    at = e;
  }
  return out + text.slice(at);
}
