/**
 * The graph store: the system of record for the knowledge graph (articles,
 * sentences, mentions, entities with their names and match keys, relations with
 * their evidence, user overrides and node positions). Two backends share this
 * interface and one test suite: SQLite (embedded, the default, a file path) and
 * PostgreSQL (a `postgres://` URL, for a team).
 *
 * Every change is one transaction: a failed or killed command leaves the store as
 * it was. JSON graph files are an exchange format (`exportFile` / `importFile`).
 */
import type { ParsedArticle } from '../model/article';
import type { ExtractionResult } from '../model/extraction';
import type { ArticleRecord, GraphFile, Overrides } from '../model/graph-file';
import type { ArticleSummary } from '../graph/knowledge-base';
import type { EntityType, RelationType } from '../model/vocabulary';

export type StoreKind = 'sqlite' | 'postgres';

export interface StoreCounts {
  articles: number;
  entities: number;
  relations: number;
  mentions: number;
  byType: Partial<Record<EntityType, number>>;
  byRelation: Partial<Record<RelationType, number>>;
}

export interface EntitySummary {
  id: string;
  label: string;
  type: EntityType;
  subtype?: string;
  mentions: number;
  articles: number;
}

/** An article with what the extractor found in it, ready to be added. */
export interface ExtractedArticle {
  article: ParsedArticle;
  extraction: ExtractionResult;
}

export interface GraphStore {
  readonly kind: StoreKind;
  /** Where the store is, fit to print: a path, or a URL without its password. */
  readonly location: string;

  /**
   * Adds one article and its extraction (extractArticle's result, or the
   * extractor's raw result) in one transaction: its mentions and evidence, entity
   * upserts, edge updates. Returns undefined, changing nothing, when an article
   * with this id is already in the store.
   */
  addArticle(article: ParsedArticle, extraction: ExtractionResult): Promise<ArticleSummary | undefined>;
  /**
   * Adds several articles in one transaction (bulk ingest): all of them or none,
   * the same graph as adding them one by one in this order, with what they share
   * loaded and written once. Per item: its summary, or undefined when the article
   * was already in the store (or earlier in `items`).
   */
  addArticles(items: readonly ExtractedArticle[]): Promise<Array<ArticleSummary | undefined>>;
  hasArticle(id: string): Promise<boolean>;
  /** Of `ids`, those already in the store (one query for a batch). */
  knownArticles(ids: readonly string[]): Promise<Set<string>>;
  listArticles(): Promise<ArticleRecord[]>;
  /** Retracts an article in one transaction; entities nothing else supports disappear. */
  removeArticle(id: string): Promise<{ removedEntities: string[] }>;

  /** `kg merge`: absorb becomes part of keep, now and on every re-ingest. */
  mergeNodes(keep: string, absorb: string): Promise<void>;
  /** `kg split`: mentions written as these aliases become an entity of their own; returns its id. */
  splitNode(id: string, aliases: string[]): Promise<string>;
  getOverrides(): Promise<Overrides>;

  /** The whole graph as the versioned graph file (in-memory shape; serializeGraphFile writes it). */
  exportFile(): Promise<GraphFile>;
  /** Replaces the whole store with a validated graph file, in one transaction. */
  importFile(file: GraphFile): Promise<void>;
  /** Empties the store, keeping the overrides (for `kg ingest --rebuild`). */
  clear(options: { keepOverrides: boolean }): Promise<void>;

  counts(): Promise<StoreCounts>;
  topEntities(limit: number): Promise<EntitySummary[]>;

  close(): Promise<void>;
}
