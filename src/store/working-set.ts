/**
 * The part of a stored graph one change needs, and the change written back.
 *
 * Resolution (src/graph/knowledge-base.ts) is one algorithm for the page's
 * in-memory graph and for the stores. A store runs it over a *working set*: the
 * nodes, match keys and edges the change reads, loaded from the database. The
 * knowledge base tells the working set what it is about to read (WorkingSetGuard);
 * what was not loaded is recorded, loaded in one batch of indexed look-ups, and
 * the change is run again on a fresh knowledge base, until a run reads nothing
 * new. A run is a few milliseconds; an article typically needs two or three.
 * Then the difference between what was loaded and what the run left is written:
 * rows added, removed or moved, never the whole graph. So the cost of an ingest
 * follows the article (its entities, their match keys, the nodes it touches), not
 * the size of the graph.
 */
import type { Kysely } from 'kysely';
import { KnowledgeBase } from '../graph/knowledge-base';
import { mergeEdgeProps } from '../graph/derived-attributes';
import type { WorkingSetGuard } from '../graph/graph-state';
import type { LightNodeState } from '../graph/evidence-counts';
import { GRAPH_FILE_TYPE, GRAPH_FILE_VERSION, type ArticleRecord, type EntityNodeAttributes, type GraphFile, type MentionEvidence, type Overrides, type RelationEvidence } from '../model/graph-file';
import { KgError } from '../model/errors';
import { UNDIRECTED_RELATIONS, type RelationType } from '../model/vocabulary';
import type { Database, EdgesTable, EntitiesTable, MentionsTable, RelationEvidenceTable } from './schema';
import {
  articleOfRow,
  articleRow,
  edgeOfRow,
  evidenceOfMention,
  evidenceOfRelation,
  mentionRow,
  nodeOfRow,
  relationRow,
  readOverrides,
  type SerializedEdge,
  type SerializedNode,
} from './rows';

type Db = Kysely<Database>;

/** At most this many load rounds per change: a run that keeps asking for more is a bug, not a big article. */
const MAX_ROUNDS = 50;
/** Rows per IN (...) list or multi-row insert (SQLite allows 32,766 bound values, PostgreSQL 65,535). */
export const CHUNK = 500;

