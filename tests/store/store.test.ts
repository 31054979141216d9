/**
 * One test suite, both backends: SQLite (a temp file) and PostgreSQL (a throwaway
 * cluster started here). The store must give exactly what the in-memory graph
 * gives for the same articles (same export bytes), whatever the ingest order, and
 * keep it through removals, merges, splits and re-ingests. Real extraction of
 * real news (factRuEval texts, which share many names) makes the resolution work.
 */
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KnowledgeBase } from '../../src/graph/knowledge-base';
import { serializeGraphFile } from '../../src/graph/serialize';
import { extractArticle, parseArticle } from '../../src/ingest';
import type { ParsedArticle } from '../../src/model/article';
import type { ExtractionResult } from '../../src/model/extraction';
import { loadExtractor } from '../../src/cli/extractor';
import { articleProcessor } from '../../src/cli/worker';
import { openStore } from '../../src/store/open';
import { enqueueArticles, runWorker } from '../../src/store/queue';
import type { SqlGraphStore } from '../../src/store/sql-store';
import { startPgCluster, type PgCluster } from '../support/pg-cluster';
import { ROOT } from '../support/run-kg';

const FACTRU = join(ROOT, '..', 'shared', 'datasets', 'factru-dev');

interface Item {
  article: ParsedArticle;
  extraction: ExtractionResult;
  text: string;
  file: string;
}

let items: Item[];
let cluster: PgCluster;

beforeAll(async () => {
  const extractor = await loadExtractor({ english: false });
  const files = (await readdir(FACTRU)).filter((f) => f.endsWith('.txt')).sort().slice(0, 24);
  items = [];
  for (const file of files) {
    const text = await readFile(join(FACTRU, file), 'utf8');
    const article = parseArticle(text, { file });
    items.push({ article, extraction: extractArticle(extractor, article), text, file });
  }
  // The seed article too: its class words ("наркотики", "сайт") make generic nodes.
  const seedFile = join(ROOT, 'graph-data', 'articles', '000_85c1dee59fd444ef.txt');
  const seedText = await readFile(seedFile, 'utf8');
  const seed = parseArticle(seedText, { file: seedFile });
  items.push({ article: seed, extraction: extractArticle(extractor, seed), text: seedText, file: seedFile });
  cluster = await startPgCluster();
}, 180_000);

afterAll(async () => {
  await cluster?.stop();
});

function inMemory(list: readonly Item[], change?: (kb: KnowledgeBase) => void): string {
  const kb = new KnowledgeBase();
  for (const item of list) kb.addArticle(item.article, item.extraction);
  change?.(kb);
  return serializeGraphFile(kb.toFile());
}

const exported = async (store: SqlGraphStore) => serializeGraphFile(await store.exportFile());

const backends: Array<[string, () => Promise<SqlGraphStore>]> = [
  ['SQLite', async () => openStore(join(await mkdtemp(join(tmpdir(), 'kg-store-')), 'kg.sqlite'), { create: true })],
  ['PostgreSQL', async () => openStore(await cluster.createDatabase())],
];

