/** `kg ingest <files|dirs...>`: parse, extract and merge articles into the graph file. */
import cliProgress from 'cli-progress';
import { InvalidArgumentError, type Command } from 'commander';
import type { Extractor } from '../extract/index';
import type { ParsedArticle } from '../model/article';
import type { ExtractionResult } from '../model/extraction';
import type { ExtractedArticle } from '../store/types';
import { KgError } from '../model/errors';
import type { ArticleSummary } from '../graph/knowledge-base';
import { availableParallelism } from 'node:os';
import { extractArticleWhenReady, markCompleted } from '../ingest/extract-article';
import { ExtractionPool } from '../node/extraction-thread';
import type { SqlGraphStore } from '../store/sql-store';
import { collectArticleFiles, displayPath, readArticleFile } from '../ingest/files';
import { action } from './errors';
import { GRAPH_OPTION_HELP, defaultStore, displayStore, withStore } from './graph-session';
import { loadExtractor } from './extractor';
import { enqueueFiles } from './worker';

export interface IngestOptions {
  /** The graph store (a path or a postgres:// URL). */
  graph: string;
  /** The extractor, or how to load it (loaded only when there is a new article to extract). */
  extractor: Extractor | (() => Promise<Extractor>);
  /** Skip files that cannot be parsed (with a warning) instead of failing the whole batch. */
  skipInvalid?: boolean;
  /**
   * Start from an empty graph (keeping the user's merge/split overrides) and
   * re-extract every given article: after the extractor improved.
   */
  rebuild?: boolean;
  /**
   * Extraction threads (default 1: in this thread). 'auto': one per core (at most
   * MAX_AUTO_THREADS) when there are at least PARALLEL_FROM new articles; each
   * thread loads its own extractor (about 100 MB).
   */
  jobs?: number | 'auto';
  /**
   * Articles committed per transaction (default DEFAULT_BATCH_SIZE): what they share
   * is loaded and written once. A kill loses at most the batch being extracted.
   */
  batchSize?: number;
  /** Called as each article is processed (progress display). */
  onArticle?: (done: number, total: number, article: ParsedArticle, summary: ArticleSummary | undefined) => void;
  onWarning?: (message: string) => void;
}

export interface IngestResult {
  added: ArticleSummary[];
  /** Articles already in the graph (same content hash), with the file they came from. */
  skipped: Array<{ id: string; file: string }>;
  invalid: string[];
}

/** Articles per transaction in a bulk ingest: a third of the store's time per article, measured on the dev set. */
export const DEFAULT_BATCH_SIZE = 32;
/** New articles from which `jobs: 'auto'` extracts in threads: starting one costs about a second. */
export const PARALLEL_FROM = 24;
export const MAX_AUTO_THREADS = 4;
/** A batch is committed after this long even when not full, so progress shows and a kill loses little. */
const BATCH_MS = 2000;

/** Reads and parses every file first (a bad file fails the batch before the store is touched, unless skipped). */
export async function readArticles(paths: readonly string[], options: Pick<IngestOptions, 'skipInvalid' | 'onWarning'>): Promise<{ articles: ParsedArticle[]; invalid: string[] }> {
  const files = await collectArticleFiles(paths);
  const articles: ParsedArticle[] = [];
  const invalid: string[] = [];
  for (const file of files) {
    try {
      const article = await readArticleFile(file);
      article.file = displayPath(file);
      articles.push(article);
    } catch (err) {
      if (!options.skipInvalid || !(err instanceof KgError)) throw err;
      invalid.push(err.message);
      options.onWarning?.(err.message);
    }
  }
  return { articles, invalid };
}

/**
 * Ingests files and directories (recursively, .md/.txt). Every file is parsed
 * before the store is touched; new articles are extracted outside any lock and
 * added in batches, one transaction each, so a failure or a kill leaves every
 * earlier batch in and the current one out, each article whole or absent.
 * `--rebuild` replaces the graph in one transaction.
 */
