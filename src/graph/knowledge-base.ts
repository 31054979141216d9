/**
 * The knowledge base: the graphology graph and the indices that make adding and
 * removing one article cost time proportional to that article (GraphState), with
 * the operations the rest of the project calls: add, remove, merge, split, flush,
 * load and save. It coordinates; the work is done in the modules it imports:
 *
 *  - prepare-article.ts: what an article alone gives (groups, keys, record);
 *  - cross-article-resolution.ts and short-names.ts: which node each entity is;
 *  - article-evidence.ts: an article's mentions in, and everything it supported out;
 *  - edge-evidence.ts: relations and MENTIONED_WITH as edge evidence;
 *  - evidence-move.ts: merges and splits;
 *  - derived-attributes.ts, change-tracking.ts: what `flush()` recomputes, and
 *    what a store writes back after a change.
 *
 * Derived attributes (label, aliases, mentions, articles, weight, props) are only
 * refreshed, for the touched nodes and edges, in `flush()`, before the graph is
 * exported.
 */
import type { ParsedArticle } from '../model/article';
import type { ExtractionResult } from '../model/extraction';
import type { ArticleRecord, GraphFile, Overrides } from '../model/graph-file';
import { GRAPH_FILE_TYPE, GRAPH_FILE_VERSION } from '../model/graph-file';
import { InputError, NotFoundError } from '../model/errors';
import type { EntityType } from '../model/vocabulary';
import { isShortName } from '../resolve/across-articles';
import { entityKey } from '../resolve/keys';
import { representativeName } from '../resolve/within-document';
import { addMentionEvidence, retractArticle } from './article-evidence';
import type { AddWork } from './change-tracking';
import { resolveGroup } from './cross-article-resolution';
import { refreshEdge, refreshNode } from './derived-attributes';
import { addArticleRelations } from './edge-evidence';
import { loadLightCounts, type LightNodeState } from './evidence-counts';
import { mentionId, mergeInto, moveEvidence } from './evidence-move';
import { GraphState, type WorkingSetGuard } from './graph-state';
import { mentionsOfAliases, routeSplit, splitNodeId } from './overrides';
import { prepareArticle, type PreparedArticle } from './prepare-article';
import type { KnowledgeGraph } from './types';

// Importers that know only this module keep working.
export type { AddWork } from './change-tracking';
export { mergeEdgeProps } from './derived-attributes';
export type { LightNodeState } from './evidence-counts';
export type { WorkingSetGuard } from './graph-state';
export { splitNodeId } from './overrides';
export { lookupsOf, prepareArticle, type PreparedArticle } from './prepare-article';
export { edgeKey } from '../model/edge-key';

/** What one article added, for `kg ingest` to print. */
export interface ArticleSummary {
  id: string;
  title: string;
  file?: string;
  /** Nodes this article created. */
  newEntities: Array<{ id: string; label: string; type: EntityType }>;
  /** Existing nodes it mentioned again. */
  knownEntities: number;
  relations: number;
  facts: number;
  /** Mentions dropped because their offsets or relation indices were invalid. */
  skipped: number;
}

export function emptyGraphFile(): GraphFile {
  return {
    type: GRAPH_FILE_TYPE,
    version: GRAPH_FILE_VERSION,
    articles: [],
    graph: { attributes: {}, options: { type: 'mixed', multi: true, allowSelfLoops: false }, nodes: [], edges: [] },
    overrides: { merges: [], splits: [] },
  };
}

export class KnowledgeBase {
  /** What every module it hands work to shares (see GraphState). */
  private readonly state = new GraphState();
  readonly graph: KnowledgeGraph = this.state.graph;

  // --- Loading and saving ---------------------------------------------------------

  /** A knowledge base over a whole graph file, or, with `stubs`, over part of one (see GraphState.load). */
  static fromFile(file: GraphFile, stubs: Iterable<string> = []): KnowledgeBase {
    const kb = new KnowledgeBase();
    kb.state.load(file, stubs);
    return kb;
  }

  /**
   * A knowledge base over part of a stored graph: `file` holds the loaded nodes
   * (with all their evidence), edges and overrides; `indexKeys` the match-key rows
   * loaded from the store, which may name nodes not loaded yet; `guard` hears of
   * every read (see WorkingSetGuard).
   */
  static partial(
    file: GraphFile,
    indexKeys: Iterable<readonly [string, string]>,
    guard: WorkingSetGuard,
    stubs: Iterable<string> = [],
    light: ReadonlyMap<string, LightNodeState> = new Map(),
  ): KnowledgeBase {
    const kb = KnowledgeBase.fromFile(file, stubs);
    for (const [id, counts] of light) {
      const state = kb.state.nodeState.get(id);
      if (!state) continue;
      loadLightCounts(state, counts);
      kb.state.reindex(id);
    }
    for (const [key, id] of indexKeys) kb.state.index.add(id, [key]);
    kb.state.guard = guard;
    return kb;
  }