describe.each(backends)('the %s store', (_name, open) => {
  it('holds exactly what the in-memory graph holds, whatever the ingest order, and ingesting again changes nothing', async () => {
    const expected = inMemory(items);
    // Class words' nodes are marked, and the mark survives the store.
    expect(expected).toContain('"generic":true');
    for (const order of [items, [...items].reverse()]) {
      const store = await open();
      for (const item of order) expect(await store.addArticle(item.article, item.extraction)).toBeDefined();
      expect(await exported(store)).toBe(expected);
      expect(await store.addArticle(items[0]!.article, items[0]!.extraction)).toBeUndefined();
      expect(await exported(store)).toBe(expected);
      const counts = await store.counts();
      expect(counts.articles).toBe(items.length);
      await store.close();
    }
  }, 180_000);

  it('removes an article and merges as the in-memory graph does, and keeps the merge through a re-ingest', async () => {
    const store = await open();
    for (const item of items) await store.addArticle(item.article, item.extraction);
    const removed = items[3]!.article.id;
    const mem = new KnowledgeBase();
    for (const item of items) mem.addArticle(item.article, item.extraction);
    expect(await store.removeArticle(removed)).toEqual(mem.removeArticle(removed));
    expect(await exported(store)).toBe(serializeGraphFile(mem.toFile()));

    const top = await store.topEntities(6);
    const places = top.filter((e) => e.type === 'LOCATION');
    expect(places.length).toBeGreaterThanOrEqual(2);
    await store.mergeNodes(places[0]!.id, places[1]!.id);
    mem.mergeNodes(places[0]!.id, places[1]!.id);
    expect(await exported(store)).toBe(serializeGraphFile(mem.toFile()));

    // Re-adding the removed article: the merge applies to it too.
    await store.addArticle(items[3]!.article, items[3]!.extraction);
    mem.addArticle(items[3]!.article, items[3]!.extraction);
    expect(await exported(store)).toBe(serializeGraphFile(mem.toFile()));
    await expect(store.removeArticle('no-such-article')).rejects.toThrow(/no article with id "no-such-article"/);
    await expect(store.mergeNodes('person:nobody', places[0]!.id)).rejects.toThrow(/no entity with id "person:nobody"/);
    await store.close();
  }, 180_000);

  it('adds a batch in one transaction as the same graph as one article at a time, each article once', async () => {
    const store = await open();
    await store.addArticle(items[5]!.article, items[5]!.extraction);
    // Batches of 7 over the rest, with an article already stored and one given twice.
    const rest = items.filter((_, i) => i !== 5);
    const batches: Item[][] = [];
    for (let i = 0; i < rest.length; i += 7) batches.push(rest.slice(i, i + 7));
    batches[0]!.push(items[5]!, batches[0]![0]!);
    const results: Array<string | undefined> = [];
    for (const batch of batches) results.push(...(await store.addArticles(batch)).map((summary) => summary?.id));
    expect(results.filter((id) => id !== undefined)).toEqual(rest.map((item) => item.article.id));
    expect(results.slice(7, 9)).toEqual([undefined, undefined]);
    expect(await exported(store)).toBe(inMemory([items[5]!, ...rest]));
    await store.close();
  }, 120_000);

  it('advances its revision on every committed write and on nothing else', async () => {
    const store = await open();
    const revisions = [await store.revision()];
    await store.addArticle(items[0]!.article, items[0]!.extraction);
    revisions.push(await store.revision());
    await store.exportFile();
    await store.counts();
    expect(await store.revision()).toBe(revisions[1]);
    await store.addArticle(items[1]!.article, items[1]!.extraction);
    revisions.push(await store.revision());
    await store.removeArticle(items[1]!.article.id);
    revisions.push(await store.revision());
    // A write that fails (unknown article) rolls back, revision included.
    await expect(store.removeArticle('no-such-article')).rejects.toThrow();
    expect(await store.revision()).toBe(revisions[3]);
    expect(new Set(revisions).size).toBe(4);
    await store.close();
  }, 60_000);

  it('imports a graph file and exports the same bytes', async () => {
    const store = await open();
    const expected = inMemory(items.slice(0, 8));
    const kb = new KnowledgeBase();
    for (const item of items.slice(0, 8)) kb.addArticle(item.article, item.extraction);
    await store.importFile(kb.toFile());
    expect(await exported(store)).toBe(expected);
    await store.close();
  }, 120_000);
});

describe('PostgreSQL', () => {
  it('refuses an unreachable server and a wrong password with one line that never shows the password', async () => {
    for (const [url, message] of [
      ['postgres://kg:s3cret-pass@127.0.0.1:1/kg', /cannot connect to postgres:\/\/kg:\*\*\*@127\.0\.0\.1:1\/kg: connection refused/],
      [cluster.urlWithWrongPassword, /password authentication failed/],
    ] as const) {
      const err = await openStore(url).then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      expect(err?.message).toMatch(message);
      expect(err?.message.split('\n')).toHaveLength(1);
      expect(err?.message).not.toMatch(/s3cret-pass/);
      expect(err?.message).not.toContain(new URL(cluster.urlWithWrongPassword).password);
    }
  }, 60_000);

  it('four workers taking articles that share names from the queue build the graph one process builds', async () => {
    const url = await cluster.createDatabase();
    const list = items.slice(0, 16);
    await enqueueArticles(url, list.map((item) => ({ file: item.file, text: item.text })));
    const stores = await Promise.all([0, 1, 2, 3].map(() => openStore(url)));
    const extractor = () => loadExtractor({ english: false });
    const results = await Promise.all(stores.map((store) => runWorker(url, { drain: true, batchSize: 3, processBatch: articleProcessor(store, extractor), pollingIntervalSeconds: 0.5, handleSignals: false })));
    expect(results.reduce((n, r) => n + r.processed, 0)).toBe(list.length);
    expect(await exported(stores[0]!)).toBe(inMemory(list));
    await Promise.all(stores.map((s) => s.close()));
  }, 240_000);
});
