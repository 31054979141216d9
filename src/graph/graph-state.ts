/**
 * The in-memory store every part of the knowledge base works on: the graphology
 * graph, and next to it what the graph cannot answer cheaply (each node's counts,
 * the match-key index, which nodes and edges each article supports), so that adding
 * or removing one article costs time proportional to that article. The modules
 * that change the graph (resolution, evidence moves, edge evidence, retraction)
 * share one GraphState; KnowledgeBase is the only thing outside src/graph that
 * holds one.
 */
import type { ArticleRecord, EntityNodeAttributes, GraphFile, Overrides } from '../model/graph-file';
import type { EntityType } from '../model/vocabulary';
import { fullNameKeys, matchKeys, scopeOf } from '../resolve/across-articles';
import { entityKey } from '../resolve/keys';
import { ChangeTracker } from './change-tracking';
import { countEvidence, newNodeState, type NodeState } from './evidence-counts';
import { MatchIndex } from './match-index';
import { createKnowledgeGraph, type KnowledgeGraph } from './types';

/**
 * A knowledge base over part of a graph (see src/store/working-set.ts) is told, at
 * every place the resolution reads something, what it is about to read. The store
 * records what it has not loaded yet, loads it and runs the article again; a whole
 * in-memory graph has no guard.
 */
export interface WorkingSetGuard {
  /** The match key is about to be looked up in the index. */
  key(key: string): void;
  /** The node's state is about to be read or the node created. */
  node(id: string): void;
  /** Every edge of the node is about to be read (a merge or a move of evidence). */
  edges(id: string): void;
  /** Every mention of the node is about to be read or its article counts changed by other articles' mentions. */
  evidence(id: string): void;
}

export class GraphState {
  readonly graph: KnowledgeGraph = createKnowledgeGraph();
  readonly articles = new Map<string, ArticleRecord>();
  readonly nodeState = new Map<string, NodeState>();
  /** Match key -> node ids (see src/resolve/across-articles). */
  readonly index = new MatchIndex();
  /** Article id -> edges with evidence from it. */
  readonly articleEdges = new Map<string, Set<string>>();
  /** Article id -> nodes with evidence from it. */
  readonly articleNodes = new Map<string, Set<string>>();
  /** Nodes merged away while adding the current article -> the node they went into. */
  readonly forwards = new Map<string, string>();
  readonly changes = new ChangeTracker();
  overrides: Overrides = { merges: [], splits: [] };
  /** Set when this state holds only part of a stored graph. */
  guard: WorkingSetGuard | undefined;

  /**
   * Fills this (empty) state from a graph file, recounting every node from its
   * evidence. `stubs`: nodes of `file` that are only there as the ends of loaded
   * edges (a partial graph); they get no state and are never resolved against.
   */
  load(file: GraphFile, stubs: Iterable<string> = []): void {
    const stubIds = new Set(stubs);
    for (const article of file.articles) this.articles.set(article.id, article);
    this.overrides = structuredClone(file.overrides ?? { merges: [], splits: [] });
    for (const { key, attributes } of file.graph.nodes) {
      this.graph.addNode(key, attributes);
      if (stubIds.has(key)) continue;
      const state = newNodeState(attributes.type);
      for (const ev of attributes.evidence) countEvidence(state, ev, +1);
      for (const id of attributes.possibleSameAs ?? []) state.possibleSameAs.add(id);
      for (const article of state.articles.keys()) this.nodesOf(article).add(key);
      this.nodeState.set(key, state);
      this.reindex(key);
    }
    for (const edge of file.graph.edges) {
      if (edge.undirected) this.graph.addUndirectedEdgeWithKey(edge.key, edge.source, edge.target, edge.attributes);
      else this.graph.addDirectedEdgeWithKey(edge.key, edge.source, edge.target, edge.attributes);
      for (const ev of edge.attributes.evidence) this.edgesOf(ev.article).add(edge.key);
    }
  }

  /** The state of a node known to exist (callers have checked, or just created it). */
  stateOf(id: string): NodeState {
    return this.nodeState.get(id)!;
  }

  nodesOf(article: string): Set<string> {
    let set = this.articleNodes.get(article);
    if (!set) {
      set = new Set();
      this.articleNodes.set(article, set);
    }
    return set;
  }

  edgesOf(article: string): Set<string> {
    let set = this.articleEdges.get(article);
    if (!set) {
      set = new Set();
      this.articleEdges.set(article, set);
    }
    return set;
  }

  /** Creates the node if missing; an existing node only gains a subtype it lacked (the first one given wins). */
  ensureNode(id: string, type: EntityType, subtype: string | undefined): void {
    this.guard?.node(id);
    if (this.graph.hasNode(id)) {
      const attributes = this.graph.getNodeAttributes(id);
      if (attributes.subtype === undefined && subtype !== undefined) attributes.subtype = subtype;
      return;
    }
    const attributes: EntityNodeAttributes = { label: id, type, aliases: [], mentions: 0, articles: [], evidence: [] };
    if (subtype !== undefined) attributes.subtype = subtype;
    this.graph.addNode(id, attributes);
    this.nodeState.set(id, newNodeState(type));
    this.changes.touchNode(id);
  }

  /** Re-registers a node's match keys after its names changed (none once it left the graph). */
  reindex(id: string): void {
    const state = this.nodeState.get(id);
    if (!state) return;
    this.index.remove(id, state.keys);
    const scope = scopeOf(id);
    // Found by the lexicon entries its mentions were identified by, as a group with that ref looks for it.
    const refKeys = [...state.refs.keys()].map((ref) => `n:${entityKey(state.type, '', ref)}${scope}`);
    state.keys = this.graph.hasNode(id) ? [...new Set([`id:${id}`, ...matchKeys({ type: state.type, norms: state.norms.keys(), scope }).indexed, ...refKeys])] : [];
    this.index.add(id, state.keys);
  }

  /**
   * The nodes indexed under `key`, each counted as work and announced to the guard
   * (a working set must load every candidate before resolution may judge it).
   */
  candidates(key: string): ReadonlySet<string> {
    this.guard?.key(key);
    const ids = this.index.get(key) ?? new Set<string>();
    for (const id of ids) {
      this.changes.work.candidatesVisited++;
      this.guard?.node(id);
    }
    return ids;
  }

  /** The name keys of a node's full names, cached on its state until its names change. */
  fullNames(id: string): Set<string> {
    const state = this.nodeState.get(id);
    if (!state) return new Set();
    state.fullNames ??= fullNameKeys({ type: state.type, norms: state.norms.keys(), scope: scopeOf(id) });
    return state.fullNames;
  }

  /** Where a node merged away during the current article went (chains followed). */
  forwarded(id: string): string {
    let current = id;
    while (this.forwards.has(current)) current = this.forwards.get(current)!;
    return current;
  }
}
