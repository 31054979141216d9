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
import { findNonProse, maskMarkup } from './non-prose';

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
// Values are written in bold by the exporter this format comes from; written by hand they
// often are not, and a plain "Published at: 2026-11-02" must still be metadata, not prose
// (else "Published" becomes an organisation). Group 1 is the optional "**", group 2 the value.
const PUBLISHED = /^Published at:\s*(\*\*)?(.+?)\1\s*$/i;
const AUTHOR = /^Author:\s*(\*\*)?(.+?)\1\s*$/i;
// `[name](url)`, or a bare link (then the name is empty): groups 1-2, or 3.
const ORIGINAL = /^Original:\s*(?:\[([^\]]*)\]\(([^)\s]+)\)|<?(https?:\/\/[^\s<>]+)>?)\s*$/i;

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

/** Where the markdown header's parts are in the text: [start, end) spans (end exclusive). */
export type Span = [number, number];

export interface ArticleHeader {
  /** The `# title` line (or, in plain text, the first line): part of the article's content. */
  titleLine: Span;
  /** The title's words inside that line. */
  title: Span;
  /** Every header line after the title (`Published at:`, `Author:`, `Original:`): metadata, not prose. */
  metadataLines: Span[];
  /** The value inside `Published at: **...**`. */
  published?: Span;
  /** The value inside `Author: **...**`. */
  author?: Span;
  /** The site name inside `Original: [...](...)`, and the link. */
  sourceName?: Span;
  sourceUrl?: Span;
  /** Offset where the body starts. */
  bodyStart: number;
  /** Whether the text had a markdown header (`# title`); false for plain text. */
  markdown: boolean;
}

/** The span of capture group `group` of a match found in `content`, which starts at `offset` in the text. */
function groupSpan(match: RegExpExecArray, group: number, offset: number): Span | undefined {
  const indices = match.indices?.[group];
  if (!indices) return undefined;
  // Values are trimmed: the span covers the value's characters only.
  const raw = match[group]!;
  const lead = raw.length - raw.trimStart().length;
  const value = raw.trim();
  if (value === '') return undefined;
  return [offset + indices[0] + lead, offset + indices[0] + lead + value.length];
}

/**
 * Finds the header of an article text (a decoded, BOM-stripped text that is not
 * blank): the title line, the metadata lines and the offsets of their values.
 * `parseArticle` reads the values from it; `extractArticle` uses the offsets to
 * keep the metadata lines out of the prose and to locate the author and site name.
 */
export function parseHeader(text: string): ArticleHeader {
  const iterator = lines(text);
  let line = iterator.next();
  while (!line.done && line.value.content.trim() === '') line = iterator.next();
  if (line.done) return { titleLine: [0, 0], title: [0, 0], metadataLines: [], bodyStart: 0, markdown: false };

  const first = line.value;
  const firstEnd = first.start + first.content.length;
  const lead = first.content.length - first.content.trimStart().length;
  const title = new RegExp(TITLE.source, 'd').exec(first.content.trim());
  if (!title) {
    // Plain text: the first line is the title and the rest is the body, unless the
    // text is a single line, which is then both.
    const next = iterator.next();
    const titleSpan: Span = [first.start + lead, first.start + first.content.trimEnd().length];
    return { titleLine: [first.start, firstEnd], title: titleSpan, metadataLines: [], bodyStart: next.done ? first.start : next.value.start, markdown: false };
  }

  const header: ArticleHeader = {
    titleLine: [first.start, firstEnd],
    title: groupSpan(title, 1, first.start + lead) ?? [first.start, firstEnd],
    metadataLines: [],
    bodyStart: text.length,
    markdown: true,
  };
  for (line = iterator.next(); !line.done; line = iterator.next()) {
    const { content, start } = line.value;
    if (content.trim() === '') continue;
    const at = start + content.length - content.trimStart().length;
    const trimmed = content.trim();
    const published = PUBLISHED_D.exec(trimmed);
    const author = AUTHOR_D.exec(trimmed);
    const original = ORIGINAL_D.exec(trimmed);
    if (!published && !author && !original) {
      header.bodyStart = start;
      break;
    }
    header.metadataLines.push([start, start + content.length]);
    if (published) setSpan(header, 'published', groupSpan(published, 2, at));
    else if (author) setSpan(header, 'author', groupSpan(author, 2, at));
    else if (original) {
      setSpan(header, 'sourceName', groupSpan(original, 1, at));
      setSpan(header, 'sourceUrl', groupSpan(original, original[3] !== undefined ? 3 : 2, at));
    }
  }
  return header;
}

function setSpan(header: ArticleHeader, key: 'published' | 'author' | 'sourceName' | 'sourceUrl', span: Span | undefined): void {
  if (span) header[key] = span;
  else delete header[key];
}

const PUBLISHED_D = new RegExp(PUBLISHED.source, 'id');
const AUTHOR_D = new RegExp(AUTHOR.source, 'id');
const ORIGINAL_D = new RegExp(ORIGINAL.source, 'id');

function parseArticleText(text: string, file: string | undefined): ParsedArticle {
  // The language of the prose: markup and code are mostly Latin letters whatever the article's language.
  const lang = detectLanguage(maskMarkup(text, findNonProse(text).markup));
  const article: ParsedArticle = { id: articleId(text), title: '', text, bodyStart: 0, lang };
  if (file !== undefined) article.file = file;
  const header = parseHeader(text);
  const slice = (span: Span) => text.slice(span[0], span[1]);
  article.title = shortenTitle(header.markdown ? slice(header.title) : text.slice(header.titleLine[0], header.titleLine[1]));
  article.bodyStart = header.bodyStart;
  if (header.published) article.published = slice(header.published);
  if (header.author) article.author = slice(header.author);
  if (header.sourceUrl) article.source = { name: header.sourceName ? slice(header.sourceName) : '', url: slice(header.sourceUrl) };
  return article;
}
