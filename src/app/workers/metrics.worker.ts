/**
 * Betweenness, Louvain and PageRank off the main thread: on a few thousand
 * entities they take seconds, which would freeze the page on the first click.
 * The page sends the graph's structure only (keys, ends, weights, no evidence).
 */
import { MultiGraph } from 'graphology';
import { computeMetrics } from '../view/metrics';
import type { KnowledgeGraph } from '../data/graph-io';

export interface MetricsRequest {
  generation: number;
  nodes: string[];
  /** Flat [sourceIndex, targetIndex, weight] triples. */
  edges: Float64Array;
}

export interface MetricsResponse {
  generation: number;
  degree: Array<[string, number]>;
  pagerank: Array<[string, number]>;
  community: Array<[string, number]>;
  communityCount: number;
  betweenness: Array<[string, number]> | null;
}

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.addEventListener('message', (event: MessageEvent<MetricsRequest>) => {
  const { generation, nodes, edges } = event.data;
  const graph = new MultiGraph();
  for (const node of nodes) graph.addNode(node);
  for (let i = 0; i + 2 < edges.length; i += 3) {
    graph.addEdge(nodes[edges[i]!]!, nodes[edges[i + 1]!]!, { weight: edges[i + 2]! });
  }
  // computeMetrics reads only the structure and `weight` of the knowledge graph.
  const metrics = computeMetrics(graph as unknown as KnowledgeGraph);
  const response: MetricsResponse = {
    generation,
    degree: [...metrics.degree],
    pagerank: [...metrics.pagerank],
    community: [...metrics.community],
    communityCount: metrics.communityCount,
    betweenness: metrics.betweenness ? [...metrics.betweenness] : null,
  };
  scope.postMessage(response);
});
