/**
 * The summary on the wire and back: the server sends `toWire(summary)`, the page
 * (and any client) reads `fromWire(response)`. Pure and dependency-free, so the
 * page's first frame can use it.
 */
import type { Summary, SummaryEdge, SummaryResponse, WireEdge } from './api';
import { edgeKey } from './edge-key';
import { UNDIRECTED_RELATIONS, type RelationType } from './vocabulary';

export function toWire(summary: Summary): SummaryResponse {
  const nodeIndex = new Map(summary.nodes.map((n, i) => [n.id, i]));
  const relations: RelationType[] = [];
  const relationIndex = new Map<RelationType, number>();
  const edges = summary.edges.map((edge): WireEdge => {
    let relation = relationIndex.get(edge.type);
    if (relation === undefined) {
      relation = relations.push(edge.type) - 1;
      relationIndex.set(edge.type, relation);
    }
    const wire: WireEdge = [nodeIndex.get(edge.source)!, nodeIndex.get(edge.target)!, relation, edge.weight, edge.articles];
    const ownKey = edge.id !== edgeKey(edge.type, edge.source, edge.target);
    if (edge.props || ownKey) wire.push(edge.props ?? null);
    if (ownKey) wire.push(edge.id);
    return wire;
  });
  return { ...summary, relations, edges };
}

/** Reads a summary; throws a message fit to show when the response is not one. */
export function fromWire(wire: SummaryResponse): Summary {
  const { nodes, relations } = wire;
  const edges = wire.edges.map(([s, t, r, weight, articles, props, id]): SummaryEdge => {
    const source = nodes[s]?.id;
    const target = nodes[t]?.id;
    const type = relations[r];
    if (source === undefined || target === undefined || type === undefined) throw new Error(`the summary has an edge between nodes ${s} and ${t} of relation ${r}, which it does not list`);
    const edge: SummaryEdge = { id: id ?? edgeKey(type, source, target), source, target, type, weight, articles };
    if (UNDIRECTED_RELATIONS.has(type)) edge.undirected = true;
    if (props) edge.props = props;
    return edge;
  });
  const { relations: _relations, ...rest } = wire;
  return { ...rest, edges };
}
