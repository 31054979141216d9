/**
 * The page's side of the extraction worker: one worker, requests answered in
 * order, with progress. A worker that fails (an `error` or `messageerror`
 * event) or goes silent (the browser may kill a worker without any event) must
 * never leave a request hanging: every pending request is rejected with a
 * readable message and the next request starts a fresh worker.
 */
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

/** The part of a Worker the client uses (so tests can give it a fake one). */
export type WorkerLike = Pick<Worker, 'postMessage' | 'terminate' | 'addEventListener'>;

export interface ExtractionClientOptions {
  createWorker?: () => WorkerLike;
  /**
   * A request with no message from the worker for this long is given up and the
   * worker restarted. The worker reports every dictionary it fetches, so the only
   * long silence is the extraction of one article (a few seconds for 5 MB).
   */
  watchdogMs?: number;
  messages?: {
    failed(detail: string): string;
    stalled(seconds: number): string;
  };
}

export const DEFAULT_WATCHDOG_MS = 60_000;

const defaultMessages = {
  failed: (detail: string) => `the extraction worker failed (${detail})`,
  stalled: (seconds: number) => `the extraction worker gave no sign of progress for ${seconds} s`,
};

function createExtractWorker(): Worker {
  return new Worker(new URL('../workers/extract.worker.ts', import.meta.url), { type: 'module' });
}

export class ExtractionClient {
  private worker: WorkerLike | null = null;
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private watchdog: ReturnType<typeof setTimeout> | undefined;
  private readonly createWorker: () => WorkerLike;
  private readonly watchdogMs: number;
  private readonly messages: NonNullable<ExtractionClientOptions['messages']>;

  constructor(options: ExtractionClientOptions = {}) {
    this.createWorker = options.createWorker ?? createExtractWorker;
    this.watchdogMs = options.watchdogMs ?? DEFAULT_WATCHDOG_MS;
    this.messages = options.messages ?? defaultMessages;
  }

  /** Requests waiting for an answer (for tests and diagnostics). */
  get pendingCount(): number {
    return this.pending.size;
  }

  private ensureWorker(): WorkerLike {
    if (this.worker) return this.worker;
    const worker = this.createWorker();
    worker.addEventListener('message', (event: MessageEvent<ExtractResponse>) => {
      // A message from a worker already given up (restarted) answers nothing.
      if (worker !== this.worker) return;
      this.armWatchdog();
      const message = event.data;
      const pending = this.pending.get(message.id);
      if (!pending) return;
      if (message.type === 'progress') pending.onProgress(message.stage, message.detail);
      else {
        this.pending.delete(message.id);
        if (this.pending.size === 0) clearTimeout(this.watchdog);
        if (message.type === 'done') pending.resolve({ article: message.article, extraction: message.extraction });
        else pending.reject(new Error(message.message));
      }
    });
    worker.addEventListener('error', (event: ErrorEvent) => {
      // Keep the browser from also reporting it as an uncaught error: it is reported here.
      event.preventDefault?.();
      if (worker === this.worker) this.failAll(this.messages.failed(event.message || 'unknown error'));
    });
    worker.addEventListener('messageerror', () => {
      if (worker === this.worker) this.failAll(this.messages.failed('a message could not be read'));
    });
    this.worker = worker;
    return worker;
  }

  /** Restarts the silence timer while requests are pending. */
  private armWatchdog(): void {
    clearTimeout(this.watchdog);
    if (this.pending.size === 0) return;
    this.watchdog = setTimeout(() => this.failAll(this.messages.stalled(Math.round(this.watchdogMs / 1000))), this.watchdogMs);
  }

  /** Rejects every pending request with `message` and drops the worker; the next request starts a new one. */
  private failAll(message: string): void {
    clearTimeout(this.watchdog);
    const error = new Error(message);
    const pending = [...this.pending.values()];
    this.pending.clear();
    this.worker?.terminate();
    this.worker = null;
    for (const request of pending) request.reject(error);
  }

  /** Extracts an article given as pasted text or as a file's bytes (the bytes are transferred, not copied). */
  extract(name: string, input: string | Uint8Array, onProgress: Pending['onProgress']): Promise<Extracted> {
    const id = this.nextId++;
    const request: ExtractRequest = { type: 'extract', id, name, input };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress });
      const worker = this.ensureWorker();
      this.armWatchdog();
      try {
        if (typeof input === 'string') worker.postMessage(request);
        else worker.postMessage(request, [input.buffer]);
      } catch (err) {
        this.pending.delete(id);
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    });
  }

  /** Stops the worker; pending requests are rejected. */
  dispose(): void {
    this.failAll('the extraction was cancelled');
  }
}
