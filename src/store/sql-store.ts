/**
 * The graph store over SQL, for both backends: every query goes through Kysely
 * against the one schema (schema.ts); what differs between SQLite and PostgreSQL
 * (how a write transaction takes the store's write lock, how a read gets a
 * consistent snapshot) comes in as a `SqlBackend`.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { ParsedArticle } from '../model/article';
import type { ExtractionResult } from '../model/extraction';
import { GRAPH_FILE_TYPE, GRAPH_FILE_VERSION, type ArticleRecord, type GraphFile, type MentionEvidence, type Overrides, type RelationEvidence } from '../model/graph-file';
import { FormatError, NotFoundError } from '../model/errors';
import type { EntityType, RelationType } from '../model/vocabulary';
import { KnowledgeBase, type ArticleSummary } from '../graph/knowledge-base';
import { lookupsOf, prepareArticle } from '../graph/prepare-article';
import type { Database } from './schema';
import { articleOfRow, articleRow, edgeOfRow, evidenceOfMention, evidenceOfRelation, mentionRow, nodeOfRow, readOverrides, relationRow, type SerializedEdge, type SerializedNode } from './rows';
import { chunks, entityNameRows, entityRow, pushTo, WorkingSet } from './working-set';
import type { EntitySummary, ExtractedArticle, GraphStore, StoreCounts, StoreKind } from './types';

export type Db = Kysely<Database> | Transaction<Database>;

export interface SqlBackend {
  kind: StoreKind;
  location: string;
  db: Kysely<Database>;
  /**
   * Runs `fn` in one transaction holding the store's write lock: writers take
   * turns (so resolution sees every earlier article, whatever the order), readers
   * never wait. Rolled back if `fn` throws.
   */
  writeTransaction<T>(fn: (trx: Db) => Promise<T>): Promise<T>;
  /** Runs `fn` on one consistent snapshot. */
  readTransaction<T>(fn: (trx: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const TABLES = ['articles', 'sentences', 'entities', 'entity_names', 'entity_keys', 'mentions', 'possible_same_as', 'edges', 'relation_evidence'] as const;

export class SqlGraphStore implements GraphStore {
  readonly kind: StoreKind;
  readonly location: string;

  constructor(private readonly backend: SqlBackend) {
    this.kind = backend.kind;
    this.location = backend.location;
  }

  /**
   * Every write goes through here: one transaction under the write lock that also
   * advances the store's revision, so readers (kg serve, its metrics cache, the
   * page) can tell cheaply whether anything changed, whoever wrote it.
   */
  private write<T>(fn: (trx: Db) => Promise<T>): Promise<T> {
    return this.backend.writeTransaction(async (trx) => {
      const result = await fn(trx);
      await trx
        .insertInto('meta')
        .values({ key: 'revision', value: '1' })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: sql<string>`cast(cast(meta.value as bigint) + 1 as text)` }))
        .execute();
      return result;
    });
  }

  /** The store's revision: a string that changes with every committed write. */
  async revision(): Promise<string> {
    const row = await this.backend.db.selectFrom('meta').select('value').where('key', '=', 'revision').executeTakeFirst();
    return row?.value ?? '0';
  }

  /** Runs read-only queries on one consistent snapshot (kg serve's read model). */
  read<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    return this.backend.readTransaction(fn);
  }

  async addArticle(article: ParsedArticle, extraction: ExtractionResult): Promise<ArticleSummary | undefined> {
    return (await this.addArticles([{ article, extraction }]))[0];
  }

  addArticles(items: readonly ExtractedArticle[]): Promise<Array<ArticleSummary | undefined>> {
    return this.write((trx) => addArticlesIn(trx, items));
  }

  async hasArticle(id: string): Promise<boolean> {
    return (await this.knownArticles([id])).has(id);
  }

  async knownArticles(ids: readonly string[]): Promise<Set<string>> {
    const known = new Set<string>();
    for (const part of chunks([...new Set(ids)])) {
      for (const row of await this.backend.db.selectFrom('articles').select('id').where('id', 'in', part).execute()) known.add(row.id);
    }
    return known;
  }

  async listArticles(): Promise<ArticleRecord[]> {
    const rows = await this.backend.db.selectFrom('articles').select(['id', 'title', 'lang', 'published', 'author', 'source_name', 'source_url', 'file', 'length', 'facts']).orderBy('id').execute();
    return rows.map((row) => articleOfRow({ ...row, text: null }));
  }

  async articleText(id: string): Promise<string | undefined> {
    const row = await this.backend.db.selectFrom('articles').select('text').where('id', '=', id).executeTakeFirst();
    return row?.text ?? undefined;
  }

  removeArticle(id: string): Promise<{ removedEntities: string[] }> {
    return this.write(async (trx) => {
      const ws = new WorkingSet(trx);
      await ws.loadOverrides();
      if (!(await ws.loadArticle(id))) throw new NotFoundError('graph', `no article with id ${JSON.stringify(id)} in the graph`);
      const { kb, result } = await ws.run((kb) => kb.removeArticle(id));
      await ws.write(kb, { removedArticle: id });
      return result;
    });
  }

  mergeNodes(keep: string, absorb: string): Promise<void> {
    return this.write(async (trx) => {
      const ws = new WorkingSet(trx);
      await ws.loadOverrides();
      await ws.loadNodes([keep, absorb], { full: true });
      await ws.loadEdgesOf([absorb]);
      const { kb } = await ws.run((kb) => kb.mergeNodes(keep, absorb));
      await ws.write(kb);
    });
  }

  splitNode(id: string, aliases: string[]): Promise<string> {
    return this.write(async (trx) => {
      const ws = new WorkingSet(trx);
      await ws.loadOverrides();
      await ws.loadNodes([id], { full: true });
      await ws.loadEdgesOf([id]);
      const { kb, result } = await ws.run((kb) => kb.splitNode(id, aliases));
      await ws.write(kb);
      return result;
    });
  }

  getOverrides(): Promise<Overrides> {
    return readOverrides(this.backend.db);
  }

  exportFile(): Promise<GraphFile> {
    return this.backend.readTransaction(async (trx) => {
      const kb = KnowledgeBase.fromFile(await readWholeGraph(trx));
      // Labels, aliases, counts and props are derived from the evidence, as the in-memory graph derives them.
      kb.touchAll();
      return kb.toFile();
    });
  }

  importFile(file: GraphFile): Promise<void> {
    return this.write(async (trx) => {
      await clearTables(trx);
      await writeWholeGraph(trx, file);
    });
  }

  clear(options: { keepOverrides: boolean }): Promise<void> {
    return this.write(async (trx) => {
      await clearTables(trx);
      if (!options.keepOverrides) await trx.updateTable('meta').set({ value: JSON.stringify({ merges: [], splits: [] }) }).where('key', '=', 'overrides').execute();
    });
  }

  /**
   * Empties the graph (keeping the overrides) and adds these articles, all in one
   * transaction: a rebuild that fails half-way leaves the store as it was.
   */
  rebuild(
    articles: readonly ParsedArticle[],
    extract: (article: ParsedArticle) => Promise<ExtractionResult>,
    onArticle?: (done: number, article: ParsedArticle, summary: ArticleSummary | undefined) => void,
  ): Promise<ArticleSummary[]> {
    return this.write(async (trx) => {
      await clearTables(trx);
      const added: ArticleSummary[] = [];
      for (const [i, article] of articles.entries()) {
        const [summary] = await addArticlesIn(trx, [{ article, extraction: await extract(article) }]);
        if (summary) added.push(summary);
        onArticle?.(i + 1, article, summary);
      }
      return added;
    });
  }

  async counts(): Promise<StoreCounts> {
    const db = this.backend.db;
    const one = async (table: (typeof TABLES)[number]) => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const byType: Partial<Record<EntityType, number>> = {};
    for (const row of await db.selectFrom('entities').select(['type', (eb) => eb.fn.countAll().as('n')]).groupBy('type').execute()) byType[row.type as EntityType] = Number(row.n);
    const byRelation: Partial<Record<RelationType, number>> = {};
    for (const row of await db.selectFrom('edges').select(['type', (eb) => eb.fn.countAll().as('n')]).groupBy('type').execute()) byRelation[row.type as RelationType] = Number(row.n);
    return { articles: await one('articles'), entities: await one('entities'), relations: await one('edges'), mentions: await one('mentions'), byType, byRelation };
  }

  async countPossibleSameAs(): Promise<number> {
    const row = await this.backend.db.selectFrom('possible_same_as').select((eb) => eb.fn.count('entity_id').distinct().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async topEntities(limit: number): Promise<EntitySummary[]> {
    const rows = await this.backend.db.selectFrom('entities').selectAll().orderBy('mentions', 'desc').orderBy('id').limit(limit).execute();
    return rows.map((row) => {
      const summary: EntitySummary = { id: row.id, label: row.label, type: row.type as EntityType, mentions: Number(row.mentions), articles: Number(row.article_count) };
      if (row.subtype !== null) summary.subtype = row.subtype;
      return summary;
    });
  }

  close(): Promise<void> {
    return this.backend.close();
  }
}

/**
 * Adds articles in one working set: the nodes they share are loaded and written
 * once for all of them, and resolution runs over them in the given order exactly
 * as it would one transaction at a time.
 */
async function addArticlesIn(trx: Db, items: readonly ExtractedArticle[]): Promise<Array<ArticleSummary | undefined>> {
  const ids = items.map((item) => item.article.id);
  const known = new Set<string>();
  for (const part of chunks(ids)) for (const row of await trx.selectFrom('articles').select('id').where('id', 'in', part).execute()) known.add(row.id);
  // Already in the store, or twice in this batch (same content hash): added once, the first time.
  const fresh = items.filter((item) => !known.has(item.article.id) && (known.add(item.article.id), true));
  const results = new Map<string, ArticleSummary>();
  if (fresh.length > 0) {
    const ws = new WorkingSet(trx);
    await ws.loadOverrides();
    // Prepared once (resolution may run several times) and their first look-ups loaded up front.
    const prepared = fresh.map((item) => prepareArticle(item.article, item.extraction));
    const lookups = prepared.map(lookupsOf);
    await ws.loadKeys(lookups.flatMap((l) => l.keys));
    await ws.loadNodes(lookups.flatMap((l) => l.nodes));
    let touched = { nodes: new Set<string>(), edges: new Set<string>() };
    const { kb, result } = await ws.run((kb) => {
      touched = { nodes: new Set(), edges: new Set() };
      return fresh.map((item, i) => {
        const summary = kb.addArticle(item.article, prepared[i]!);
        const changed = kb.touched();
        for (const id of changed.nodes) touched.nodes.add(id);
        for (const key of changed.edges) touched.edges.add(key);
        return summary;
      });
    });
    await ws.write(kb, { addedArticles: new Map(fresh.map((item) => [item.article.id, item.article.text])), touched });
    for (const summary of result) results.set(summary.id, summary);
  }
  // Each item's summary, once: a repeat within the batch reports undefined like an article already stored.
  const reported = new Set<string>();
  return items.map((item) => {
    const summary = results.get(item.article.id);
    if (!summary || reported.has(item.article.id)) return undefined;
    reported.add(item.article.id);
    return summary;
  });
}

async function clearTables(trx: Db): Promise<void> {
  for (const table of TABLES) await trx.deleteFrom(table).execute();
}

/** Every row, as the in-memory graph file (derived attributes not yet refreshed). */
async function readWholeGraph(db: Db): Promise<GraphFile> {
  const sentences = new Map<string, string>();
  for (const row of await db.selectFrom('sentences').selectAll().execute()) sentences.set(`${row.article_id}|${row.start}`, row.text);
  const sentenceOf = (article: string, start: number) => sentences.get(`${article}|${start}`) ?? '';
  const articles = (await db.selectFrom('articles').select(['id', 'title', 'lang', 'published', 'author', 'source_name', 'source_url', 'file', 'length', 'facts']).execute()).map((row) =>
    articleOfRow({ ...row, text: null }),
  );
  const evidence = new Map<string, MentionEvidence[]>();
  for (const row of await db.selectFrom('mentions').selectAll().execute()) {
    const list = evidence.get(row.entity_id) ?? [];
    list.push(evidenceOfMention(row, sentenceOf(row.article_id, Number(row.sentence_start))));
    evidence.set(row.entity_id, list);
  }
  const possible = new Map<string, string[]>();
  for (const row of await db.selectFrom('possible_same_as').selectAll().execute()) pushTo(possible, row.entity_id, row.other_id);
  const nodes: SerializedNode[] = (await db.selectFrom('entities').selectAll().execute()).map((row) => nodeOfRow(row, evidence.get(row.id) ?? [], possible.get(row.id) ?? []));
  const relationEvidence = new Map<string, RelationEvidence[]>();
  for (const row of await db.selectFrom('relation_evidence').selectAll().execute()) {
    const list = relationEvidence.get(row.edge_key) ?? [];
    list.push(evidenceOfRelation(row, sentenceOf(row.article_id, Number(row.sentence_start))));
    relationEvidence.set(row.edge_key, list);
  }
  const edges: SerializedEdge[] = (await db.selectFrom('edges').selectAll().execute()).map((row) => edgeOfRow(row, relationEvidence.get(row.key) ?? []));
  return {
    type: GRAPH_FILE_TYPE,
    version: GRAPH_FILE_VERSION,
    articles,
    graph: { attributes: {}, options: { type: 'mixed', multi: true, allowSelfLoops: false }, nodes, edges },
    overrides: await readOverrides(db),
  };
}

/** Writes a whole (validated) graph file into empty tables. */
async function writeWholeGraph(db: Db, file: GraphFile): Promise<void> {
  let kb: KnowledgeBase;
  try {
    // graphology checks what the schema cannot: edges between nodes that exist, unique keys.
    kb = KnowledgeBase.fromFile(file);
  } catch (err) {
    throw new FormatError('import', `the graph is inconsistent: ${(err as Error).message}`);
  }
  kb.touchAll();
  kb.flush();
  for (const part of chunks(kb.listArticles())) await db.insertInto('articles').values(part.map((record) => articleRow(record, null))).execute();
  const sentences = new Map<string, { article_id: string; start: number; text: string }>();
  const note = (ev: { article: string; sentenceStart: number; sentence: string }) => sentences.set(`${ev.article}|${ev.sentenceStart}`, { article_id: ev.article, start: ev.sentenceStart, text: ev.sentence });
  const graph = kb.graph;
  const entities = graph.mapNodes((id, a) => {
    const counts = kb.nodeCounts(id)!;
    return entityRow(id, a, { mentions: a.mentions, articles: a.articles.length, fullArticles: counts.fullArticles });
  });
  for (const part of chunks(entities)) await db.insertInto('entities').values(part).execute();
  const names = graph.nodes().flatMap((id) => entityNameRows(id, kb.nodeCounts(id)!));
  for (const part of chunks(names)) await db.insertInto('entity_names').values(part).execute();
  const keys = graph.nodes().flatMap((id) => kb.indexKeysOf(id).map((key) => ({ key, entity_id: id })));
  for (const part of chunks(keys)) await db.insertInto('entity_keys').values(part).onConflict((oc) => oc.doNothing()).execute();
  const mentions = graph.nodes().flatMap((id) => graph.getNodeAttribute(id, 'evidence').map((ev) => (note(ev), mentionRow(id, ev))));
  for (const part of chunks(mentions)) await db.insertInto('mentions').values(part).onConflict((oc) => oc.doNothing()).execute();
  const possible = graph.nodes().flatMap((id) => [...kb.possibleSameAsOf(id)].filter((o) => graph.hasNode(o)).map((other_id) => ({ entity_id: id, other_id })));
  for (const part of chunks(possible)) await db.insertInto('possible_same_as').values(part).onConflict((oc) => oc.doNothing()).execute();
  const edges = graph.mapEdges((key, a, source, target, _s, _t, undirected) => ({
    key,
    type: a.type,
    source_id: source,
    target_id: target,
    undirected: undirected ? 1 : 0,
    weight: a.evidence.length,
    props: a.props ? JSON.stringify(a.props) : null,
  }));
  for (const part of chunks(edges)) await db.insertInto('edges').values(part).execute();
  const relations = graph.edges().flatMap((key) => graph.getEdgeAttribute(key, 'evidence').map((ev) => (note(ev), relationRow(key, ev))));
  for (const part of chunks(relations)) await db.insertInto('relation_evidence').values(part).execute();
  for (const part of chunks([...sentences.values()])) await db.insertInto('sentences').values(part).onConflict((oc) => oc.doNothing()).execute();
  await db.updateTable('meta').set({ value: JSON.stringify(kb.getOverrides()) }).where('key', '=', 'overrides').execute();
}
