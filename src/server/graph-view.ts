/**
 * A light graph for kg serve's graph questions (neighbourhood, path, metrics):
 * graphology over the summary's nodes and edges, no evidence. Built once per
 * revision. Paths ignore edge direction (an analyst asks how two entities are
 * connected, not who points at whom), never pass through a class word's node, and
 * name, for each hop, the edge that best supports it: a typed relation before
 * co-occurrence, then the heavier one.
 */
import Graph, { UndirectedGraph } from 'graphology';
import { bidirectional } from 'graphology-shortest-path/unweighted';
import type { NeighbourhoodResponse, PathResponse, SummaryEdge, Summary } from '../model/api';

/** Co-occurrence in one sentence: `typed` paths leave it out. */
const CO_MENTION = 'MENTIONED_WITH';

/**
 * A hub is a node whose degree (distinct neighbours) is far above the rest: above
 * Tukey's far-out fence, Q3 + 3 × IQR of all degrees, and above HUB_MIN_DEGREE so a
 * small graph has none. A country or a ministry named in every article links
 * everything to everything; a path through it says little.
 */
export const HUB_MIN_DEGREE = 10;

const pairKey = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

function rank(edge: SummaryEdge): number {
  return (edge.type === CO_MENTION ? 1e9 : 0) - edge.weight;
}

interface Projection {
  graph: UndirectedGraph;
  /** The edge that stands for each pair of neighbours. */
  best: Map<string, SummaryEdge>;
  hubs?: Set<string>;
}

export class GraphView {
  private readonly projections = new Map<boolean, Projection>();
  private readonly prunedGraphs = new Map<string, { graph: UndirectedGraph; avoided: ReadonlySet<string> }>();
  private readonly edgesOf = new Map<string, SummaryEdge[]>();
  /** Nodes of class words (SummaryNode.generic). */
  private readonly generic = new Set<string>();

  constructor(readonly summary: Summary) {
    for (const node of summary.nodes) {
      this.edgesOf.set(node.id, []);
      if (node.generic) this.generic.add(node.id);
    }
    for (const edge of summary.edges) {
      this.edgesOf.get(edge.source)?.push(edge);
      if (edge.target !== edge.source) this.edgesOf.get(edge.target)?.push(edge);
    }
  }

  hasNode(id: string): boolean {
    return this.edgesOf.has(id);
  }

  /** The undirected simple graph of neighbours (`typed`: without co-occurrence edges). */
  projection(typed: boolean): Projection {
    let projection = this.projections.get(typed);
    if (projection) return projection;
    const graph = new UndirectedGraph();
    for (const node of this.summary.nodes) graph.addNode(node.id);
    const best = new Map<string, SummaryEdge>();
    for (const edge of this.summary.edges) {
      if (typed && edge.type === CO_MENTION) continue;
      if (edge.source === edge.target) continue;
      const key = pairKey(edge.source, edge.target);
      const known = best.get(key);
      if (!known) {
        graph.addEdge(edge.source, edge.target, { weight: edge.weight });
        best.set(key, edge);
      } else {
        graph.updateEdgeAttribute(edge.source, edge.target, 'weight', (w: number | undefined) => (w ?? 0) + edge.weight);
        if (rank(edge) < rank(known)) best.set(key, edge);
      }
    }
    projection = { graph, best };
    this.projections.set(typed, projection);
    return projection;
  }

  hubs(typed: boolean): Set<string> {
    const projection = this.projection(typed);
    projection.hubs ??= findHubs(projection.graph);
    return projection.hubs;
  }

