/** `kg ingest <files|dirs...>`: parse, extract and merge articles into the graph file. */
import { resolve } from 'node:path';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import type { Extractor } from '../extract/index';
import type { ParsedArticle } from '../model/article';
import { KgError } from '../model/errors';
import { KnowledgeBase, type ArticleSummary } from '../graph/knowledge-base';
import { extractArticleWhenReady } from '../ingest/extract-article';
import { collectArticleFiles, displayPath, readArticleFile } from '../ingest/files';
import { action } from './errors';
import { DEFAULT_GRAPH_PATH, GRAPH_OPTION_HELP, updateGraph } from './graph-session';
import { loadExtractor } from './extractor';

export interface IngestOptions {
  graphPath: string;
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

/**
 * Ingests files and directories (recursively, .md/.txt). Every file is parsed
 * before the graph is touched; under the graph lock, articles not yet in the
 * graph are extracted and merged, and the file is written once, atomically.
 * Any failure leaves the graph file as it was.
 */
export async function ingestFiles(paths: readonly string[], options: IngestOptions): Promise<IngestResult> {
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
  return updateGraph(
    options.graphPath,
    async (current) => {
      const kb = options.rebuild ? KnowledgeBase.withOverrides(current.getOverrides()) : current;
      const added: ArticleSummary[] = [];
      const skipped: Array<{ id: string; file: string }> = [];
      let extractor: Extractor | undefined;
      for (const [i, article] of articles.entries()) {
        // Already in the graph, or twice in this batch (same content hash).
        if (kb.hasArticle(article.id)) {
          skipped.push({ id: article.id, file: article.file ?? '' });
          options.onArticle?.(i + 1, articles.length, article, undefined);
          continue;
        }
        extractor ??= typeof options.extractor === 'function' ? await options.extractor() : options.extractor;
        const summary = kb.addArticle(article, await extractArticleWhenReady(extractor, article));
        // Let timers run between articles: the lock's heartbeat (see withGraphLock) must
        // keep it fresh during a long batch, or another kg would take it over as stale.
        await new Promise<void>((resolve) => setImmediate(resolve));
        added.push(summary);
        options.onArticle?.(i + 1, articles.length, article, summary);
      }
      return { changed: added.length > 0 || options.rebuild === true, result: { added, skipped, invalid }, replacement: options.rebuild ? kb : undefined };
    },
    { missing: 'empty' },
  );
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
    .option('--graph <file>', GRAPH_OPTION_HELP, DEFAULT_GRAPH_PATH)
    .option('--skip-invalid', 'skip files that cannot be read as articles (each with a warning) instead of failing')
    .option('--rebuild', 're-extract the given articles into a new graph (keeps merge/split overrides; drops articles not given)')
    .addHelpText('after', '\nExamples:\n  kg ingest graph-data/articles\n  kg ingest news/2019 extra.md --graph /tmp/graph.json\n')
    .action(
      action(async (paths: string[], flags: { graph: string; skipInvalid?: boolean; rebuild?: boolean }) => {
        const graphPath = resolve(flags.graph);
        const tty = process.stderr.isTTY === true;
        const bar = tty ? new cliProgress.SingleBar({ format: 'ingest [{bar}] {value}/{total} {file}', hideCursor: true, clearOnComplete: true, stream: process.stderr }, cliProgress.Presets.shades_classic) : undefined;
        let started = false;
        const result = await ingestFiles(paths, {
          graphPath,
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
        process.stdout.write(`${result.added.length} article(s) added${skipped}${invalid}; graph: ${displayPath(graphPath)}\n`);
      }),
    );
}
