/**
 * Shortest path between two entities, ignoring edge direction (an analyst asks
 * "how are these two connected", not "who points at whom"), with the relation
 * that supports each hop: a typed relation is preferred to co-occurrence.
 *
 * Options:
 *   - typedOnly: co-occurrence (MENTIONED_WITH) edges are not walked.
 *   - avoidHubs: entities whose number of distinct neighbours is above the 99th
 *     percentile of the graph ("Россия", "МВД", "наркотики") are not walked
 *     through; the two ends may be hubs themselves.
 * Class words ("наркотики", "сайт": generic nodes) are never walked through, whatever
 * the options: everything is one hop from them. They may be an end.
 */
import { UndirectedGraph } from 'graphology';
import { bidirectional } from 'graphology-shortest-path/unweighted';
import type { KnowledgeGraph } from '../data/graph-io';
import type { PathOptions } from '../state/view-state';

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

export const HUB_PERCENTILE = 0.99;

const NO_OPTIONS: PathOptions = { typedOnly: false, avoidHubs: false };

/** Entities with more distinct neighbours than HUB_PERCENTILE of the graph's entities. */
export function hubNodes(graph: KnowledgeGraph): Set<string> {
  const degrees = graph.mapNodes((node) => [node, graph.neighbors(node).length] as const);
  if (degrees.length === 0) return new Set();
  const sorted = degrees.map(([, d]) => d).sort((a, b) => a - b);
  const threshold = sorted[Math.min(sorted.length - 1, Math.floor(HUB_PERCENTILE * sorted.length))]!;
  return new Set(degrees.filter(([, d]) => d > threshold).map(([node]) => node));
}

function walkable(graph: KnowledgeGraph, options: PathOptions, ends: readonly string[], throughClassWords = false): UndirectedGraph {
  const hubs = options.avoidHubs ? hubNodes(graph) : new Set<string>();
  if (!throughClassWords)
    graph.forEachNode((node, attrs) => {
      if (attrs.generic) hubs.add(node);
    });
  for (const end of ends) hubs.delete(end);
  const simple = new UndirectedGraph();
  graph.forEachNode((node) => {
    if (!hubs.has(node)) simple.addNode(node);
  });
  graph.forEachEdge((_edge, attrs, source, target) => {
    if (source === target || (options.typedOnly && attrs.type === 'MENTIONED_WITH')) return;
    if (!simple.hasNode(source) || !simple.hasNode(target)) return;
    if (!simple.hasEdge(source, target)) simple.addEdge(source, target);
  });
  return simple;
}

export function shortestPath(graph: KnowledgeGraph, source: string, target: string, options: PathOptions = NO_OPTIONS): ShortestPath | null {
  if (!graph.hasNode(source) || !graph.hasNode(target)) return null;
  if (source === target) return { nodes: [source], hops: [] };
  const nodes = bidirectional(walkable(graph, options, [source, target]), source, target);
  if (!nodes) return null;
  const hops: PathHop[] = [];
  for (let i = 0; i + 1 < nodes.length; i++) {
    const from = nodes[i]!;
    const to = nodes[i + 1]!;
    const edges = [...graph.edges(from, to), ...graph.edges(to, from)].filter((e) => !options.typedOnly || graph.getEdgeAttribute(e, 'type') !== 'MENTIONED_WITH');
    edges.sort((a, b) => rank(graph, a) - rank(graph, b));
    hops.push({ from, to, edge: edges[0]! });
  }
  return { nodes, hops };
}

/**
 * When shortestPath finds none: the class words a path would have to step through (their
 * ids), or [] when there is none even through them, so the page can say why.
 */
export function classWordsOnlyPath(graph: KnowledgeGraph, source: string, target: string, options: PathOptions = NO_OPTIONS): string[] {
  if (!graph.hasNode(source) || !graph.hasNode(target) || shortestPath(graph, source, target, options)) return [];
  const nodes = bidirectional(walkable(graph, options, [source, target], true), source, target) ?? [];
  return nodes.slice(1, -1).filter((node) => graph.getNodeAttribute(node, 'generic') === true);
}

function rank(graph: KnowledgeGraph, edge: string): number {
  const attrs = graph.getEdgeAttributes(edge);
  return (attrs.type === 'MENTIONED_WITH' ? 1000 : 0) - attrs.weight;
}
