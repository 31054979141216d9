import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Extractor } from '../../src/extract/index';
import { ingestFiles } from '../../src/cli/ingest';
import { updateGraph } from '../../src/cli/graph-session';
import { parseGraphFileText } from '../../src/model/validate';
import { SEED_PATH, seedArticle, seedExtraction } from '../graph/fixtures';

/** The hand-made seed extraction, for the seed text only: the graph side is tested on known input. */
const fixtureExtractor: Extractor = {
  extract(text) {
    const seed = seedArticle();
    if (text !== seed.text) throw new Error('fixture extractor: unexpected text');
    return seedExtraction(seed);
  },
};

describe('ingestFiles', () => {
  it('adds an article once, then skips it without loading the extractor', async () => {
    const graphPath = join(await mkdtemp(join(tmpdir(), 'kg-ingest-')), 'graph.json');
    const first = await ingestFiles([SEED_PATH], { graphPath, extractor: fixtureExtractor });
    expect(first.added).toHaveLength(1);
    const bytes = await readFile(graphPath, 'utf8');
    const second = await ingestFiles([SEED_PATH], {
      graphPath,
      extractor: () => Promise.reject(new Error('the extractor must not be needed')),
    });
    expect(second.added).toHaveLength(0);
    expect(second.skipped).toEqual([{ id: first.added[0]!.id, file: expect.stringContaining('000_85c1dee59fd444ef.txt') }]);
    expect(await readFile(graphPath, 'utf8')).toBe(bytes);
  });

  it('keeps user merges through a rebuild', async () => {
    const graphPath = join(await mkdtemp(join(tmpdir(), 'kg-ingest-')), 'graph.json');
    await ingestFiles([SEED_PATH], { graphPath, extractor: fixtureExtractor });
    await updateGraph(graphPath, (kb) => {
      kb.mergeNodes('person:matkenov-tlegen', 'person:aitjanova-botagoz');
      return { changed: true, result: undefined };
    });
    const merged = await readFile(graphPath, 'utf8');
    const rebuilt = await ingestFiles([SEED_PATH], { graphPath, extractor: fixtureExtractor, rebuild: true });
    expect(rebuilt.added).toHaveLength(1);
    const file = parseGraphFileText(await readFile(graphPath, 'utf8'));
    expect(file.graph.nodes.map((n) => n.key)).not.toContain('person:aitjanova-botagoz');
    expect(file.overrides?.merges).toEqual([['person:matkenov-tlegen', 'person:aitjanova-botagoz']]);
    expect(await readFile(graphPath, 'utf8')).toBe(merged);
  });

  it('leaves the graph as it was when the extractor fails half-way', async () => {
    const graphPath = join(await mkdtemp(join(tmpdir(), 'kg-ingest-')), 'graph.json');
    await ingestFiles([SEED_PATH], { graphPath, extractor: fixtureExtractor });
    const bytes = await readFile(graphPath, 'utf8');
    const factru = new URL('../../../shared/datasets/factru-dev/book_100.txt', import.meta.url).pathname;
    const failing: Extractor = {
      extract() {
        throw new Error('extractor crashed');
      },
    };
    await expect(ingestFiles([factru], { graphPath, extractor: failing })).rejects.toThrow('extractor crashed');
    expect(await readFile(graphPath, 'utf8')).toBe(bytes);
  });
});
