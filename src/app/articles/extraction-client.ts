/** The page's side of the extraction worker: one worker, requests answered in order, with progress. */
import type { ParsedArticle } from '../../model/article';
import type { ExtractionResult } from '../../model/extraction';
import type { ExtractRequest, ExtractResponse, ExtractStage } from '../workers/protocol';

export interface Extracted {
  article: ParsedArticle;
  extraction: ExtractionResult;
}

interface Pending {
  resolve(value: Extracted): void;
  reject(error: Error): void;
  onProgress(stage: ExtractStage, detail?: string): void;
}

export class ExtractionClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private pending = new Map<number, Pending>();

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('../workers/extract.worker.ts', import.meta.url), { type: 'module' });
    worker.addEventListener('message', (event: MessageEvent<ExtractResponse>) => {
      const message = event.data;
      const pending = this.pending.get(message.id);
      if (!pending) return;
      if (message.type === 'progress') pending.onProgress(message.stage, message.detail);
      else {
        this.pending.delete(message.id);
        if (message.type === 'done') pending.resolve({ article: message.article, extraction: message.extraction });
        else pending.reject(new Error(message.message));
      }
    });
    worker.addEventListener('error', (event) => {
      const error = new Error(`extraction worker failed: ${event.message || 'unknown error'}`);
      for (const pending of this.pending.values()) pending.reject(error);
      this.pending.clear();
      this.worker?.terminate();
      this.worker = null;
    });
    this.worker = worker;
    return worker;
  }

  extract(name: string, text: string, onProgress: Pending['onProgress']): Promise<Extracted> {
    const id = this.nextId++;
    const request: ExtractRequest = { type: 'extract', id, name, text };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress });
      this.ensureWorker().postMessage(request);
    });
  }
}
