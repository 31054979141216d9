/**
 * Node metrics with graphology's library. The knowledge graph is a mixed
 * multigraph, which Louvain refuses; every metric runs on its undirected
 * weighted projection (parallel relations add their weights), which is also what
 * an analyst means by "how connected is this entity".
 */
import { UndirectedGraph } from 'graphology';
import louvain from 'graphology-communities-louvain';
import betweennessCentrality from 'graphology-metrics/centrality/betweenness';
import pagerank from 'graphology-metrics/centrality/pagerank';
import type { KnowledgeGraph } from '../data/graph-io';

export interface Metrics {
  degree: Map<string, number>;
  pagerank: Map<string, number>;
  community: Map<string, number>;
  communityCount: number;
  /** Null when the graph is too large for exact betweenness (O(n·m)). */
  betweenness: Map<string, number> | null;
}

export const BETWEENNESS_MAX_NODES = 3000;

export function undirectedProjection(graph: KnowledgeGraph): UndirectedGraph {
  const simple = new UndirectedGraph();
  graph.forEachNode((node) => simple.addNode(node));
  graph.forEachEdge((_edge, attrs, source, target) => {
    if (source === target) return;
    const weight = Math.max(attrs.weight, 1);
    if (simple.hasEdge(source, target)) simple.updateEdgeAttribute(source, target, 'weight', (w: number | undefined) => (w ?? 0) + weight);
    else simple.addEdge(source, target, { weight });
  });
  return simple;
}

function toMap(record: Record<string, number>): Map<string, number> {
  return new Map(Object.entries(record));
}

export function computeMetrics(graph: KnowledgeGraph): Metrics {
  const simple = undirectedProjection(graph);
  const degree = new Map<string, number>();
  simple.forEachNode((node) => degree.set(node, simple.degree(node)));
  const ranks = simple.size > 0 ? toMap(pagerank(simple, { getEdgeWeight: 'weight' })) : new Map(simple.mapNodes((n) => [n, 1 / Math.max(simple.order, 1)] as const));
  let community = new Map<string, number>();
  let communityCount = 0;
  if (simple.size > 0) {
    const detailed = louvain.detailed(simple, { getEdgeWeight: 'weight', rng: seeded(42) });
    community = toMap(detailed.communities);
    communityCount = detailed.count;
  } else {
    simple.forEachNode((node, _a) => community.set(node, communityCount++));
  }
  const betweenness = simple.order <= BETWEENNESS_MAX_NODES ? toMap(betweennessCentrality(simple, { normalized: true })) : null;
  return { degree, pagerank: ranks, community, communityCount, betweenness };
}

function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a * 1664525 + 1013904223) >>> 0;
    return a / 4294967296;
  };
}
