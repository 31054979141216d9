/**
 * The half of adding an article that depends on the article alone, not on the
 * graph: valid mentions, within-document resolution, the article record and the
 * entity groups with their match keys. Kept apart (and pure) so that a store
 * that re-runs resolution over a growing working set prepares each article once,
 * and can ask up front which keys and nodes resolution will read.
 */
import type { ParsedArticle } from '../model/article';
import type { EntityMention, ExtractionResult } from '../model/extraction';
import type { ArticleRecord } from '../model/graph-file';
import { FACT_ENTITY_TYPES, type EntityType } from '../model/vocabulary';
import { articleScope, matchKeys, scopeFor, type EntityProfile, type MatchKeys } from '../resolve/across-articles';
import { completeArticleExtraction } from '../ingest/extract-article';
import { SentenceLocator } from './sentences';

const isFact = (type: EntityType) => (FACT_ENTITY_TYPES as readonly string[]).includes(type);

/**
 * What adding an article needs of the article alone, whatever the graph holds:
 * its valid mentions after within-document resolution, its record, and its
 * entities grouped with the profile cross-article resolution matches them by.
 * Pure, so a store that re-runs resolution over a growing working set prepares
 * each article once.
 */
export interface PreparedArticle {
  resolved: ExtractionResult;
  locate: SentenceLocator;
  record: ArticleRecord;
  /** Mentions dropped because their offsets do not slice the text (extractor bugs). */
  skipped: number;
  /** The article's entities, in key order (deterministic). */
  groups: ReadonlyArray<EntityGroup>;
}

/** One entity of an article: its mentions and what cross-article resolution matches it by. */
export interface EntityGroup {
  /** Indices into the resolved mentions. */
  indices: number[];
  /** The node id its own names give (before any merge). */
  proposedId: string;
  profile: EntityProfile;
  keys: MatchKeys;
  subtype: string | undefined;
}

export function prepareArticle(article: ParsedArticle, extraction: ExtractionResult): PreparedArticle {
  const { text } = article;
  let skipped = 0;
  const valid = new Map<number, number>();
  const mentions: EntityMention[] = [];
  extraction.entities.forEach((m, i) => {
    if (Number.isInteger(m.start) && Number.isInteger(m.end) && m.start >= 0 && m.start < m.end && m.end <= text.length) {
      valid.set(i, mentions.length);
      mentions.push(m);
    } else skipped++;
  });
  const relations = extraction.relations.flatMap((r) => {
    const source = valid.get(r.source);
    const target = valid.get(r.target);
    return source === undefined || target === undefined ? [] : [{ ...r, source, target }];
  });
  // Header lines and within-document resolution (idempotent: an extraction from
  // extractArticle and a raw one from the extractor give the same result).
  const resolved = completeArticleExtraction(article, skipped === 0 ? extraction : { ...extraction, entities: mentions, relations });
  const locate = new SentenceLocator(text, resolved.sentences);
  const scope = articleScope(article.id, resolved.entities);

  const record: ArticleRecord = { id: article.id, title: article.title, lang: article.lang, length: text.length };
  if (article.published !== undefined) record.published = article.published;
  if (article.author !== undefined) record.author = article.author;
  if (article.source !== undefined) record.source = article.source;
  if (article.file !== undefined) record.file = article.file;
  const facts = resolved.entities.filter((m) => isFact(m.type));
  if (facts.length > 0) {
    record.facts = facts.map((m) => ({ type: m.type as 'MONEY' | 'QUANTITY' | 'DATE', text: m.text, norm: m.norm, start: m.start, end: m.end }));
  }

  const byKey = new Map<string, number[]>();
  resolved.entities.forEach((m, i) => {
    if (!isFact(m.type)) byKey.set(m.entity!, [...(byKey.get(m.entity!) ?? []), i]);
  });
  const groups = [...byKey.keys()].sort().map((docKey) => {
    const indices = byKey.get(docKey)!;
    const first = resolved.entities[indices[0]!]!;
    // A nominal mention ("ведомство") never names its entity nor says its kind: the names do.
    const named = indices.filter((i) => !resolved.entities[i]!.nominal);
    const norms = named.map((i) => resolved.entities[i]!.norm);
    const subtype = named.map((i) => resolved.entities[i]!.subtype).find((s) => s !== undefined);
    // A lexicon ref may already be scoped ("org:mvd@loc:russia"): then the article's scope does not apply.
    const ownScope = docKey.includes('@') ? '' : scopeFor(first.type, subtype, norms, scope);
    const profile: EntityProfile = { type: first.type, norms, scope: ownScope };
    const ref = indices.map((i) => resolved.entities[i]!.ref).find((r) => r !== undefined);
    if (ref !== undefined) profile.ref = ref;
    return { indices, proposedId: `${docKey}${ownScope}`, profile, keys: matchKeys(profile), subtype };
  });
  return { resolved, locate, record, skipped, groups };
}

/**
 * What resolving a prepared article reads first, so that a store can load it before
 * resolution runs: the match keys of its entities (strong, weak, and the names a
 * full name rivals for) and the nodes their ids propose.
 */
export function lookupsOf(prepared: PreparedArticle): { keys: string[]; nodes: string[] } {
  const keys: string[] = [];
  const nodes: string[] = [];
  for (const { proposedId, keys: { strong, weak, indexed } } of prepared.groups) {
    keys.push(`id:${proposedId}`, ...strong, ...weak, ...indexed.filter((k) => k.startsWith('w:') || k.startsWith('a:')));
    nodes.push(proposedId);
  }
  return { keys, nodes };
}