/** Appends to the list under `key` (in place: a hub's thousands of rows are not copied for each). */
export function pushTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export class WorkingSet implements WorkingSetGuard {
  /** Loaded nodes; null = known not to exist. */
  private readonly nodes = new Map<string, SerializedNode | null>();
  /** Nodes loaded without their mentions, with what resolution reads instead. */
  private readonly light = new Map<string, LightNodeState>();
  /** Mentions each loaded node has in the store. */
  private readonly storedMentions = new Map<string, number>();
  /** Loaded match keys and the entities the store lists under them. */
  private readonly keys = new Map<string, string[]>();
  /** Nodes whose every edge is loaded. */
  private readonly edgesLoaded = new Set<string>();
  private readonly loadedEdges = new Map<string, SerializedEdge>();
  /** Attributes of edge ends that are not loaded themselves. */
  private readonly stubs = new Map<string, SerializedNode>();
  private readonly articles = new Map<string, ArticleRecord>();
  private overrides: Overrides = { merges: [], splits: [] };
  private overridesText = '';

  private missingKeys = new Set<string>();
  private missingNodes = new Set<string>();
  private missingEdges = new Set<string>();
  private missingEvidence = new Set<string>();
  /** What the last run started from, per loaded node: written rows are compared with it. */
  private before = new Map<string, NodeSnapshot>();

  constructor(private readonly db: Db) {}

  // --- WorkingSetGuard: record what a run reads and was not loaded ---

  key(key: string): void {
    if (!this.keys.has(key)) this.missingKeys.add(key);
  }

  node(id: string): void {
    if (!this.nodes.has(id)) this.missingNodes.add(id);
  }

  edges(id: string): void {
    if (!this.edgesLoaded.has(id)) this.missingEdges.add(id);
  }

  evidence(id: string): void {
    if (!this.nodes.has(id)) this.missingNodes.add(id);
    if (!this.nodes.has(id) || this.light.has(id)) this.missingEvidence.add(id);
  }

  private get hasMisses(): boolean {
    return this.missingKeys.size + this.missingNodes.size + this.missingEdges.size + this.missingEvidence.size > 0;
  }

  // --- Running a change ---

  async loadOverrides(): Promise<void> {
    this.overrides = await readOverrides(this.db);
    this.overridesText = JSON.stringify(this.overrides);
  }

  /**
   * Runs `change` on a knowledge base over the working set until a run reads
   * nothing that was not loaded; returns the last run's knowledge base and result.
   */
  async run<T>(change: (kb: KnowledgeBase) => T): Promise<{ kb: KnowledgeBase; result: T }> {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      this.missingKeys = new Set();
      this.missingNodes = new Set();
      this.missingEdges = new Set();
      this.missingEvidence = new Set();
      const kb = this.build();
      this.before = new Map();
      for (const [id, node] of this.nodes) {
        const counts = node && kb.nodeCounts(id);
        if (!counts) continue;
        this.before.set(id, {
          keys: [...kb.indexKeysOf(id)].sort().join('\n'),
          names: new Map(entityNameRows(id, counts).map((row) => [`${row.kind}|${row.name}`, row.count])),
          possible: [...kb.possibleSameAsOf(id)].sort().join('\n'),
        });
      }
      kb.beginWork();
      let result: T;
      try {
        result = change(kb);
      } catch (err) {
        // A run on an incomplete working set may fail for that reason alone: load and retry.
        if (this.hasMisses) {
          await this.loadMissing();
          continue;
        }
        throw err;
      }
      if (!this.hasMisses) return { kb, result };
      await this.loadMissing();
    }
    throw new KgError('store', `a change still needed more of the graph after ${MAX_ROUNDS} rounds of loading`);
  }

  private build(): KnowledgeBase {
    const nodes: SerializedNode[] = [];
    for (const node of this.nodes.values()) {
      if (node) nodes.push({ key: node.key, attributes: { ...node.attributes, evidence: node.attributes.evidence.slice() } });
    }
    const stubIds: string[] = [];
    for (const [id, stub] of this.stubs) {
      if (this.nodes.get(id)) continue;
      stubIds.push(id);
      nodes.push({ key: id, attributes: { ...stub.attributes, evidence: [] } });
    }
    const edges = [...this.loadedEdges.values()].map((edge) => ({ ...edge, attributes: { ...edge.attributes, evidence: edge.attributes.evidence.slice() } }));
    const file: GraphFile = {
      type: GRAPH_FILE_TYPE,
      version: GRAPH_FILE_VERSION,
      articles: [...this.articles.values()],
      graph: { attributes: {}, options: { type: 'mixed', multi: true, allowSelfLoops: false }, nodes, edges },
      overrides: structuredClone(this.overrides),
    };
    const rows: Array<readonly [string, string]> = [];
    for (const [key, ids] of this.keys) for (const id of ids) rows.push([key, id]);
    return KnowledgeBase.partial(file, rows, this, stubIds, this.light);
  }

  // --- Loading ---

  /**
   * Loads nodes: their row, names and possibleSameAs, and with `full` every mention
   * (only what merges, moves and removals need). Ids with no row are remembered as
   * absent; a node loaded light is loaded again in full when asked.
   */
  async loadNodes(ids: Iterable<string>, options: { full?: boolean } = {}): Promise<void> {
    const full = options.full ?? false;
    const wanted = [...new Set(ids)].filter((id) => !this.nodes.has(id) || (full && this.light.has(id)));
    for (const part of chunks(wanted)) {
      const rows = await this.db.selectFrom('entities').selectAll().where('id', 'in', part).execute();
      const possible = await this.db.selectFrom('possible_same_as').selectAll().where('entity_id', 'in', part).execute();
      const possibleOf = new Map<string, string[]>();
      for (const p of possible) pushTo(possibleOf, p.entity_id, p.other_id);
      const byNode = new Map<string, MentionEvidence[]>();
      const names = new Map<string, { norms: Map<string, number>; texts: Map<string, number>; refs: Map<string, number>; genericMentions: number }>();
      if (full) {
        for (const m of await this.db.selectFrom('mentions').selectAll().where('entity_id', 'in', part).execute()) {
          pushTo(byNode, m.entity_id, evidenceOfMention(m, ''));
        }
      } else {
        for (const n of await this.db.selectFrom('entity_names').selectAll().where('entity_id', 'in', part).execute()) {
          const entry = names.get(n.entity_id) ?? { norms: new Map<string, number>(), texts: new Map<string, number>(), refs: new Map<string, number>(), genericMentions: 0 };
          if (n.kind === 'g') entry.genericMentions = Number(n.count);
          else (n.kind === 'n' ? entry.norms : n.kind === 'r' ? entry.refs : entry.texts).set(n.name, Number(n.count));
          names.set(n.entity_id, entry);
        }
      }
      for (const id of part) this.nodes.set(id, null);
      for (const row of rows) {
        this.nodes.set(row.id, nodeOfRow(row, byNode.get(row.id) ?? [], possibleOf.get(row.id) ?? []));
        this.storedMentions.set(row.id, Number(row.mentions));
        if (full) this.light.delete(row.id);
        else {
          const entry = names.get(row.id) ?? { norms: new Map<string, number>(), texts: new Map<string, number>(), refs: new Map<string, number>(), genericMentions: 0 };
          this.light.set(row.id, { ...entry, articleCount: Number(row.article_count), fullArticleCount: Number(row.full_article_count) });
        }
      }
    }
  }

  /** Loads match keys and the nodes listed under them. */
  async loadKeys(keys: Iterable<string>): Promise<void> {
    const wanted = [...new Set(keys)].filter((k) => !this.keys.has(k));
    const ids = new Set<string>();
    for (const part of chunks(wanted)) {
      const rows = await this.db.selectFrom('entity_keys').selectAll().where('key', 'in', part).execute();
      for (const key of part) this.keys.set(key, []);
      for (const row of rows) {
        this.keys.get(row.key)!.push(row.entity_id);
        ids.add(row.entity_id);
      }
    }
    await this.loadNodes(ids);
  }

  /** Loads every edge of these nodes with all its evidence, and stubs for their other ends. */
  async loadEdgesOf(ids: Iterable<string>): Promise<void> {
    const wanted = [...new Set(ids)].filter((id) => !this.edgesLoaded.has(id));
    const keys = new Set<string>();
    for (const part of chunks(wanted)) {
      const rows = await this.db.selectFrom('edges').select('key').where((eb) => eb.or([eb('source_id', 'in', part), eb('target_id', 'in', part)])).execute();
      for (const row of rows) keys.add(row.key);
    }
    await this.loadEdges(keys);
    for (const id of wanted) this.edgesLoaded.add(id);
  }

  /** Loads edges by key with all their evidence. */
  async loadEdges(keys: Iterable<string>): Promise<void> {
    const wanted = [...new Set(keys)].filter((k) => !this.loadedEdges.has(k));
    const ends = new Set<string>();
    for (const part of chunks(wanted)) {
      const rows = await this.db.selectFrom('edges').selectAll().where('key', 'in', part).execute();
      const evidence = await this.db.selectFrom('relation_evidence').selectAll().where('edge_key', 'in', part).execute();
      const byEdge = new Map<string, RelationEvidence[]>();
      for (const ev of evidence) pushTo(byEdge, ev.edge_key, evidenceOfRelation(ev, ''));
      for (const row of rows) {
        this.loadedEdges.set(row.key, edgeOfRow(row, byEdge.get(row.key) ?? []));
        ends.add(row.source_id);
        ends.add(row.target_id);
      }
    }
    const stubs = [...ends].filter((id) => !this.stubs.has(id) && !this.nodes.get(id));
    for (const part of chunks(stubs)) {
      const rows = await this.db.selectFrom('entities').selectAll().where('id', 'in', part).execute();
      for (const row of rows) this.stubs.set(row.id, nodeOfRow(row, [], []));
    }
  }

  /** Everything an article's removal reads: its record, its nodes and its edges. */
  async loadArticle(id: string): Promise<ArticleRecord | undefined> {
    const row = await this.db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    const record = articleOfRow(row);
    this.articles.set(id, record);
    const nodes = await this.db.selectFrom('mentions').select('entity_id').distinct().where('article_id', '=', id).execute();
    await this.loadNodes(nodes.map((n) => n.entity_id), { full: true });
    const edges = await this.db.selectFrom('relation_evidence').select('edge_key').distinct().where('article_id', '=', id).execute();
    await this.loadEdges(edges.map((e) => e.edge_key));
    return record;
  }

  private async loadMissing(): Promise<void> {
    await this.loadKeys(this.missingKeys);
    await this.loadNodes(this.missingNodes);
    await this.loadEdgesOf(this.missingEdges);
    await this.loadNodes(this.missingEvidence, { full: true });
  }

  // --- Writing the difference back ---

  /**
   * Writes what the run changed: rows of touched, created and dropped nodes and
   * edges, mentions and relation evidence added, moved or removed, the new
   * article's record and sentences, and the overrides when they changed.
   * `addedArticles`: the ids of the articles the run added, each with its text (kept
   * for re-extraction). `touched`: what the run changed, when it made several
   * changes (each of which starts the knowledge base's own record afresh).
   */
  async write(
    kb: KnowledgeBase,
    options: { addedArticles?: ReadonlyMap<string, string | null>; removedArticle?: string; touched?: { nodes: ReadonlySet<string>; edges: ReadonlySet<string> } } = {},
  ): Promise<void> {
    kb.flush();
    const { nodes: touchedNodes, edges: touchedEdges } = options.touched ?? kb.touched();
    const addedArticles = options.addedArticles ?? new Map<string, string | null>();
    const graph = kb.graph;

    // Nodes: loaded or touched; written when touched, deleted when gone.
    const nodeIds = new Set<string>(touchedNodes);
    for (const [id, node] of this.nodes) if (node) nodeIds.add(id);
    const sentences = new Map<string, { article: string; start: number; text: string }>();
    const noteSentence = (ev: { article: string; sentenceStart: number; sentence: string }) => {
      if (addedArticles.has(ev.article)) sentences.set(`${ev.article}|${ev.sentenceStart}`, { article: ev.article, start: ev.sentenceStart, text: ev.sentence });
    };
    // Gathered over all nodes, then written in a few multi-row statements.
    const mentionInserts: MentionsTable[] = [];
    const entityRows: EntityRow[] = [];
    const nameUpserts: Array<{ entity_id: string; kind: 'n' | 't' | 'r' | 'g'; name: string; count: number }> = [];
    const keysChanged: string[] = [];
    const keyRows: Array<{ key: string; entity_id: string }> = [];
    const possibleChanged: string[] = [];
    const possibleRows: Array<{ entity_id: string; other_id: string }> = [];
    for (const id of [...nodeIds].sort()) {
      const loaded = this.nodes.get(id) ?? undefined;
      if (!graph.hasNode(id)) {
        if (loaded) await deleteEntity(this.db, id);
        continue;
      }
      const attributes = graph.getNodeAttributes(id);
      const beforeEvidence = new Set(loaded?.attributes.evidence ?? []);
      const after = new Set(attributes.evidence);
      const removed = [...beforeEvidence].filter((ev) => !after.has(ev));
      const added = [...after].filter((ev) => !beforeEvidence.has(ev));
      for (const ev of removed) {
        await this.db.deleteFrom('mentions').where('entity_id', '=', id).where('article_id', '=', ev.article).where('start', '=', ev.start).where('end', '=', ev.end).execute();
      }
      for (const ev of added) {
        mentionInserts.push(mentionRow(id, ev));
        noteSentence(ev);
      }
      if (!touchedNodes.has(id) && removed.length === 0 && added.length === 0) continue;
      const counts = kb.nodeCounts(id)!;
      entityRows.push(
        entityRow(id, attributes, {
          mentions: (this.storedMentions.get(id) ?? 0) - removed.length + added.length,
          articles: counts.articles,
          fullArticles: counts.fullArticles,
        }),
      );
      const snapshot = this.before.get(id);
      const names = entityNameRows(id, counts);
      const current = new Set<string>();
      for (const row of names) {
        const key = `${row.kind}|${row.name}`;
        current.add(key);
        if (snapshot?.names.get(key) !== row.count) nameUpserts.push(row);
      }
      for (const key of snapshot?.names.keys() ?? []) {
        if (current.has(key)) continue;
        const [kind, ...rest] = key.split('|');
        await this.db.deleteFrom('entity_names').where('entity_id', '=', id).where('kind', '=', kind as 'n' | 't' | 'r').where('name', '=', rest.join('|')).execute();
      }
      const keys = [...kb.indexKeysOf(id)].sort();
      if (keys.join('\n') !== snapshot?.keys) {
        if (snapshot) keysChanged.push(id);
        for (const key of keys) keyRows.push({ key, entity_id: id });
      }
      const possible = [...kb.possibleSameAsOf(id)].filter((other) => other !== id).sort();
      if (possible.join('\n') !== (snapshot?.possible ?? '')) {
        if (snapshot) possibleChanged.push(id);
        for (const other_id of possible) possibleRows.push({ entity_id: id, other_id });
      }
    }
    for (const part of chunks(mentionInserts)) await this.db.insertInto('mentions').values(part).onConflict((oc) => oc.doNothing()).execute();
    for (const part of chunks(entityRows)) {
      await this.db
        .insertInto('entities')
        .values(part)
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({
            type: eb.ref('excluded.type'),
            subtype: eb.ref('excluded.subtype'),
            label: eb.ref('excluded.label'),
            mentions: eb.ref('excluded.mentions'),
            article_count: eb.ref('excluded.article_count'),
            full_article_count: eb.ref('excluded.full_article_count'),
            generic: eb.ref('excluded.generic'),
          })),
        )
        .execute();
    }
    for (const part of chunks(nameUpserts)) {
      await this.db
        .insertInto('entity_names')
        .values(part)
        .onConflict((oc) => oc.columns(['entity_id', 'kind', 'name']).doUpdateSet((eb) => ({ count: eb.ref('excluded.count') })))
        .execute();
    }
    for (const part of chunks(keysChanged)) await this.db.deleteFrom('entity_keys').where('entity_id', 'in', part).execute();
    for (const part of chunks(keyRows)) await this.db.insertInto('entity_keys').values(part).onConflict((oc) => oc.doNothing()).execute();
    for (const part of chunks(possibleChanged)) await this.db.deleteFrom('possible_same_as').where('entity_id', 'in', part).execute();
    for (const part of chunks(possibleRows)) await this.db.insertInto('possible_same_as').values(part).onConflict((oc) => oc.doNothing()).execute();

    // Edges: loaded ones are rewritten by difference; new ones in this run only add evidence.
    // Evidence rows and edge rows are gathered and written in a few multi-row statements.
    const evidenceInserts: RelationEvidenceTable[] = [];
    const edgeUpserts: EdgeUpsert[] = [];
    const edgeKeys = new Set<string>(touchedEdges);
    for (const key of this.loadedEdges.keys()) edgeKeys.add(key);
    for (const key of [...edgeKeys].sort()) {
      const loaded = this.loadedEdges.get(key);
      if (!graph.hasEdge(key)) {
        if (loaded) {
          await this.db.deleteFrom('relation_evidence').where('edge_key', '=', key).execute();
          await this.db.deleteFrom('edges').where('key', '=', key).execute();
        }
        continue;
      }
      const attributes = graph.getEdgeAttributes(key);
      const source = graph.source(key);
      const target = graph.target(key);
      if (loaded) {
        const before = new Set(loaded.attributes.evidence);
        const after = new Set(attributes.evidence);
        const changed = new Set<string>();
        for (const ev of before) if (!after.has(ev)) changed.add(relationIdentity(ev));
        for (const ev of after) if (!before.has(ev)) changed.add(relationIdentity(ev));
        if (changed.size === 0 && !touchedEdges.has(key)) continue;
        for (const identity of changed) {
          const [article, s0, s1, t0, t1, sentenceStart] = JSON.parse(identity) as [string, number, number, number, number, number];
          await this.db
            .deleteFrom('relation_evidence')
            .where('edge_key', '=', key)
            .where('article_id', '=', article)
            .where('source_start', '=', s0)
            .where('source_end', '=', s1)
            .where('target_start', '=', t0)
            .where('target_end', '=', t1)
            .where('sentence_start', '=', sentenceStart)
            .execute();
          for (const ev of attributes.evidence) {
            if (relationIdentity(ev) !== identity) continue;
            evidenceInserts.push(relationRow(key, ev));
            noteSentence(ev);
          }
        }
        edgeUpserts.push(edgeUpsert(key, attributes.type, source, target, attributes.evidence.length, attributes.props, 'set'));
      } else {
        for (const ev of attributes.evidence) {
          evidenceInserts.push(relationRow(key, ev));
          noteSentence(ev);
        }
        // The edge may already hold evidence this run did not load: props merge over all of it.
        let props: Record<string, string> | undefined | 'keep' = 'keep';
        if (attributes.evidence.some((ev) => ev.props)) {
          const all = await this.db.selectFrom('relation_evidence').select('props').where('edge_key', '=', key).where('props', 'is not', null).execute();
          props = mergeEdgeProps([...all.map((row) => ({ props: JSON.parse(row.props!) as Record<string, string> })), ...attributes.evidence]);
        }
        edgeUpserts.push(edgeUpsert(key, attributes.type, source, target, attributes.evidence.length, props, 'add'));
      }
    }
    for (const part of chunks(evidenceInserts)) await this.db.insertInto('relation_evidence').values(part).execute();
    await writeEdges(this.db, edgeUpserts);

    if (addedArticles.size > 0) {
      const records = [...addedArticles].map(([id, text]) => articleRow(kb.getArticle(id)!, text));
      for (const part of chunks(records, 50)) await this.db.insertInto('articles').values(part).execute();
      for (const part of chunks([...sentences.values()])) {
        await this.db.insertInto('sentences').values(part.map((s) => ({ article_id: s.article, start: s.start, text: s.text }))).onConflict((oc) => oc.doNothing()).execute();
      }
    }
    if (options.removedArticle !== undefined) {
      await this.db.deleteFrom('sentences').where('article_id', '=', options.removedArticle).execute();
      await this.db.deleteFrom('articles').where('id', '=', options.removedArticle).execute();
    }
    const overrides = kb.getOverrides();
    if (JSON.stringify(overrides) !== this.overridesText) {
      await this.db.updateTable('meta').set({ value: JSON.stringify(overrides) }).where('key', '=', 'overrides').execute();
    }
  }
}

