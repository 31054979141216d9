/**
 * Extraction off the main thread: parses the article (src/ingest) and runs the
 * extraction core (src/extract) with a fetch-based resource loader. The
 * extractor and its dictionaries are created once, on the first request; the English
 * pipeline (compromise) only on the first English article.
 */
import type { PreparedExtractor } from '../../extract/index';
import { createExtractor } from '../../extract/index';
import { extractArticleWhenReady } from '../../ingest/extract-article';
import { parseArticle } from '../../ingest/parse';
import { fetchResources } from './fetch-resources';
import { MAX_ARTICLE_CHARS, type ExtractRequest, type ExtractResponse } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
let extractor: Promise<PreparedExtractor> | null = null;
/** The request whose resources are being loaded (the English ones load on a later request than the Russian ones). */
let loadingFor = 0;

function post(message: ExtractResponse): void {
  scope.postMessage(message);
}

scope.addEventListener('message', (event: MessageEvent<ExtractRequest>) => {
  const request = event.data;
  if (request.type !== 'extract') return;
  void handle(request);
});

async function handle({ id, name, input }: ExtractRequest): Promise<void> {
  try {
    post({ type: 'progress', id, stage: 'parsing' });
    // Bytes are decoded exactly as `kg ingest` decodes a file (UTF-8, or Windows-1251).
    const article = parseArticle(input, { file: name });
    if (article.text.length > MAX_ARTICLE_CHARS) {
      throw new Error(`${name} is too large (${(article.text.length / 1e6).toFixed(1)} million characters; the limit is ${MAX_ARTICLE_CHARS / 1e6} million)`);
    }
    loadingFor = id;
    if (!extractor) {
      post({ type: 'progress', id, stage: 'loading' });
      // The worker's own URL is under assets/; resources/ is next to index.html.
      extractor = createExtractor(
        fetchResources(new URL('../', scope.location.href).href, (resource) => post({ type: 'progress', id: loadingFor, stage: 'loading', detail: resource })),
        { english: false },
      );
      extractor.catch(() => {
        extractor = null;
      });
    }
    const ready = await extractor;
    post({ type: 'progress', id, stage: 'extracting' });
    // The same article-level step as `kg ingest` (header lines, reference date, within-document resolution).
    const extraction = await extractArticleWhenReady(ready, article);
    post({ type: 'done', id, article, extraction });
  } catch (err) {
    post({ type: 'failed', id, message: err instanceof Error ? err.message : String(err) });
  }
}
