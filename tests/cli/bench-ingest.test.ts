import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  benchIngest,
  buildStore,
  copyText,
  formatBenchIngest,
  loadBase,
  median,
  parseSizes,
  sqliteBackend,
  type Base,
  type BenchIngestReport,
} from '../../src/cli/bench-ingest';
import { DEFAULT_FACTRU_DIR } from '../../src/eval/cli';
import { KnowledgeBase } from '../../src/graph/knowledge-base';
import { serializeGraphFile } from '../../src/graph/serialize';
import { articleId } from '../../src/ingest/sha256';
import { parseArticle } from '../../src/ingest/parse';
import { openStore } from '../../src/store/open';
import { InputError } from '../../src/model/errors';

describe('bench-ingest helpers', () => {
  it('makes a copy unique after the body, leaving every offset before it as it was', () => {
    const text = 'Заголовок\nПутин прибыл в Москву.';
    const copy = copyText(text, 7);
    expect(copy.startsWith(`${text}\n`)).toBe(true);
    expect(copy.endsWith('Копия 7.\n')).toBe(true);
    expect(copyText(`${text}\n`, 7)).toBe(copy);
    expect(articleId(copy)).not.toBe(articleId(text));
    expect(articleId(copyText(text, 8))).not.toBe(articleId(copy));
    const parsed = parseArticle(copy);
    expect(parsed.title).toBe(parseArticle(text).title);
    expect(parsed.bodyStart).toBe(parseArticle(text).bodyStart);
  });

  it('reads --sizes and takes medians', () => {
    expect(parseSizes('1000,10000,100000')).toEqual([1000, 10000, 100000]);
    expect(parseSizes(' 1_000 ')).toEqual([1000]);
    expect(() => parseSizes('0')).toThrow(InputError);
    expect(() => parseSizes('10k')).toThrow(InputError);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('prints the targets beside the numbers', () => {
    const queries = {
      entities: 10,
      keys: 20,
      hub: { id: 'h', label: 'Россия', mentions: 500, edges: 40 },
      median: { id: 'm', label: 'Иванов', mentions: 3 },
      keyLookupMs: 0.05,
      medianEntityWithEvidenceMs: 0.3,
      hubWithEvidenceMs: 4,
      hubNodeLoadMs: 6,
      hubFullLoadMs: 8,
      hubEdgesLoadMs: 9,
    };
    const report: BenchIngestReport = {
      baseTexts: 122,
      extractMeanMs: 20,
      build: 'import',
      repeats: 3,
      node: 'v20',
      cpus: 2,
      backends: [
        {
          backend: 'SQLite',
          location: '/tmp/x',
          stores: [{ articles: 10_000, entities: 10, mentions: 100, relations: 5, memoryGraphMs: 1, importMs: 1000, imported: 9950, addMedianMs: 80, addMeanMs: 100, addedOneByOne: 50, bytes: 2 ** 20 * 101, emptyBytes: 2 ** 20, queries }],
          command: [
            { articles: 0, runs: [], medianWallMs: 2000, medianRssMB: 150, medianAddMs: 10, ratio: 1 },
            { articles: 10_000, runs: [], medianWallMs: 4000, medianRssMB: 300, medianAddMs: 900, ratio: 2 },
          ],
          startupMs: 1500,
          newArticles: [{ file: 'book_1.txt', mentions: 20, chars: 2000 }],
        },
      ],
    };
    const text = formatBenchIngest(report);
    expect(text).toMatch(/2\.00 MISSED/);
    expect(text).toMatch(/300 MISSED/);
    expect(text).toMatch(/150 ok/);
    // 100 MB over 10,000 articles: 10 MB per 1,000; 1000 / 100 ms = 10 articles/s, 1000 / 120 ms with extraction.
    expect(text).toMatch(/10\.00/);
    expect(text).toMatch(/10\.0 \/ 8\.3/);
  });
});

const haveTexts = existsSync(DEFAULT_FACTRU_DIR);

describe.skipIf(!haveTexts)('bench-ingest on a few real texts', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });
  let base: Base[] | undefined;
  const bases = async () => (base ??= (await loadBase(DEFAULT_FACTRU_DIR, 5)).base);

  it('builds the same graph by import + one by one as by adding every article', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kg-bench-ingest-test-'));
    dirs.push(dir);
    const backend = sqliteBackend(dir);
    const log = () => {};
    const viaImport = await buildStore(backend, await bases(), 40, 'import', { kb: new KnowledgeBase(), inGraph: 0 }, log);
    expect(viaImport.row.imported).toBe(20);
    expect(viaImport.row.addedOneByOne).toBe(20);
    const dir2 = join(dir, 'add');
    const viaAdd = await buildStore(sqliteBackend(dir2), await bases(), 40, 'add', { kb: new KnowledgeBase(), inGraph: 0 }, log);
    const exported = async (spec: string) => {
      const store = await openStore(spec);
      try {
        return { file: serializeGraphFile(await store.exportFile()), counts: await store.counts(), text: (await store.listArticles()).length };
      } finally {
        await store.close();
      }
    };
    const a = await exported(viaImport.spec);
    const b = await exported(viaAdd.spec);
    expect(a.counts.articles).toBe(40);
    expect(a.file).toBe(b.file);
    // The imported articles have their texts, as `kg ingest` keeps them.
    const store = await openStore(viaImport.spec);
    try {
      const first = (await store.listArticles())[0]!;
      expect(await store.articleText(first.id)).toMatch(/Копия \d+\.\n$/);
    } finally {
      await store.close();
    }
  }, 120_000);

  it('times kg ingest as a child process, with its peak memory', async () => {
    const workdir = await mkdtemp(join(tmpdir(), 'kg-bench-ingest-test-'));
    dirs.push(workdir);
    const report = await benchIngest({ sizes: [8], repeats: 1, baseLimit: 4, bulkArticles: 6, workdir, keep: false });
    const [sqlite] = report.backends;
    expect(sqlite!.stores.map((s) => s.articles)).toEqual([8]);
    expect(sqlite!.command.map((c) => c.articles)).toEqual([0, 8]);
    for (const row of sqlite!.command) {
      expect(row.medianWallMs).toBeGreaterThan(0);
      expect(row.medianRssMB).toBeGreaterThan(20);
      expect(row.medianRssMB).toBeLessThan(2000);
    }
    expect(sqlite!.command[0]!.ratio).toBe(1);
    expect(formatBenchIngest(report)).toMatch(/kg ingest FILE --graph STORE/);
    // The bulk run: every new article added by one whole command.
    expect(sqlite!.bulk!.articles).toBe(6);
    for (const run of sqlite!.bulk!.runs) expect(run.articlesPerSecond).toBeGreaterThan(0);
    expect(formatBenchIngest(report)).toMatch(/Bulk: kg ingest DIR of 6 new articles/);
  }, 180_000);
});
