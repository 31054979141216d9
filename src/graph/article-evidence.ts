/**
 * What one article contributes to the graph, in and out: each mention becomes
 * evidence on its node (with the counts and the article -> nodes index kept in
 * step), and retracting the article takes back exactly that, touching only the
 * nodes and edges it supported, so that the graph is the one that never had it.
 */
import type { EntityMention } from '../model/extraction';
import type { MentionEvidence } from '../model/graph-file';
import { countEvidence } from './evidence-counts';
import type { GraphState } from './graph-state';
import type { SentenceLocator } from './sentences';

/** Adds one mention of the article to node `nodeId` (which exists), quoting the sentence around it. */
export function addMentionEvidence(state: GraphState, articleId: string, text: string, m: EntityMention, nodeId: string, locate: SentenceLocator): void {
  const [sentenceStart, sentenceEnd] = locate.around(m.start, m.end);
  const evidence: MentionEvidence = {
    article: articleId,
    sentence: text.slice(sentenceStart, sentenceEnd),
    sentenceStart,
    start: m.start,
    end: m.end,
    text: m.text,
    norm: m.norm,
  };
  if (m.ref !== undefined) evidence.ref = m.ref;
  if (m.generic) evidence.generic = true;
  if (m.nominal) evidence.nominal = true;
  state.graph.getNodeAttributes(nodeId).evidence.push(evidence);
  countEvidence(state.stateOf(nodeId), evidence, +1);
  state.nodesOf(articleId).add(nodeId);
  state.changes.touchNode(nodeId);
}

/** Retracts an article's mentions, evidence and edges; drops the entities nothing else supports and returns their ids. */
export function retractArticle(state: GraphState, articleId: string): string[] {
  const { graph } = state;
  for (const key of state.articleEdges.get(articleId) ?? []) {
    if (!graph.hasEdge(key)) continue;
    const attributes = graph.getEdgeAttributes(key);
    attributes.evidence = attributes.evidence.filter((e) => e.article !== articleId);
    if (attributes.evidence.length === 0) {
      graph.dropEdge(key);
      state.changes.forgetEdge(key);
    } else state.changes.touchEdge(key);
  }
  state.articleEdges.delete(articleId);

  const removedEntities: string[] = [];
  for (const id of state.articleNodes.get(articleId) ?? []) {
    state.guard?.evidence(id);
    const node = state.nodeState.get(id);
    if (!node) continue;
    const attributes = graph.getNodeAttributes(id);
    const kept: MentionEvidence[] = [];
    for (const ev of attributes.evidence) {
      if (ev.article === articleId) countEvidence(node, ev, -1);
      else kept.push(ev);
    }
    attributes.evidence = kept;
    if (kept.length === 0) {
      removedEntities.push(id);
      for (const other of node.possibleSameAs) {
        state.guard?.node(other);
        state.nodeState.get(other)?.possibleSameAs.delete(id);
        state.changes.touchNode(other);
      }
      graph.dropNode(id);
      state.index.remove(id, node.keys);
      state.nodeState.delete(id);
      state.changes.forgetNode(id);
    } else {
      state.reindex(id);
      state.changes.touchNode(id);
    }
  }
  state.articles.delete(articleId);
  state.articleNodes.delete(articleId);
  return removedEntities;
}
