/**
 * The store's tables, once: the Kysely types every query is checked against, and
 * the versioned migrations that create them (applied automatically when a store is
 * opened; a store migrated by a newer kg is refused, see migrate.ts).
 *
 * Kept within what Citus can distribute (docs/scaling.md): no foreign keys, no
 * sequences or serial ids (every key is a natural key: content hashes, entity ids,
 * offsets), every primary key starts with the column a table would be distributed
 * by, and no query joins two large tables on anything but that column.
 */
import { sql, type ColumnType, type Kysely, type Migration } from 'kysely';
import { countEvidence, newNodeState } from '../graph/evidence-counts';
import type { EntityType } from '../model/vocabulary';

/** JSON kept as text: the same column type in SQLite and PostgreSQL. */
type JsonText = string;

export interface ArticlesTable {
  id: string;
  title: string;
  lang: string;
  published: string | null;
  author: string | null;
  source_name: string | null;
  source_url: string | null;
  file: string | null;
  length: number;
  /** MONEY / QUANTITY / DATE facts (ArticleRecord.facts), JSON. */
  facts: JsonText | null;
  /** The whole article text, for re-extraction and for showing the article. */
  text: string | null;
}

/** The sentences an article's evidence quotes, once each. */
export interface SentencesTable {
  article_id: string;
  start: number;
  text: string;
}

/**
 * One row per entity (graph node). label, mentions and article_count are derived
 * from the mentions and refreshed whenever the entity changes, so a summary of the
 * graph is one scan of this table.
 */
export interface EntitiesTable {
  id: string;
  type: string;
  subtype: string | null;
  label: string;
  mentions: number;
  article_count: number;
  /** Articles that name it by a full name, not only a short one (what resolution reads of a node it adds to). */
  full_article_count: number;
  /** 1 for a class word's node (EntityNodeAttributes.generic), else null. */
  generic: number | null;
  x: number | null;
  y: number | null;
}

/**
 * An entity's names (kind 'n', canonical), forms as written (kind 't') and lexicon
 * entries (kind 'r', MentionEvidence.ref) with
 * their mention counts: what resolution reads of an entity, so an article that
 * mentions a much-mentioned entity reads its few names, not its many mentions.
 */
export interface EntityNamesTable {
  entity_id: string;
  kind: 'n' | 't' | 'r' | 'g';
  name: string;
  count: number;
}

/** The resolution index: match key -> entity (canonical keys, aliases, transliterations, acronyms, scope). */
export interface EntityKeysTable {
  key: string;
  entity_id: string;
}

export interface MentionsTable {
  entity_id: string;
  article_id: string;
  start: number;
  end: number;
  text: string;
  norm: string | null;
  /** MentionEvidence.ref: the lexicon entry, when the extractor identified the mention by one. */
  ref: string | null;
  /** 1 for a class word's mention (MentionEvidence.generic), else null. */
  generic: number | null;
  /** 1 for a descriptor resolved to the entity (MentionEvidence.nominal), else null. */
  nominal: number | null;
  sentence_start: number;
}

export interface PossibleSameAsTable {
  entity_id: string;
  other_id: string;
}

export interface EdgesTable {
  key: string;
  type: string;
  source_id: string;
  target_id: string;
  undirected: number;
  weight: number;
  /** Merged relation properties (RelationEdgeAttributes.props), JSON. */
  props: JsonText | null;
}

export interface RelationEvidenceTable {
  edge_key: string;
  article_id: string;
  sentence_start: number;
  source_start: number;
  source_end: number;
  target_start: number;
  target_end: number;
  props: JsonText | null;
}

/** Small values: the user's overrides (JSON). */
export interface MetaTable {
  key: string;
  value: string;
}

export interface Database {
  articles: ArticlesTable;
  sentences: SentencesTable;
  entities: EntitiesTable;
  entity_keys: EntityKeysTable;
  entity_names: EntityNamesTable;
  mentions: MentionsTable;
  possible_same_as: PossibleSameAsTable;
  edges: EdgesTable;
  relation_evidence: RelationEvidenceTable;
  meta: MetaTable;
}

/** count(*) is a bigint in PostgreSQL (a string through pg) and a number in SQLite. */
export type Count = ColumnType<number | string | bigint, never, never>;

// Kysely's migration functions take Kysely<any>: a migration runs against the schema
// as it was at its time, not as the Database interface says it is now.
/* eslint-disable @typescript-eslint/no-explicit-any */
type AnyDb = Kysely<any>;

