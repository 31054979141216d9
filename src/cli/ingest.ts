/** `kg ingest <files|dirs...>`: parse, extract and merge articles into the graph file. */
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import type { Extractor } from '../extract/index';
import type { ParsedArticle } from '../model/article';
import { KgError } from '../model/errors';
import type { ArticleSummary } from '../graph/knowledge-base';
import { extractArticleWhenReady } from '../ingest/extract-article';
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
 * before the store is touched; each new article is extracted outside any lock
 * and added in its own transaction, so a failure or a kill leaves every earlier
 * article in and this one out. `--rebuild` replaces the graph in one transaction.
 */
export async function ingestFiles(paths: readonly string[], options: IngestOptions): Promise<IngestResult> {
  const { articles, invalid } = await readArticles(paths, options);
  return withStore(options.graph, { create: true }, async (store) => {
    let extractor: Extractor | undefined;
    const extract = async (article: ParsedArticle) => {
      extractor ??= typeof options.extractor === 'function' ? await options.extractor() : options.extractor;
      return extractArticleWhenReady(extractor, article);
    };
    const skipped: Array<{ id: string; file: string }> = [];
    if (options.rebuild) {
      const seen = new Set<string>();
      const unique = articles.filter((a) => !seen.has(a.id) && seen.add(a.id));
      for (const a of articles) if (!unique.includes(a)) skipped.push({ id: a.id, file: a.file ?? '' });
      const added = await store.rebuild(unique, extract, (done, article, summary) => options.onArticle?.(done, unique.length, article, summary));
      return { added, skipped, invalid };
    }
    const known = await store.knownArticles(articles.map((a) => a.id));
    const added: ArticleSummary[] = [];
    const batch = new Set<string>();
    for (const [i, article] of articles.entries()) {
      // Already in the graph, or twice in this batch (same content hash).
      let summary: ArticleSummary | undefined;
      if (!known.has(article.id) && !batch.has(article.id)) summary = await store.addArticle(article, await extract(article));
      batch.add(article.id);
      if (summary) added.push(summary);
      else skipped.push({ id: article.id, file: article.file ?? '' });
      options.onArticle?.(i + 1, articles.length, article, summary);
    }
    return { added, skipped, invalid };
  });
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
    .option('--rebuild', 're-extract the given articles into a new graph (keeps merge/split overrides; drops articles not given)')
    .addHelpText('after', '\nExamples:\n  kg ingest graph-data/articles\n  kg ingest news/2019 extra.md --graph /tmp/graph.sqlite\n  kg ingest news --graph postgres://kg@db.example/kg\n')
    .action(
      action(async (paths: string[], flags: { graph: string; skipInvalid?: boolean; rebuild?: boolean; queue?: boolean }) => {
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
