/**
 * Canonical graph-file text: the same graph gives the same bytes, whatever order
 * its articles were added in. Every array whose order carries no meaning is
 * sorted, and object keys are written in code-point order. Sentences are written
 * once per article and referred to by index (graph file version 2, see
 * src/model/graph-file.ts).
 */
import type { GraphFile, MentionEvidence, RelationEvidence, StoredGraphFile } from '../model/graph-file';

const byKey = <T extends { key: string }>(a: T, b: T) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
const compare = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);

const mentionOrder = (a: MentionEvidence, b: MentionEvidence) =>
  compare(a.article, b.article) || a.start - b.start || a.end - b.end;
const relationOrder = (a: RelationEvidence, b: RelationEvidence) =>
  compare(a.article, b.article) ||
  a.sentenceStart - b.sentenceStart ||
  a.source[0] - b.source[0] ||
  a.target[0] - b.target[0] ||
  a.source[1] - b.source[1] ||
  a.target[1] - b.target[1];

/** Returns a copy of the file with every order-free array sorted. */
export function canonicalGraphFile(file: GraphFile): GraphFile {
  return {
    ...file,
    articles: [...file.articles].sort((a, b) => compare(a.id, b.id)).map((a) => (a.facts ? { ...a, facts: [...a.facts].sort((x, y) => x.start - y.start || x.end - y.end) } : a)),
    graph: {
      ...file.graph,
      attributes: file.graph.attributes ?? {},
      nodes: [...file.graph.nodes].sort(byKey).map((node) => ({
        ...node,
        attributes: {
          ...node.attributes,
          aliases: [...node.attributes.aliases].sort(),
          articles: [...node.attributes.articles].sort(),
          evidence: [...node.attributes.evidence].sort(mentionOrder),
          ...(node.attributes.possibleSameAs ? { possibleSameAs: [...node.attributes.possibleSameAs].sort() } : {}),
        },
      })),
      edges: [...file.graph.edges].sort(byKey).map((edge) => ({
        ...edge,
        attributes: { ...edge.attributes, evidence: [...edge.attributes.evidence].sort(relationOrder) },
      })),
    },
    overrides: file.overrides ?? { merges: [], splits: [] },
  };
}

function sortKeys(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) sorted[key] = (value as Record<string, unknown>)[key];
  return sorted;
}

/**
 * The disk shape of a (canonical) in-memory file: each article lists the sentences
 * its evidence quotes, once, in text order, and each evidence names its sentence by
 * index. Evidence of an article missing from `articles` stays inline.
 */
export function toStoredGraphFile(file: GraphFile): StoredGraphFile {
  const known = new Set(file.articles.map((a) => a.id));
  // Article id -> sentence offset -> the distinct sentences starting there (one,
  // unless two sentence splits disagreed). Keyed by number, not by "offset|text":
  // hashing hundreds of thousands of long sentence strings dominated the save.
  const quoted = new Map<string, Map<number, QuotedSentence[]>>();
  const find = (ev: { article: string; sentence: string; sentenceStart: number }, add: boolean): QuotedSentence | undefined => {
    let byStart = quoted.get(ev.article);
    if (!byStart) {
      if (!add || !known.has(ev.article)) return undefined;
      quoted.set(ev.article, (byStart = new Map()));
    }
    let list = byStart.get(ev.sentenceStart);
    if (!list) {
      if (!add) return undefined;
      byStart.set(ev.sentenceStart, (list = []));
    }
    let found = list.find((q) => q.text === ev.sentence);
    if (!found && add) list.push((found = { start: ev.sentenceStart, text: ev.sentence, index: -1 }));
    return found;
  };
  for (const node of file.graph.nodes) for (const ev of node.attributes.evidence) find(ev, true);
  for (const edge of file.graph.edges) for (const ev of edge.attributes.evidence) find(ev, true);

  const sentencesOf = new Map<string, Array<[number, string]>>();
  for (const [article, byStart] of quoted) {
    const ordered = [...byStart.values()].flat().sort((a, b) => a.start - b.start || compare(a.text, b.text));
    ordered.forEach((q, i) => (q.index = i));
    sentencesOf.set(article, ordered.map((q) => [q.start, q.text]));
  }
  const ref = <E extends { article: string; sentence: string; sentenceStart: number }>(ev: E) => {
    const found = find(ev, false);
    if (found === undefined) return ev;
    const { sentenceStart: _start, ...rest } = ev;
    return { ...rest, sentence: found.index };
  };
  return {
    ...file,
    articles: file.articles.map((a) => {
      const sentences = sentencesOf.get(a.id);
      return sentences ? { ...a, sentences } : a;
    }),
    graph: {
      ...file.graph,
      nodes: file.graph.nodes.map((node) => ({ ...node, attributes: { ...node.attributes, evidence: node.attributes.evidence.map(ref) } })),
      edges: file.graph.edges.map((edge) => ({ ...edge, attributes: { ...edge.attributes, evidence: edge.attributes.evidence.map(ref) } })),
    },
  };
}

interface QuotedSentence {
  start: number;
  text: string;
  /** Position in the article's `sentences`, once they are ordered. */
  index: number;
}

/**
 * The file's text: canonical order, keys sorted, one line per top-level part and
 * per node, edge and article, so files stay diffable without the size of full indentation.
 */
export function serializeGraphFile(file: GraphFile): string {
  const canonical = toStoredGraphFile(canonicalGraphFile(file));
  const line = (value: unknown) => JSON.stringify(value, sortKeys);
  const list = (items: unknown[]) => (items.length === 0 ? '[]' : `[\n${items.map(line).join(',\n')}\n]`);
  const { graph } = canonical;
  return (
    '{\n' +
    `"type": ${line(canonical.type)},\n` +
    `"version": ${line(canonical.version)},\n` +
    `"articles": ${list(canonical.articles)},\n` +
    `"graph": {\n"attributes": ${line(graph.attributes)},\n"options": ${line(graph.options)},\n"nodes": ${list(graph.nodes)},\n"edges": ${list(graph.edges)}\n},\n` +
    `"overrides": ${line(canonical.overrides)}\n` +
    '}\n'
  );
}
