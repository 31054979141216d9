import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Extractor } from '../../src/extract/index';
import { ingestFiles } from '../../src/cli/ingest';
import { withStore } from '../../src/cli/graph-session';
import { serializeGraphFile } from '../../src/graph/serialize';
import { SEED_PATH, seedArticle, seedExtraction } from '../graph/fixtures';
import { loadExtractor } from '../../src/cli/extractor';
import { ROOT } from '../support/run-kg';

/** The hand-made seed extraction, for the seed text only: the graph side is tested on known input. */
const fixtureExtractor: Extractor = {
  extract(text) {
    const seed = seedArticle();
    if (text !== seed.text) throw new Error('fixture extractor: unexpected text');
    return seedExtraction(seed);
  },
};

const exported = (graph: string) => withStore(graph, { create: false }, async (store) => serializeGraphFile(await store.exportFile()));

describe('ingestFiles into a store', () => {
  it('adds an article once, then skips it without loading the extractor', async () => {
    const graph = join(await mkdtemp(join(tmpdir(), 'kg-ingest-')), 'kg.sqlite');
    const first = await ingestFiles([SEED_PATH], { graph, extractor: fixtureExtractor });
    expect(first.added).toHaveLength(1);
    const bytes = await exported(graph);
    const second = await ingestFiles([SEED_PATH], {
      graph,
      extractor: () => Promise.reject(new Error('the extractor must not be needed')),
    });
    expect(second.added).toHaveLength(0);
    expect(second.skipped).toEqual([{ id: first.added[0]!.id, file: expect.stringContaining('000_85c1dee59fd444ef.txt') }]);
    expect(await exported(graph)).toBe(bytes);
  });

  it('keeps user merges through a rebuild', async () => {
    const graph = join(await mkdtemp(join(tmpdir(), 'kg-ingest-')), 'kg.sqlite');
    await ingestFiles([SEED_PATH], { graph, extractor: fixtureExtractor });
    await withStore(graph, { create: false }, (store) => store.mergeNodes('organization:departament-po-protivodeistviu-narkoprestupnosti@kazahstan', 'organization:mvd@kazahstan'));
    const merged = await exported(graph);
    const rebuilt = await ingestFiles([SEED_PATH], { graph, extractor: fixtureExtractor, rebuild: true });
    expect(rebuilt.added).toHaveLength(1);
    const file = JSON.parse(await exported(graph)) as { graph: { nodes: Array<{ key: string }> }; overrides: unknown };
    expect(file.graph.nodes.map((n) => n.key)).not.toContain('organization:mvd@kazahstan');
    expect(file.overrides).toEqual({ merges: [['organization:departament-po-protivodeistviu-narkoprestupnosti@kazahstan', 'organization:mvd@kazahstan']], splits: [] });
    expect(await exported(graph)).toBe(merged);
  });

  it('leaves the store as it was when the extractor fails, and a failed rebuild changes nothing', async () => {
    const graph = join(await mkdtemp(join(tmpdir(), 'kg-ingest-')), 'kg.sqlite');
    await ingestFiles([SEED_PATH], { graph, extractor: fixtureExtractor });
    const bytes = await exported(graph);
    const factru = new URL('../../../shared/datasets/factru-dev/book_100.txt', import.meta.url).pathname;
    const failing: Extractor = {
      extract() {
        throw new Error('extractor crashed');
      },
    };
    await expect(ingestFiles([factru], { graph, extractor: failing })).rejects.toThrow('extractor crashed');
    expect(await exported(graph)).toBe(bytes);
    await expect(ingestFiles([SEED_PATH, factru], { graph, extractor: fixtureExtractor, rebuild: true })).rejects.toThrow('unexpected text');
    expect(await exported(graph)).toBe(bytes);
  });
});

describe('ingestFiles with extraction threads', () => {
  it('builds the same graph with two threads as in one, and a rebuild in threads too', async () => {
    const dir = join(ROOT, '..', 'shared', 'datasets', 'factru-dev');
    const files = (await readdir(dir)).filter((f) => f.endsWith('.txt')).sort().slice(0, 14).map((f) => join(dir, f));
    const tmp = await mkdtemp(join(tmpdir(), 'kg-ingest-threads-'));
    const one = join(tmp, 'one.sqlite');
    const two = join(tmp, 'two.sqlite');
    const extractor = () => loadExtractor({ english: false });
    const inThisThread = await ingestFiles(files, { graph: one, extractor, jobs: 1, batchSize: 5 });
    const inThreads = await ingestFiles(files, { graph: two, extractor, jobs: 2, batchSize: 5 });
    expect(inThreads.added.map((a) => a.id)).toEqual(inThisThread.added.map((a) => a.id));
    expect(await exported(two)).toBe(await exported(one));
    await ingestFiles(files, { graph: two, extractor, jobs: 2, rebuild: true });
    expect(await exported(two)).toBe(await exported(one));
  }, 180_000);
});
