/**
 * MENTIONED_WITH, the weighted fallback relation: every pair of distinct entities
 * named in one sentence that has no typed relation between them there. Pure: it
 * says which pairs, with which mentions; the graph adds the evidence.
 */
import type { EntityMention } from '../model/extraction';

export interface CoMention {
  /** The sentence, [start, end) in the article text. */
  sentence: readonly [number, number];
  /** Node ids, a < b. */
  a: string;
  b: string;
  /** The first mention of each in the sentence. */
  aMention: EntityMention;
  bMention: EntityMention;
}

/** `related` holds "sentenceStart|a|b" (a < b) for the pairs a typed relation already links in that sentence. */
export function coMentions(
  mentions: readonly EntityMention[],
  nodeOfMention: ReadonlyMap<number, string>,
  sentenceOf: (mention: EntityMention) => readonly [number, number],
  related: ReadonlySet<string>,
): CoMention[] {
  const bySentence = new Map<number, { span: readonly [number, number]; first: Map<string, EntityMention> }>();
  for (const [i, nodeId] of [...nodeOfMention.entries()].sort((x, y) => x[0] - y[0])) {
    const m = mentions[i]!;
    const span = sentenceOf(m);
    const entry = bySentence.get(span[0]) ?? { span, first: new Map<string, EntityMention>() };
    if (!entry.first.has(nodeId)) entry.first.set(nodeId, m);
    bySentence.set(span[0], entry);
  }
  const out: CoMention[] = [];
  for (const { span, first } of bySentence.values()) {
    const ids = [...first.keys()].sort();
    for (let x = 0; x < ids.length; x++) {
      for (let y = x + 1; y < ids.length; y++) {
        const a = ids[x]!;
        const b = ids[y]!;
        if (related.has(`${span[0]}|${a}|${b}`)) continue;
        out.push({ sentence: span, a, b, aMention: first.get(a)!, bMention: first.get(b)! });
      }
    }
  }
  return out;
}
