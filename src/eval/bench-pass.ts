/**
 * One timed pass of `kg bench`: exactly what `kg extract` does with an article once its
 * file is read (src/cli/extract.ts): decode and parse the bytes (parseArticle), then
 * extractArticleWhenReady (the extractor, the header rules and within-article
 * resolution). Reading the files is not timed; everything after is.
 */
import type { Extractor, PreparedExtractor } from '../extract/index';
import { extractArticleWhenReady } from '../ingest/extract-article';
import { parseArticle } from '../ingest/parse';

export interface PassResult {
  seconds: number;
  /**
   * CPU time of the whole process during the pass (user + system, every thread): more than
   * `seconds` when V8's helper thread compiles and collects beside the main one, which on a
   * single core would come out of the same time.
   */
  cpuSeconds: number;
  /** Characters of the decoded texts (BOM stripped), as extraction sees them. */
  characters: number;
}

/** Parses and extracts every input in order, one at a time on this thread. */
export async function articlePass(
  extractor: Extractor & Partial<Pick<PreparedExtractor, 'prepareEnglish'>>,
  inputs: ReadonlyArray<Uint8Array | string>,
): Promise<PassResult> {
  let characters = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < inputs.length; i++) {
    const article = parseArticle(inputs[i]!, { file: `document ${i + 1}` });
    characters += article.text.length;
    await extractArticleWhenReady(extractor, article);
  }
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return { seconds, cpuSeconds: (used.user + used.system) / 1e6, characters };
}
