/**
 * The attributes a node or edge shows but does not own: all of them follow from
 * its evidence (and, for a node, its counts), so they are recomputed rather than
 * updated, and the graph's bytes cannot depend on the order evidence arrived in.
 */
import type { RelationEvidence } from '../model/graph-file';
import { representativeName } from '../resolve/within-document';
import type { NodeState } from './evidence-counts';
import type { KnowledgeGraph } from './types';

/** Label, aliases, mentions, articles and the possibleSameAs still in the graph. */
export function refreshNode(graph: KnowledgeGraph, id: string, state: NodeState): void {
  const attributes = graph.getNodeAttributes(id);
  attributes.label = state.norms.size > 0 ? representativeName(state.norms) : id;
  attributes.aliases = [...new Set([...state.norms.keys(), ...state.texts.keys()])].sort();
  attributes.mentions = attributes.evidence.length;
  attributes.articles = [...state.articles.keys()].sort();
  const possible = [...state.possibleSameAs].filter((other) => graph.hasNode(other)).sort();
  if (possible.length > 0) attributes.possibleSameAs = possible;
  else delete attributes.possibleSameAs;
  if (state.genericMentions > 0) attributes.generic = true;
  else delete attributes.generic;
}

/** Weight (one per evidence sentence) and props. */
export function refreshEdge(graph: KnowledgeGraph, key: string): void {
  const attributes = graph.getEdgeAttributes(key);
  attributes.weight = attributes.evidence.length;
  const props = mergeEdgeProps(attributes.evidence);
  if (props) attributes.props = props;
  else delete attributes.props;
}

/** An edge's props: each key's distinct values over its evidence, sorted and joined by "; " (undefined when none). */
export function mergeEdgeProps(evidence: Iterable<Pick<RelationEvidence, 'props'>>): Record<string, string> | undefined {
  const props = new Map<string, Set<string>>();
  for (const ev of evidence) for (const [k, v] of Object.entries(ev.props ?? {})) props.set(k, (props.get(k) ?? new Set()).add(v));
  return props.size > 0 ? Object.fromEntries([...props].map(([k, v]) => [k, [...v].sort().join('; ')])) : undefined;
}
