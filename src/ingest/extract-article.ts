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
 * metadata instead: the site as one ORGANIZATION/media per registrable domain, and
 * the author as an article attribute, a PERSON only when the text mentions them
 * (see completeArticleExtraction), each with the offsets of its value in its
 * header line. The publication date is the article's date
 * (ArticleRecord.published) and the reference date for relative dates ("в апреле
 * этого года"), not a mention. The title line is content and keeps its mentions.
 * Links, e-mail addresses, markup and code are not prose either (see
 * proseFilter). Finally, within-document resolution fills `entity`.
 */
import type { Extractor, PreparedExtractor } from '../extract/index';
import type { ParsedArticle } from '../model/article';
import type { EntityMention, ExtractedRelation, ExtractionResult } from '../model/extraction';
import { remapEvents } from '../extract/events/core';
import { resolveWithinDocument } from '../resolve/within-document';
import { findNonProse, maskMarkup, MOSTLY_MARKUP } from './non-prose';
import { parseHeader, type Span } from './parse';
import { registrableDomain } from './source-domain';

/**
 * Extracts one parsed article: extractor + header handling + within-document resolution.
 * The extractor reads the text with its markup and code blanked out (same offsets, see
 * maskMarkup), so a tag between two names does not join them into one.
 */
export function extractArticle(extractor: Extractor, article: ParsedArticle): ExtractionResult {
  const referenceDate = referenceDateOf(article);
  const input = maskMarkup(article.text, findNonProse(article.text).markup);
  const raw = extractor.extract(input, { lang: article.lang, ...(referenceDate ? { referenceDate } : {}) });
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

/**
 * Newsroom words: a byline part with one of them names a role or a desk, not a person
 * ("Корреспондент", "Staff reporter", "Редакция", "Пресс-служба МВД", "Editorial board").
 * Matched on whole words, any letter case and (for Russian) any ending.
 */
const BYLINE_ROLE =
  /^(?:автор\p{L}*|корреспондент\p{L}*|спецкор\p{L}*|редакц\p{L}*|редактор\p{L}*|главред\p{L}*|обозревател\p{L}*|журналист\p{L}*|репортер\p{L}*|репортёр\p{L}*|пресс-служб\p{L}*|пресс-центр\p{L}*|пресс-секретар\p{L}*|служб\p{L}*|отдел\p{L}*|агентств\p{L}*|staff|reporters?|correspondents?|editors?|editorial|newsroom|desk|press|office|service|team|agency|wire|by)$/iu;

/** A word that can be part of a person's name: letters, with hyphens, apostrophes or an initial's dot. */
const NAME_WORD = /^\p{L}[\p{L}'’-]*\.?$/u;

/**
 * The people of a byline, each with its span in the text: the names between separators,
 * without a leading role ("Корреспондент Иван Петров" is Иван Петров). A part that is a role
 * or a desk, the outlet itself ("Author: **Tengrinews.kz**"), or anything but name words (a
 * domain, an address, a handle) names no person.
 */
function bylinePeople(text: string, span: Span, siteName: string | undefined): Span[] {
  const value = text.slice(span[0], span[1]);
  const out: Span[] = [];
  let from = 0;
  const push = (end: number) => {
    const part = value.slice(from, end);
    const words = [...part.matchAll(/\S+/gu)];
    let first = 0;
    while (first < words.length && BYLINE_ROLE.test(words[first]![0])) first++;
    const rest = words.slice(first);
    if (rest.length === 0) return;
    const name = part.slice(rest[0]!.index, rest[rest.length - 1]!.index + rest[rest.length - 1]![0].length);
    if (siteName !== undefined && name.toLowerCase() === siteName) return;
    if (!rest.every((w) => NAME_WORD.test(w[0]) && !BYLINE_ROLE.test(w[0]))) return;
    if (!rest.some((w) => /^\p{Lu}/u.test(w[0]))) return;
    const at = span[0] + from + rest[0]!.index;
    out.push([at, at + name.length]);
  };
  for (const m of value.matchAll(AUTHOR_SEPARATORS)) {
    push(m.index);
    from = m.index + m[0].length;
  }
  push(value.length);
  return out;
}

const overlaps = (a: Span, start: number, end: number) => start < a[1] && end > a[0];

const NAMED_TYPES: ReadonlySet<string> = new Set(['PERSON', 'ORGANIZATION', 'LOCATION']);

/**
 * Which of the extractor's mentions are about what the article says: none inside markup or
 * code (the extractor read those blanked out, see extractArticle), no person, organisation or
 * place inside a link or an e-mail address, and none of those at all in a text that is mostly
 * markup or code (see src/ingest/non-prose.ts).
 */
function proseFilter(text: string): (mention: EntityMention) => boolean {
  const { addresses, markup, markupShare } = findNonProse(text);
  if (addresses.length === 0 && markup.length === 0) return () => true;
  const inAny = (spans: readonly Span[], m: EntityMention) => spans.some((span) => overlaps(span, m.start, m.end));
  return (m) => {
    if (inAny(markup, m)) return false;
    if (!NAMED_TYPES.has(m.type)) return true;
    return markupShare <= MOSTLY_MARKUP && !inAny(addresses, m);
  };
}

/** The lexicon namespace of outlets ("org:media:tass"): a site's ref is "org:media:<domain>". */
const MEDIA_REF_PREFIX = 'org:media:';

/**
 * Applies the header rules and within-document resolution to an extractor's raw
 * result for `article`. Idempotent: applying it to its own output gives the same
 * result, so KnowledgeBase.addArticle can apply it to whatever it is given (a raw
 * extraction from the page's worker, or the output of extractArticle).
 *
 * The header is metadata: what the extractor found in its lines is dropped. From it come
 *  - the site: one ORGANIZATION/media mention on the `Original:` link's name (or on the link
 *    when the name is empty), whose norm and ref are the link's registrable domain, so every
 *    article from one site names the same outlet ("organization:media:example.org"); the
 *    article's other mentions of the outlet the extractor recognised at that name join it;
 *  - the author(s): ArticleRecord.author keeps the byline. An author is a PERSON mention (on
 *    the byline, with the header line as evidence) only when the article's text itself
 *    mentions that person, i.e. the byline resolves to the same entity as a mention in the
 *    title or the body: writing an article does not make its author part of its story.
 */
export function completeArticleExtraction(article: ParsedArticle, extraction: ExtractionResult): ExtractionResult {
  // Idempotent, so a result this function returned for this article is returned as it is:
  // a store re-reading an extraction pays for within-document resolution once. Results are
  // treated as immutable everywhere.
  if (completed.get(extraction) === article.id) return extraction;
  const result = completeOnce(article, extraction);
  completed.set(result, article.id);
  return result;
}

/** Results of completeArticleExtraction, with the id of the article they complete. */
const completed = new WeakMap<ExtractionResult, string>();

/**
 * Records that `extraction` is completeArticleExtraction's result for this article,
 * for a copy of one made elsewhere (an extraction thread's answer), so it is not
 * completed a second time.
 */
export function markCompleted(article: ParsedArticle, extraction: ExtractionResult): void {
  completed.set(extraction, article.id);
}

function completeOnce(article: ParsedArticle, extraction: ExtractionResult): ExtractionResult {
  const { text } = article;
  const header = parseHeader(text);
  const metadata = header.metadataLines;

  const inMetadata = (start: number, end: number) => metadata.some((line) => overlaps(line, start, end));
  const spanOf = new Map<string, EntityMention>();
  for (const m of extraction.entities) spanOf.set(`${m.type}|${m.start}|${m.end}`, m);
  const keep = proseFilter(text);

  // The site: its mention, and the ref the extractor gave that name (a known outlet), whose
  // other mentions in the article are the same outlet.
  const siteSpan = header.sourceName ?? header.sourceUrl;
  let site: EntityMention | undefined;
  let siteLexiconRef: string | undefined;
  if (siteSpan) {
    const written = text.slice(siteSpan[0], siteSpan[1]);
    const domain = header.sourceUrl ? registrableDomain(text.slice(header.sourceUrl[0], header.sourceUrl[1])) : undefined;
    site = { start: siteSpan[0], end: siteSpan[1], type: 'ORGANIZATION', subtype: 'media', text: written, norm: domain ?? written.replace(/\s+/g, ' ') };
    if (domain !== undefined) site.ref = `${MEDIA_REF_PREFIX}${domain}`;
    const recognised = spanOf.get(`ORGANIZATION|${siteSpan[0]}|${siteSpan[1]}`)?.ref;
    if (recognised !== undefined && recognised !== site.ref) {
      if (site.ref === undefined) site.ref = recognised;
      else siteLexiconRef = recognised;
    }
  }

  // The extractor's mentions outside the metadata lines, keyed by their old index.
  const body: Array<{ old: number; mention: EntityMention }> = [];
  extraction.entities.forEach((mention, old) => {
    if (inMetadata(mention.start, mention.end) || !keep(mention)) return;
    const sameOutlet = siteLexiconRef !== undefined && mention.ref === siteLexiconRef && site?.ref !== undefined;
    body.push({ old, mention: sameOutlet ? { ...mention, ref: site!.ref! } : mention });
  });

  const siteName = header.sourceName ? text.slice(header.sourceName[0], header.sourceName[1]).trim().toLowerCase() : undefined;
  const authors: EntityMention[] = (header.author ? bylinePeople(text, header.author, siteName) : []).map((span) => {
    const written = text.slice(span[0], span[1]);
    return { start: span[0], end: span[1], type: 'PERSON', text: written, norm: written.replace(/\s+/g, ' ') };
  });

  // Each metadata line is a "sentence" of its own: the evidence shown for the
  // author or the site is its header line, and header values are never counted as
  // mentioned together with each other or with the title.
  const sentences: Array<[number, number]> =
    metadata.length === 0
      ? extraction.sentences
      : [...extraction.sentences.filter(([s, e]) => !inMetadata(s, e)), ...metadata.map(([s, e]): [number, number] => [s, e])].sort(
          (a, b) => a[0] - b[0] || a[1] - b[1],
        );

  const assemble = (people: readonly EntityMention[]): ExtractionResult => {
    const kept: Array<{ old?: number; mention: EntityMention }> = [...body, ...people.map((mention) => ({ mention })), ...(site ? [{ mention: site }] : [])];
    kept.sort((a, b) => a.mention.start - b.mention.start || a.mention.end - b.mention.end);
    const newIndex = new Map<number, number>();
    kept.forEach((k, i) => {
      if (k.old !== undefined) newIndex.set(k.old, i);
    });
    if (metadata.length === 0 && kept.length === extraction.entities.length) {
      // A plain text of clean prose: the extraction as it is, in the extractor's order.
      return resolveWithinDocument(extraction);
    }
    const relations: ExtractedRelation[] = [];
    for (const r of extraction.relations) {
      const source = newIndex.get(r.source);
      const target = newIndex.get(r.target);
      if (source !== undefined && target !== undefined) relations.push({ ...r, source, target });
    }
    // Events: indices remapped like the relations; an event triggered in a header line goes.
    const events = remapEvents(extraction.events, (old) => newIndex.get(old), (e) => !inMetadata(e.trigger.start, e.trigger.end));
    return resolveWithinDocument({ ...extraction, entities: kept.map((k) => k.mention), relations, ...(events ? { events } : {}), sentences });
  };

  const withAuthors = assemble(authors);
  if (authors.length === 0) return withAuthors;
  // An author stays only when an entity of the text has the byline among its mentions.
  const inText = new Set(withAuthors.entities.filter((m) => !inMetadata(m.start, m.end)).map((m) => m.entity));
  const isAuthor = (m: EntityMention) => m.type === 'PERSON' && authors.some((a) => a.start === m.start && a.end === m.end);
  const mentioned = new Set(withAuthors.entities.filter((m) => isAuthor(m) && inText.has(m.entity)).map((m) => m.start));
  if (mentioned.size === authors.length) return withAuthors;
  // Resolve again without the others, so a byline that stays out leaves no trace in the text's entities.
  return assemble(authors.filter((a) => mentioned.has(a.start)));
}
