/**
 * Brings the displayed graph in line with a new graph file (the knowledge base's
 * state after adding or removing an article) without rebuilding it, so positions,
 * camera and selection survive; reports what is new so it can be highlighted and
 * placed near its neighbours.
 *
 * Resolution can re-key an entity (person:matkenov becomes person:matkenov-tlegen
 * once an article gives the first name) or merge it into another. The page sees
 * a dropped node and an added one; the mentions tell that they are the same
 * entity: the node that now holds most of the dropped node's mentions is its
 * successor. A new successor takes its predecessor's place on the canvas.
 */
import type { GraphFile, MentionEvidence } from '../../model/graph-file';
import type { KnowledgeGraph } from '../data/graph-io';

export interface SyncResult {
  addedNodes: string[];
  addedEdges: string[];
  droppedNodes: string[];
  /** Dropped node -> the node that now holds most of its mentions (re-keyed or merged). */
  successors: Map<string, string>;
  /** Added nodes placed where their predecessor was (no other placement needed). */
  placedNodes: Set<string>;
}

/** One mention, wherever it is filed: its article and offsets. */
const mentionKey = (ev: Pick<MentionEvidence, 'article' | 'start' | 'end'>) => `${ev.article}\u0000${ev.start}\u0000${ev.end}`;

/** For each node about to be dropped, the node of `file` holding most of its mentions. */
function findSuccessors(target: KnowledgeGraph, dropped: readonly string[], file: GraphFile): Map<string, string> {
  const owner = new Map<string, string>();
  for (const node of dropped) {
    for (const ev of target.getNodeAttribute(node, 'evidence') ?? []) owner.set(mentionKey(ev), node);
  }
  const votes = new Map<string, Map<string, number>>();
  if (owner.size > 0) {
    for (const { key, attributes } of file.graph.nodes) {
      for (const ev of attributes.evidence) {
        const old = owner.get(mentionKey(ev));
        if (old === undefined) continue;
        const counts = votes.get(old) ?? new Map<string, number>();
        counts.set(key, (counts.get(key) ?? 0) + 1);
        votes.set(old, counts);
      }
    }
  }
  const successors = new Map<string, string>();
  for (const [old, counts] of votes) {
    let best: string | null = null;
    let most = 0;
    for (const [node, count] of counts) {
      if (count > most) {
        best = node;
        most = count;
      }
    }
    if (best !== null) successors.set(old, best);
  }
  return successors;
}

export function syncGraph(target: KnowledgeGraph, file: GraphFile): SyncResult {
  const nodeKeys = new Set(file.graph.nodes.map((n) => n.key));
  const edgeKeys = new Set(file.graph.edges.map((e) => e.key));
  const dropped = target.filterNodes((node) => !nodeKeys.has(node));
  const successors = findSuccessors(target, dropped, file);
  const result: SyncResult = { addedNodes: [], addedEdges: [], droppedNodes: dropped, successors, placedNodes: new Set() };

  // Where each new successor goes: its predecessor's place (the first, if several merged into it).
  const inherited = new Map<string, { x: number; y: number }>();
  for (const [old, next] of successors) {
    const { x, y } = target.getNodeAttributes(old);
    if (!target.hasNode(next) && !inherited.has(next) && typeof x === 'number' && typeof y === 'number') inherited.set(next, { x, y });
  }

  target.forEachEdge((edge) => {
    if (!edgeKeys.has(edge)) target.dropEdge(edge);
  });
  for (const node of dropped) target.dropNode(node);
  for (const { key, attributes } of file.graph.nodes) {
    if (target.hasNode(key)) {
      const { x, y } = target.getNodeAttributes(key);
      target.replaceNodeAttributes(key, { ...attributes, ...(x !== undefined && y !== undefined ? { x, y } : {}) });
      continue;
    }
    const place = inherited.get(key);
    if (place) result.placedNodes.add(key);
    // Sigma needs a position the moment a node exists; the caller places the others properly (placeNearNeighbours).
    target.addNode(key, { ...attributes, ...(place ?? { x: attributes.x ?? 0, y: attributes.y ?? 0 }) });
    result.addedNodes.push(key);
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
