/**
 * The extraction thread of kg serve (started by extraction.ts): the same code as
 * `kg ingest` (the CLI's extractor, loaded once on the first article, English only
 * when an English article comes; extractArticleWhenReady), off the server's event loop.
 */
import { parentPort } from 'node:worker_threads';
import { loadExtractor } from '../cli/extractor';
import { extractArticleWhenReady } from '../ingest/extract-article';
import type { ParsedArticle } from '../model/article';
import type { ExtractionResult } from '../model/extraction';

export interface ExtractRequest {
  id: number;
  article: ParsedArticle;
}

export type ExtractReply = { id: number; extraction: ExtractionResult } | { id: number; error: string };

parentPort?.on('message', (request: ExtractRequest) => {
  void (async () => {
    try {
      const extractor = await loadExtractor({ english: false });
      const extraction = await extractArticleWhenReady(extractor, request.article);
      parentPort!.postMessage({ id: request.id, extraction } satisfies ExtractReply);
    } catch (err) {
      parentPort!.postMessage({ id: request.id, error: err instanceof Error ? err.message : String(err) } satisfies ExtractReply);
    }
  })();
});
