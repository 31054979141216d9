/**
 * Moving evidence between nodes, the one thing a merge (resolution's or the
 * user's) and a split (the user's, or resolution detaching an ambiguous short
 * name) have in common: mentions change node with their counts and article
 * index entries, and relation evidence follows the mentions it names, so the
 * graph is what ingesting with the new grouping from the start would have given.
 */
import type { MentionEvidence, RelationEvidence } from '../model/graph-file';
import { countEvidence } from './evidence-counts';
import { addEdgeEvidence } from './edge-evidence';
import type { GraphState } from './graph-state';

/** How moveEvidence names a mention: its article and offsets, which no other mention shares. */
export function mentionId(article: string, [start, end]: readonly [number, number]): string {
  return `${article}|${start}|${end}`;
}

/** Moves everything of node `absorbed` into node `target` and drops `absorbed`. */
export function mergeInto(state: GraphState, target: string, absorbed: string): void {
  state.guard?.edges(absorbed);
  state.guard?.evidence(absorbed);
  state.guard?.evidence(target);
  const from = state.graph.getNodeAttributes(absorbed);
  const to = state.graph.getNodeAttributes(target);
  const toState = state.nodeState.get(target)!;
  const fromState = state.nodeState.get(absorbed)!;
  state.changes.work.evidenceMoved += from.evidence.length;
  for (const ev of from.evidence) {
    to.evidence.push(ev);
    countEvidence(toState, ev, +1);
  }
  if (to.subtype === undefined && from.subtype !== undefined) to.subtype = from.subtype;
  for (const other of fromState.possibleSameAs) {
    state.guard?.node(other);
    const otherState = state.nodeState.get(other);
    otherState?.possibleSameAs.delete(absorbed);
    if (other !== target && otherState) {
      otherState.possibleSameAs.add(target);
      toState.possibleSameAs.add(other);
    }
    state.changes.touchNode(other);
  }
  toState.possibleSameAs.delete(absorbed);
  state.graph.forEachEdge(absorbed, (edge, attributes, source, targetNode) => {
    const s = source === absorbed ? target : source;
    const t = targetNode === absorbed ? target : targetNode;
    for (const article of new Set(attributes.evidence.map((e) => e.article))) state.articleEdges.get(article)?.delete(edge);
    if (s === t) return; // a relation between two names of one entity
    for (const ev of attributes.evidence) addEdgeEvidence(state, attributes.type, s, t, ev);
  });
  state.graph.dropNode(absorbed);
  for (const article of fromState.articles.keys()) {
    const nodes = state.nodesOf(article);
    nodes.delete(absorbed);
    nodes.add(target);
  }
  state.forwards.set(absorbed, target);
  state.index.remove(absorbed, fromState.keys);
  state.nodeState.delete(absorbed);
  state.changes.forgetNode(absorbed);
  state.changes.touchNode(target);
  state.reindex(target);
}

/**
 * Moves the mentions identified by `moved` (see mentionId) from one node to another,
 * with the relation evidence whose end on `from` is one of them.
 */
export function moveEvidence(state: GraphState, from: string, to: string, moved: ReadonlySet<string>): void {
  state.guard?.edges(from);
  state.guard?.evidence(from);
  state.guard?.evidence(to);
  const attributes = state.graph.getNodeAttributes(from);
  const fromState = state.nodeState.get(from)!;
  const toState = state.nodeState.get(to)!;
  const toAttributes = state.graph.getNodeAttributes(to);
  const kept: MentionEvidence[] = [];
  for (const ev of attributes.evidence) {
    if (!moved.has(mentionId(ev.article, [ev.start, ev.end]))) {
      kept.push(ev);
      continue;
    }
    state.changes.work.evidenceMoved++;
    countEvidence(fromState, ev, -1);
    countEvidence(toState, ev, +1);
    toAttributes.evidence.push(ev);
    state.nodesOf(ev.article).add(to);
    if (!fromState.articles.has(ev.article)) state.articleNodes.get(ev.article)?.delete(from);
  }
  attributes.evidence = kept;
  state.graph.forEachEdge(from, (edge, edgeAttributes, source, target) => {
    const keep: RelationEvidence[] = [];
    for (const ev of edgeAttributes.evidence) {
      const sourceMoved = source === from && moved.has(mentionId(ev.article, ev.source));
      const targetMoved = target === from && moved.has(mentionId(ev.article, ev.target));
      if (!sourceMoved && !targetMoved) keep.push(ev);
      else {
        const s = sourceMoved ? to : source;
        const t = targetMoved ? to : target;
        if (s !== t) addEdgeEvidence(state, edgeAttributes.type, s, t, ev);
      }
    }
    edgeAttributes.evidence = keep;
    state.changes.touchEdge(edge);
  });
  for (const edge of state.graph.edges(from)) if (state.graph.getEdgeAttributes(edge).evidence.length === 0) state.graph.dropEdge(edge);
  state.reindex(from);
  state.reindex(to);
  state.changes.touchNode(from);
  state.changes.touchNode(to);
}
