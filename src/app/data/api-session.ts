/**
 * The page in API mode after its first frame: metrics from the server, a link to
 * an entity the graph does not have explained, and the graph brought up to date
 * with a new summary (after an article was added or removed) without rebuilding
 * it, so positions, camera and selection stay.
 */
import type { MetricsResponse } from '../../model/api';
import type { GraphFile } from '../../model/graph-file';
import { syncGraph, type SyncResult } from '../articles/sync';
import type { Explorer } from '../explorer';
import { placeNearNeighbours } from '../layout/positions';
import { apiStrings } from '../ui/api-strings';
import type { Metrics } from '../view/metrics';
import { fetchEntity, fetchMetrics, useRevision } from './api-client';
import type { KnowledgeGraph } from './graph-io';
import { graphSource, setGraphSource } from './source';
import { fetchSummary, fileFromSummary } from './summary-graph';
import { graphChanged } from '../state/explorer-state';

export function startApiSession(explorer: Explorer, linkedNode: string | null | undefined): void {
  // A graph file dropped on the page replaces the served graph: its evidence is in it.
  explorer.onGraphReplaced(() => setGraphSource({ kind: 'file' }));
  if (linkedNode && !explorer.graph.hasNode(linkedNode)) {
    // The server says why in words fit to show ("no entity with id … in the graph").
    fetchEntity(linkedNode).then(
      () => undefined,
      (err: unknown) => explorer.notify(apiStrings().unknownLink((err as Error).message), 'error'),
    );
  }
  void loadServerMetrics(explorer);
}

function metricsFrom(response: MetricsResponse): Metrics {
  const entries = Object.entries(response.nodes);
  return {
    degree: new Map(entries.map(([node, m]) => [node, m.degree])),
    pagerank: new Map(entries.map(([node, m]) => [node, m.pagerank])),
    betweenness: new Map(entries.map(([node, m]) => [node, m.betweenness])),
    community: new Map(entries.map(([node, m]) => [node, m.community])),
    communityCount: response.communities,
  };
}

/** The server computes metrics in a worker thread once per revision; the page uses them if they match what it shows. */
async function loadServerMetrics(explorer: Explorer): Promise<void> {
  try {
    const response = await fetchMetrics();
    const source = graphSource();
    if (source.kind === 'api' && source.revision === response.revision) explorer.useMetrics(metricsFrom(response));
  } catch {
    // The page computes them itself when needed.
  }
}

interface DroppedNode {
  id: string;
  type: string;
  aliases: Set<string>;
  x?: number;
  y?: number;
}

/** The nodes the new summary no longer has, with what identifies them, read before the graph changes. */
function droppedNodes(graph: KnowledgeGraph, file: GraphFile): DroppedNode[] {
  const keys = new Set(file.graph.nodes.map((n) => n.key));
  return graph
    .filterNodes((node) => !keys.has(node))
    .map((id) => {
      const { type, label, aliases, x, y } = graph.getNodeAttributes(id);
      return { id, type, aliases: new Set([label, ...aliases].map((a) => a.toLowerCase())), ...(x !== undefined && y !== undefined ? { x, y } : {}) };
    });
}

/**
 * syncGraph finds a re-keyed or merged node's successor by its mentions, which
 * a summary does not carry. Here the successor is the node of the same type
 * that shares most of its names; a new successor takes its predecessor's place.
 */
function followByAliases(graph: KnowledgeGraph, dropped: readonly DroppedNode[], result: SyncResult): void {
  for (const old of dropped) {
    if (result.successors.has(old.id)) continue;
    let best: string | null = null;
    let most = 0;
    graph.forEachNode((node, attrs) => {
      if (attrs.type !== old.type) return;
      const shared = [attrs.label, ...attrs.aliases].filter((a) => old.aliases.has(a.toLowerCase())).length;
      if (shared > most) {
        best = node;
        most = shared;
      }
    });
    if (best === null) continue;
    result.successors.set(old.id, best);
    if (result.addedNodes.includes(best) && !result.placedNodes.has(best) && old.x !== undefined && old.y !== undefined) {
      graph.mergeNodeAttributes(best, { x: old.x, y: old.y });
      result.placedNodes.add(best);
    }
  }
}

export interface SummaryUpdate {
  addedNodes: number;
  addedEdges: number;
  merged: number;
}

/** Reads the summary again and updates the shown graph in place; null when the page is no longer in API mode. */
export async function reloadSummary(explorer: Explorer, options: { highlight: boolean }): Promise<SummaryUpdate | null> {
  if (graphSource().kind !== 'api') return null;
  const served = await fetchSummary();
  if (served.kind === 'failed') throw new Error(served.message);
  if (served.kind === 'absent') throw new Error('api/summary: no summary');
  const { summary } = served;
  setGraphSource({ kind: 'api', revision: summary.revision });
  useRevision(summary.revision);
  const file = fileFromSummary(summary);
  const gone = droppedNodes(explorer.graph, file);
  const result = syncGraph(explorer.graph, file);
  followByAliases(explorer.graph, gone, result);
  placeNearNeighbours(explorer.graph, result.addedNodes.filter((node) => !result.placedNodes.has(node)));
  const fresh = options.highlight ? { nodes: new Set(result.addedNodes), edges: new Set(result.addedEdges) } : undefined;
  explorer.dispatch(graphChanged, { articles: file.articles, successors: result.successors, fresh }, explorer.has);
  void loadServerMetrics(explorer);
  return { addedNodes: result.addedNodes.length, addedEdges: result.addedEdges.length, merged: result.droppedNodes.length };
}