  /** The nodes within `hops` of `id` and every edge among them. */
  neighbourhood(id: string, hops: 1 | 2): NeighbourhoodResponse {
    const seen = new Set([id]);
    let frontier = [id];
    for (let hop = 0; hop < hops; hop++) {
      const next: string[] = [];
      for (const node of frontier) {
        for (const edge of this.edgesOf.get(node) ?? []) {
          const other = edge.source === node ? edge.target : edge.source;
          if (!seen.has(other)) {
            seen.add(other);
            next.push(other);
          }
        }
      }
      frontier = next;
    }
    const edges = new Set<string>();
    for (const node of seen) for (const edge of this.edgesOf.get(node) ?? []) if (seen.has(edge.source) && seen.has(edge.target)) edges.add(edge.id);
    return { nodes: [...seen], edges: [...edges] };
  }

  /** A shortest path, or undefined when there is none under these rules. */
  path(from: string, to: string, options: { typed: boolean; avoidHubs: boolean }): PathResponse | undefined {
    return this.pathAvoiding(from, to, options, true);
  }

  /**
   * The class words (their ids) a path would have to step through when path() finds none; []
   * when path() finds one or there is none even through them. Lets a 404 say why ("only through
   * «наркотики»").
   */
  classWordsOnlyPath(from: string, to: string, options: { typed: boolean; avoidHubs: boolean }): string[] {
    if (this.path(from, to, options)) return [];
    const through = this.pathAvoiding(from, to, options, false);
    return through ? through.nodes.filter((id) => id !== from && id !== to && this.generic.has(id)) : [];
  }

  private pathAvoiding(from: string, to: string, options: { typed: boolean; avoidHubs: boolean }, avoidClassWords: boolean): PathResponse | undefined {
    if (from === to) return { nodes: [from], edges: [] };
    const projection = this.projection(options.typed);
    const { graph, avoided } = this.pruned(options.typed, options.avoidHubs, avoidClassWords);
    // An avoided node may still be an end: search the full projection's neighbours of such an
    // end by adding it back for this one question (a copy only in that rare case).
    let searched = graph;
    if (avoided.has(from) || avoided.has(to)) {
      searched = graph.copy();
      for (const end of [from, to]) {
        if (!avoided.has(end) || searched.hasNode(end)) continue;
        searched.addNode(end);
        projection.graph.forEachNeighbor(end, (other) => {
          if (searched.hasNode(other)) searched.addEdge(end, other);
        });
      }
    }
    const nodes = bidirectional(searched, from, to);
    if (!nodes) return undefined;
    const edges: string[] = [];
    for (let i = 0; i + 1 < nodes.length; i++) edges.push(projection.best.get(pairKey(nodes[i]!, nodes[i + 1]!))!.id);
    return { nodes, edges };
  }

  /**
   * The projection without the nodes a path may not step through: class words ("наркотики",
   * "сайт": everything is one hop from them) and, when asked, hubs. Built once per revision and
   * rule set: copying a 250,000-edge graph for every path request took most of its time.
   */
  private pruned(typed: boolean, avoidHubs: boolean, avoidClassWords: boolean): { graph: UndirectedGraph; avoided: ReadonlySet<string> } {
    const key = `${typed}|${avoidHubs}|${avoidClassWords}`;
    const cached = this.prunedGraphs.get(key);
    if (cached) return cached;
    const avoided = new Set<string>(avoidClassWords ? this.generic : []);
    if (avoidHubs) for (const hub of this.hubs(typed)) avoided.add(hub);
    let graph = this.projection(typed).graph;
    if (avoided.size > 0) {
      graph = graph.copy();
      for (const node of avoided) graph.dropNode(node);
    }
    const pruned = { graph, avoided };
    this.prunedGraphs.set(key, pruned);
    return pruned;
  }
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

export function findHubs(graph: Graph): Set<string> {
  const degrees = graph.mapNodes((node) => graph.degree(node)).sort((a, b) => a - b);
  const q1 = quantile(degrees, 0.25);
  const q3 = quantile(degrees, 0.75);
  const fence = Math.max(HUB_MIN_DEGREE, q3 + 3 * (q3 - q1));
  return new Set(graph.filterNodes((node) => graph.degree(node) > fence));
}
