/**
 * Ingestion over many machines: `kg ingest --queue --graph postgres://…` puts
 * articles on a queue kept in the same PostgreSQL (pg-boss, src/store/queue.ts);
 * any number of `kg worker --graph postgres://…` processes, on any machines, take
 * them: parse, extract (in parallel, outside any lock) and add each article in
 * its own transaction under the store's write lock (src/store/postgres.ts), so
 * two workers meeting the same new name create one node.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { InputError } from '../model/errors';
import { parseArticle } from '../ingest/parse';
import { decodeArticleBytes } from '../ingest/decode';
import { extractArticleWhenReady } from '../ingest/extract-article';
import { collectArticleFiles, displayPath } from '../ingest/files';
import { enqueueArticles, runWorker, type WorkerEvent } from '../store/queue';
import { isPostgresUrl, redactUrl } from '../store/url';
import type { GraphStore } from '../store/types';
import type { Extractor } from '../extract/index';
import { action } from './errors';
import { loadExtractor } from './extractor';
import { GRAPH_OPTION_HELP, defaultStore, withStore } from './graph-session';

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
  return enqueueArticles(url, articles);
}

/** What a worker does with one queued article. */
export function articleProcessor(store: GraphStore, extractor: () => Promise<Extractor>) {
  return async (job: { file: string; text: string }): Promise<'added' | 'known'> => {
    const article = parseArticle(job.text, { file: job.file });
    if (await store.hasArticle(article.id)) return 'known';
    const summary = await store.addArticle(article, await extractArticleWhenReady(await extractor(), article));
    return summary ? 'added' : 'known';
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
    .option('--concurrency <n>', 'articles in flight in this process', (v) => Number.parseInt(v, 10), 1)
    .addHelpText('after', '\nExample:\n  kg ingest --queue news/ --graph postgres://kg@db/kg\n  kg worker --drain --graph postgres://kg@db/kg\n')
    .action(
      action(async (flags: { graph: string; drain?: boolean; concurrency: number }) => {
        requirePostgres(flags.graph, 'worker');
        const concurrency = Number.isInteger(flags.concurrency) && flags.concurrency > 0 ? flags.concurrency : 1;
        const result = await withStore(flags.graph, { create: true }, (store) =>
          runWorker(flags.graph, {
            drain: flags.drain ?? false,
            concurrency,
            process: articleProcessor(store, () => loadExtractor({ english: false })),
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