  /** Marks every node and edge for a refresh of its derived attributes (after loading raw evidence). */
  touchAll(): void {
    this.state.changes.refreshAll(this.state.nodeState.keys(), this.graph.edges());
  }

  /** An empty graph that applies existing user overrides (for a rebuild). */
  static withOverrides(overrides: Overrides): KnowledgeBase {
    const kb = new KnowledgeBase();
    kb.state.overrides = structuredClone(overrides);
    return kb;
  }

  /** The graph file (not yet canonically ordered: see serialize.ts). */
  toFile(): GraphFile {
    this.flush();
    return {
      type: GRAPH_FILE_TYPE,
      version: GRAPH_FILE_VERSION,
      articles: [...this.state.articles.values()],
      graph: this.graph.export() as GraphFile['graph'],
      overrides: this.state.overrides,
    };
  }

  hasArticle(id: string): boolean {
    return this.state.articles.has(id);
  }

  get articleCount(): number {
    return this.state.articles.size;
  }

  listArticles(): ArticleRecord[] {
    return [...this.state.articles.values()];
  }

  getOverrides(): Overrides {
    return this.state.overrides;
  }

  // --- Adding an article ----------------------------------------------------------

  /**
   * Merges one article's extraction into the graph. The article must not be in the
   * graph yet (callers skip known ids; this throws to protect the counts).
   * `extraction` is extractArticle's result (src/ingest/extract-article) or the
   * extractor's raw result for `article.text`: header lines and within-document
   * resolution are applied here either way.
   */
  addArticle(article: ParsedArticle, extraction: ExtractionResult | PreparedArticle): ArticleSummary {
    if (this.state.articles.has(article.id)) throw new InputError('graph', `article ${article.id} is already in the graph`);
    const prepared = 'groups' in extraction ? extraction : prepareArticle(article, extraction);
    this.beginWork();
    const { text } = article;
    const { resolved, locate, groups } = prepared;
    const summary: ArticleSummary = { id: article.id, title: article.title, newEntities: [], knownEntities: 0, relations: 0, facts: 0, skipped: prepared.skipped };
    if (article.file !== undefined) summary.file = article.file;
    const record: ArticleRecord = { ...prepared.record };
    summary.facts = record.facts?.length ?? 0;
    this.state.articles.set(article.id, record);

    const nodeOfMention = new Map<number, string>();
    const existedBefore = new Set<string>();
    this.state.forwards.clear();
    for (const group of groups) {
      const { indices, subtype } = group;
      const target = resolveGroup(this.state, group);
      for (const i of indices) {
        const m = resolved.entities[i]!;
        const nodeId = routeSplit(this.state.overrides, target, m);
        const seen = this.state.nodeState.get(nodeId)?.articles;
        if (seen && seen.size > (seen.has(article.id) ? 1 : 0)) existedBefore.add(nodeId);
        this.state.ensureNode(nodeId, m.type, subtype);
        addMentionEvidence(this.state, article.id, text, m, nodeId, locate);
        nodeOfMention.set(i, nodeId);
      }
      // Index now: the article's next entities may resolve against this one.
      for (const nodeId of new Set(indices.map((i) => nodeOfMention.get(i)!))) this.state.reindex(nodeId);
    }
    // A later entity of this article may have merged an earlier one's node away.
    for (const [i, nodeId] of nodeOfMention) nodeOfMention.set(i, this.state.forwarded(nodeId));
    for (const nodeId of new Set(nodeOfMention.values())) {
      const state = this.state.nodeState.get(nodeId)!;
      if (existedBefore.has(nodeId)) summary.knownEntities++;
      else summary.newEntities.push({ id: nodeId, label: representativeName(state.norms), type: state.type });
    }

    summary.relations = addArticleRelations(this.state, article.id, text, resolved, nodeOfMention, locate);
    summary.newEntities.sort((a, b) => (a.id < b.id ? -1 : 1));
    this.state.changes.countTouched();
    return summary;
  }

  // --- Cross-article resolution ----------------------------------------------------



  // --- Nodes: state, index, merge ------------------------------------------------



  // --- Removing an article ---------------------------------------------------------

  /** Retracts an article's mentions, evidence and edges; drops entities nothing else supports. */
  removeArticle(articleId: string): { removedEntities: string[] } {
    if (!this.state.articles.has(articleId)) throw new NotFoundError('graph', `no article with id ${JSON.stringify(articleId)} in the graph`);
    return { removedEntities: retractArticle(this.state, articleId).sort() };
  }

  // --- User corrections -----------------------------------------------------------

