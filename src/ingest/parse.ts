/**
 * Article text -> ParsedArticle, isomorphic (no fs): the CLI passes file bytes,
 * the browser passes a pasted string. Two formats:
 *  - markdown news: `# title`, then header lines `Published at: **...**`,
 *    `Author: **...**`, `Original: [site](url)` (any order, any present), then the body;
 *  - plain text: title = first non-blank line.
 * Offsets (bodyStart, and later extraction offsets) index `text`, the decoded
 * text with the BOM stripped and nothing else changed.
 */
import type { ParsedArticle } from '../model/article';
import { detectLanguage } from '../extract/language';
import { articleId } from './sha256';
import { checkText, decodeArticleBytes } from './decode';

/** Titles longer than this (a plain text whose first line is a paragraph) are cut. */
export const MAX_TITLE_LENGTH = 200;

interface Line {
  start: number;
  /** Without the line terminator. */
  content: string;
}

function* lines(text: string): Generator<Line> {
  let start = 0;
  while (start < text.length) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    yield { start, content: text.slice(start, end).replace(/\r$/, '') };
    start = end + 1;
  }
}

const TITLE = /^#\s+(.+?)\s*#*\s*$/;
const PUBLISHED = /^Published at:\s*\*\*(.+?)\*\*\s*$/i;
const AUTHOR = /^Author:\s*\*\*(.+?)\*\*\s*$/i;
const ORIGINAL = /^Original:\s*\[([^\]]*)\]\(([^)\s]+)\)\s*$/i;

function shortenTitle(title: string): string {
  const clean = title.replace(/\s+/g, ' ').trim();
  return clean.length <= MAX_TITLE_LENGTH ? clean : `${clean.slice(0, MAX_TITLE_LENGTH - 1).trimEnd()}…`;
}

export interface ParseOptions {
  /** File name (or a label such as "pasted text") used in errors and kept on the article. */
  file?: string;
}

/** Parses an article given as bytes (from a file) or as an already-decoded string. */
export function parseArticle(input: Uint8Array | string, options: ParseOptions = {}): ParsedArticle {
  const name = options.file ?? 'article';
  const text = typeof input === 'string' ? checkText(input, name) : decodeArticleBytes(input, name).text;
  return parseArticleText(text, options.file);
}

function parseArticleText(text: string, file: string | undefined): ParsedArticle {
  const article: ParsedArticle = { id: articleId(text), title: '', text, bodyStart: 0, lang: detectLanguage(text) };
  if (file !== undefined) article.file = file;

  const iterator = lines(text);
  let line = iterator.next();
  while (!line.done && line.value.content.trim() === '') line = iterator.next();
  if (line.done) return article; // unreachable: checkText refuses blank texts

  const first = line.value;
  const title = TITLE.exec(first.content.trim());
  if (!title) {
    // Plain text: the first line is the title and the rest is the body, unless the
    // text is a single line, which is then both.
    article.title = shortenTitle(first.content);
    const next = iterator.next();
    article.bodyStart = next.done ? first.start : next.value.start;
    return article;
  }

  article.title = shortenTitle(title[1] ?? '');
  article.bodyStart = text.length;
  for (line = iterator.next(); !line.done; line = iterator.next()) {
    const content = line.value.content.trim();
    if (content === '') continue;
    const published = PUBLISHED.exec(content);
    const author = AUTHOR.exec(content);
    const original = ORIGINAL.exec(content);
    if (published) article.published = published[1]!.trim();
    else if (author) article.author = author[1]!.trim();
    else if (original) article.source = { name: original[1]!.trim(), url: original[2]! };
    else {
      article.bodyStart = line.value.start;
      break;
    }
  }
  return article;
}
