/**
 * The graph is a function of the set of articles, not of the order they came in:
 * on all 122 factRuEval dev texts (real news, with many shared and ambiguous
 * names: США / Соединённые штаты / Америка, short surnames, acronyms), three
 * orders give the same graph-file bytes in memory, and the SQLite store gives them
 * too in a fourth order.
 */
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { KnowledgeBase } from '../../src/graph/knowledge-base';
import { serializeGraphFile } from '../../src/graph/serialize';
import { extractArticle, parseArticle } from '../../src/ingest';
import type { ParsedArticle } from '../../src/model/article';
import type { ExtractionResult } from '../../src/model/extraction';
import { loadExtractor } from '../../src/cli/extractor';
import { openStore } from '../../src/store/open';
import { seededRandom } from '../../src/util/random';
import { ROOT } from '../support/run-kg';

const FACTRU = join(ROOT, '..', 'shared', 'datasets', 'factru-dev');
let items: Array<{ article: ParsedArticle; extraction: ExtractionResult }>;

function shuffled<T>(list: readonly T[], seed: number): T[] {
  const random = seededRandom(seed);
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function build(order: typeof items): string {
  const kb = new KnowledgeBase();
  for (const { article, extraction } of order) kb.addArticle(article, extraction);
  return serializeGraphFile(kb.toFile());
}

beforeAll(async () => {
  const extractor = await loadExtractor({ english: false });
  const files = (await readdir(FACTRU)).filter((f) => f.endsWith('.txt')).sort();
  items = [];
  for (const file of files) {
    const article = parseArticle(await readFile(join(FACTRU, file), 'utf8'), { file });
    items.push({ article, extraction: extractArticle(extractor, article) });
  }
}, 180_000);

describe('the graph of the whole dev set', () => {
  it('is the same whatever the ingest order, in memory and in the store', async () => {
    expect(items).toHaveLength(122);
    const expected = build(items);
    expect(build([...items].reverse())).toBe(expected);
    expect(build(shuffled(items, 3))).toBe(expected);
    const store = await openStore(join(await mkdtemp(join(tmpdir(), 'kg-order-')), 'kg.sqlite'), { create: true });
    for (const { article, extraction } of shuffled(items, 4)) await store.addArticle(article, extraction);
    expect(serializeGraphFile(await store.exportFile())).toBe(expected);
    await store.close();
  }, 300_000);
});