/** Which relation-evidence rows are "the same" (the table has no key: duplicates are allowed). */
function relationIdentity(ev: RelationEvidence): string {
  return JSON.stringify([ev.article, ev.source[0], ev.source[1], ev.target[0], ev.target[1], ev.sentenceStart]);
}

async function deleteEntity(db: Db, id: string): Promise<void> {
  await db.deleteFrom('mentions').where('entity_id', '=', id).execute();
  await db.deleteFrom('entity_names').where('entity_id', '=', id).execute();
  await db.deleteFrom('entity_keys').where('entity_id', '=', id).execute();
  await db.deleteFrom('possible_same_as').where((eb) => eb.or([eb('entity_id', '=', id), eb('other_id', '=', id)])).execute();
  await db.deleteFrom('entities').where('id', '=', id).execute();
}

/** The name of the entity_names row (kind 'g') that counts a node's class-word mentions. */
const GENERIC_NAME_ROW = 'generic';

/** The entity_names rows of a node's counts. */
export function entityNameRows(
  id: string,
  counts: { norms: ReadonlyMap<string, number>; texts: ReadonlyMap<string, number>; refs: ReadonlyMap<string, number>; genericMentions: number },
): Array<{ entity_id: string; kind: 'n' | 't' | 'r' | 'g'; name: string; count: number }> {
  return [
    ...[...counts.norms].map(([name, count]) => ({ entity_id: id, kind: 'n' as const, name, count })),
    ...[...counts.texts].map(([name, count]) => ({ entity_id: id, kind: 't' as const, name, count })),
    ...[...counts.refs].map(([name, count]) => ({ entity_id: id, kind: 'r' as const, name, count })),
    // How many mentions are class words: what keeps a light node generic.
    ...(counts.genericMentions > 0 ? [{ entity_id: id, kind: 'g' as const, name: GENERIC_NAME_ROW, count: counts.genericMentions }] : []),
  ];
}

