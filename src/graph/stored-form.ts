/**
 * Graph file version 2 without zod: puts each evidence's sentence back from its
 * article's `sentences` list, for code that reads the file with a plain
 * JSON.parse and validates elsewhere (the page: validation runs in a worker while
 * the main thread draws). Imports types only, so it adds nothing to a bundle.
 *
 * The validating reader (GraphFileSchema in src/model/graph-file.ts) does the same
 * and also reports what is wrong and where; this one leaves anything it does not
 * understand as it is, for the validator to refuse.
 */
import type { GraphFile } from '../model/graph-file';

type Loose = Record<string, unknown>;

const isObject = (value: unknown): value is Loose => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Resolves, in place, every evidence whose `sentence` is an index into its
 * article's `sentences` (the on-disk form) to the sentence text and its
 * `sentenceStart` (the in-memory form), and drops the articles' `sentences`.
 * Evidence already inline is left as it is. Returns the same object.
 */
export function expandStoredSentences(value: unknown): GraphFile {
  if (!isObject(value) || !Array.isArray(value.articles) || !isObject(value.graph)) return value as unknown as GraphFile;
  const sentencesOf = new Map<string, unknown[]>();
  for (const article of value.articles) {
    if (!isObject(article) || typeof article.id !== 'string') continue;
    if (Array.isArray(article.sentences)) sentencesOf.set(article.id, article.sentences);
    delete article.sentences;
  }
  const expand = (items: unknown) => {
    if (!Array.isArray(items)) return;
    for (const item of items) {
      const evidence = isObject(item) && isObject(item.attributes) ? item.attributes.evidence : undefined;
      if (!Array.isArray(evidence)) continue;
      for (const ev of evidence) {
        if (!isObject(ev) || typeof ev.sentence !== 'number' || typeof ev.article !== 'string') continue;
        const entry = sentencesOf.get(ev.article)?.[ev.sentence];
        if (!Array.isArray(entry) || typeof entry[0] !== 'number' || typeof entry[1] !== 'string') continue;
        ev.sentence = entry[1];
        ev.sentenceStart = entry[0];
      }
    }
  };
  expand(value.graph.nodes);
  expand(value.graph.edges);
  return value as unknown as GraphFile;
}
