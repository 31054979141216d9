/**
 * A GraphState built by hand, for testing the modules that change it without
 * going through extraction and resolution: nodes with named mentions, and edges
 * whose evidence points at those mentions.
 */
import { countEvidence } from '../../src/graph/evidence-counts';
import { addEdgeEvidence } from '../../src/graph/edge-evidence';
import { GraphState, type WorkingSetGuard } from '../../src/graph/graph-state';
import type { MentionEvidence, RelationEvidence } from '../../src/model/graph-file';
import type { EntityType, RelationType } from '../../src/model/vocabulary';

/** One mention; `start` keeps mentions of one article apart (their id is article + offsets). */
export function ev(article: string, norm: string, options: { text?: string; start?: number; ref?: string } = {}): MentionEvidence {
  const text = options.text ?? norm;
  const start = options.start ?? 0;
  const out: MentionEvidence = { article, sentence: text, sentenceStart: start, start, end: start + text.length, text, norm };
  if (options.ref !== undefined) out.ref = options.ref;
  return out;
}

const typeOf = (id: string) => id.slice(0, id.indexOf(':')).toUpperCase() as EntityType;

/** Adds mentions to a node (created if missing) the way addArticle does: evidence, counts, article index, then the match keys. */
export function mention(state: GraphState, id: string, ...evidence: MentionEvidence[]): void {
  state.ensureNode(id, typeOf(id), undefined);
  for (const e of evidence) {
    state.graph.getNodeAttributes(id).evidence.push(e);
    countEvidence(state.stateOf(id), e, +1);
    state.nodesOf(e.article).add(id);
  }
  state.reindex(id);
}

/** A relation between two mentions already added. */
export function relate(state: GraphState, type: RelationType, source: string, sourceMention: MentionEvidence, target: string, targetMention: MentionEvidence): void {
  const evidence: RelationEvidence = {
    article: sourceMention.article,
    sentence: 's',
    sentenceStart: 0,
    source: [sourceMention.start, sourceMention.end],
    target: [targetMention.start, targetMention.end],
  };
  addEdgeEvidence(state, type, source, target, evidence);
}

export function recordingGuard(): WorkingSetGuard & { log: string[] } {
  const log: string[] = [];
  return { log, key: (k) => log.push(`key ${k}`), node: (id) => log.push(`node ${id}`), edges: (id) => log.push(`edges ${id}`), evidence: (id) => log.push(`evidence ${id}`) };
}
