/** The extractor for CLI commands, with Node resources (az dictionaries, lexicons, models). */
import { createExtractor, type PreparedExtractor } from '../extract/index';
import { nodeResources } from '../node/resources';

const cached = new Map<boolean, Promise<PreparedExtractor>>();

/**
 * The process's extractor, created once per mode.
 *
 * `english: true` (default): both pipelines are loaded, so the synchronous extract() and
 * extractArticle() handle any article. `english: false`: the English pipeline (about
 * 20 MB) loads only on the first English article, which callers must then extract with
 * extractWhenReady() / extractArticleWhenReady() (src/ingest/extract-article.ts).
 */
export function loadExtractor(options: { english?: boolean } = {}): Promise<PreparedExtractor> {
  const english = options.english ?? true;
  let extractor = cached.get(english);
  if (!extractor) {
    extractor = createExtractor(nodeResources(), { english });
    // A failed load (missing dictionaries, broken model) is retried by the next call.
    extractor.catch(() => cached.delete(english));
    cached.set(english, extractor);
  }
  return extractor;
}
