/**
 * What a large graph opens on. With thousands of entities and mostly
 * co-occurrence edges the whole graph is a grey hairball, so above
 * READABLE_DEFAULT_MIN_NODES entities the first view shows:
 *
 *   - every entity that takes part in a typed relation (any relation but MENTIONED_WITH),
 *   - the READABLE_TOP_MENTIONED most-mentioned entities,
 *   - typed relations between shown entities, and co-occurrence edges only
 *     between two of the most-mentioned.
 *
 * The user can always show everything (state.showAll, `all=1` in the URL).
 */
import type { KnowledgeGraph } from '../data/graph-io';

export const READABLE_DEFAULT_MIN_NODES = 1500;
export const READABLE_TOP_MENTIONED = 200;

export interface ReadableDefault {
  /** Entities the default view may show. */
  nodes: Set<string>;
  /** The most-mentioned entities: co-occurrence edges are kept between two of them. */
  top: Set<string>;
}

/** The default's node sets, or null when the graph is small enough to show whole. */
export function readableDefault(graph: KnowledgeGraph): ReadableDefault | null {
  if (graph.order <= READABLE_DEFAULT_MIN_NODES) return null;
  const ranked = graph.mapNodes((node, attrs) => [node, Number(attrs.mentions) || 0] as const);
  // Ties broken by key so the same file always opens on the same picture.
  ranked.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const top = new Set(ranked.slice(0, READABLE_TOP_MENTIONED).map(([node]) => node));
  const nodes = new Set(top);
  graph.forEachEdge((_edge, attrs, source, target) => {
    if (attrs.type === 'MENTIONED_WITH') return;
    nodes.add(source);
    nodes.add(target);
  });
  return { nodes, top };
}
