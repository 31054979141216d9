/**
 * Relation evidence: each typed relation an article states, MENTIONED_WITH for the
 * pairs it only names together, and the one place evidence joins an edge, so that
 * an edge's key and the order of its ends follow from the relation alone (a merge
 * or a split that re-adds evidence lands on the same edge the article would have).
 */
import type { ExtractionResult } from '../model/extraction';
import type { RelationEvidence } from '../model/graph-file';
import { edgeKey } from '../model/edge-key';
import { UNDIRECTED_RELATIONS, type RelationType } from '../model/vocabulary';
import { coMentions } from './co-mentions';
import type { GraphState } from './graph-state';
import type { SentenceLocator } from './sentences';

/**
 * Adds an article's relations between the nodes its mentions resolved to (facts
 * and mentions of one node relate nothing); returns how many typed relations it
 * added, for the article's summary.
 */
export function addArticleRelations(
  state: GraphState,
  articleId: string,
  text: string,
  resolved: ExtractionResult,
  nodeOfMention: ReadonlyMap<number, string>,
  locate: SentenceLocator,
): number {
  let added = 0;
  // Node pairs with a typed relation, per sentence: they get no MENTIONED_WITH there.
  const related = new Set<string>();
  for (const relation of resolved.relations) {
    const source = nodeOfMention.get(relation.source);
    const target = nodeOfMention.get(relation.target);
    const s = resolved.entities[relation.source]!;
    const t = resolved.entities[relation.target]!;
    if (source === undefined || target === undefined || source === target) continue; // facts, self-references
    const [from, to] = relation.evidence;
    const [sentenceStart, sentenceEnd] =
      Number.isInteger(from) && Number.isInteger(to) && from >= 0 && from < to && to <= text.length ? [from, to] : locate.around(s.start, t.end);
    const evidence: RelationEvidence = {
      article: articleId,
      sentence: text.slice(sentenceStart, sentenceEnd),
      sentenceStart,
      source: [s.start, s.end],
      target: [t.start, t.end],
    };
    if (relation.props && Object.keys(relation.props).length > 0) evidence.props = { ...relation.props };
    addEdgeEvidence(state, relation.type, source, target, evidence);
    related.add(`${sentenceStart}|${[source, target].sort().join('|')}`);
    added++;
  }

  // MENTIONED_WITH: every pair of distinct entities in one sentence without a typed relation there.
  for (const pair of coMentions(resolved.entities, nodeOfMention, (m) => locate.around(m.start, m.end), related)) {
    addEdgeEvidence(state, 'MENTIONED_WITH', pair.a, pair.b, {
      article: articleId,
      sentence: text.slice(pair.sentence[0], pair.sentence[1]),
      sentenceStart: pair.sentence[0],
      source: [pair.aMention.start, pair.aMention.end],
      target: [pair.bMention.start, pair.bMention.end],
    });
  }
  return added;
}

/** Adds one evidence sentence to the edge of this relation, creating the edge on its first. */
export function addEdgeEvidence(state: GraphState, type: RelationType, source: string, target: string, evidence: RelationEvidence): void {
  if (UNDIRECTED_RELATIONS.has(type) && target < source) {
    // An undirected edge's evidence names the smaller id's mention first, whatever
    // ids its ends had when it was said (a merge may rename them later).
    [source, target] = [target, source];
    evidence = { ...evidence, source: evidence.target, target: evidence.source };
  }
  const key = edgeKey(type, source, target);
  if (!state.graph.hasEdge(key)) {
    const attributes = { type, weight: 0, evidence: [] as RelationEvidence[] };
    if (UNDIRECTED_RELATIONS.has(type)) {
      const [a, b] = source <= target ? [source, target] : [target, source];
      state.graph.addUndirectedEdgeWithKey(key, a, b, attributes);
    } else state.graph.addDirectedEdgeWithKey(key, source, target, attributes);
  }
  state.graph.getEdgeAttributes(key).evidence.push(evidence);
  state.edgesOf(evidence.article).add(key);
  state.changes.touchEdge(key);
}
