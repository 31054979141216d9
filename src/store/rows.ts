/** Between the store's rows (src/store/schema.ts) and the graph file's shapes (src/model/graph-file.ts). */
import type { Kysely, Selectable } from 'kysely';
import type { ArticleRecord, EntityNodeAttributes, MentionEvidence, Overrides, RelationEdgeAttributes, RelationEvidence } from '../model/graph-file';
import { OverridesSchema } from '../model/graph-file';
import { FormatError } from '../model/errors';
import type { EntityType, Language, RelationType } from '../model/vocabulary';
import type { ArticlesTable, Database, EdgesTable, EntitiesTable, MentionsTable, RelationEvidenceTable } from './schema';

export interface SerializedNode {
  key: string;
  attributes: EntityNodeAttributes;
}

export interface SerializedEdge {
  key: string;
  source: string;
  target: string;
  undirected?: boolean;
  attributes: RelationEdgeAttributes;
}

/** A node as loaded: label, counts and lists are refreshed from the evidence when it changes. */
export function nodeOfRow(row: Selectable<EntitiesTable>, evidence: MentionEvidence[], possibleSameAs: string[]): SerializedNode {
  const attributes: EntityNodeAttributes = {
    label: row.label,
    type: row.type as EntityType,
    aliases: [],
    mentions: Number(row.mentions),
    articles: [],
    evidence,
  };
  if (row.subtype !== null) attributes.subtype = row.subtype;
  if (Number(row.generic) === 1) attributes.generic = true;
  if (possibleSameAs.length > 0) attributes.possibleSameAs = possibleSameAs;
  if (row.x !== null) attributes.x = Number(row.x);
  if (row.y !== null) attributes.y = Number(row.y);
  return { key: row.id, attributes };
}

export function edgeOfRow(row: Selectable<EdgesTable>, evidence: RelationEvidence[]): SerializedEdge {
  const attributes: RelationEdgeAttributes = { type: row.type as RelationType, weight: Number(row.weight), evidence };
  if (row.props !== null) attributes.props = JSON.parse(row.props) as Record<string, string>;
  const edge: SerializedEdge = { key: row.key, source: row.source_id, target: row.target_id, attributes };
  if (Number(row.undirected) === 1) edge.undirected = true;
  return edge;
}

export function evidenceOfMention(row: Selectable<MentionsTable>, sentence: string): MentionEvidence {
  const ev: MentionEvidence = {
    article: row.article_id,
    sentence,
    sentenceStart: Number(row.sentence_start),
    start: Number(row.start),
    end: Number(row.end),
    text: row.text,
  };
  if (row.norm !== null) ev.norm = row.norm;
  if (row.ref !== null) ev.ref = row.ref;
  if (Number(row.generic) === 1) ev.generic = true;
  if (Number(row.nominal) === 1) ev.nominal = true;
  return ev;
}

export function evidenceOfRelation(row: Selectable<RelationEvidenceTable>, sentence: string): RelationEvidence {
  const ev: RelationEvidence = {
    article: row.article_id,
    sentence,
    sentenceStart: Number(row.sentence_start),
    source: [Number(row.source_start), Number(row.source_end)],
    target: [Number(row.target_start), Number(row.target_end)],
  };
  if (row.props !== null) ev.props = JSON.parse(row.props) as Record<string, string>;
  return ev;
}

export function mentionRow(entityId: string, ev: MentionEvidence): MentionsTable {
  return {
    entity_id: entityId,
    article_id: ev.article,
    start: ev.start,
    end: ev.end,
    text: ev.text,
    norm: ev.norm ?? null,
    ref: ev.ref ?? null,
    generic: ev.generic ? 1 : null,
    nominal: ev.nominal ? 1 : null,
    sentence_start: ev.sentenceStart,
  };
}

export function relationRow(edgeKey: string, ev: RelationEvidence): RelationEvidenceTable {
  return {
    edge_key: edgeKey,
    article_id: ev.article,
    sentence_start: ev.sentenceStart,
    source_start: ev.source[0],
    source_end: ev.source[1],
    target_start: ev.target[0],
    target_end: ev.target[1],
    props: ev.props && Object.keys(ev.props).length > 0 ? JSON.stringify(ev.props) : null,
  };
}

export function articleOfRow(row: Selectable<ArticlesTable>): ArticleRecord {
  const record: ArticleRecord = { id: row.id, title: row.title, lang: row.lang as Language, length: Number(row.length) };
  if (row.published !== null) record.published = row.published;
  if (row.author !== null) record.author = row.author;
  if (row.source_name !== null && row.source_url !== null) record.source = { name: row.source_name, url: row.source_url };
  if (row.file !== null) record.file = row.file;
  if (row.facts !== null) record.facts = JSON.parse(row.facts) as NonNullable<ArticleRecord['facts']>;
  return record;
}

export function articleRow(record: ArticleRecord, text: string | null): ArticlesTable {
  return {
    id: record.id,
    title: record.title,
    lang: record.lang,
    published: record.published ?? null,
    author: record.author ?? null,
    source_name: record.source?.name ?? null,
    source_url: record.source?.url ?? null,
    file: record.file ?? null,
    length: record.length,
    facts: record.facts ? JSON.stringify(record.facts) : null,
    text,
  };
}

export async function readOverrides(db: Kysely<Database>): Promise<Overrides> {
  const row = await db.selectFrom('meta').select('value').where('key', '=', 'overrides').executeTakeFirst();
  if (!row) return { merges: [], splits: [] };
  const parsed = OverridesSchema.safeParse(JSON.parse(row.value));
  if (!parsed.success) throw new FormatError('store', `the stored overrides are malformed: ${parsed.error.issues[0]?.message ?? ''}`);
  return parsed.data;
}