export async function ingestFiles(paths: readonly string[], options: IngestOptions): Promise<IngestResult> {
  const { articles, invalid } = await readArticles(paths, options);
  return withStore(options.graph, { create: true }, async (store) => {
    let extractor: Extractor | undefined;
    const extractHere = async (article: ParsedArticle) => {
      extractor ??= typeof options.extractor === 'function' ? await options.extractor() : options.extractor;
      return extractArticleWhenReady(extractor, article);
    };
    const known = options.rebuild ? new Set<string>() : await store.knownArticles(articles.map((a) => a.id));
    const seenIds = new Set<string>();
    // The articles to extract, in order: new, and each content once.
    const toExtract = articles.filter((a) => !known.has(a.id) && !seenIds.has(a.id) && seenIds.add(a.id));
    const threads = extractionThreads(options.jobs ?? 1, toExtract.length);
    const pool = threads > 1 ? new ExtractionPool(threads) : undefined;
    try {
      const extract = pool ? inOrder(toExtract, pool.extract, threads * 4) : extractHere;
      return { ...(await ingestExtracted(store, articles, toExtract, extract, options)), invalid };
    } finally {
      await pool?.close();
    }
  });
}

/** Extraction threads for a bulk ingest: 'auto' uses the cores for a batch big enough to repay starting them. */
function extractionThreads(jobs: number | 'auto', newArticles: number): number {
  if (jobs !== 'auto') return Math.max(1, Math.floor(jobs));
  return newArticles >= PARALLEL_FROM ? Math.min(availableParallelism(), MAX_AUTO_THREADS) : 1;
}

/**
 * Extraction of `list` in threads, `window` articles ahead of the one asked for,
 * answered in the order asked. A thread's answer is a copy of extractArticle's
 * result, marked as such so it is not completed a second time.
 */
function inOrder(list: readonly ParsedArticle[], extract: (article: ParsedArticle) => Promise<ExtractionResult>, window: number): (article: ParsedArticle) => Promise<ExtractionResult> {
  const started = new Map<ParsedArticle, Promise<ExtractionResult>>();
  let next = 0;
  return (article) => {
    const at = list.indexOf(article, Math.max(0, next - window - 1));
    for (; next < list.length && next <= Math.max(at, 0) + window; next++) {
      const item = list[next]!;
      const promise = extract(item).then((extraction) => {
        markCompleted(item, extraction);
        return extraction;
      });
      promise.catch(() => undefined); // awaited (and so reported) when its turn comes
      started.set(item, promise);
    }
    const promise = started.get(article);
    started.delete(article);
    return promise ?? extract(article);
  };
}

/**
 * Adds `toExtract` (the articles of `articles` that are new, each content once) in
 * batches, or rebuilds the graph from them; every other article is reported as
 * already in the graph.
 */
async function ingestExtracted(
  store: SqlGraphStore,
  articles: readonly ParsedArticle[],
  toExtract: readonly ParsedArticle[],
  extract: (article: ParsedArticle) => Promise<ExtractionResult>,
  options: IngestOptions,
): Promise<Omit<IngestResult, 'invalid'>> {
  const fresh = new Set(toExtract);
  const skipped: Array<{ id: string; file: string }> = [];
  if (options.rebuild) {
    for (const a of articles) if (!fresh.has(a)) skipped.push({ id: a.id, file: a.file ?? '' });
    const added = await store.rebuild(toExtract, extract, (done, article, summary) => options.onArticle?.(done, toExtract.length, article, summary));
    return { added, skipped };
  }
  const added: ArticleSummary[] = [];
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
  // Articles extracted and not yet committed, with their place in the batch.
  let pending: Array<{ index: number; item: ExtractedArticle }> = [];
  let pendingSince = performance.now();
  let reported = 0;
  const report = (upTo: number, summaries: ReadonlyMap<number, ArticleSummary | undefined>) => {
    for (; reported < upTo; reported++) {
      const article = articles[reported]!;
      const summary = summaries.get(reported);
      if (summary) added.push(summary);
      else skipped.push({ id: article.id, file: article.file ?? '' });
      options.onArticle?.(reported + 1, articles.length, article, summary);
    }
  };
  const commit = async (upTo: number) => {
    const summaries = new Map<number, ArticleSummary | undefined>();
    if (pending.length > 0) {
      const results = await store.addArticles(pending.map((p) => p.item));
      pending.forEach((p, i) => summaries.set(p.index, results[i]));
    }
    pending = [];
    pendingSince = performance.now();
    report(upTo, summaries);
  };
  for (const [i, article] of articles.entries()) {
    // Already in the graph, or earlier in this batch (same content hash): nothing to extract.
    if (fresh.has(article)) {
      let extraction: ExtractionResult;
      try {
        extraction = await extract(article);
      } catch (err) {
        // What was extracted before the failure is kept.
        await commit(i);
        throw err;
      }
      pending.push({ index: i, item: { article, extraction } });
    }
    if (pending.length >= batchSize || performance.now() - pendingSince >= BATCH_MS) await commit(i + 1);
  }
  await commit(articles.length);
  return { added, skipped };
}