  /** `kg merge A B`: B becomes part of A, now and whenever B's names come back. */
  mergeNodes(keep: string, absorb: string): void {
    for (const id of [keep, absorb]) this.state.guard?.node(id);
    for (const id of [keep, absorb]) if (!this.graph.hasNode(id)) throw new NotFoundError('merge', `no entity with id ${JSON.stringify(id)} in the graph`);
    if (keep === absorb) throw new InputError('merge', 'cannot merge an entity with itself');
    if (this.state.nodeState.get(keep)!.type !== this.state.nodeState.get(absorb)!.type) {
      throw new InputError('merge', `${keep} and ${absorb} have different types (${this.state.nodeState.get(keep)!.type}, ${this.state.nodeState.get(absorb)!.type})`);
    }
    mergeInto(this.state, keep, absorb);
    this.state.overrides.merges = this.state.overrides.merges.filter(([, b]) => b !== absorb);
    this.state.overrides.merges.push([keep, absorb]);
  }

  /** `kg split ID --alias ...`: the mentions written (or normalised) as these aliases become an entity of their own. */
  splitNode(id: string, aliases: string[]): string {
    this.state.guard?.node(id);
    this.state.guard?.evidence(id);
    if (!this.graph.hasNode(id)) throw new NotFoundError('split', `no entity with id ${JSON.stringify(id)} in the graph`);
    if (aliases.length === 0) throw new InputError('split', 'name at least one alias to split off');
    const attributes = this.graph.getNodeAttributes(id);
    const moving = mentionsOfAliases(attributes.evidence, aliases);
    if (moving.length === 0) {
      throw new InputError('split', `none of ${aliases.map((a) => JSON.stringify(a)).join(', ')} is a form of ${id} (its forms: ${attributes.aliases.join(', ')})`);
    }
    if (moving.length === attributes.evidence.length) throw new InputError('split', `every mention of ${id} is one of these aliases: nothing would be left`);
    const newId = splitNodeId(id, aliases);
    this.state.ensureNode(newId, attributes.type, attributes.subtype);
    const moved = new Set(moving.map((ev) => mentionId(ev.article, [ev.start, ev.end])));
    moveEvidence(this.state, id, newId, moved);
    this.state.overrides.splits.push({ id, aliases: [...aliases] });
    return newId;
  }

  // --- Derived attributes ----------------------------------------------------------

  /** Recomputes the derived attributes of the nodes and edges touched since the last flush. */
  flush(): void {
    const { graph, nodeState, changes } = this.state;
    changes.drain(
      (id) => {
        if (graph.hasNode(id)) refreshNode(graph, id, nodeState.get(id)!);
      },
      (key) => {
        if (graph.hasEdge(key)) refreshEdge(graph, key);
      },
    );
  }

  /** The work the last addArticle did (nodes and edges touched, index candidates read, evidence moved). */
  get lastAddWork(): AddWork {
    return { ...this.state.changes.work };
  }

  /** Starts counting a change's work afresh (see lastAddWork and touched). */
  beginWork(): void {
    this.state.changes.begin();
  }

  /** Nodes and edges changed since beginWork (some may have been dropped since). */
  touched(): { nodes: ReadonlySet<string>; edges: ReadonlySet<string> } {
    return this.state.changes.touched();
  }

  /** The match keys a node is indexed under (what a store writes to its index). */
  indexKeysOf(id: string): readonly string[] {
    return this.state.nodeState.get(id)?.keys ?? [];
  }

  /** What a store keeps of a node for resolution: its names and forms with counts, and its article counts. */
  nodeCounts(id: string): { norms: ReadonlyMap<string, number>; texts: ReadonlyMap<string, number>; refs: ReadonlyMap<string, number>; genericMentions: number; articles: number; fullArticles: number } | undefined {
    const state = this.state.nodeState.get(id);
    return state && { norms: state.norms, texts: state.texts, refs: state.refs, genericMentions: state.genericMentions, articles: state.articles.size, fullArticles: state.fullArticles.size };
  }

  /** The nodes a node may be the same entity as (its own side of the pairs). */
  possibleSameAsOf(id: string): ReadonlySet<string> {
    return this.state.nodeState.get(id)?.possibleSameAs ?? new Set();
  }

  getArticle(id: string): ArticleRecord | undefined {
    return this.state.articles.get(id);
  }

  /** Sizes of the in-memory indices, for tests and stats. */
  indexSizes(): { matchKeys: number; articleNodes: number; articleEdges: number } {
    return { matchKeys: this.state.index.size, articleNodes: this.state.articleNodes.size, articleEdges: this.state.articleEdges.size };
  }

  /** Keys of every node, for tests and stats. */
  nodeIds(): string[] {
    return this.graph.nodes();
  }

  /** Whether a mention of `type` named `norm` would get this node as its own key (for tests). */
  static keyOf(type: EntityType, norm: string): string {
    return entityKey(type, norm);
  }

  /** Whether a node's label is a short form (for stats). */
  isShort(id: string): boolean {
    const attributes = this.graph.getNodeAttributes(id);
    return isShortName(attributes.type, attributes.label);
  }
}
