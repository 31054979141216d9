/**
 * Initial positions. A file that carries positions is shown as saved; nodes
 * without one are placed by ForceAtlas2 (synchronously for small graphs, where it
 * takes milliseconds) or near their placed neighbours.
 */
import forceAtlas2 from 'graphology-layout-forceatlas2';
import type { KnowledgeGraph } from '../data/graph-io';
import { seededRandom } from '../../util/random';


function hasPosition(graph: KnowledgeGraph, node: string): boolean {
  const { x, y } = graph.getNodeAttributes(node);
  return typeof x === 'number' && typeof y === 'number' && Number.isFinite(x) && Number.isFinite(y);
}

/** The largest graph laid out synchronously before the first frame; bigger ones start the worker. */
export const SYNC_LAYOUT_MAX_NODES = 1500;

/**
 * Gives every node a position. Returns true when the graph had no saved layout
 * and is too large for a synchronous run (the caller then starts the layout worker).
 */
export function ensurePositions(graph: KnowledgeGraph): { needsWorkerLayout: boolean } {
  const missing = graph.filterNodes((node) => !hasPosition(graph, node));
  if (missing.length === 0) return { needsWorkerLayout: false };
  if (missing.length < graph.order) {
    placeNearNeighbours(graph, missing);
    return { needsWorkerLayout: false };
  }
  const rng = seededRandom(graph.order * 7919 + graph.size);
  graph.forEachNode((node) => {
    graph.mergeNodeAttributes(node, { x: (rng() - 0.5) * 100, y: (rng() - 0.5) * 100 });
  });
  if (graph.order <= SYNC_LAYOUT_MAX_NODES) {
    forceAtlas2.assign(graph, { iterations: 150, settings: { ...forceAtlas2.inferSettings(graph), barnesHutOptimize: graph.order > 300 } });
    return { needsWorkerLayout: false };
  }
  return { needsWorkerLayout: true };
}

/**
 * New nodes (from an added article) go next to the centroid of their already
 * placed neighbours, with a small jitter; nodes with no placed neighbour go to
 * the edge of the current picture.
 */
export function placeNearNeighbours(graph: KnowledgeGraph, nodes: readonly string[]): void {
  if (nodes.length === 0) return;
  const pending = new Set(nodes);
  const placed = (node: string) => !pending.has(node) && hasPosition(graph, node);
  if (!graph.someNode((node) => placed(node))) {
    // Nothing to be near: lay the whole (new) graph out as on first load.
    for (const node of nodes) graph.mergeNodeAttributes(node, { x: undefined, y: undefined });
    ensurePositions(graph);
    return;
  }
  const rng = seededRandom(nodes.length * 31 + graph.order);
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  graph.forEachNode((node, attrs) => {
    if (!placed(node)) return;
    minX = Math.min(minX, attrs.x!); maxX = Math.max(maxX, attrs.x!);
    minY = Math.min(minY, attrs.y!); maxY = Math.max(maxY, attrs.y!);
  });
  const span = Math.max(maxX - minX, maxY - minY, 1);
  const jitter = span * 0.03;
  // Several passes so chains of new nodes settle next to each other.
  for (let pass = 0; pass < 3 && pending.size > 0; pass++) {
    for (const node of [...pending]) {
      let sx = 0, sy = 0, n = 0;
      graph.forEachNeighbor(node, (neighbour, attrs) => {
        if (!placed(neighbour)) return;
        sx += attrs.x!; sy += attrs.y!; n++;
      });
      if (n === 0) continue;
      graph.mergeNodeAttributes(node, { x: sx / n + (rng() - 0.5) * jitter * 2, y: sy / n + (rng() - 0.5) * jitter * 2 });
      pending.delete(node);
    }
  }
  // Unconnected newcomers: a column just right of the current picture.
  const cx = maxX + span * 0.1;
  const cy = (minY + maxY) / 2;
  for (const node of pending) {
    graph.mergeNodeAttributes(node, { x: cx + rng() * jitter * 4, y: cy + (rng() - 0.5) * span * 0.5 });
  }
}
