/**
 * kg serve's tests: a store built from real news (factRuEval dev texts, which share
 * many names, so entities have several mentions and articles), and the server
 * over it. Extraction runs once per test file; each test that writes gets its own
 * store copy by re-adding the extracted articles.
 */
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadExtractor } from '../../src/cli/extractor';
import { extractArticle, parseArticle } from '../../src/ingest';
import type { ParsedArticle } from '../../src/model/article';
import type { ExtractionResult } from '../../src/model/extraction';
import { buildServer, type KgServer, type ServerOptions } from '../../src/server/app';
import { openStore } from '../../src/store/open';
import type { SqlGraphStore } from '../../src/store/sql-store';
import { ROOT } from '../support/run-kg';

export const FACTRU = join(ROOT, '..', 'shared', 'datasets', 'factru-dev');

export interface Item {
  article: ParsedArticle;
  extraction: ExtractionResult;
}

/** The first `count` dev texts (sorted by name), parsed and extracted. */
export async function extractItems(count: number, skip = 0): Promise<Item[]> {
  const extractor = await loadExtractor({ english: false });
  const files = (await readdir(FACTRU)).filter((f) => f.endsWith('.txt')).sort().slice(skip, skip + count);
  const items: Item[] = [];
  for (const file of files) {
    const article = parseArticle(await readFile(join(FACTRU, file), 'utf8'), { file });
    items.push({ article, extraction: extractArticle(extractor, article) });
  }
  return items;
}

export async function sqliteStore(): Promise<SqlGraphStore> {
  return openStore(join(await mkdtemp(join(tmpdir(), 'kg-serve-')), 'kg.sqlite'), { create: true });
}

export async function fill(store: SqlGraphStore, items: readonly Item[]): Promise<SqlGraphStore> {
  for (const item of items) await store.addArticle(item.article, item.extraction);
  return store;
}

/** A server on loopback without dist/ (the API is what is tested), over `store`, extracting in its worker thread. */
export function serve(store: SqlGraphStore, options: Partial<ServerOptions> = {}): Promise<KgServer> {
  return buildServer({ store, host: '127.0.0.1', distDir: join(tmpdir(), 'kg-serve-no-dist'), ...options });
}
