/**
 * Ingestion over many machines: `kg ingest --queue --graph postgres://…` puts
 * articles on a queue kept in the same PostgreSQL (pg-boss, src/store/queue.ts);
 * any number of `kg worker --graph postgres://…` processes, on any machines, take
 * them a batch at a time: parse and extract (in parallel, outside any lock), then
 * add the batch in one transaction under the store's write lock
 * (src/store/postgres.ts), so two workers meeting the same new name create one node.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { InputError } from '../model/errors';
import { parseArticle } from '../ingest/parse';
import { decodeArticleBytes } from '../ingest/decode';
import { extractArticleWhenReady } from '../ingest/extract-article';
import { collectArticleFiles, displayPath } from '../ingest/files';
import type { JobOutcome, QueuedArticle, WorkerEvent } from '../store/queue';
import { isPostgresUrl, redactUrl } from '../store/url';
import type { ExtractedArticle, GraphStore } from '../store/types';
import type { ParsedArticle } from '../model/article';
import type { Extractor } from '../extract/index';
import { action } from './errors';
import { loadExtractor } from './extractor';
import { GRAPH_OPTION_HELP, defaultStore, withStore } from './graph-session';

/**
 * Jobs a worker takes at once. The write lock is held once per batch, so more
 * workers overlap their extraction with one another's writes; a batch of 16 is
 * about half a second of extraction, well within a job's expiry.
 */
export const WORKER_BATCH_SIZE = 16;

function requirePostgres(spec: string, command: string): void {
  if (!isPostgresUrl(spec)) throw new InputError(command, `the queue lives in PostgreSQL: give --graph postgres://… (got ${redactUrl(spec)})`);
}

/** Queues files (read as bytes here; decoded, checked and parsed by the worker, where a bad one is set aside). */
export async function enqueueFiles(url: string, paths: readonly string[]): Promise<{ queued: number; duplicates: number }> {
  requirePostgres(url, 'ingest');
  const files = await collectArticleFiles(paths);
  const articles = [];
  for (const file of files) {
    const bytes = await readFile(file);
    let text: string;
    try {
      text = decodeArticleBytes(bytes, displayPath(file)).text;
    } catch {
      // Not decodable text: queued as it is, and the worker sets it aside with the reason.
      text = bytes.toString('utf8');
    }
    articles.push({ file: displayPath(file), text });
  }
  // pg-boss is loaded only by the commands that use the queue.
  const { enqueueArticles } = await import('../store/queue');
  return enqueueArticles(url, articles);
}

/**
 * What a worker does with the articles it took: parse and extract each outside
 * any lock (a text no retry can fix fails alone, with InputError), then add them
 * all in one transaction, so the write lock is taken once per batch.
 */
export function articleProcessor(store: GraphStore, extractor: () => Promise<Extractor>) {
  return async (jobs: QueuedArticle[]): Promise<JobOutcome[]> => {
    const outcomes: JobOutcome[] = new Array(jobs.length);
    const parsed: Array<{ index: number; article: ParsedArticle }> = [];
    for (const [index, job] of jobs.entries()) {
      try {
        parsed.push({ index, article: parseArticle(job.text, { file: job.file }) });
      } catch (error) {
        outcomes[index] = { error };
      }
    }
    const known = await store.knownArticles(parsed.map((p) => p.article.id));
    const fresh: Array<{ index: number; item: ExtractedArticle }> = [];
    for (const { index, article } of parsed) {
      if (known.has(article.id)) {
        outcomes[index] = { outcome: 'known' };
        continue;
      }
      try {
        fresh.push({ index, item: { article, extraction: await extractArticleWhenReady(await extractor(), article) } });
      } catch (error) {
        outcomes[index] = { error };
      }
    }
    if (fresh.length > 0) {
      try {
        const summaries = await store.addArticles(fresh.map((f) => f.item));
        fresh.forEach((f, i) => (outcomes[f.index] = { outcome: summaries[i] ? 'added' : 'known' }));
      } catch (error) {
        for (const f of fresh) outcomes[f.index] = { error };
      }
    }
    return outcomes;
  };
}

function describe(event: WorkerEvent): string | undefined {
  switch (event.type) {
    case 'started':
      return `worker: taking articles from ${event.location} (${event.concurrency} at a time${event.drain ? ', until the queue is empty' : ''})`;
    case 'processed':
      return `${event.result === 'added' ? '+' : '='} ${event.articleId} ${event.file}${event.result === 'known' ? ' (already in the graph)' : ''}`;
    case 'retrying':
      return `worker: ${event.file} failed (attempt ${event.attempt}): ${event.error}; retrying`;
    case 'dead-lettered':
      return `worker: ${event.file} set aside: ${event.reason}`;
    case 'warning':
      return `worker: warning: ${event.message}`;
    case 'stopped':
      return `worker: stopped (${event.reason})`;
    default:
      return undefined;
  }
}

export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('take queued articles (kg ingest --queue) from PostgreSQL and add them to the graph; run as many as you like, on any machines')
    .option('--graph <store>', GRAPH_OPTION_HELP, defaultStore())
    .option('--drain', 'exit once the queue is empty (batch jobs, tests)')
    .option('--concurrency <n>', 'batches in flight in this process', (v) => Number.parseInt(v, 10), 1)
    .option('--batch <n>', `articles taken from the queue at once and added in one transaction (default ${WORKER_BATCH_SIZE})`, (v) => Number.parseInt(v, 10), WORKER_BATCH_SIZE)
    .addHelpText('after', '\nExample:\n  kg ingest --queue news/ --graph postgres://kg@db/kg\n  kg worker --drain --graph postgres://kg@db/kg\n')
    .action(
      action(async (flags: { graph: string; drain?: boolean; concurrency: number; batch: number }) => {
        requirePostgres(flags.graph, 'worker');
        const concurrency = Number.isInteger(flags.concurrency) && flags.concurrency > 0 ? flags.concurrency : 1;
        const { runWorker } = await import('../store/queue');
        const result = await withStore(flags.graph, { create: true }, (store) =>
          runWorker(flags.graph, {
            drain: flags.drain ?? false,
            concurrency,
            batchSize: Number.isInteger(flags.batch) && flags.batch > 0 ? Math.min(flags.batch, 1000) : WORKER_BATCH_SIZE,
            processBatch: articleProcessor(store, () => loadExtractor({ english: false })),
            onEvent: (event) => {
              const line = describe(event);
              if (line) (event.type === 'processed' ? process.stdout : process.stderr).write(`${line}\n`);
            },
          }),
        );
        process.stdout.write(`${result.processed} article(s) processed, ${result.deadLettered} set aside\n`);
      }),
    );
}