type EntityRow = EntitiesTable;

interface NodeSnapshot {
  keys: string;
  names: Map<string, number>;
  possible: string;
}

/** `label` comes from the flushed attributes; the counts from the node's state (its mentions may not all be loaded). */
export function entityRow(id: string, attributes: EntityNodeAttributes, counts: { mentions: number; articles: number; fullArticles: number }): EntityRow {
  return {
    id,
    type: attributes.type,
    subtype: attributes.subtype ?? null,
    label: attributes.label,
    mentions: counts.mentions,
    article_count: counts.articles,
    full_article_count: counts.fullArticles,
    generic: attributes.generic ? 1 : null,
    x: attributes.x ?? null,
    y: attributes.y ?? null,
  };
}

interface EdgeUpsert {
  row: EdgesTable;
  /** 'set': the run saw all the edge's evidence; 'add': its new evidence adds to what is stored. */
  mode: 'set' | 'add';
  /** The new evidence has no props, so the stored ones stand. */
  keepProps: boolean;
}

function edgeUpsert(
  key: string,
  type: RelationType,
  source: string,
  target: string,
  weight: number,
  props: Record<string, string> | undefined | 'keep',
  mode: 'set' | 'add',
): EdgeUpsert {
  const undirected = UNDIRECTED_RELATIONS.has(type);
  const [a, b] = undirected && target < source ? [target, source] : [source, target];
  const propsText = props === 'keep' || props === undefined ? null : JSON.stringify(props);
  return { row: { key, type, source_id: a, target_id: b, undirected: undirected ? 1 : 0, weight, props: propsText }, mode, keepProps: props === 'keep' };
}

/** Upserts edge rows in one statement per kind of update (each refers to the row it would insert as `excluded`). */
async function writeEdges(db: Db, upserts: readonly EdgeUpsert[]): Promise<void> {
  for (const mode of ['set', 'add'] as const) {
    for (const keepProps of [false, true]) {
      const rows = upserts.filter((u) => u.mode === mode && u.keepProps === keepProps).map((u) => u.row);
      for (const part of chunks(rows)) {
        await db
          .insertInto('edges')
          .values(part)
          .onConflict((oc) =>
            oc.column('key').doUpdateSet((eb) => ({
              weight: mode === 'set' ? eb.ref('excluded.weight') : eb('edges.weight', '+', eb.ref('excluded.weight')),
              props: keepProps ? eb.ref('edges.props') : eb.ref('excluded.props'),
            })),
          )
          .execute();
      }
    }
  }
}

