/**
 * Data derived from the graph and the explorer's state, each memoised on exactly
 * the inputs it reads (Gephi Lite's derived atoms): a click does not recompute
 * what is visible, a filter change does not recompute sizes, new metrics recompute
 * neither unless nodes are sized or coloured by them.
 */
import type { ArticleRecord } from '../../model/graph-file';
import type { EntityType, RelationType } from '../../model/vocabulary';
import type { KnowledgeGraph } from '../data/graph-io';
import { mentionsOf, sizeByValue } from '../view/appearance';
import type { Metrics } from '../view/metrics';
import { shortestPath, type ShortestPath } from '../view/path';
import { readableDefault, type ReadableDefault } from '../view/readable-default';
import { computeVisibility, type Visibility } from '../view/visibility';
import type { ExplorerState } from './explorer-state';
import { memo } from './store';
import type { Filters, Focus, PathOptions, SizeMode } from './view-state';

export interface PathSets {
  nodes: Set<string>;
  edges: Set<string>;
}

export interface Totals {
  types: ReadonlyMap<EntityType, number>;
  relations: ReadonlyMap<RelationType, number>;
}

export interface Derived {
  articleMap(state: ExplorerState): ReadonlyMap<string, ArticleRecord>;
  /** The large-graph default (null for a small graph). */
  restrict(state: ExplorerState): ReadableDefault | null;
  path(state: ExplorerState): ShortestPath | null;
  pathSets(state: ExplorerState): PathSets | null;
  visibility(state: ExplorerState): Visibility;
  sizeOf(state: ExplorerState): (node: string) => number;
  totals(state: ExplorerState): Totals;
}

/** `metrics` is what the metrics client holds now; `state.metricsRevision` says when that changed. */
export function createDerived(graph: KnowledgeGraph, metrics: () => Metrics | null): Derived {
  // The revision arguments are unused inside: they are what the memo keys on, since the graph changes in place.
  const articleMap = memo((articles: readonly ArticleRecord[]) => new Map(articles.map((a) => [a.id, a])));
  const restrict = memo((_graphRevision: number) => readableDefault(graph));
  const path = memo((_graphRevision: number, ends: readonly [string, string] | null, options: PathOptions) =>
    ends && graph.hasNode(ends[0]) && graph.hasNode(ends[1]) ? shortestPath(graph, ends[0], ends[1], options) : null,
  );
  const pathSets = memo((found: ShortestPath | null): PathSets | null => (found ? { nodes: new Set(found.nodes), edges: new Set(found.hops.map((h) => h.edge)) } : null));
  const base = memo(
    (_graphRevision: number, articles: ReadonlyMap<string, ArticleRecord>, filters: Filters, focus: Focus | null, limit: ReadableDefault | null) =>
      computeVisibility(graph, articles, filters, focus, limit),
  );
  const visible = memo((shown: Visibility, reveal: string | null, filters: Filters, onPath: PathSets | null): Visibility => {
    const extra = reveal ? revealed(graph, reveal, shown, filters) : null;
    if (!extra && !onPath) return shown;
    // Copies: the base sets stay as computed, for the next selection.
    const nodes = new Set(shown.nodes);
    const edges = new Set(shown.edges);
    for (const set of [extra, onPath]) {
      if (!set) continue;
      for (const node of set.nodes) nodes.add(node);
      for (const edge of set.edges) edges.add(edge);
    }
    return { nodes, edges, typeCounts: shown.typeCounts };
  });
  const sizeOf = memo((_graphRevision: number, mode: SizeMode, _metricsRevision: number) => {
    const m = mode === 'mentions' ? null : metrics();
    // Until the metrics arrive nodes keep their mention sizes.
    const valueOf = !m
      ? (node: string) => mentionsOf(graph, node)
      : mode === 'degree'
        ? (node: string) => m.degree.get(node) ?? 0
        : (node: string) => m.pagerank.get(node) ?? 0;
    return sizeByValue(graph, valueOf);
  });
  const totals = memo((_graphRevision: number): Totals => {
    const types = new Map<EntityType, number>();
    graph.forEachNode((_n, attrs) => types.set(attrs.type, (types.get(attrs.type) ?? 0) + 1));
    const relations = new Map<RelationType, number>();
    graph.forEachEdge((_e, attrs) => relations.set(attrs.type, (relations.get(attrs.type) ?? 0) + 1));
    return { types, relations };
  });

  const derived: Derived = {
    articleMap: (s) => articleMap(s.articles),
    restrict: (s) => restrict(s.graphRevision),
    path: (s) => path(s.graphRevision, s.path, s.pathOptions),
    pathSets: (s) => pathSets(derived.path(s)),
    visibility: (s) => {
      const limit = s.showAll ? null : derived.restrict(s);
      const shown = base(s.graphRevision, derived.articleMap(s), s.filters, s.focus, limit);
      // Only the readable default hides a searched-for entity; a focus or the user's own filters decide for themselves.
      const reveal = limit && !s.focus && s.selected && graph.hasNode(s.selected) && !shown.nodes.has(s.selected) ? s.selected : null;
      return visible(shown, reveal, s.filters, derived.pathSets(s));
    },
    sizeOf: (s) => sizeOf(s.graphRevision, s.sizeBy, s.sizeBy === 'mentions' ? 0 : s.metricsRevision),
    totals: (s) => totals(s.graphRevision),
  };
  return derived;
}

/**
 * An entity found by search may lie outside a large graph's readable default: it is
 * shown anyway, with its relations to what is shown, unless the filters hide it.
 */
function revealed(graph: KnowledgeGraph, node: string, shown: Visibility, filters: Filters): PathSets | null {
  const attrs = graph.getNodeAttributes(node);
  if (filters.hiddenTypes.includes(attrs.type) || attrs.mentions < filters.minMentions) return null;
  const edges = new Set<string>();
  graph.forEachEdge(node, (edge, e, source, target) => {
    if (filters.hiddenRelations.includes(e.type) || (e.type === 'MENTIONED_WITH' && e.weight < filters.minCooccurrence)) return;
    if (shown.nodes.has(source === node ? target : source)) edges.add(edge);
  });
  return { nodes: new Set([node]), edges };
}
