/**
 * Article-level extraction, isomorphic: the one place that turns a parsed article
 * into the mentions and relations every consumer uses (`kg extract`, `kg ingest`,
 * KnowledgeBase.addArticle and so the page).
 *
 * The extractor reads the whole decoded text, so offsets stay offsets into the
 * file's text (the `kg extract --jsonl` contract). The markdown header is not
 * prose, though: what the extractor finds in the `Published at:`, `Author:` and
 * `Original:` lines ("Published at" as an organisation, "[Central Asia Wire]" as
 * a place) is dropped, and the header's meaning is added from the parsed
 * metadata instead: the author as a PERSON, the site as an ORGANIZATION/media,
 * each with the offsets of its value in its header line. The publication date is
 * the article's date (ArticleRecord.published) and the reference date for
 * relative dates ("в апреле этого года"), not a mention. The title line is content
 * and keeps its mentions. Finally, within-document resolution fills `entity`.
 */
import type { Extractor, PreparedExtractor } from '../extract/index';
import type { ParsedArticle } from '../model/article';
import type { EntityMention, ExtractedRelation, ExtractionResult } from '../model/extraction';
import { resolveWithinDocument } from '../resolve/within-document';
import { parseHeader, type Span } from './parse';

/** Extracts one parsed article: extractor + header handling + within-document resolution. */
export function extractArticle(extractor: Extractor, article: ParsedArticle): ExtractionResult {
  const referenceDate = referenceDateOf(article);
  const raw = extractor.extract(article.text, { lang: article.lang, ...(referenceDate ? { referenceDate } : {}) });
  return completeArticleExtraction(article, raw);
}

/**
 * extractArticle for an extractor that loads its English pipeline on demand
 * (createExtractor(..., { english: false })): loads it first when the article is English
 * and it is not loaded yet. The result is the same as extractArticle's.
 */
export async function extractArticleWhenReady(extractor: Extractor & Partial<Pick<PreparedExtractor, 'prepareEnglish'>>, article: ParsedArticle): Promise<ExtractionResult> {
  if (extractor.prepareEnglish && article.lang === 'en') await extractor.prepareEnglish();
  return extractArticle(extractor, article);
}

/** The publication date as an ISO date (YYYY-MM-DD), when the header gives one in ISO form. */
export function referenceDateOf(article: Pick<ParsedArticle, 'published'>): string | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})(?:$|[T\s])/.exec(article.published?.trim() ?? '');
  return match?.[1];
}

/** Separators between several authors in one byline ("Анна Петрова, Иван Сидоров", "A and B"). */
const AUTHOR_SEPARATORS = /\s*(?:[,;&/]|\s(?:и|and)\s)\s*/gu;

/** The names of a byline, each with its span in the text. */
function authorSpans(text: string, span: Span): Span[] {
  const value = text.slice(span[0], span[1]);
  const out: Span[] = [];
  let from = 0;
  const push = (end: number) => {
    const part = value.slice(from, end);
    const lead = part.length - part.trimStart().length;
    const name = part.trim();
    if (/\p{L}/u.test(name)) out.push([span[0] + from + lead, span[0] + from + lead + name.length]);
  };
  for (const m of value.matchAll(AUTHOR_SEPARATORS)) {
    push(m.index);
    from = m.index + m[0].length;
  }
  push(value.length);
  return out;
}

const overlaps = (a: Span, start: number, end: number) => start < a[1] && end > a[0];

/**
 * Applies the header rules and within-document resolution to an extractor's raw
 * result for `article`. Idempotent: applying it to its own output gives the same
 * result, so KnowledgeBase.addArticle can apply it to whatever it is given (a raw
 * extraction from the page's worker, or the output of extractArticle).
 */
export function completeArticleExtraction(article: ParsedArticle, extraction: ExtractionResult): ExtractionResult {
  const { text } = article;
  const header = parseHeader(text);
  const metadata = header.metadataLines;
  if (metadata.length === 0) return resolveWithinDocument(extraction);

  const inMetadata = (start: number, end: number) => metadata.some((line) => overlaps(line, start, end));
  const spanOf = new Map<string, EntityMention>();
  for (const m of extraction.entities) spanOf.set(`${m.type}|${m.start}|${m.end}`, m);

  // The extractor's mentions outside the metadata lines, keyed by their old index.
  const kept: Array<{ old?: number; mention: EntityMention }> = [];
  extraction.entities.forEach((mention, old) => {
    if (!inMetadata(mention.start, mention.end)) kept.push({ old, mention });
  });

  // Mentions from the metadata: the author(s) and the site name.
  const fromHeader = (span: Span, type: 'PERSON' | 'ORGANIZATION', subtype?: string): EntityMention => {
    const written = text.slice(span[0], span[1]);
    const mention: EntityMention = { start: span[0], end: span[1], type, text: written, norm: written.replace(/\s+/g, ' ') };
    if (subtype !== undefined) mention.subtype = subtype;
    // A lexicon match of the same span (a known outlet) keeps its language-independent reference.
    const ref = spanOf.get(`${type}|${span[0]}|${span[1]}`)?.ref;
    if (ref !== undefined) mention.ref = ref;
    return mention;
  };
  // A byline that is the outlet itself ("Author: **Tengrinews.kz**") names no person.
  const siteName = header.sourceName ? text.slice(header.sourceName[0], header.sourceName[1]).trim().toLowerCase() : undefined;
  if (header.author) {
    for (const span of authorSpans(text, header.author)) {
      if (text.slice(span[0], span[1]).toLowerCase() !== siteName) kept.push({ mention: fromHeader(span, 'PERSON') });
    }
  }
  if (header.sourceName) kept.push({ mention: fromHeader(header.sourceName, 'ORGANIZATION', 'media') });
  kept.sort((a, b) => a.mention.start - b.mention.start || a.mention.end - b.mention.end);

  const newIndex = new Map<number, number>();
  kept.forEach((k, i) => {
    if (k.old !== undefined) newIndex.set(k.old, i);
  });
  const relations: ExtractedRelation[] = [];
  for (const r of extraction.relations) {
    const source = newIndex.get(r.source);
    const target = newIndex.get(r.target);
    if (source !== undefined && target !== undefined) relations.push({ ...r, source, target });
  }
  // Each metadata line is a "sentence" of its own: the evidence shown for the
  // author or the site is its header line, and header values are never counted as
  // mentioned together with each other or with the title.
  const sentences: Array<[number, number]> = [
    ...extraction.sentences.filter(([s, e]) => !inMetadata(s, e)),
    ...metadata.map(([s, e]): [number, number] => [s, e]),
  ].sort((a, b) => a[0] - b[0] || a[1] - b[1]);

  return resolveWithinDocument({ ...extraction, entities: kept.map((k) => k.mention), relations, sentences });
}
