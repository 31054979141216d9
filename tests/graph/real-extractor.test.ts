/**
 * The graph built through the real extractor (issue 4): an English article about
 * the seed's events links to the seed's nodes; exports do not depend on the order
 * articles were added in; adding one article to a loaded graph of 1,000+ articles
 * does the same work as adding it to a graph ten times smaller.
 *
 * Inputs: the seed, the English test articles (tests/fixtures/articles) and the
 * factRuEval dev texts (real news), read in place from the shared dataset.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Extractor } from '../../src/extract/index';
import type { ParsedArticle } from '../../src/model/article';
import type { ExtractionResult } from '../../src/model/extraction';
import { loadExtractor } from '../../src/cli/extractor';
import { KnowledgeBase } from '../../src/graph/knowledge-base';
import { serializeGraphFile } from '../../src/graph/serialize';
import { extractArticle, parseArticle } from '../../src/ingest';
import { readArticleFile } from '../../src/ingest/files';
import { parseGraphFileText } from '../../src/model/validate';

const ROOT = new URL('../..', import.meta.url).pathname;
const SEED = join(ROOT, 'graph-data', 'articles', '000_85c1dee59fd444ef.txt');
const FIXTURES = join(ROOT, 'tests', 'fixtures', 'articles');
const FACTRU = join(ROOT, '..', 'shared', 'datasets', 'factru-dev');

interface Extracted {
  article: ParsedArticle;
  extraction: ExtractionResult;
}

let extractor: Extractor;
let seed: Extracted;
let english: Extracted;
let almaty: Extracted;
let news: Extracted[];

async function extractFile(path: string): Promise<Extracted> {
  const article = await readArticleFile(path);
  return { article, extraction: extractArticle(extractor, article) };
}

beforeAll(async () => {
  extractor = await loadExtractor();
  seed = await extractFile(SEED);
  english = await extractFile(join(FIXTURES, 'en-kazakhstan-drug-gangs-dismantled.md'));
  almaty = await extractFile(join(FIXTURES, 'en-almaty-telegram-shop-raid.md'));
  const books = (await readdir(FACTRU)).filter((f) => /^book_\d+\.txt$/.test(f)).sort();
  news = [];
  for (const book of books) {
    const article = parseArticle(await readFile(join(FACTRU, book)), { file: book });
    news.push({ article, extraction: extractArticle(extractor, article) });
  }
}, 600_000);

function build(items: readonly Extracted[]): KnowledgeBase {
  const kb = new KnowledgeBase();
  for (const { article, extraction } of items) kb.addArticle(article, extraction);
  return kb;
}

/** Saved and loaded again, as `kg ingest` finds the graph on its next run. */
const reload = (kb: KnowledgeBase) => KnowledgeBase.fromFile(parseGraphFileText(serializeGraphFile(kb.toFile()), 'test graph'));

describe('an English article about the seed events', () => {
  it('links to the same nodes as the Russian seed', () => {
    const kb = build([seed, english]);
    kb.flush();
    const both = (id: string) => {
      expect(kb.graph.hasNode(id), `${id} exists`).toBe(true);
      expect(kb.graph.getNodeAttribute(id, 'articles')).toEqual([seed.article.id, english.article.id].sort());
    };
    both('person:matkenov-tlegen');
    both('person:jomart-kasim-tokaev');
    both('organization:mvd@kazakhstan');
    both('organization:mvd@russia');
    both('drug:heroin');
    both('channel:telegram');
    both('location:kazakhstan');
    // One node per entity, whatever the script: no second Matkenov, Tokayev, heroin or Telegram.
    const ids = kb.nodeIds();
    expect(ids.filter((id) => id.startsWith('person:') && /matkenov/.test(id))).toEqual(['person:matkenov-tlegen']);
    expect(ids.filter((id) => id.startsWith('person:') && /tokaev/.test(id))).toEqual(['person:jomart-kasim-tokaev']);
    expect(ids.filter((id) => /heroin|geroin/.test(id))).toEqual(['drug:heroin']);
    expect(ids.filter((id) => /telegram/.test(id))).toEqual(['channel:telegram']);
    // Kazakhstan's ministry and Russia's stay two nodes.
    const aliases = (id: string) => kb.graph.getNodeAttribute(id, 'aliases');
    expect(aliases('organization:mvd@kazakhstan')).toEqual(expect.arrayContaining(['МВД', 'Interior Ministry of Kazakhstan']));
    expect(aliases('organization:mvd@russia')).toEqual(expect.arrayContaining(['МВД России', 'Interior Ministry of Russia']));
    expect(aliases('person:matkenov-tlegen')).toEqual(expect.arrayContaining(['Тлеген Маткенов', 'Tlegen Matkenov']));
    expect(aliases('person:jomart-kasim-tokaev')).toEqual(expect.arrayContaining(['Касым-Жомарт Токаев', 'Kassym-Jomart Tokayev']));
  }, 60_000);
});

describe('exports', () => {
  it('are the same bytes whatever the order the articles were added in', () => {
    const set = [seed, english, almaty, ...news.slice(0, 15)];
    const forward = serializeGraphFile(build(set).toFile());
    const backward = serializeGraphFile(build([...set].reverse()).toFile());
    // Interleaved, with a save and reload in the middle (a second `kg ingest` run).
    const odd = set.filter((_, i) => i % 2 === 1);
    const even = set.filter((_, i) => i % 2 === 0);
    const first = build(odd);
    const resumed = reload(first);
    for (const { article, extraction } of [...even].reverse()) resumed.addArticle(article, extraction);
    const interleaved = serializeGraphFile(resumed.toFile());
    expect(parseGraphFileText(forward).articles).toHaveLength(set.length);
    expect(backward).toBe(forward);
    expect(interleaved).toBe(forward);
  }, 120_000);
});

describe('adding one article to a loaded graph of 1,000+ articles', () => {
  it('touches only that article: the same work as on a graph ten times smaller', () => {
    // The real news texts, and nine copies of them under new ids (as kg bench-ingest does).
    const replica = (copy: number) => news.map(({ article, extraction }) => ({ article: { ...article, id: `${article.id}r${copy}` }, extraction }));
    const small = reload(build(news));
    const large = reload(build(Array.from({ length: 9 }, (_, copy) => replica(copy)).flat()));
    expect(large.articleCount).toBeGreaterThanOrEqual(1_000);
    expect(large.articleCount).toBe(small.articleCount * 9);

    small.addArticle(seed.article, seed.extraction);
    large.addArticle(seed.article, seed.extraction);
    const a = small.lastAddWork;
    const b = large.lastAddWork;
    expect(b).toEqual(a);
    // What it touched is the article's own entities and relations, not the graph.
    const entities = new Set(seed.extraction.entities.filter((m) => !['MONEY', 'QUANTITY', 'DATE'].includes(m.type)).map((m) => m.entity)).size;
    expect(b.nodesTouched).toBeLessThanOrEqual(entities);
    expect(b.nodesTouched).toBeGreaterThan(0);
    expect(b.edgesTouched).toBeGreaterThan(0);
    expect(b.candidatesVisited).toBeGreaterThan(0);
    expect(b.nodesTouched + b.edgesTouched).toBeLessThan((large.graph.order + large.graph.size) / 10);
  }, 300_000);
});