export const MIGRATIONS: Record<string, Migration> = {
  '0001_graph': {
    async up(db: AnyDb) {
      await db.schema
        .createTable('articles')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('lang', 'text', (c) => c.notNull())
        .addColumn('published', 'text')
        .addColumn('author', 'text')
        .addColumn('source_name', 'text')
        .addColumn('source_url', 'text')
        .addColumn('file', 'text')
        .addColumn('length', 'integer', (c) => c.notNull())
        .addColumn('facts', 'text')
        .addColumn('text', 'text')
        .execute();
      await db.schema
        .createTable('sentences')
        .addColumn('article_id', 'text', (c) => c.notNull())
        .addColumn('start', 'integer', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('sentences_pk', ['article_id', 'start'])
        .execute();
      await db.schema
        .createTable('entities')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('subtype', 'text')
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('mentions', 'integer', (c) => c.notNull())
        .addColumn('article_count', 'integer', (c) => c.notNull())
        .addColumn('x', 'double precision')
        .addColumn('y', 'double precision')
        .execute();
      await db.schema
        .createTable('entity_keys')
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('entity_keys_pk', ['key', 'entity_id'])
        .execute();
      await db.schema.createIndex('entity_keys_entity').on('entity_keys').column('entity_id').execute();
      await db.schema
        .createTable('mentions')
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addColumn('article_id', 'text', (c) => c.notNull())
        .addColumn('start', 'integer', (c) => c.notNull())
        .addColumn('end', 'integer', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('norm', 'text')
        .addColumn('sentence_start', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('mentions_pk', ['entity_id', 'article_id', 'start', 'end'])
        .execute();
      await db.schema.createIndex('mentions_article').on('mentions').columns(['article_id', 'entity_id']).execute();
      await db.schema
        .createTable('possible_same_as')
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addColumn('other_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('possible_same_as_pk', ['entity_id', 'other_id'])
        .execute();
      await db.schema.createIndex('possible_same_as_other').on('possible_same_as').column('other_id').execute();
      await db.schema
        .createTable('edges')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('source_id', 'text', (c) => c.notNull())
        .addColumn('target_id', 'text', (c) => c.notNull())
        .addColumn('undirected', 'integer', (c) => c.notNull())
        .addColumn('weight', 'integer', (c) => c.notNull())
        .addColumn('props', 'text')
        .execute();
      await db.schema.createIndex('edges_source').on('edges').column('source_id').execute();
      await db.schema.createIndex('edges_target').on('edges').column('target_id').execute();
      // No primary key: one sentence may give the same relation between the same two mentions twice.
      await db.schema
        .createTable('relation_evidence')
        .addColumn('edge_key', 'text', (c) => c.notNull())
        .addColumn('article_id', 'text', (c) => c.notNull())
        .addColumn('sentence_start', 'integer', (c) => c.notNull())
        .addColumn('source_start', 'integer', (c) => c.notNull())
        .addColumn('source_end', 'integer', (c) => c.notNull())
        .addColumn('target_start', 'integer', (c) => c.notNull())
        .addColumn('target_end', 'integer', (c) => c.notNull())
        .addColumn('props', 'text')
        .execute();
      await db.schema.createIndex('relation_evidence_edge').on('relation_evidence').column('edge_key').execute();
      await db.schema.createIndex('relation_evidence_article').on('relation_evidence').column('article_id').execute();
      await db.schema
        .createTable('meta')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
      await sql`insert into meta (key, value) values ('overrides', '{"merges":[],"splits":[]}')`.execute(db);
    },
  },
  '0002_entity_names': {
    async up(db: AnyDb) {
      await db.schema
        .createTable('entity_names')
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('entity_names_pk', ['entity_id', 'kind', 'name'])
        .execute();
      await db.schema.alterTable('entities').addColumn('full_article_count', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      // Fill both from the stored mentions, entity by entity, with the counting the graph uses.
      const entities = (await db.selectFrom('entities').select(['id', 'type']).execute()) as Array<{ id: string; type: EntityType }>;
      for (const entity of entities) {
        const state = newNodeState(entity.type);
        const mentions = (await db.selectFrom('mentions').select(['article_id', 'text', 'norm']).where('entity_id', '=', entity.id).execute()) as Array<{ article_id: string; text: string; norm: string | null }>;
        for (const m of mentions) countEvidence(state, { article: m.article_id, sentence: '', sentenceStart: 0, start: 0, end: 0, text: m.text, ...(m.norm !== null ? { norm: m.norm } : {}) }, 1);
        const rows = [...[...state.norms].map(([name, count]) => ({ entity_id: entity.id, kind: 'n', name, count })), ...[...state.texts].map(([name, count]) => ({ entity_id: entity.id, kind: 't', name, count }))];
        if (rows.length > 0) await db.insertInto('entity_names').values(rows).execute();
        await db.updateTable('entities').set({ full_article_count: state.fullArticles.size }).where('id', '=', entity.id).execute();
      }
    },
  },
  '0003_mention_ref': {
    async up(db: AnyDb) {
      await db.schema.alterTable('mentions').addColumn('ref', 'text').execute();
    },
  },
  // Class words' mentions and nodes (generic). Stores written before they were marked get
  // them with kg ingest --rebuild.
  '0004_generic': {
    async up(db: AnyDb) {
      await db.schema.alterTable('entities').addColumn('generic', 'integer').execute();
      await db.schema.alterTable('mentions').addColumn('generic', 'integer').execute();
    },
  },
  // Descriptors resolved to a named entity ("ведомство", "президент"): their mentions are
  // evidence, never names. Stores written before them get them with kg ingest --rebuild.
  '0005_nominal': {
    async up(db: AnyDb) {
      await db.schema.alterTable('mentions').addColumn('nominal', 'integer').execute();
    },
  },
};
