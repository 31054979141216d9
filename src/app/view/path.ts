/**
 * Shortest path between two entities, ignoring edge direction (an analyst asks
 * "how are these two connected", not "who points at whom"), with the relation
 * that supports each hop: a typed relation is preferred to co-occurrence.
 */
import { bidirectional } from 'graphology-shortest-path/unweighted';
import type { KnowledgeGraph } from '../data/graph-io';
import { undirectedProjection } from './metrics';

export interface PathHop {
  from: string;
  to: string;
  /** The edge chosen as this hop's evidence. */
  edge: string;
}

export interface ShortestPath {
  nodes: string[];
  hops: PathHop[];
}

export function shortestPath(graph: KnowledgeGraph, source: string, target: string): ShortestPath | null {
  if (!graph.hasNode(source) || !graph.hasNode(target)) return null;
  if (source === target) return { nodes: [source], hops: [] };
  const nodes = bidirectional(undirectedProjection(graph), source, target);
  if (!nodes) return null;
  const hops: PathHop[] = [];
  for (let i = 0; i + 1 < nodes.length; i++) {
    const from = nodes[i]!;
    const to = nodes[i + 1]!;
    const edges = [...graph.edges(from, to), ...graph.edges(to, from)];
    edges.sort((a, b) => rank(graph, a) - rank(graph, b));
    hops.push({ from, to, edge: edges[0]! });
  }
  return { nodes, hops };
}

function rank(graph: KnowledgeGraph, edge: string): number {
  const attrs = graph.getEdgeAttributes(edge);
  return (attrs.type === 'MENTIONED_WITH' ? 1000 : 0) - attrs.weight;
}