function describe(summary: ArticleSummary): string {
  const names = summary.newEntities.map((e) => `${e.label} (${e.type})`);
  const shown = names.length > 8 ? `${names.slice(0, 8).join(', ')}, … ${names.length - 8} more` : names.join(', ');
  return (
    `+ ${summary.id} ${summary.file ?? ''}: "${summary.title}": ${summary.newEntities.length} new entities` +
    `${shown ? ` [${shown}]` : ''}, ${summary.knownEntities} known, ${summary.relations} relations, ${summary.facts} facts`
  );
}

export function registerIngestCommand(program: Command): void {
  program
    .command('ingest')
    .description('extract entities and relations from articles and merge them into the graph (skips articles already in it)')
    .argument('<paths...>', 'article files (.md, .txt) and directories (read recursively)')
    .option('--graph <store>', GRAPH_OPTION_HELP, defaultStore())
    .option('--skip-invalid', 'skip files that cannot be read as articles (each with a warning) instead of failing')
    .option('--queue', 'put the articles on the queue in PostgreSQL for kg worker processes instead of ingesting them here')
    .option('--batch <n>', `articles per transaction (default ${DEFAULT_BATCH_SIZE}); a kill loses at most the batch in progress`, (value) => {
      const n = Number(value);
      if (!/^\d+$/.test(value) || n < 1 || n > 10_000) throw new InvalidArgumentError('expected a whole number from 1 to 10000');
      return n;
    })
    .option('--jobs <n>', `extraction threads, or auto: one per core (at most ${MAX_AUTO_THREADS}) from ${PARALLEL_FROM} new articles on (default auto)`, (value) => {
      if (value === 'auto') return value;
      const n = Number(value);
      if (!/^\d+$/.test(value) || n < 1 || n > 64) throw new InvalidArgumentError('expected auto or a whole number from 1 to 64');
      return n;
    })
    .option('--rebuild', 're-extract the given articles into a new graph (keeps merge/split overrides; drops articles not given)')
    .addHelpText('after', '\nExamples:\n  kg ingest graph-data/articles\n  kg ingest news/2019 extra.md --graph /tmp/graph.sqlite\n  kg ingest news --graph postgres://kg@db.example/kg\n')
    .action(
      action(async (paths: string[], flags: { graph: string; skipInvalid?: boolean; rebuild?: boolean; queue?: boolean; batch?: number; jobs?: number | 'auto' }) => {
        if (flags.queue) {
          const { queued, duplicates } = await enqueueFiles(flags.graph, paths);
          process.stdout.write(`${queued} article(s) queued${duplicates ? `, ${duplicates} already queued` : ''}; run kg worker --graph ${displayStore(flags.graph)}\n`);
          return;
        }
        const tty = process.stderr.isTTY === true;
        const bar = tty ? new cliProgress.SingleBar({ format: 'ingest [{bar}] {value}/{total} {file}', hideCursor: true, clearOnComplete: true, stream: process.stderr }, cliProgress.Presets.shades_classic) : undefined;
        let started = false;
        const result = await ingestFiles(paths, {
          graph: flags.graph,
          // English loads on the first English article: a Russian batch never pays for it.
          extractor: () => loadExtractor({ english: false }),
          skipInvalid: flags.skipInvalid ?? false,
          rebuild: flags.rebuild ?? false,
          ...(flags.batch !== undefined ? { batchSize: flags.batch } : {}),
          jobs: flags.jobs ?? 'auto',
          onWarning: (message) => process.stderr.write(`kg: warning: ${message} (skipped)\n`),
          onArticle: (done, total, article, summary) => {
            if (bar) {
              if (!started) bar.start(total, 0, { file: '' });
              started = true;
              bar.update(done, { file: article.file ?? '' });
            } else if (total > 1) {
              process.stderr.write(`ingest ${done}/${total} ${article.file ?? ''}${summary ? '' : ' (already in the graph)'}\n`);
            }
          },
        });
        bar?.stop();
        for (const summary of result.added) process.stdout.write(`${describe(summary)}\n`);
        const skipped = result.skipped.length ? `, ${result.skipped.length} already in the graph` : '';
        const invalid = result.invalid.length ? `, ${result.invalid.length} invalid skipped` : '';
        process.stdout.write(`${result.added.length} article(s) added${skipped}${invalid}; graph: ${displayStore(flags.graph)}\n`);
      }),
    );
}
