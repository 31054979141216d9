/**
 * Extraction off the main thread: parses the article (src/ingest) and runs the
 * extraction core (src/extract) with a fetch-based resource loader. The
 * extractor and its dictionaries are created once, on the first request.
 */
import type { Extractor } from '../../extract/index';
import { createExtractor } from '../../extract/index';
import { parseArticle } from '../../ingest/parse';
import { fetchResources } from './fetch-resources';
import type { ExtractRequest, ExtractResponse } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
let extractor: Promise<Extractor> | null = null;

function post(message: ExtractResponse): void {
  scope.postMessage(message);
}

scope.addEventListener('message', (event: MessageEvent<ExtractRequest>) => {
  const request = event.data;
  if (request.type !== 'extract') return;
  void handle(request);
});

async function handle({ id, name, text }: ExtractRequest): Promise<void> {
  try {
    post({ type: 'progress', id, stage: 'parsing' });
    const article = parseArticle(text, { file: name });
    if (!extractor) {
      post({ type: 'progress', id, stage: 'loading' });
      // The worker's own URL is under assets/; resources/ is next to index.html.
      extractor = createExtractor(fetchResources(new URL('../', scope.location.href).href, (resource) => post({ type: 'progress', id, stage: 'loading', detail: resource })));
      extractor.catch(() => {
        extractor = null;
      });
    }
    const ready = await extractor;
    post({ type: 'progress', id, stage: 'extracting' });
    const referenceDate = article.published?.slice(0, 10);
    const extraction = ready.extract(article.text, { lang: article.lang, ...(referenceDate ? { referenceDate } : {}) });
    post({ type: 'done', id, article, extraction });
  } catch (err) {
    post({ type: 'failed', id, message: err instanceof Error ? err.message : String(err) });
  }
}
