/**
 * Brings the displayed graph in line with a new graph file (the knowledge base's
 * state after adding or removing an article) without rebuilding it, so positions,
 * camera and selection survive; reports what is new so it can be highlighted and
 * placed near its neighbours.
 */
import type { GraphFile } from '../../model/graph-file';
import type { KnowledgeGraph } from '../data/graph-io';

export interface SyncResult {
  addedNodes: string[];
  addedEdges: string[];
  droppedNodes: string[];
}

export function syncGraph(target: KnowledgeGraph, file: GraphFile): SyncResult {
  const result: SyncResult = { addedNodes: [], addedEdges: [], droppedNodes: [] };
  const nodeKeys = new Set(file.graph.nodes.map((n) => n.key));
  const edgeKeys = new Set(file.graph.edges.map((e) => e.key));
  target.forEachEdge((edge) => {
    if (!edgeKeys.has(edge)) target.dropEdge(edge);
  });
  for (const node of target.nodes()) {
    if (!nodeKeys.has(node)) {
      target.dropNode(node);
      result.droppedNodes.push(node);
    }
  }
  for (const { key, attributes } of file.graph.nodes) {
    if (target.hasNode(key)) {
      const { x, y } = target.getNodeAttributes(key);
      target.replaceNodeAttributes(key, { ...attributes, ...(x !== undefined && y !== undefined ? { x, y } : {}) });
    } else {
      // Sigma needs a position the moment a node exists; the caller places new nodes properly (placeNearNeighbours).
      target.addNode(key, { ...attributes, x: attributes.x ?? 0, y: attributes.y ?? 0 });
      result.addedNodes.push(key);
    }
  }
  for (const edge of file.graph.edges) {
    if (target.hasEdge(edge.key)) {
      target.replaceEdgeAttributes(edge.key, edge.attributes);
      continue;
    }
    if (edge.undirected) target.addUndirectedEdgeWithKey(edge.key, edge.source, edge.target, edge.attributes);
    else target.addDirectedEdgeWithKey(edge.key, edge.source, edge.target, edge.attributes);
    result.addedEdges.push(edge.key);
  }
  return result;
}
