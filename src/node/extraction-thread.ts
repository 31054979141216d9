/**
 * Extraction in a worker thread, for kg serve (on the server's own thread every
 * other request would wait for it: it is synchronous CPU work, seconds for a long
 * article) and for a bulk kg ingest (several threads, one per core). The thread starts on the first
 * article, keeps its extractor loaded, and is restarted if it dies.
 *
 * The worker is TypeScript (extract-worker.ts). A kg process started by bin/kg.mjs runs
 * its bundled JavaScript; elsewhere (vitest, KG_TSX=1) a small JavaScript bootstrap
 * registers tsx in the thread first, so it runs the same everywhere.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ParsedArticle } from '../model/article';
import type { ExtractionResult } from '../model/extraction';
import type { ExtractReply, ExtractRequest } from './extract-worker';

const require = createRequire(import.meta.url);

const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import(workerData.tsx)
  .then(({ register }) => { register(); return import(workerData.module); })
  .catch((err) => { setImmediate(() => { throw err; }); });
`;

/**
 * tsx's ESM register API as a file URL. Read from tsx's package exports, because
 * require.resolve gives the CommonJS build, which cannot be import()ed from a worker.
 */
function tsxEsmApi(): string {
  const packageJson = require.resolve('tsx/package.json');
  const exports = (JSON.parse(readFileSync(packageJson, 'utf8')) as { exports: Record<string, { import: { default: string } }> }).exports;
  return pathToFileURL(join(dirname(packageJson), exports['./esm/api']!.import.default)).href;
}

/**
 * The extraction thread's module in the CLI's JavaScript bundle, when this process runs
 * from it (bin/kg.mjs sets it): a thread then starts without a TypeScript loader.
 */
function bundledWorkerModule(): string | undefined {
  const url: unknown = (globalThis as Record<symbol, unknown>)[Symbol.for('kg.extractWorkerModule')];
  return typeof url === 'string' ? url : undefined;
}

export type Extract = (article: ParsedArticle) => Promise<ExtractionResult>;

export class ExtractionThread {
  private worker?: Worker;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (e: ExtractionResult) => void; reject: (err: Error) => void }>();

  readonly extract: Extract = (article) =>
    new Promise((resolve, reject) => {
      const worker = this.start();
      const id = this.nextId++;
      this.pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ id, article } satisfies ExtractRequest);
    });

  /** Articles sent and not yet answered. */
  get inFlight(): number {
    return this.pending.size;
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const bundled = bundledWorkerModule();
    const worker = bundled
      ? new Worker(new URL(bundled))
      : new Worker(BOOTSTRAP, {
          eval: true,
          workerData: { tsx: tsxEsmApi(), module: new URL('./extract-worker.ts', import.meta.url).href },
        });
    worker.on('message', (reply: ExtractReply) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      // An idle thread must not keep kg serve (or a test) from exiting.
      if (this.pending.size === 0) worker.unref();
      if (!waiting) return;
      if ('error' in reply) waiting.reject(new Error(reply.error));
      else waiting.resolve(reply.extraction);
    });
    const fail = (err: Error) => {
      if (this.worker === worker) this.worker = undefined;
      for (const waiting of this.pending.values()) waiting.reject(err);
      this.pending.clear();
    };
    worker.on('error', (err) => fail(new Error(`extraction failed: ${err.message}`)));
    worker.on('exit', (code) => fail(new Error(`the extraction thread stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }
}

/**
 * Several extraction threads: each article goes to the least busy one. Results
 * are the same as extracting in this thread (the same code); the caller keeps
 * the order it needs by awaiting in order.
 */
export class ExtractionPool {
  private readonly threads: ExtractionThread[];

  constructor(size: number) {
    this.threads = Array.from({ length: Math.max(1, size) }, () => new ExtractionThread());
  }

  readonly extract: Extract = (article) => {
    const thread = this.threads.reduce((best, t) => (t.inFlight < best.inFlight ? t : best));
    return thread.extract(article);
  };

  async close(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.close()));
  }
}
